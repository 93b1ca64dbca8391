import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { localeFrom, renderError } from '@ocop/errors';

/** The single place where errors become HTTP answers (RFC 9457), for Nest and for Fastify alike. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}

export function sendProblem(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: Logger,
): void {
  const locale = localeFrom(request.headers['accept-language']);
  const rendered = renderError(error, locale, request.url.split('?')[0]);
  if (rendered.unexpected) {
    logger.error({ err: error, requestId: request.id }, 'unexpected error');
  }
  if (rendered.status === 429 && typeof rendered.problem.retryAfterSeconds === 'number') {
    void reply.header('Retry-After', String(rendered.problem.retryAfterSeconds));
  }
  void reply
    .status(rendered.status)
    .header('Content-Type', 'application/problem+json; charset=utf-8')
    .header('Content-Language', locale)
    .send(JSON.stringify(rendered.problem));
}
