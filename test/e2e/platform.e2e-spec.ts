import { connect } from 'node:net';
import { adminSession, registerUser, TEST_PASSWORD, uniqueEmail } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const PROBLEM_KEYS = ['type', 'title', 'status', 'detail', 'code'];

function expectProblem(
  response: { status: number; headers: Headers; body: any },
  status: number,
  code: string,
) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  for (const key of PROBLEM_KEYS) expect(response.body).toHaveProperty(key);
  expect(response.body.status).toBe(status);
  expect(response.body.code).toBe(code);
  expect(response.body.type).toBe(`https://ocop.example/problems/${code.toLowerCase().replace(/_/g, '-')}`);
  expect(JSON.stringify(response.body)).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
}

describe('platform: errors, health, reference data, documentation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('problem details in both languages', () => {
    it('400 for validation, Vietnamese by default and English on request', async () => {
      const vi = await t.http.post('/auth/login', { email: 'a@b.vn' });
      expectProblem(vi, 400, 'VALIDATION_FAILED');
      expect(vi.body.title).toBe('Yêu cầu không hợp lệ');
      expect(vi.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'password' })]),
      );
      const en = await t.http.post(
        '/auth/login',
        { email: 'a@b.vn' },
        { headers: { 'accept-language': 'en-US,en;q=0.9' } },
      );
      expectProblem(en, 400, 'VALIDATION_FAILED');
      expect(en.body.title).toBe('Bad Request');
      expect(en.body.detail).toBe('The request is invalid.');
    });

    it('400 for malformed JSON and for invalid UTF-8, never 500', async () => {
      expectProblem(
        await t.http.post('/auth/login', undefined, { rawBody: '{"email": "x",' }),
        400,
        'MALFORMED_JSON',
      );
      const invalidUtf8 = Buffer.concat([
        Buffer.from('{"email":"'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('","password":"x"}'),
      ]);
      expectProblem(
        await t.http.post('/auth/login', undefined, { rawBody: invalidUtf8 }),
        400,
        'MALFORMED_JSON',
      );
    });

    it('400 for unknown fields, naming them', async () => {
      const response = await t.http.post('/auth/login', { email: 'a@b.vn', password: 'x', role: 'admin' });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'role' })]);
    });

    it('401 and 403 in both languages', async () => {
      const unauthenticated = await t.http.get('/me', { headers: { 'accept-language': 'en' } });
      expectProblem(unauthenticated, 401, 'UNAUTHENTICATED');
      expect(unauthenticated.body.detail).toBe('You must be signed in to do this.');
      const buyer = await registerUser(t, 'buyer');
      const forbidden = await t.http.get('/admin/organizations', { token: buyer.token });
      expectProblem(forbidden, 403, 'FORBIDDEN');
      expect(forbidden.body.detail).toBe('Bạn không có quyền thực hiện thao tác này.');
    });

    it('404 for unknown routes and objects, 409 for conflicts', async () => {
      expectProblem(await t.http.get('/no-such-route'), 404, 'NOT_FOUND');
      const admin = await adminSession(t);
      const missing = await t.http.post(
        '/admin/organizations/6b0c3f7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f/verify',
        {},
        {
          token: admin.token,
          headers: { 'accept-language': 'en' },
        },
      );
      expectProblem(missing, 404, 'ORGANIZATION_NOT_FOUND');
      expect(missing.body.detail).toBe('Organization not found.');
      const email = uniqueEmail('conflict');
      await registerUser(t, 'producer', { email });
      const taken = await t.http.post('/auth/register', {
        email,
        password: TEST_PASSWORD,
        fullName: 'Ai Đó',
        role: 'producer',
        organization: { name: 'HTX Khác', kind: 'farm' },
      });
      expectProblem(taken, 409, 'EMAIL_TAKEN');
    });

    it('413 for a body over 1 MiB', async () => {
      const huge = JSON.stringify({ email: 'a@b.vn', password: 'x'.repeat(1024 * 1024) });
      const response = await t.http.post('/auth/login', undefined, { rawBody: huge });
      expectProblem(response, 413, 'PAYLOAD_TOO_LARGE');
      const en = await t.http.post('/auth/login', undefined, {
        rawBody: huge,
        headers: { 'accept-language': 'en' },
      });
      expect(en.body.title).toBe('Payload Too Large');
    });

    it('415 for a body that is not JSON', async () => {
      const response = await t.http.post('/auth/login', undefined, {
        rawBody: 'email=a',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('400 naming the body, not malformed JSON, for a __proto__ key', async () => {
      const response = await t.http.post('/auth/login', undefined, {
        rawBody: '{"email":"a@b.vn","password":"xxxxxxxxxxxx","__proto__":{"role":"admin"}}',
      });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors).toEqual([
        { field: 'body', message: expect.stringContaining('__proto__') },
      ]);
    });

    it('415 for a text body sent to a route that takes JSON', async () => {
      const response = await t.http.post('/auth/login', undefined, {
        rawBody: JSON.stringify({ email: 'a@b.vn', password: TEST_PASSWORD }),
        headers: { 'content-type': 'text/plain' },
      });
      expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('400 naming the field for U+0000 in a body or a query, which PostgreSQL cannot store', async () => {
      const login = await t.http.post('/auth/login', { email: 'a\u0000@b.vn', password: TEST_PASSWORD });
      expectProblem(login, 400, 'VALIDATION_FAILED');
      expect(login.body.errors).toEqual([{ field: 'email', message: expect.any(String) }]);
      const search = await t.http.get('/listings?q=ch%00e');
      expectProblem(search, 400, 'VALIDATION_FAILED');
      expect(search.body.errors).toEqual([{ field: 'q', message: expect.any(String) }]);
    });

    it('400 naming the parameter for a malformed id, and for a hand-made cursor', async () => {
      const buyer = await registerUser(t, 'buyer');
      const id = await t.http.get('/orders/not-a-uuid', { token: buyer.token });
      expectProblem(id, 400, 'VALIDATION_FAILED');
      expect(id.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
      const cursorOf = (position: unknown[]) => Buffer.from(JSON.stringify(position)).toString('base64url');
      const madeUp = [
        ...[
          ['x', 'y'],
          [null, null],
          ['2026-11-29T16:50:19.556Z', 'not-a-uuid'],
        ].flatMap((position) =>
          ['/orders', '/notifications', '/fairs', '/delivery-locations'].map((path) => ({ path, position })),
        ),
        ...['/orders', '/notifications', '/fairs'].map((path) => ({
          path,
          position: ['0000-01-01T00:00:00.000Z', '6b0c3f7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f'],
        })),
      ];
      for (const { path, position } of madeUp) {
        const response = await t.http.get(`${path}?cursor=${cursorOf(position)}`, { token: buyer.token });
        expect({ path, position, status: response.status, errors: response.body.errors }).toEqual({
          path,
          position,
          status: 400,
          errors: [{ field: 'cursor', message: 'invalid cursor' }],
        });
      }
    });

    it('414 without echoing the path for an over-long path parameter', async () => {
      const response = await t.http.get(`/orders/${'a'.repeat(5000)}`);
      expectProblem(response, 414, 'URI_TOO_LONG');
      expect(response.text).not.toContain('aaaa');
    });

    it('400 problem, in the language asked for, for a request Node refuses (raw non-ASCII in the URL)', async () => {
      const { hostname, port } = new URL(t.baseUrl);
      const send = (request: string) =>
        new Promise<string>((resolve, reject) => {
          const socket = connect(Number(port), hostname, () => socket.write(request));
          let received = '';
          socket.on('data', (chunk) => (received += chunk.toString('utf8')));
          socket.on('close', () => resolve(received));
          socket.on('error', reject);
        });
      for (const [language, title] of [
        ['', 'Yêu cầu không hợp lệ'],
        ['Accept-Language: en\r\n', 'Bad Request'],
      ]) {
        const answer = await send(`GET /api/v1/listings?q=m\u01b0c HTTP/1.1\r\nHost: x\r\n${language}\r\n`);
        expect(answer).toMatch(/^HTTP\/1\.1 400 /);
        expect(answer).toContain('application/problem+json');
        expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
          status: 400,
          code: 'MALFORMED_REQUEST',
          title,
        });
      }
    });

    it('400, not 415, for a JSON body that is a bare string', async () => {
      const response = await t.http.post('/auth/login', undefined, { rawBody: '"a@b.vn"' });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
    });

    it('stores text NFC-normalized and trimmed', async () => {
      const decomposed = '  Hợp tác xã Chè Ba Chẽ  '.normalize('NFD');
      const session = await registerUser(t, 'producer', { organization: { name: decomposed } });
      const organization = await t.http.get(`/organizations/${session.organizationId}`, {
        token: session.token,
      });
      expect(organization.body.name).toBe('Hợp tác xã Chè Ba Chẽ'.normalize('NFC'));
    });
  });

  describe('request ids and security headers', () => {
    it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
      const echoed = await t.http.get('/health/live', { headers: { 'x-request-id': 'erp-123.abc' } });
      expect(echoed.headers.get('x-request-id')).toBe('erp-123.abc');
      const made = await t.http.get('/health/live', { headers: { 'x-request-id': 'bad id with spaces' } });
      expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('sends helmet security headers', async () => {
      const response = await t.http.get('/health/live');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('strict-transport-security')).toBeTruthy();
      expect(response.headers.get('x-frame-options')).toBeTruthy();
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain('validator.swagger.io');
      const failed = await t.http.get('/no-such-route');
      expect(failed.status).toBe(404);
      expect(failed.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });

  describe('health', () => {
    it('is live and ready when PostgreSQL and Redis answer', async () => {
      expect((await t.http.get('/health/live')).status).toBe(200);
      const ready = await t.http.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.info.postgres.status).toBe('up');
      expect(ready.body.info.redis.status).toBe('up');
    });

    it('answers under the base path too', async () => {
      expect((await fetch(`${t.baseUrl}/api/v1/health/live`)).status).toBe(200);
      const prefixed = await fetch(`${t.baseUrl}/api/v1/health/ready`);
      expect(prefixed.status).toBe(200);
      expect(((await prefixed.json()) as any).info.postgres.status).toBe('up');
      expect((await fetch(`${t.baseUrl}/api/v1/health/nothing`)).status).toBe(404);
    });
  });

  describe('reference data', () => {
    /** Every item of a paginated list, following nextCursor. */
    const walk = async (path: string, limit?: number) => {
      const items: any[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query = new URLSearchParams();
        if (limit) query.set('limit', String(limit));
        if (cursor) query.set('cursor', cursor);
        const page = await t.http.get(`${path}?${query}`);
        expect(page.status).toBe(200);
        items.push(...page.body.items);
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor);
      return { items, pages };
    };

    it('lists the 34 provinces and the communes of Quang Ninh, paginated like every list', async () => {
      const firstPage = await t.http.get('/geo/provinces');
      expect(firstPage.body.items).toHaveLength(20);
      expect(typeof firstPage.body.nextCursor).toBe('string');
      const provinces = await walk('/geo/provinces');
      expect(provinces.pages).toBe(2);
      expect(new Set(provinces.items.map((p: { code: string }) => p.code)).size).toBe(34);
      expect(provinces.items.reduce((n: number, p: { communeCount: number }) => n + p.communeCount, 0)).toBe(
        3321,
      );
      const all = await t.http.get('/geo/provinces?limit=100');
      expect({ count: all.body.items.length, nextCursor: all.body.nextCursor }).toEqual({
        count: 34,
        nextCursor: null,
      });
      const communes = await t.http.get('/geo/provinces/22/communes?limit=100');
      expect(communes.body.province.name).toBe('Tỉnh Quảng Ninh');
      expect(communes.body.items.map((c: { name: string }) => c.name)).toContain('Xã Ba Chẽ');
      const walked = await walk('/geo/provinces/22/communes', 7);
      expect(walked.items).toEqual(communes.body.items);
      expect((await t.http.get('/geo/provinces/99/communes')).status).toBe(404);
      for (const bad of ['limit=0', 'limit=101', 'limit=abc', 'cursor=WyI5OSJd']) {
        const response = await t.http.get(`/geo/provinces?${bad}`);
        expect({ bad, status: response.status }).toEqual({ bad, status: 400 });
      }
    });

    it('shows a commune with its province and the former communes and districts it came from', async () => {
      const commune = await t.http.get('/geo/communes/06970');
      expect(commune.status).toBe(200);
      expect(commune.body).toMatchObject({ code: '06970', name: 'Xã Ba Chẽ', provinceCode: '22' });
      expect(commune.body.province).toEqual({ code: '22', name: 'Tỉnh Quảng Ninh' });
      expect(commune.body.formerDistricts).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'Huyện Ba Chẽ' })]),
      );
      expect(commune.body.formerCommunes.length).toBeGreaterThan(0);
      expect((await t.http.get('/geo/communes/00000')).status).toBe(404);
    });
  });

  describe('documentation', () => {
    it('serves the OpenAPI document and the interactive docs', async () => {
      const document = await t.http.get('/docs-json');
      expect(document.status).toBe(200);
      expect(document.body.openapi).toMatch(/^3\./);
      expect(Object.keys(document.body.paths)).toEqual(
        expect.arrayContaining([
          '/health/live',
          '/health/ready',
          '/api/v1/auth/register',
          '/api/v1/me',
          '/api/v1/geo/communes/{code}',
        ]),
      );
      const paths = document.body.paths;
      // Bodies that require nothing may be left out; a required one stays required.
      expect(paths['/api/v1/supplier-orders/{id}/deliver'].post.requestBody.required).toBe(false);
      expect(paths['/api/v1/orders/{id}/cancel'].post.requestBody.required).toBe(false);
      expect(paths['/api/v1/orders'].post.requestBody.required).toBe(true);
      expect(paths['/api/v1/orders'].post.responses['400']).toBeDefined();
      // Headers read with @HeaderValue appear once, as documented, and optional.
      expect(
        paths['/api/v1/orders'].post.parameters.filter(
          (p: { name: string }) => p.name.toLowerCase() === 'idempotency-key',
        ),
      ).toEqual([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false })]);
      const ui = await t.http.get('/docs');
      expect(ui.status).toBe(200);
      expect(ui.text).toContain('swagger');
    });
  });
});
