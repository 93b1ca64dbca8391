import { OrganizationErrors } from './organizations.errors';

export type OrganizationRole = 'producer' | 'buyer' | 'organizer';
export type OrganizationStatus = 'pending' | 'verified' | 'suspended';

export const ORGANIZATION_KINDS = {
  producer: ['cooperative', 'enterprise', 'household', 'farm'],
  buyer: ['retail_chain', 'store', 'distributor'],
  organizer: ['fair_organizer'],
} as const;

export type OrganizationKind = (typeof ORGANIZATION_KINDS)[OrganizationRole][number];
export const ALL_ORGANIZATION_KINDS: OrganizationKind[] = Object.values(ORGANIZATION_KINDS).flat();

export interface Organization {
  id: string;
  name: string;
  role: OrganizationRole;
  kind: OrganizationKind;
  status: OrganizationStatus;
  taxCode: string | null;
  communeCode: string | null;
  provinceCode: string | null;
  address: string | null;
  phone: string | null;
  paymentTermsDays: number;
  verifiedAt: Date | null;
  createdAt: Date;
}

export function assertKindFitsRole(role: OrganizationRole, kind: string): asserts kind is OrganizationKind {
  if (!(ORGANIZATION_KINDS[role] as readonly string[]).includes(kind)) {
    throw OrganizationErrors.ORGANIZATION_KIND_MISMATCH(
      { role, kind, allowed: ORGANIZATION_KINDS[role].join(', ') },
      [
        {
          field: 'organization.kind',
          message: `must be one of ${ORGANIZATION_KINDS[role].join(', ')} for ${role}`,
        },
      ],
    );
  }
}

/** Who may move an organization where: the OCOP office verifies, suspends and reinstates. */
const STATUS_TRANSITIONS: Record<OrganizationStatus, OrganizationStatus[]> = {
  pending: ['verified', 'suspended'],
  verified: ['suspended'],
  suspended: ['verified'],
};

/** Returns false when the organization is already in the target status (the request is a no-op). */
export function checkStatusChange(from: OrganizationStatus, to: OrganizationStatus): boolean {
  if (from === to) return false;
  if (!STATUS_TRANSITIONS[from].includes(to)) throw OrganizationErrors.INVALID_TRANSITION({ from, to });
  return true;
}
