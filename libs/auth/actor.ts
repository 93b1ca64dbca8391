export type Role = 'producer' | 'buyer' | 'organizer' | 'admin';

export const ROLES: readonly Role[] = ['producer', 'buyer', 'organizer', 'admin'];

/** Who is calling: taken from a verified access token, never from the request body. */
export interface Actor {
  userId: string;
  role: Role;
  /** null only for administrators, who belong to the provincial OCOP office rather than a tenant. */
  organizationId: string | null;
}

export interface AccessTokenClaims {
  sub: string;
  role: Role;
  org: string | null;
}
