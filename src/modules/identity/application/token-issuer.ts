import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AccessTokenClaims } from '@ocop/auth';
import { Clock } from '@ocop/clock';
import { Tx } from '@ocop/persistence';
import { APP_CONFIG, AppConfig } from '../../../config';
import { User } from '../domain/user';
import { RefreshTokenRepository } from '../persistence/refresh-token.repository';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Short-lived signed access tokens and opaque refresh tokens. Only the SHA-256 of a refresh token is
 * stored; all tokens of one sign-in share a family, named in the access tokens too (`sid`), so a
 * reused refresh token can revoke them all together.
 */
@Injectable()
export class TokenIssuer {
  constructor(
    private readonly jwt: JwtService,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(tx: Tx, user: User, familyId: string = randomUUID()): Promise<TokenPair> {
    const claims: AccessTokenClaims = {
      sub: user.id,
      role: user.role,
      org: user.organizationId,
      sid: familyId,
    };
    const accessToken = await this.jwt.signAsync(claims, { jwtid: randomUUID() });
    const refreshToken = randomBytes(32).toString('base64url');
    await this.refreshTokens.insert(tx, {
      userId: user.id,
      familyId,
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: new Date(this.clock.now().getTime() + this.config.refreshTokenTtlSeconds * 1000),
    });
    return { accessToken, refreshToken, expiresIn: this.config.accessTokenTtlSeconds };
  }
}
