import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { CommonErrors } from '@ocop/errors';
import { AccessTokenClaims, Actor, Role } from './actor';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './decorators';
import { RevokedSessions } from './revoked-sessions';

/** The claims we sign, and the expiry the JWT library adds (seconds since the epoch). */
type VerifiedClaims = AccessTokenClaims & { exp?: number };

/** How many verified tokens are remembered; past this, the oldest is forgotten first. */
const REMEMBERED_TOKENS_MAX = 10_000;

interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
}

interface VerifiedToken {
  actor: Actor;
  sessionId: string | undefined;
  expiresAtMs: number;
}

/**
 * Global guard: every route needs a valid access token unless marked @Public(), and @Roles() narrows
 * who may call it. Object-level checks (is this the caller's organization?) stay in the services.
 * A token of a revoked sign-in is refused from the moment this process knows of the revocation
 * (`RevokedSessions`, kept up to date by the identity module), without a lookup per request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /**
   * Access tokens are stateless and a client sends the same one with every request: once its
   * signature and claims have been checked, only its expiry and its sign-in's revocation can change
   * the answer.
   */
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    private readonly revoked: RevokedSessions,
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
    const now = Date.now();
    let known = this.verified.get(token);
    // The same test as the JWT library's: a token is expired from the second its `exp` names.
    if (known && now >= known.expiresAtMs) {
      this.verified.delete(token);
      known = undefined;
    }
    known ??= await this.verifySignature(token);
    if (known.sessionId !== undefined && this.revoked.isRevoked(known.sessionId, now)) {
      throw CommonErrors.UNAUTHENTICATED();
    }
    return known.actor;
  }

  private async verifySignature(token: string): Promise<VerifiedToken> {
    let claims: VerifiedClaims;
    try {
      claims = await this.jwt.verifyAsync<VerifiedClaims>(token, {
        algorithms: ['HS256'],
      });
    } catch {
      throw CommonErrors.UNAUTHENTICATED();
    }
    const verified: VerifiedToken = {
      actor: Object.freeze({ userId: claims.sub, role: claims.role, organizationId: claims.org }),
      sessionId: claims.sid,
      expiresAtMs: claims.exp === undefined ? Infinity : claims.exp * 1000,
    };
    if (claims.exp !== undefined) this.remember(token, verified);
    return verified;
  }

  private remember(token: string, verified: VerifiedToken): void {
    if (this.verified.size >= REMEMBERED_TOKENS_MAX) {
      this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(token, verified);
  }
}

function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(value);
  if (!match) throw CommonErrors.UNAUTHENTICATED();
  return match[1];
}
