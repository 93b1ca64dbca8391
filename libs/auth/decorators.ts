import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { CommonErrors } from '@ocop/errors';
import { Actor, Role } from './actor';

export const PUBLIC_ROUTE = 'ocop:public';
export const REQUIRED_ROLES = 'ocop:roles';

/** The route answers anonymous callers; a valid token, if sent, still identifies the caller. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only callers with one of these roles may use the route (403 otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

interface RequestWithActor {
  actor?: Actor;
}

/** The authenticated caller; throws 401 if the route was public and nobody signed in. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw CommonErrors.UNAUTHENTICATED();
  return actor;
});

/** The caller if signed in, else undefined (for public routes that show more to members). */
export const OptionalActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor | undefined =>
    context.switchToHttp().getRequest<RequestWithActor>().actor,
);
