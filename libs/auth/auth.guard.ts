import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { CommonErrors } from '@ocop/errors';
import { AccessTokenClaims, Actor, Role } from './actor';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './decorators';

interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
}

/**
 * Global guard: every route needs a valid access token unless marked @Public(), and @Roles() narrows
 * who may call it. Object-level checks (is this the caller's organization?) stay in the services.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) ?? false;
    const roles = this.reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, targets) ?? [];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);

    if (token) {
      request.actor = await this.verify(token);
    } else if (!isPublic) {
      throw CommonErrors.UNAUTHENTICATED();
    }
    if (roles.length > 0) {
      if (!request.actor) throw CommonErrors.UNAUTHENTICATED();
      if (!roles.includes(request.actor.role)) throw CommonErrors.FORBIDDEN();
    }
    return true;
  }

  private async verify(token: string): Promise<Actor> {
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
      return { userId: claims.sub, role: claims.role, organizationId: claims.org };
    } catch {
      throw CommonErrors.UNAUTHENTICATED();
    }
  }
}

function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(value);
  if (!match) throw CommonErrors.UNAUTHENTICATED();
  return match[1];
}
