import { randomBytes } from 'node:crypto';
import { IdentityFacade } from '../../src/modules/identity';
import { TestApp } from './test-app';

export const TEST_PASSWORD = 'mật-khẩu-thử-nghiệm-2026';

/** A commune of Quang Ninh from the official list (Xã Ba Chẽ). */
export const BA_CHE_COMMUNE = '06970';

export function uniqueEmail(label = 'user'): string {
  return `${label}.${randomBytes(5).toString('hex')}@test.ocop.vn`;
}

export interface Session {
  token: string;
  refreshToken: string;
  userId: string;
  organizationId: string;
  email: string;
}

const KIND_BY_ROLE = { producer: 'cooperative', buyer: 'retail_chain', organizer: 'fair_organizer' } as const;

export interface RegisterOverrides {
  email?: string;
  password?: string;
  fullName?: string;
  organization?: Record<string, unknown>;
  locale?: 'vi' | 'en';
}

export async function registerUser(
  testApp: TestApp,
  role: 'producer' | 'buyer' | 'organizer',
  overrides: RegisterOverrides = {},
): Promise<Session> {
  const email = overrides.email ?? uniqueEmail(role);
  const response = await testApp.http.post('/auth/register', {
    email,
    password: overrides.password ?? TEST_PASSWORD,
    fullName: overrides.fullName ?? 'Nguyễn Văn Thử',
    role,
    organization: {
      name: `HTX Thử nghiệm ${randomBytes(3).toString('hex')}`,
      kind: KIND_BY_ROLE[role],
      communeCode: BA_CHE_COMMUNE,
      ...(overrides.organization ?? {}),
    },
    ...(overrides.locale ? { locale: overrides.locale } : {}),
  });
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${response.text}`);
  return {
    token: response.body.accessToken,
    refreshToken: response.body.refreshToken,
    userId: response.body.user.id,
    organizationId: response.body.organization.id,
    email,
  };
}

export async function adminSession(testApp: TestApp): Promise<{ token: string; email: string }> {
  const email = uniqueEmail('admin');
  await testApp.app.get(IdentityFacade).ensureAdmin(email, TEST_PASSWORD);
  const response = await testApp.http.post('/auth/login', { email, password: TEST_PASSWORD });
  if (response.status !== 200) throw new Error(`admin login failed: ${response.status} ${response.text}`);
  return { token: response.body.accessToken, email };
}

/** A registered user whose organization the OCOP office has verified. */
export async function verifiedUser(
  testApp: TestApp,
  admin: { token: string },
  role: 'producer' | 'buyer' | 'organizer',
  overrides: RegisterOverrides = {},
): Promise<Session> {
  const session = await registerUser(testApp, role, overrides);
  const verified = await testApp.http.post(
    `/admin/organizations/${session.organizationId}/verify`,
    {},
    { token: admin.token },
  );
  if (verified.status !== 200) throw new Error(`verify failed: ${verified.status} ${verified.text}`);
  return session;
}

/** Polls until `check` returns a value other than undefined, or fails after the deadline. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  deadlineMs = 10_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`condition not met within ${deadlineMs} ms${last ? `: ${String(last)}` : ''}`);
}
