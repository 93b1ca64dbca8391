import { Injectable } from '@nestjs/common';
import { Actor, assertCanRead } from '@ocop/auth';
import { CommonErrors } from '@ocop/errors';
import { decodeCursor, Page, PageQueryDto, pageOf } from '@ocop/pagination';
import { UnitOfWork } from '@ocop/persistence';
import { OrganizationsFacade, toOrganizationView } from '../../organizations';
import { RegisterDto } from '../api/dto/register.dto';
import { MemberView, RegistrationView, SessionView, toUserView, UserView } from '../api/user.view';
import { IdentityErrors } from '../domain/identity.errors';
import { Locale } from '../domain/user';
import { RefreshTokenRepository } from '../persistence/refresh-token.repository';
import { UserRepository } from '../persistence/user.repository';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { SessionRevocations } from './session-revocations';
import { hashRefreshToken, TokenIssuer } from './token-issuer';

@Injectable()
export class IdentityService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly organizations: OrganizationsFacade,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenIssuer,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionRevocations,
  ) {}

  /** A new user together with the new (pending) organization they represent. */
  async register(input: RegisterDto): Promise<RegistrationView> {
    const passwordHash = await this.hasher.hash(input.password);
    return this.uow.run(async (tx) => {
      if (await this.users.findByEmail(tx, input.email)) throw IdentityErrors.EMAIL_TAKEN();
      const organization = await this.organizations.create(tx, input.role, input.organization);
      const user = await this.users.insert(tx, {
        email: input.email,
        passwordHash,
        fullName: input.fullName,
        role: input.role,
        organizationId: organization.id,
        locale: input.locale ?? 'vi',
      });
      if (!user) throw IdentityErrors.EMAIL_TAKEN();
      const tokens = await this.tokens.issue(tx, user);
      return { ...tokens, user: toUserView(user), organization: toOrganizationView(organization) };
    });
  }

  async login(email: string, password: string, ip: string): Promise<SessionView> {
    await this.throttle.assertAllowed(email, ip);
    const user = await this.uow.run((tx) => this.users.findByEmail(tx, email));
    if (!(await this.hasher.verify(user?.passwordHash, password)) || !user) {
      await this.throttle.recordFailure(email, ip);
      throw IdentityErrors.INVALID_CREDENTIALS();
    }
    await this.throttle.recordSuccess(email, ip);
    return this.uow.run(async (tx) => {
      await this.users.touchLogin(tx, user.id);
      return { ...(await this.tokens.issue(tx, user)), user: toUserView(user) };
    });
  }

  /**
   * Rotates a refresh token. Presenting one that was already used means it leaked: the whole
   * family, access tokens included, is revoked (committed) before the caller gets its 401.
   */
  async refresh(refreshToken: string): Promise<SessionView> {
    const outcome = await this.uow.run(async (tx) => {
      const stored = await this.refreshTokens.lockByHash(tx, hashRefreshToken(refreshToken));
      if (!stored || stored.family_revoked || stored.expires_at.getTime() <= Date.now())
        return { error: 'invalid' } as const;
      if (stored.used_at) {
        await this.sessions.revoke(tx, stored.family_id);
        return { error: 'reused' } as const;
      }
      const user = await this.users.findById(tx, stored.user_id);
      if (!user) return { error: 'invalid' } as const;
      await this.refreshTokens.markUsed(tx, stored.id);
      return {
        session: { ...(await this.tokens.issue(tx, user, stored.family_id)), user: toUserView(user) },
      };
    });
    if ('error' in outcome) {
      throw outcome.error === 'reused'
        ? IdentityErrors.REFRESH_TOKEN_REUSED()
        : IdentityErrors.INVALID_REFRESH_TOKEN();
    }
    return outcome.session;
  }

  me(actor: Actor): Promise<UserView> {
    return this.uow.run(async (tx) => {
      const user = await this.users.findById(tx, actor.userId);
      if (!user) throw CommonErrors.UNAUTHENTICATED();
      return toUserView(user);
    });
  }

  updateMe(actor: Actor, changes: { fullName?: string; locale?: Locale }): Promise<UserView> {
    return this.uow.run(async (tx) => toUserView(await this.users.updateProfile(tx, actor.userId, changes)));
  }

  members(actor: Actor, organizationId: string, query: PageQueryDto): Promise<Page<MemberView>> {
    assertCanRead(actor, organizationId);
    const position = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    return this.uow.run(async (tx) => {
      const rows = await this.users.memberPage(
        tx,
        organizationId,
        position && { createdAt: position[0], id: position[1] },
        query.limit + 1,
      );
      return pageOf(
        rows,
        query.limit,
        (m) => ({ id: m.userId, email: m.email, fullName: m.fullName, role: m.role }),
        (m) => [m.cursorKey, m.userId],
      );
    });
  }
}
