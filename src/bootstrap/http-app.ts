import { randomUUID } from 'node:crypto';
import { IncomingMessage, STATUS_CODES, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { INestApplication, Logger, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  DocumentBuilder,
  OpenAPIObject,
  ReferenceObject,
  RequestBodyObject,
  SchemaObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { Logger as PinoLogger } from 'nestjs-pino';
import secureJson from 'secure-json-parse';
import { CommonErrors, DomainError, localeFrom, toProblem } from '@ocop/errors';
import { fieldsHoldingNul, normalizeDeep } from '@ocop/text';
import { AppConfig } from '../config';
import { ProblemDetailsFilter, sendProblem } from './problem-details.filter';
import { createValidationPipe } from './validation';

export const API_PREFIX = 'api/v1';
export const BODY_LIMIT_BYTES = 1024 * 1024;
/** secure-json-parse's message for `__proto__` or `constructor.prototype` keys. */
const FORBIDDEN_PROTOTYPE_KEY = 'Object contains forbidden prototype property';
const HEALTH_UNDER_PREFIX = `/${API_PREFIX}/health/`;
const REQUEST_ID = /^[\w.:-]{1,128}$/;
// Stateless between calls (no `stream` option), so one decoder serves every request.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

declare module 'fastify' {
  interface FastifyRequest {
    /** The exact bytes received, for signature checks (Stripe and bank webhooks). */
    rawBody?: Buffer;
  }
}

/** A request id from `X-Request-Id` when it looks sane, else a fresh one. */
export function requestIdOf(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

/** Builds the HTTP application exactly as production runs it; the e2e tests use the same function. */
export async function createHttpApp(appModule: unknown, config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: requestIdOf,
    requestIdHeader: false,
    trustProxy: true,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    // Probes live at the root, where orchestrators look; clients that put the base path before every
    // route of the contract reach them there too.
    rewriteUrl: (request: IncomingMessage) => {
      const url = request.url ?? '/';
      return url.startsWith(HEALTH_UNDER_PREFIX) ? url.slice(API_PREFIX.length + 1) : url;
    },
    // What the router refuses before any route runs (a bad URL, an over-long path parameter) still
    // answers a problem document, and never echoes the path back.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      sendProblem(error, request, reply, ROUTER_LOGGER),
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(appModule as never, adapter, {
    bufferLogs: true,
    abortOnError: false,
    // Our own JSON parser (below) keeps the raw bytes, refuses invalid UTF-8 and normalizes text.
    bodyParser: false,
  });
  app.useLogger(app.get(PinoLogger));
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  configureFastify(fastify);
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  setUpOpenApi(app, config);
  return app;
}

/**
 * Helmet's headers, worked out once: they depend on nothing in the request, and applying helmet's
 * middleware (or @fastify/helmet, which also rebuilds it) on every request cost more than a lookup.
 */
const SECURITY_HEADERS = headersSetBy(
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:', 'validator.swagger.io'],
        scriptSrc: [`'self'`, `'unsafe-inline'`],
      },
    },
  }),
);

function headersSetBy(
  middleware: (request: IncomingMessage, response: ServerResponse, next: () => void) => void,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number) => (headers[name] = String(value)),
    removeHeader: (name: string) => delete headers[name],
  };
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return headers;
}

const ROUTER_LOGGER = new Logger('Errors');

/**
 * Requests Node's HTTP parser refuses (raw non-ASCII in the URL, oversized headers, a stalled
 * sender) never reach Fastify's routing; they are answered on the socket, still as problem details.
 */
function answerClientError(error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // The request was never parsed; its Accept-Language, if it got that far, is in the raw bytes
  // (a Buffer at run time, whatever Fastify's type says).
  const raw: unknown = error.rawPacket;
  const head = Buffer.isBuffer(raw) ? raw.toString('latin1') : '';
  const acceptLanguage = /\r\naccept-language:([^\r\n]*)/i.exec(head);
  const locale = localeFrom(acceptLanguage?.[1]);
  const [status, problem]: [number, DomainError] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, CommonErrors.REQUEST_TIMEOUT()]
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, CommonErrors.HEADERS_TOO_LARGE()]
        : [400, CommonErrors.MALFORMED_REQUEST()];
  const body = JSON.stringify(toProblem(problem, locale, status));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Language: ${locale}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** Query parameters holding U+0000 (`%00`), which no PostgreSQL text parameter can carry. */
function queryFieldsHoldingNul(request: FastifyRequest): string[] {
  const fields = fieldsHoldingNul(request.query);
  return fields.length > 0 ? fields : ['path'];
}

function nulCharacterIn(fields: string[]): DomainError {
  return CommonErrors.VALIDATION_FAILED(
    {},
    fields.map((field) => ({ field, message: 'must not contain the NUL character (U+0000)' })),
  );
}

function configureFastify(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(SECURITY_HEADERS).header('X-Request-Id', request.id);
    if (request.url.includes('%00')) {
      return sendProblem(nulCharacterIn(queryFieldsHoldingNul(request)), request, reply, ROUTER_LOGGER);
    }
    done();
  });
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES },
    (request: FastifyRequest, body: Buffer, done: (error: Error | null, value?: unknown) => void) => {
      request.rawBody = body;
      if (body.length === 0) return done(null, undefined);
      let text: string;
      try {
        text = STRICT_UTF8.decode(body);
      } catch {
        return done(CommonErrors.MALFORMED_JSON());
      }
      let value: unknown;
      try {
        value = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
      } catch (error) {
        // Valid JSON, but a key that could reach an object's prototype: refused like any unknown field.
        if ((error as Error).message === FORBIDDEN_PROTOTYPE_KEY) {
          return done(
            CommonErrors.VALIDATION_FAILED({}, [
              { field: 'body', message: 'keys __proto__ and constructor.prototype are not allowed' },
            ]),
          );
        }
        return done(CommonErrors.MALFORMED_JSON());
      }
      // Every JSON route takes an object (or an array of them); a bare string would otherwise reach
      // the validation pipe looking like a text/plain body and be answered 415.
      if (typeof value === 'string') {
        return done(
          CommonErrors.VALIDATION_FAILED({}, [{ field: 'body', message: 'must be a JSON object' }]),
        );
      }
      // PostgreSQL text cannot hold U+0000; JSON can only carry it escaped, so the walk is rarely needed.
      const withNul = text.includes('\\u0000') ? fieldsHoldingNul(value) : [];
      if (withNul.length > 0) return done(nulCharacterIn(withNul));
      done(null, normalizeDeep(value));
    },
  );
  fastify.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES },
    (request: FastifyRequest, body: Buffer, done: (error: Error | null, value?: unknown) => void) => {
      request.rawBody = body;
      try {
        done(null, STRICT_UTF8.decode(body).normalize('NFC'));
      } catch {
        done(CommonErrors.VALIDATION_FAILED({}, [{ field: 'body', message: 'not valid UTF-8' }]));
      }
    },
  );
}

function setUpOpenApi(app: INestApplication, config: AppConfig): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('OCOP market-linkage API')
      .setDescription(
        'Kết nối thị trường cho sản phẩm OCOP: hợp tác xã, chuỗi siêu thị, hội chợ và văn phòng OCOP tỉnh. ' +
          'Errors are RFC 9457 problem documents with a stable `code`; messages follow Accept-Language (vi, en).',
      )
      .setVersion('1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addServer(`http://localhost:${config.port}`)
      .build(),
  );
  describeCommonAnswers(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
}

/**
 * What decorators cannot say per route: a body whose schema requires nothing may be left out (Nest
 * marks every `@Body()` required), and every route that takes input can answer 400.
 */
function describeCommonAnswers(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  for (const operations of Object.values(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = operations[method];
      if (!operation) continue;
      const body = operation.requestBody as RequestBodyObject | undefined;
      const schema = body?.content['application/json']?.schema as ReferenceObject | SchemaObject | undefined;
      const resolved = schema && '$ref' in schema ? schemas[schema.$ref.split('/').pop()!] : schema;
      if (body && resolved && !('$ref' in resolved) && !resolved.required?.length) body.required = false;
      if ((body || operation.parameters?.length) && !operation.responses['400']) {
        operation.responses['400'] = {
          description: 'VALIDATION_FAILED (problem details; `errors[]` names every bad field)',
        };
      }
    }
  }
}
