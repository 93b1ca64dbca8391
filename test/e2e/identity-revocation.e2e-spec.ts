import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { eventually, registerUser, Session, TEST_PASSWORD } from '../support/factories';
import { HttpResponse } from '../support/http';
import { isolatedDatabase } from '../support/isolated-database';
import { TcpProxy } from '../support/tcp-proxy';
import { startTestApp, TestApp } from '../support/test-app';

interface Pair {
  accessToken: string;
  refreshToken: string;
}

/**
 * A refresh token presented twice revokes its sign-in: the sign-in's access tokens (from the login
 * and from every refresh) are refused at once by the process that saw the reuse, within moments by
 * every other api process, and by any process that starts or reconnects later; the user's other
 * sign-ins carry on. Two api processes share one database (of this suite's own) and one Redis prefix;
 * the second reaches PostgreSQL through a proxy the tests can cut.
 */
describe('identity: revoking a sign-in refuses its access tokens in every process', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let proxy: TcpProxy;
  let a: TestApp;
  let b: TestApp;
  let sql: Client;
  const shared = () => ({
    APP_ROLE: 'api',
    REDIS_PREFIX: `${process.env.REDIS_PREFIX}:revocation-${randomBytes(3).toString('hex')}`,
  });

  beforeAll(async () => {
    db = await isolatedDatabase(`revocation_${randomBytes(3).toString('hex')}`);
    proxy = TcpProxy.for(db.url, 5432);
    await proxy.start();
    const env = shared();
    [a, b] = await Promise.all([
      startTestApp({ ...env, DATABASE_URL: db.url }),
      startTestApp({ ...env, DATABASE_URL: proxy.via(db.url) }),
    ]);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), sql?.end()]);
    await proxy?.close();
    await db?.drop();
  });

  const login = async (app: TestApp, session: Session): Promise<Pair> => {
    const response = await app.http.post('/auth/login', { email: session.email, password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    return response.body;
  };
  const refresh = async (app: TestApp, refreshToken: string): Promise<Pair> => {
    const response = await app.http.post('/auth/refresh', { refreshToken });
    expect(response.status).toBe(200);
    return response.body;
  };
  const me = (app: TestApp, token: string) => app.http.get('/me', { token });
  const expectRefused = (response: HttpResponse) => {
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.code).toBe('UNAUTHENTICATED');
  };
  const refusedBy = (app: TestApp, token: string) =>
    eventually(async () => {
      const response = await me(app, token);
      return response.status === 401 ? response : undefined;
    });
  /** A login refreshed once, with both access tokens remembered by both processes. */
  const refreshedLogin = async (session: Session) => {
    const first = await login(a, session);
    const second = await refresh(a, first.refreshToken);
    for (const app of [a, b]) {
      for (const pair of [first, second]) expect((await me(app, pair.accessToken)).status).toBe(200);
    }
    return { first, second };
  };
  const reuse = async (refreshToken: string) => {
    const response = await a.http.post('/auth/refresh', { refreshToken });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('REFRESH_TOKEN_REUSED');
  };

  it('refuses the login’s access tokens at once where the reuse was seen, soon in the other process', async () => {
    const session = await registerUser(a, 'producer');
    const { first, second } = await refreshedLogin(session);

    await reuse(first.refreshToken);

    expectRefused(await me(a, first.accessToken));
    expectRefused(await me(a, second.accessToken));
    expectRefused(await refusedBy(b, first.accessToken));
    expectRefused(await refusedBy(b, second.accessToken));
    expect((await a.http.post('/auth/refresh', { refreshToken: second.refreshToken })).status).toBe(401);

    // The same user's other sign-ins are untouched: the registration's and a new login.
    const again = await login(b, session);
    for (const app of [a, b]) {
      expect((await me(app, session.token)).status).toBe(200);
      expect((await me(app, again.accessToken)).status).toBe(200);
    }
    expect((await refresh(b, again.refreshToken)).accessToken).toEqual(expect.any(String));
  });

  it('refuses them in a process that starts after the revocation, from its first request', async () => {
    const session = await registerUser(a, 'buyer');
    const { first, second } = await refreshedLogin(session);
    await reuse(first.refreshToken);

    const late = await startTestApp({ APP_ROLE: 'api', DATABASE_URL: db.url });
    try {
      expectRefused(await me(late, first.accessToken));
      expectRefused(await me(late, second.accessToken));
      expect((await me(late, session.token)).status).toBe(200);
    } finally {
      await late.close();
    }
  });

  it('catches up in a process whose listener was cut off while the revocation happened', async () => {
    const session = await registerUser(a, 'organizer');
    const { first, second } = await refreshedLogin(session);

    // Nothing can reach the second process while PostgreSQL is cut off from it, NOTIFY included.
    proxy.cut();
    try {
      await reuse(first.refreshToken);
    } finally {
      proxy.restore();
    }

    expectRefused(await refusedBy(b, first.accessToken));
    expectRefused(await me(b, second.accessToken));
    expect((await me(b, session.token)).status).toBe(200);
  });

  it('revokes too the token that a refresh racing the revocation adds to the sign-in', async () => {
    const session = await registerUser(a, 'producer');
    const rotated = await refresh(a, session.refreshToken);
    const hash = (token: string) => createHash('sha256').update(token).digest('hex');
    const {
      rows: [latest],
    } = await sql.query<{ user_id: string; family_id: string }>(
      'SELECT user_id, family_id FROM refresh_tokens WHERE token_hash = $1',
      [hash(rotated.refreshToken)],
    );
    // A refresh of the latest token in flight: it holds that row and adds the successor, while the
    // reuse of the first token waits for the row and revokes the family without seeing the successor.
    const successor = randomBytes(32).toString('base64url');
    const racing = new Client({ connectionString: db.url });
    await racing.connect();
    try {
      await racing.query('BEGIN');
      await racing.query('SELECT 1 FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE', [
        hash(rotated.refreshToken),
      ]);
      await racing.query(
        `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
         VALUES ($1, $2, $3, now() + interval '1 day')`,
        [latest.user_id, latest.family_id, hash(successor)],
      );
      const replay = a.http.post('/auth/refresh', { refreshToken: session.refreshToken });
      await eventually(async () => {
        const { rows } = await sql.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return rows[0].waiting > 0 || undefined;
      });
      await racing.query('COMMIT');
      expect((await replay).body.code).toBe('REFRESH_TOKEN_REUSED');
    } finally {
      await racing.end();
    }

    const late = await a.http.post('/auth/refresh', { refreshToken: successor });
    expect(late.status).toBe(401);
    expect(late.body.code).toBe('INVALID_REFRESH_TOKEN');
    expectRefused(await me(a, rotated.accessToken));
  });
});
