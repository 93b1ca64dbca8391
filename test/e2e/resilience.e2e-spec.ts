import { request } from 'node:http';
import { eventually, TEST_PASSWORD, registerUser } from '../support/factories';
import { TcpProxy } from '../support/tcp-proxy';
import { startTestApp } from '../support/test-app';

describe('resilience', () => {
  it('reports 503 naming Redis while Redis is unreachable, and 200 again when it returns', async () => {
    const redis = new URL(process.env.REDIS_URL!);
    const proxy = new TcpProxy(redis.hostname, Number(redis.port || 6379));
    await proxy.start();
    const t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
    try {
      // Ready once its connections are up, which on a loaded machine may take a moment after boot.
      await eventually(async () => ((await t.http.get('/health/ready')).status === 200 ? true : undefined));
      proxy.cut();
      const down = await eventually(async () => {
        const ready = await t.http.get('/health/ready');
        return ready.status === 503 ? ready : undefined;
      });
      expect(down.headers.get('content-type')).toContain('application/problem+json');
      expect(down.body.code).toBe('DEPENDENCY_UNAVAILABLE');
      expect(down.body.failed).toEqual(['redis']);
      expect(down.body.checks.postgres.status).toBe('up');

      const session = await registerUser(t, 'buyer');
      expect(session.token).toBeTruthy();

      proxy.restore();
      const up = await eventually(
        async () => {
          const ready = await t.http.get('/health/ready');
          return ready.status === 200 ? ready : undefined;
        },
        15_000,
        200,
      );
      expect(up.body.info.redis.status).toBe('up');
    } finally {
      await t.close();
      await proxy.close();
    }
  });

  it('finishes a request in flight when shut down, then stops listening', async () => {
    const t = await startTestApp();
    const session = await registerUser(t, 'producer');
    const url = new URL(`${t.baseUrl}/api/v1/auth/login`);
    const body = JSON.stringify({ email: session.email, password: TEST_PASSWORD });

    const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      // Once the server holds the half-sent request, shut down, then let the body finish.
      req.on('socket', (socket) =>
        socket.on('connect', () =>
          setTimeout(() => {
            void t.close();
            setTimeout(() => req.end(body.slice(10)), 200);
          }, 100),
        ),
      );
    });

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).accessToken).toEqual(expect.any(String));
    await expect(fetch(`${t.baseUrl}/health/live`)).rejects.toThrow();
  });
});
