import { ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { eventually, registerUser } from '../support/factories';
import {
  isolatedDatabase,
  isolatedRedisPrefix,
  recordEvents,
  startWebhookReceiver,
} from '../support/notification-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** A worker process killed with SIGKILL mid-delivery: nothing is missing, repeats carry the same event id. */
describe('notifications: a worker killed with SIGKILL', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let redis: ReturnType<typeof isolatedRedisPrefix>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let api: TestApp;
  const children: ChildProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    [db, receiver] = await Promise.all([isolatedDatabase('notifkill'), startWebhookReceiver()]);
    redis = isolatedRedisPrefix('notifkill');
    env = {
      DATABASE_URL: db.url,
      REDIS_PREFIX: redis.prefix,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      NOTIFICATION_WEBHOOK_BACKOFF_MS: '50',
      OUTBOX_POLL_MS: '200',
      NOTIFICATION_SWEEP_MS: '500',
      NOTIFICATION_SWEEP_GRACE_SECONDS: '30',
    };
    // Only the forked workers consume; this process serves HTTP and writes events.
    api = await startTestApp({ ...env, APP_ROLE: 'api' });
  });

  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await api?.close();
    await receiver?.close();
    await redis?.flush();
    await db?.drop();
  });

  async function forkWorker(): Promise<ChildProcess> {
    const child = fork(join(__dirname, '../support/ts-worker-process.js'), [], {
      env: { ...process.env, ...env, APP_ROLE: 'worker', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
    });
    return child;
  }

  it('loses nothing and repeats a delivery at most once per kill, with the same event id', async () => {
    const producer = await registerUser(api, 'producer');
    const hook = await api.http.post(
      `/organizations/${producer.organizationId}/webhooks`,
      { url: `${receiver.baseUrl}/slow`, events: ['*'] },
      { token: producer.token },
    );
    expect(hook.status).toBe(201);
    // Each request is recorded on arrival and answered after 300 ms: a kill lands mid-delivery.
    receiver.setDelay(300);
    const inFlight = new Set<string>();

    const first = await forkWorker();
    const eventIds = await recordEvents(
      api.app,
      Array.from({ length: 40 }, (_, i) => ({
        type: 'supplier_order.placed',
        aggregateType: 'supplier_order',
        aggregateId: randomUUID(),
        audience: [producer.organizationId],
        payload: { orderNumber: `SO-KILL-${i}` },
      })),
    );
    await eventually(async () => (receiver.hits.length >= 5 ? true : undefined), 30_000, 20);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    for (const hit of receiver.hits) inFlight.add(String(hit.headers['x-ocop-event-id']));

    await forkWorker();
    const sql = api.app.get(DataSource);
    await eventually(
      async () => {
        const [row] = await sql.query(
          `SELECT count(*) FILTER (WHERE status = 'delivered') AS delivered, count(*) AS total
             FROM notification_deliveries WHERE event_id = ANY($1::uuid[]) AND channel = 'webhook'`,
          [eventIds],
        );
        return Number(row.delivered) === 40 && Number(row.total) === 40 ? true : undefined;
      },
      45_000,
      200,
    );
    const received = receiver.delivered('/slow').map((h) => String(h.headers['x-ocop-event-id']));
    const counts = new Map<string, number>();
    for (const id of received) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...eventIds].sort());
    for (const [id, count] of counts) {
      expect({ id, count: Math.min(count, 2) }).toEqual({ id, count: count > 1 ? 2 : 1 });
      if (count > 1) expect(inFlight.has(id)).toBe(true);
    }
    const [inbox] = await sql.query(
      `SELECT count(*) AS entries, count(DISTINCT event_id) AS events FROM notifications WHERE event_id = ANY($1::uuid[])`,
      [eventIds],
    );
    expect({ entries: Number(inbox.entries), events: Number(inbox.events) }).toEqual({
      entries: 40,
      events: 40,
    });
  });
});
