import { Role } from '@ocop/auth';

export type Locale = 'vi' | 'en';

export interface User {
  id: string;
  email: string;
  passwordHash: string;
  fullName: string;
  role: Role;
  organizationId: string | null;
  locale: Locale;
  createdAt: Date;
}

export const MIN_PASSWORD_LENGTH = 10;
