import { Injectable } from '@nestjs/common';
import { Role } from '@ocop/auth';
import { Tx } from '@ocop/persistence';
import { Locale, User } from '../domain/user';

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  full_name: string;
  role: Role;
  organization_id: string | null;
  locale: Locale;
  created_at: Date;
}

const COLUMNS = 'id, email, password_hash, full_name, role, organization_id, locale, created_at';

function toMember(row: UserRow): Member {
  return {
    userId: row.id,
    organizationId: row.organization_id!,
    email: row.email,
    fullName: row.full_name,
    role: row.role,
    locale: row.locale,
  };
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    fullName: row.full_name,
    role: row.role,
    organizationId: row.organization_id,
    locale: row.locale,
    createdAt: row.created_at,
  };
}

export interface NewUser {
  email: string;
  passwordHash: string;
  fullName: string;
  role: Role;
  organizationId: string | null;
  locale: Locale;
}

export interface Member {
  userId: string;
  organizationId: string;
  email: string;
  fullName: string;
  role: Role;
  locale: Locale;
}

@Injectable()
export class UserRepository {
  /** Inserts unless the email (case-insensitive) exists; undefined means it was taken. */
  async insert(tx: Tx, user: NewUser): Promise<User | undefined> {
    const row = await tx.one<UserRow>(
      `INSERT INTO users (email, password_hash, full_name, role, organization_id, locale)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING RETURNING ${COLUMNS}`,
      [user.email, user.passwordHash, user.fullName, user.role, user.organizationId, user.locale],
    );
    return row && toUser(row);
  }

  async findByEmail(tx: Tx, email: string): Promise<User | undefined> {
    const row = await tx.one<UserRow>(`SELECT ${COLUMNS} FROM users WHERE email = $1`, [email]);
    return row && toUser(row);
  }

  async findById(tx: Tx, id: string): Promise<User | undefined> {
    const row = await tx.one<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return row && toUser(row);
  }

  async touchLogin(tx: Tx, id: string): Promise<void> {
    await tx.query(`UPDATE users SET last_login_at = now() WHERE id = $1`, [id]);
  }

  async updateProfile(tx: Tx, id: string, changes: { fullName?: string; locale?: Locale }): Promise<User> {
    const row = await tx.one<UserRow>(
      `UPDATE users SET full_name = coalesce($2, full_name), locale = coalesce($3, locale)
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, changes.fullName ?? null, changes.locale ?? null],
    );
    return toUser(row!);
  }

  async membersOf(tx: Tx, organizationIds: string[]): Promise<Member[]> {
    const rows = await tx.query<UserRow>(
      `SELECT ${COLUMNS} FROM users WHERE organization_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [organizationIds],
    );
    return rows.map(toMember);
  }

  /** One page of an organization's members, oldest first, after the (created_at text, id) position. */
  async memberPage(
    tx: Tx,
    organizationId: string,
    after: { createdAt: string; id: string } | undefined,
    limit: number,
  ): Promise<Array<Member & { cursorKey: string }>> {
    const rows = await tx.query<UserRow & { cursor_key: string }>(
      `SELECT ${COLUMNS}, created_at::text AS cursor_key
         FROM users
        WHERE organization_id = $1
          AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY created_at, id
        LIMIT $4`,
      [organizationId, after?.createdAt ?? null, after?.id ?? null, limit],
    );
    return rows.map((row) => ({ ...toMember(row), cursorKey: row.cursor_key }));
  }

  async admins(tx: Tx): Promise<Member[]> {
    const rows = await tx.query<UserRow>(
      `SELECT ${COLUMNS} FROM users WHERE role = 'admin' ORDER BY created_at`,
    );
    // Administrators belong to no organization.
    return rows.map((row) => ({ ...toMember(row), organizationId: '' }));
  }
}
