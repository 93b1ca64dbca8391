import { Injectable } from '@nestjs/common';
import { prepared, Tx } from '@ocop/persistence';
import { Organization, OrganizationKind, OrganizationRole, OrganizationStatus } from '../domain/organization';

interface OrganizationRow {
  id: string;
  name: string;
  role: OrganizationRole;
  kind: OrganizationKind;
  status: OrganizationStatus;
  tax_code: string | null;
  commune_code: string | null;
  province_code: string | null;
  address: string | null;
  phone: string | null;
  payment_terms_days: number;
  verified_at: Date | null;
  created_at: Date;
}

const COLUMNS = `id, name, role, kind, status, tax_code, commune_code, province_code, address, phone,
                 payment_terms_days, verified_at, created_at`;

// Read on every order placement.
const FIND_BY_ID = prepared('organizations.find-by-id', `SELECT ${COLUMNS} FROM organizations WHERE id = $1`);

function toOrganization(row: OrganizationRow): Organization {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    kind: row.kind,
    status: row.status,
    taxCode: row.tax_code,
    communeCode: row.commune_code,
    provinceCode: row.province_code,
    address: row.address,
    phone: row.phone,
    paymentTermsDays: row.payment_terms_days,
    verifiedAt: row.verified_at,
    createdAt: row.created_at,
  };
}

export interface NewOrganization {
  name: string;
  role: OrganizationRole;
  kind: OrganizationKind;
  taxCode?: string;
  communeCode?: string;
  provinceCode?: string;
  address?: string;
  phone?: string;
}

export interface OrganizationFilter {
  status?: OrganizationStatus;
  role?: OrganizationRole;
  after?: { createdAt: string; id: string };
  limit: number;
}

@Injectable()
export class OrganizationRepository {
  async insert(tx: Tx, organization: NewOrganization): Promise<Organization> {
    const row = await tx.one<OrganizationRow>(
      `INSERT INTO organizations (name, role, kind, tax_code, commune_code, province_code, address, phone)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [
        organization.name,
        organization.role,
        organization.kind,
        organization.taxCode ?? null,
        organization.communeCode ?? null,
        organization.provinceCode ?? null,
        organization.address ?? null,
        organization.phone ?? null,
      ],
    );
    await tx.query(
      `INSERT INTO organization_status_history (organization_id, to_status) VALUES ($1, 'pending')`,
      [row!.id],
    );
    return toOrganization(row!);
  }

  async findById(tx: Tx, id: string): Promise<Organization | undefined> {
    const row = await tx.one<OrganizationRow>(FIND_BY_ID, [id]);
    return row && toOrganization(row);
  }

  async lockById(tx: Tx, id: string): Promise<Organization | undefined> {
    const row = await tx.one<OrganizationRow>(
      `SELECT ${COLUMNS} FROM organizations WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row && toOrganization(row);
  }

  async findMany(tx: Tx, ids: string[]): Promise<Organization[]> {
    const rows = await tx.query<OrganizationRow>(
      `SELECT ${COLUMNS} FROM organizations WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map(toOrganization);
  }

  async findPage(tx: Tx, filter: OrganizationFilter): Promise<Organization[]> {
    const rows = await tx.query<OrganizationRow>(
      `SELECT ${COLUMNS} FROM organizations
        WHERE ($1::text IS NULL OR status = $1)
          AND ($2::text IS NULL OR role = $2)
          AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
        ORDER BY created_at DESC, id DESC
        LIMIT $5`,
      [
        filter.status ?? null,
        filter.role ?? null,
        filter.after?.createdAt ?? null,
        filter.after?.id ?? null,
        filter.limit + 1,
      ],
    );
    return rows.map(toOrganization);
  }

  async changeStatus(
    tx: Tx,
    organization: Organization,
    to: OrganizationStatus,
    actorUserId: string,
    reason: string | null,
  ): Promise<Organization> {
    const row = await tx.one<OrganizationRow>(
      `UPDATE organizations
          SET status = $2::text, updated_at = now(),
              verified_at = CASE WHEN $2::text = 'verified' THEN coalesce(verified_at, now()) ELSE verified_at END
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [organization.id, to],
    );
    await tx.query(
      `INSERT INTO organization_status_history (organization_id, from_status, to_status, actor_user_id, reason)
       VALUES ($1, $2, $3, $4, $5)`,
      [organization.id, organization.status, to, actorUserId, reason],
    );
    return toOrganization(row!);
  }

  async updateProfile(
    tx: Tx,
    id: string,
    changes: { address?: string; phone?: string; taxCode?: string; paymentTermsDays?: number },
  ): Promise<Organization> {
    const row = await tx.one<OrganizationRow>(
      `UPDATE organizations
          SET address = coalesce($2, address), phone = coalesce($3, phone), tax_code = coalesce($4, tax_code),
              payment_terms_days = coalesce($5, payment_terms_days), updated_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        changes.address ?? null,
        changes.phone ?? null,
        changes.taxCode ?? null,
        changes.paymentTermsDays ?? null,
      ],
    );
    return toOrganization(row!);
  }
}
