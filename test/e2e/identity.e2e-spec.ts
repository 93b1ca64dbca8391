import { DataSource } from 'typeorm';
import { JwtService } from '@nestjs/jwt';
import {
  adminSession,
  eventually,
  registerUser,
  TEST_PASSWORD,
  uniqueEmail,
  verifiedUser,
} from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('identity', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_THROTTLE_WINDOW_SECONDS: '2', LOGIN_THROTTLE_MAX_PER_ACCOUNT: '5' });
  });
  afterAll(() => t.close());

  it('registers a producer with a pending organization and answers /me', async () => {
    const email = uniqueEmail('lan');
    const registered = await t.http.post('/auth/register', {
      email,
      password: TEST_PASSWORD,
      fullName: 'Nguyễn Thị Lan',
      role: 'producer',
      organization: { name: 'HTX Chè Đường Ba Chẽ', kind: 'cooperative', communeCode: '06970' },
    });
    expect(registered.status).toBe(201);
    expect(registered.body.organization).toMatchObject({
      name: 'HTX Chè Đường Ba Chẽ',
      kind: 'cooperative',
      status: 'pending',
      communeCode: '06970',
      provinceCode: '22',
    });
    expect(registered.body.user).toMatchObject({
      email,
      role: 'producer',
      organizationId: registered.body.organization.id,
    });
    expect(registered.body.user.passwordHash).toBeUndefined();

    const me = await t.http.get('/me', { token: registered.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: registered.body.user.id,
      email,
      fullName: 'Nguyễn Thị Lan',
      role: 'producer',
      organizationId: registered.body.organization.id,
    });
  });

  it('treats email case-insensitively and refuses a second registration with 409 EMAIL_TAKEN', async () => {
    const email = uniqueEmail('dup');
    await registerUser(t, 'buyer', { email });
    const again = await t.http.post('/auth/register', {
      email: email.toUpperCase(),
      password: TEST_PASSWORD,
      fullName: 'Trần Văn B',
      role: 'buyer',
      organization: { name: 'WinMart Hạ Long', kind: 'retail_chain' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EMAIL_TAKEN');
  });

  it.each([
    [{ role: 'admin' }, 'role'],
    [{ password: 'short' }, 'password'],
    [{ password: ' '.repeat(12) }, 'password'],
    [{ email: 'not-an-email' }, 'email'],
    [{ organization: { name: 'X Y', kind: 'retail_chain' } }, 'organization.kind'],
    [
      { organization: { name: 'HTX', kind: 'cooperative', communeCode: '99999' } },
      'organization.communeCode',
    ],
    [{ organization: { name: 'HTX', kind: 'cooperative', stars: 5 } }, 'organization.stars'],
    [{ isAdmin: true }, 'isAdmin'],
  ])('refuses registration %j naming field %s', async (override, field) => {
    const response = await t.http.post('/auth/register', {
      email: uniqueEmail('bad'),
      password: TEST_PASSWORD,
      fullName: 'Người Thử',
      role: 'producer',
      organization: { name: 'HTX Thử', kind: 'cooperative' },
      ...override,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('gives the same 401 for an unknown email and a wrong password', async () => {
    const session = await registerUser(t, 'buyer');
    const wrongPassword = await t.http.post('/auth/login', {
      email: session.email,
      password: 'sai-mật-khẩu-123',
    });
    const unknownEmail = await t.http.post('/auth/login', {
      email: uniqueEmail('ghost'),
      password: 'sai-mật-khẩu-123',
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body.code).toBe('INVALID_CREDENTIALS');
    const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined });
    expect(strip(unknownEmail.body)).toEqual(strip(wrongPassword.body));
  });

  it('rotates refresh tokens and revokes the whole family when a used one comes back', async () => {
    const session = await registerUser(t, 'producer');
    const login = await t.http.post('/auth/login', { email: session.email, password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    const first = await t.http.post('/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(login.body.refreshToken);
    const second = await t.http.post('/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);

    const replay = await t.http.post('/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('REFRESH_TOKEN_REUSED');
    const latest = await t.http.post('/auth/refresh', { refreshToken: second.body.refreshToken });
    expect(latest.status).toBe(401);

    const otherLogin = await t.http.post('/auth/refresh', { refreshToken: session.refreshToken });
    expect(otherLogin.status).toBe(200);
  });

  it('gives exactly one new pair when the same refresh token is raced', async () => {
    const session = await registerUser(t, 'buyer');
    const results = await Promise.all(
      Array.from({ length: 10 }, () => t.http.post('/auth/refresh', { refreshToken: session.refreshToken })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 401)).toHaveLength(9);
  });

  it('throttles a brute force and lets the right user in after the window', async () => {
    const session = await registerUser(t, 'producer');
    for (let i = 0; i < 5; i++) {
      const attempt = await t.http.post('/auth/login', {
        email: session.email,
        password: `sai-mật-khẩu-${i}0`,
      });
      expect(attempt.status).toBe(401);
    }
    const blocked = await t.http.post('/auth/login', { email: session.email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);

    const admitted = await eventually(
      async () => {
        const attempt = await t.http.post('/auth/login', { email: session.email, password: TEST_PASSWORD });
        return attempt.status === 200 ? attempt : undefined;
      },
      8_000,
      250,
    );
    expect(admitted.body.user.email).toBe(session.email);
  });

  it('locks out the guessing address, not the account: the user signs in from elsewhere', async () => {
    const session = await registerUser(t, 'buyer');
    const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
    for (let i = 0; i < 5; i++) {
      const attempt = await t.http.post(
        '/auth/login',
        { email: session.email, password: `sai-mật-khẩu-${i}0` },
        from('203.0.113.7'),
      );
      expect(attempt.status).toBe(401);
    }
    const attacker = await t.http.post(
      '/auth/login',
      { email: session.email, password: TEST_PASSWORD },
      from('203.0.113.7'),
    );
    expect(attacker.status).toBe(429);
    const user = await t.http.post(
      '/auth/login',
      { email: session.email, password: TEST_PASSWORD },
      from('198.51.100.23'),
    );
    expect(user.status).toBe(200);
  });

  it('still locks an account guessed at from many addresses', async () => {
    // A window long enough for the whole attack: this suite's own app uses two seconds.
    const slow = await startTestApp({
      LOGIN_THROTTLE_WINDOW_SECONDS: '120',
      LOGIN_THROTTLE_MAX_PER_ACCOUNT: '2',
    });
    try {
      const session = await registerUser(slow, 'buyer');
      const attempt = (password: string, address: string) =>
        slow.http.post(
          '/auth/login',
          { email: session.email, password },
          { headers: { 'x-forwarded-for': address } },
        );
      // Ten addresses, two failures each: the account-wide ceiling, ten times the per-address limit.
      for (let a = 0; a < 10; a++) {
        for (let i = 0; i < 2; i++)
          expect((await attempt(`sai-mật-khẩu-${a}-${i}`, `203.0.113.${a}`)).status).toBe(401);
      }
      expect((await attempt(TEST_PASSWORD, '198.51.100.99')).status).toBe(429);
    } finally {
      await slow.close();
    }
  });

  it('refuses a missing, malformed or forged token with 401', async () => {
    expect((await t.http.get('/me')).status).toBe(401);
    expect((await t.http.get('/me', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
    const session = await registerUser(t, 'buyer');
    const forged = session.token.slice(0, -4) + 'AAAA';
    expect((await t.http.get('/me', { token: forged })).status).toBe(401);
  });

  it('refuses a token once it has expired, though it was accepted before', async () => {
    const session = await registerUser(t, 'buyer');
    const claimsOf = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    const { sub, role, org } = claimsOf(session.token);
    const shortLived = await t.app.get(JwtService).signAsync({ sub, role, org }, { expiresIn: 1 });
    expect((await t.http.get('/me', { token: shortLived })).status).toBe(200);
    expect((await t.http.get('/me', { token: shortLived })).status).toBe(200);
    const refusedAt = await eventually(async () =>
      (await t.http.get('/me', { token: shortLived })).status === 401 ? Date.now() : undefined,
    );
    expect(Math.floor(refusedAt / 1000)).toBeGreaterThanOrEqual(claimsOf(shortLived).exp);
    expect((await t.http.get('/me', { token: session.token })).status).toBe(200);
  });

  describe('organizations', () => {
    it('lets the OCOP office verify an organization, and nobody else', async () => {
      const admin = await adminSession(t);
      const producer = await registerUser(t, 'producer');
      const byProducer = await t.http.post(
        `/admin/organizations/${producer.organizationId}/verify`,
        {},
        { token: producer.token },
      );
      expect(byProducer.status).toBe(403);
      expect((await t.http.post(`/admin/organizations/${producer.organizationId}/verify`, {})).status).toBe(
        401,
      );

      const verified = await t.http.post(
        `/admin/organizations/${producer.organizationId}/verify`,
        {},
        { token: admin.token },
      );
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ id: producer.organizationId, status: 'verified' });
      expect(verified.body.verifiedAt).toEqual(expect.any(String));

      const again = await t.http.post(
        `/admin/organizations/${producer.organizationId}/verify`,
        {},
        { token: admin.token },
      );
      expect(again.status).toBe(200);
      const suspended = await t.http.post(
        `/admin/organizations/${producer.organizationId}/suspend`,
        { reason: 'Hết hạn giấy phép' },
        { token: admin.token },
      );
      expect(suspended.body.status).toBe('suspended');

      const pending = await t.http.get('/admin/organizations?status=pending&limit=100', {
        token: admin.token,
      });
      expect(pending.status).toBe(200);
      expect(pending.body.items.every((o: { status: string }) => o.status === 'pending')).toBe(true);
    });

    it('answers 404 to another tenant reading an organization and 403 to one changing it', async () => {
      const admin = await adminSession(t);
      const a = await verifiedUser(t, admin, 'producer');
      const b = await registerUser(t, 'producer');
      expect((await t.http.get(`/organizations/${a.organizationId}`, { token: a.token })).status).toBe(200);
      const read = await t.http.get(`/organizations/${a.organizationId}`, { token: b.token });
      expect(read.status).toBe(404);
      const change = await t.http.patch(
        `/organizations/${a.organizationId}`,
        { phone: '0912345678' },
        { token: b.token },
      );
      expect(change.status).toBe(403);
      const own = await t.http.patch(
        `/organizations/${a.organizationId}`,
        { phone: '0912345678' },
        { token: a.token },
      );
      expect(own.status).toBe(200);
      expect(own.body.phone).toBe('0912345678');
      const members = await t.http.get(`/organizations/${a.organizationId}/members`, { token: b.token });
      expect(members.status).toBe(404);
    });

    it('lists an organization’s members a page at a time, like every list', async () => {
      const owner = await registerUser(t, 'producer');
      // No route adds colleagues yet; they are written as the CLI would.
      await t.app.get(DataSource).query(
        `INSERT INTO users (email, password_hash, full_name, role, organization_id)
         SELECT 'member' || n || '.' || $2 || '@test.ocop.vn', 'x', 'Thành viên ' || n, 'producer', $1
           FROM generate_series(1, 4) AS n`,
        [owner.organizationId, owner.organizationId.slice(0, 8)],
      );
      const path = `/organizations/${owner.organizationId}/members`;
      const all = await t.http.get(`${path}?limit=100`, { token: owner.token });
      expect(all.status).toBe(200);
      expect(all.body.items).toHaveLength(5);
      expect(all.body.nextCursor).toBeNull();
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } =
          await t.http.get(`${path}?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: owner.token });
        expect(page.status).toBe(200);
        walked.push(...page.body.items.map((member) => member.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(walked).toEqual(all.body.items.map((member: { id: string }) => member.id));
      for (const bad of ['limit=0', 'limit=101', 'limit=abc', 'cursor=zzz']) {
        const response = await t.http.get(`${path}?${bad}`, { token: owner.token });
        expect({ bad, status: response.status }).toEqual({ bad, status: 400 });
      }
    });

    it('refuses an unknown organization with 404 and a malformed id with 400', async () => {
      const admin = await adminSession(t);
      const missing = await t.http.post(
        '/admin/organizations/00000000-0000-4000-8000-000000000000/verify',
        {},
        { token: admin.token },
      );
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('ORGANIZATION_NOT_FOUND');
      expect((await t.http.post('/admin/organizations/nope/verify', {}, { token: admin.token })).status).toBe(
        400,
      );
    });
  });
});
