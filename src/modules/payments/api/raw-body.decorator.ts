import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The exact bytes of the request body, as signature checks need them (kept by the JSON parser). */
export const RawBody = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Buffer | undefined =>
    context.switchToHttp().getRequest<{ rawBody?: Buffer }>().rawBody,
);
