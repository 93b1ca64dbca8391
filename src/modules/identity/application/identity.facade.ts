import { Injectable } from '@nestjs/common';
import { Tx, UnitOfWork } from '@ocop/persistence';
import { OrganizationInput, OrganizationRole, OrganizationsFacade } from '../../organizations';
import { IdentityErrors } from '../domain/identity.errors';
import { Member, UserRepository } from '../persistence/user.repository';
import { PasswordHasher } from './password-hasher';

/** What other modules (notifications, the CLI) may ask of identity. */
@Injectable()
export class IdentityFacade {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly organizations: OrganizationsFacade,
  ) {}

  /**
   * A user with a new organization, unless the email exists (then the existing ids are returned):
   * how seeds and imports enrol people without going through HTTP.
   */
  async ensureMember(input: {
    email: string;
    password: string;
    fullName: string;
    role: OrganizationRole;
    organization: OrganizationInput;
  }): Promise<{ userId: string; organizationId: string; created: boolean }> {
    const passwordHash = await this.hasher.hash(input.password);
    return this.uow.run(async (tx) => {
      const existing = await this.users.findByEmail(tx, input.email);
      if (existing) return { userId: existing.id, organizationId: existing.organizationId!, created: false };
      const organization = await this.organizations.create(tx, input.role, input.organization);
      const user = await this.users.insert(tx, {
        email: input.email,
        passwordHash,
        fullName: input.fullName,
        role: input.role,
        organizationId: organization.id,
        locale: 'vi',
      });
      return { userId: user!.id, organizationId: organization.id, created: true };
    });
  }

  membersOf(tx: Tx, organizationIds: string[]): Promise<Member[]> {
    return this.users.membersOf(tx, organizationIds);
  }

  admins(tx: Tx): Promise<Member[]> {
    return this.users.admins(tx);
  }

  /** Creates the administrator unless it exists; an existing administrator is kept as it is. */
  async ensureAdmin(
    email: string,
    password: string,
    fullName = 'Văn phòng OCOP tỉnh',
  ): Promise<'created' | 'kept'> {
    const passwordHash = await this.hasher.hash(password);
    return this.uow.run(async (tx) => {
      const kept = async () => {
        const existing = await this.users.findByEmail(tx, email);
        if (existing && existing.role !== 'admin') throw IdentityErrors.ADMIN_EMAIL_TAKEN({ email });
        return existing ? ('kept' as const) : undefined;
      };
      const found = await kept();
      if (found) return found;
      const created = await this.users.insert(tx, {
        email,
        passwordHash,
        fullName,
        role: 'admin',
        organizationId: null,
        locale: 'vi',
      });
      if (created) return 'created';
      // Replicas started together all get past the first look; the others' inserts do nothing, and
      // the row one of them committed (READ COMMITTED: visible to this next statement) decides.
      return (await kept()) ?? 'kept';
    });
  }
}
