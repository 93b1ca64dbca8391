import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { Logger as PinoLogger } from 'nestjs-pino';
import secureJson from 'secure-json-parse';
import { CommonErrors } from '@ocop/errors';
import { normalizeDeep } from '@ocop/text';
import { AppConfig } from '../config';
import { ProblemDetailsFilter } from './problem-details.filter';
import { createValidationPipe } from './validation';

export const API_PREFIX = 'api/v1';
export const BODY_LIMIT_BYTES = 1024 * 1024;
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

function configureFastify(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(SECURITY_HEADERS).header('X-Request-Id', request.id);
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
      try {
        done(
          null,
          normalizeDeep(
            secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }),
          ),
        );
      } catch {
        done(CommonErrors.MALFORMED_JSON());
      }
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
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
}
