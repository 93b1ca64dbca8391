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
  /**
   * The sign-in (refresh-token family) the token was issued for, so that revoking the sign-in refuses
   * the token at once. Tokens signed without one (before this claim existed) live out their expiry.
   */
  sid?: string;
}
