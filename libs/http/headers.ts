import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeaderOptions } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';

/**
 * A request header's value. Unlike `@Headers(name)`, it adds nothing to the OpenAPI document, where
 * `@Headers` would declare the header required under its lower-case name beside the `@ApiHeader`
 * that documents it.
 */
export const HeaderValue = createParamDecorator((name: string, context: ExecutionContext) => {
  const value = context.switchToHttp().getRequest<FastifyRequest>().headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
});

export const IDEMPOTENCY_KEY_HEADER: ApiHeaderOptions = {
  name: 'Idempotency-Key',
  required: false,
  description:
    '1–255 characters, kept ≥ 24 h. The same key with the same body answers the first answer again, ' +
    'refusals included (a 409 stays a 409); with another body 422 IDEMPOTENCY_KEY_REUSED. A body refused ' +
    'by validation (400) leaves the key unused.',
};
