import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { eventually, registerUser, Session } from '../support/factories';
import {
  isolatedDatabase,
  isolatedRedisPrefix,
  recordEvents,
  startWebhookReceiver,
} from '../support/notification-fixtures';
import { TcpProxy } from '../support/tcp-proxy';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * PostgreSQL is the record of what has been delivered: Redis going away, or coming back empty,
 * makes notifications late but never lost or doubled in the inbox.
 */
describe('notifications: Redis outages, lost queues and competing relays', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let redis: ReturnType<typeof isolatedRedisPrefix>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let proxy: TcpProxy;
  let t: TestApp;
  const extraApps: TestApp[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    [db, receiver] = await Promise.all([isolatedDatabase('notifres'), startWebhookReceiver()]);
    redis = isolatedRedisPrefix('notifres');
    const target = new URL(process.env.REDIS_URL!);
    proxy = new TcpProxy(target.hostname, Number(target.port || 6379));
    await proxy.start();
    env = {
      DATABASE_URL: db.url,
      REDIS_PREFIX: redis.prefix,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      // A failed first attempt leaves a delayed job that only a flush of Redis can lose.
      NOTIFICATION_WEBHOOK_ATTEMPTS: '5',
      NOTIFICATION_WEBHOOK_BACKOFF_MS: '600000',
      OUTBOX_POLL_MS: '200',
      NOTIFICATION_SWEEP_MS: '300',
      NOTIFICATION_SWEEP_GRACE_SECONDS: '1',
    };
    t = await startTestApp({ ...env, REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
  });

  afterAll(async () => {
    for (const app of extraApps) await app.close();
    await t?.close();
    await proxy?.close();
    await receiver?.close();
    await redis?.flush();
    await db?.drop();
  });

  async function emit(
    app: TestApp,
    audience: string[],
    payload: Record<string, unknown> = {},
  ): Promise<string> {
    const [id] = await recordEvents(app.app, [
      {
        type: 'supplier_order.placed',
        aggregateType: 'supplier_order',
        aggregateId: randomUUID(),
        audience,
        payload,
      },
    ]);
    return id;
  }

  async function producerWithWebhook(path: string): Promise<Session> {
    const producer = await registerUser(t, 'producer');
    const hook = await t.http.post(
      `/organizations/${producer.organizationId}/webhooks`,
      { url: `${receiver.baseUrl}${path}`, events: ['*'] },
      { token: producer.token },
    );
    expect(hook.status).toBe(201);
    return producer;
  }

  function sql<Row = any>(query: string, params: unknown[] = []): Promise<Row[]> {
    return t.app.get(DataSource).query(query, params);
  }

  /** Every event in the inbox exactly once per member, and at the receiver exactly once. */
  async function expectDeliveredOnce(eventIds: string[], userId: string, path: string): Promise<void> {
    await eventually(
      async () => {
        const [row] = await sql<{ count: string }>(
          `SELECT count(*) FROM notifications WHERE user_id = $1 AND event_id = ANY($2::uuid[])`,
          [userId, eventIds],
        );
        const delivered = new Set(receiver.delivered(path).map((h) => h.headers['x-ocop-event-id']));
        return Number(row.count) === eventIds.length && eventIds.every((id) => delivered.has(id))
          ? true
          : undefined;
      },
      20_000,
      100,
    );
    const perEvent = await sql<{ event_id: string; count: string }>(
      `SELECT event_id, count(*) FROM notifications WHERE event_id = ANY($1::uuid[]) GROUP BY event_id, user_id`,
      [eventIds],
    );
    expect(perEvent.every((r) => Number(r.count) === 1)).toBe(true);
    const received = receiver.delivered(path).map((h) => String(h.headers['x-ocop-event-id']));
    expect(received.sort()).toEqual([...eventIds].sort());
  }

  it('keeps taking writes and filling inboxes while Redis is down, and delivers all 50 webhooks once Redis returns empty', async () => {
    const producer = await producerWithWebhook('/outage');
    proxy.cut();

    const eventIds = await Promise.all(
      Array.from({ length: 50 }, (_, i) => emit(t, [producer.organizationId], { orderNumber: `SO-${i}` })),
    );
    expect(new Set(eventIds).size).toBe(50);
    // The API answers while Redis is away.
    const buyer = await registerUser(t, 'buyer');
    expect(buyer.token).toEqual(expect.any(String));
    // The relay writes inbox entries without Redis; webhook deliveries wait as pending rows.
    await eventually(async () => {
      const [row] = await sql<{ inbox: string; pending: string }>(
        `SELECT (SELECT count(*) FROM notifications WHERE user_id = $2 AND event_id = ANY($1::uuid[])) AS inbox,
                (SELECT count(*) FROM notification_deliveries
                  WHERE event_id = ANY($1::uuid[]) AND channel = 'webhook' AND status = 'pending') AS pending`,
        [eventIds, producer.userId],
      );
      return Number(row.inbox) === 50 && Number(row.pending) === 50 ? true : undefined;
    });
    expect(receiver.delivered('/outage')).toHaveLength(0);

    // Redis restarts without persistence.
    await redis.flush();
    proxy.restore();
    await expectDeliveredOnce(eventIds, producer.userId, '/outage');
  });

  it('re-enqueues pending deliveries after Redis lost its queues, and the inbox still shows each once', async () => {
    const producer = await producerWithWebhook('/flushed');
    let up = false;
    receiver.setAnswer((path) => (path === '/flushed' && !up ? 503 : 200));
    const eventIds = await Promise.all(Array.from({ length: 10 }, () => emit(t, [producer.organizationId])));
    // Every webhook delivery failed once and now waits ten minutes in a delayed job.
    await eventually(async () => {
      const rows = await sql(
        `SELECT 1 FROM notification_deliveries WHERE event_id = ANY($1::uuid[]) AND channel = 'webhook' AND attempts >= 1`,
        [eventIds],
      );
      return rows.length === 10 ? true : undefined;
    });
    const flushed = await redis.flush();
    expect(flushed).toBeGreaterThan(0);
    up = true;
    await expectDeliveredOnce(eventIds, producer.userId, '/flushed');
    // The receiver has answered; the worker records the outcome right after.
    await eventually(async () => {
      const rows = await sql<{ status: string }>(
        `SELECT status FROM notification_deliveries WHERE event_id = ANY($1::uuid[]) AND channel = 'webhook'`,
        [eventIds],
      );
      return rows.length === 10 && rows.every((r) => r.status === 'delivered') ? true : undefined;
    });
  });

  it('lets a worker with a working Redis take over events written by an app whose Redis is unreachable', async () => {
    const producer = await producerWithWebhook('/takeover');
    // An API replica whose Redis is unreachable (nothing listens on 6399) keeps taking writes.
    const cutOff = await startTestApp({ ...env, APP_ROLE: 'api', REDIS_URL: 'redis://127.0.0.1:6399' });
    extraApps.push(cutOff);
    const eventIds = await Promise.all(
      Array.from({ length: 20 }, () => emit(cutOff, [producer.organizationId])),
    );
    expect((await cutOff.http.get('/health/ready')).status).toBe(503);
    const session = await registerUser(cutOff, 'buyer');
    expect(session.userId).toEqual(expect.any(String));
    await expectDeliveredOnce(eventIds, producer.userId, '/takeover');
  });

  it('never duplicates when several workers relay and fan out at once', async () => {
    const producer = await producerWithWebhook('/race');
    for (let i = 0; i < 2; i++) {
      const worker = await startTestApp({ ...env, REDIS_URL: process.env.REDIS_URL! });
      extraApps.push(worker);
    }
    const writers = [t, ...extraApps.slice(-2)];
    const eventIds = (
      await Promise.all(
        Array.from({ length: 6 }, (_, w) =>
          Promise.all(
            Array.from({ length: 25 }, () => emit(writers[w % writers.length], [producer.organizationId])),
          ),
        ),
      )
    ).flat();
    expect(eventIds).toHaveLength(150);
    await expectDeliveredOnce(eventIds, producer.userId, '/race');
    const [open] = await sql<{ count: string }>(
      `SELECT count(*) FROM domain_event_receipts WHERE event_id = ANY($1::uuid[]) AND handled_at IS NULL`,
      [eventIds],
    );
    expect(Number(open.count)).toBe(0);
    const deliveries = await sql<{ count: string }>(
      `SELECT count(*) FROM notification_deliveries WHERE event_id = ANY($1::uuid[]) GROUP BY event_id`,
      [eventIds],
    );
    // inbox + email + webhook, once each
    expect(deliveries.every((d) => Number(d.count) === 3)).toBe(true);
  });
});
