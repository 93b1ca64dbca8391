import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { CommonErrors } from '@ocop/errors';
import { AccessTokenClaims, Actor, Role } from './actor';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './decorators';

/** The claims we sign, and the expiry the JWT library adds (seconds since the epoch). */
type VerifiedClaims = AccessTokenClaims & { exp?: number };

/** How many verified tokens are remembered; past this, the oldest is forgotten first. */
const REMEMBERED_TOKENS_MAX = 10_000;

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
  /**
   * Access tokens are stateless and a client sends the same one with every request: once its
   * signature and claims have been checked, only its expiry can change the answer.
   */
  private readonly verified = new Map<string, { actor: Actor; expiresAtMs: number }>();

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
    const known = this.verified.get(token);
    // The same test as the JWT library's: a token is expired from the second its `exp` names.
    if (known && Date.now() < known.expiresAtMs) return known.actor;
    if (known) this.verified.delete(token);
    let claims: VerifiedClaims;
    try {
      claims = await this.jwt.verifyAsync<VerifiedClaims>(token, {
        algorithms: ['HS256'],
      });
    } catch {
      throw CommonErrors.UNAUTHENTICATED();
    }
    const actor: Actor = Object.freeze({ userId: claims.sub, role: claims.role, organizationId: claims.org });
    if (claims.exp !== undefined) this.remember(token, actor, claims.exp * 1000);
    return actor;
  }

  private remember(token: string, actor: Actor, expiresAtMs: number): void {
    if (this.verified.size >= REMEMBERED_TOKENS_MAX) {
      this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(token, { actor, expiresAtMs });
  }
}

function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(value);
  if (!match) throw CommonErrors.UNAUTHENTICATED();
  return match[1];
}
