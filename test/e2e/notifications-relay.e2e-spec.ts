import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainEventEnvelope } from '@ocop/queue';
import { NotificationFanout } from '../support/notifications-internals';
import { adminSession, eventually, registerUser } from '../support/factories';
import { isolatedDatabase, isolatedRedisPrefix, recordEvents } from '../support/notification-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** The relay fans out whole batches inline; a batch whose inline fan-out fails goes through queued jobs. */
describe('notifications: the relay fans out inline, and falls back to queued jobs', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let redis: ReturnType<typeof isolatedRedisPrefix>;
  let t: TestApp;

  beforeAll(async () => {
    db = await isolatedDatabase('notifrelay');
    redis = isolatedRedisPrefix('notifrelay');
    t = await startTestApp({ DATABASE_URL: db.url, REDIS_PREFIX: redis.prefix, OUTBOX_POLL_MS: '200' });
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
    await redis?.flush();
    await db?.drop();
  });

  async function emit(type: string, audience: string[], payload: Record<string, unknown>): Promise<string[]> {
    return recordEvents(
      t.app,
      Array.from({ length: 3 }, (_, i) => ({
        type,
        aggregateType: type.split('.')[0],
        aggregateId: randomUUID(),
        audience,
        payload: { ...payload, orderNumber: `SO-RELAY-${i}` },
      })),
    );
  }

  function sql<Row = any>(query: string, params: unknown[] = []): Promise<Row[]> {
    return t.app.get(DataSource).query(query, params);
  }

  it('delivers a batch whose inline fan-out failed through queued fan-out jobs, once each', async () => {
    const producer = await registerUser(t, 'producer');
    const fanout = t.app.get(NotificationFanout);
    const real = fanout.fanOutMany.bind(fanout);
    let failures = 0;
    jest.spyOn(fanout, 'fanOutMany').mockImplementation((tx, events: DomainEventEnvelope[]) => {
      // The relay's inline call carries the whole batch; the queued fallback one event at a time.
      if (events.length > 1 && events.some((e) => e.payload.poison === true)) {
        failures++;
        return Promise.reject(new Error('a poison event'));
      }
      return real(tx, events);
    });
    const eventIds = await emit('supplier_order.placed', [producer.organizationId], { poison: true });

    await eventually(async () => {
      const [row] = await sql<{ count: string }>(
        `SELECT count(*) FROM notifications WHERE user_id = $1 AND event_id = ANY($2::uuid[])`,
        [producer.userId, eventIds],
      );
      return Number(row.count) === 3 ? true : undefined;
    });
    expect(failures).toBe(1);
    // The fallback went through receipts of the queued '*' subscriber, all handled.
    // A receipt is marked handled just after its inbox entry commits, so it is polled too.
    const receipts = await eventually(async () => {
      const rows = await sql<{ subscriber: string; handled: boolean }>(
        `SELECT subscriber, handled_at IS NOT NULL AS handled FROM domain_event_receipts WHERE event_id = ANY($1::uuid[])`,
        [eventIds],
      );
      return rows.length === 3 && rows.every((r) => r.handled) ? rows : undefined;
    });
    expect(receipts).toHaveLength(3);
    expect(receipts.every((r) => r.subscriber === 'NotificationFanout.fanOut' && r.handled)).toBe(true);
    const [outbox] = await sql<{ relayed: string }>(
      `SELECT count(*) FILTER (WHERE relayed_at IS NOT NULL) AS relayed FROM outbox WHERE id = ANY($1::uuid[])`,
      [eventIds],
    );
    expect(Number(outbox.relayed)).toBe(3);
    const deliveries = await sql<{ event_id: string; count: string }>(
      `SELECT event_id, count(*) FROM notification_deliveries WHERE event_id = ANY($1::uuid[]) GROUP BY event_id`,
      [eventIds],
    );
    // inbox + email (default preferences), once each
    expect(deliveries.map((d) => Number(d.count))).toEqual([2, 2, 2]);
    jest.restoreAllMocks();
  });

  it('fans admin-facing events out to administrators, who belong to no organization', async () => {
    const admin = await adminSession(t);
    const producer = await registerUser(t, 'producer');
    const eventIds = await emit('organization.registered', [producer.organizationId], {
      organizationName: 'HTX Relay',
    });
    const inbox = await eventually(async () => {
      const page = await t.http.get('/notifications?limit=100', { token: admin.token });
      const mine = (page.body.items ?? []).filter((n: { eventId?: string; id: string }) =>
        eventIds.includes(n.eventId ?? ''),
      );
      return mine.length === 3 ? mine : undefined;
    });
    expect(inbox).toHaveLength(3);
    const rows = await sql<{ organization_id: string | null }>(
      `SELECT organization_id FROM notifications WHERE event_id = ANY($1::uuid[])`,
      [eventIds],
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.organization_id === null)).toBe(true);
    // The producer is not an administrator: nothing for it.
    const [own] = await sql<{ count: string }>(
      `SELECT count(*) FROM notifications WHERE user_id = $1 AND event_id = ANY($2::uuid[])`,
      [producer.userId, eventIds],
    );
    expect(Number(own.count)).toBe(0);
  });
});
