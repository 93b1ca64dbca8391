import Redis from 'ioredis';
import { Client } from 'pg';
import { adminSession, eventually } from '../support/factories';
import {
  Answer,
  aMarketplace,
  attempt,
  directClient,
  Marketplace,
  newIntent,
  noViolations,
  ORDER_INVARIANTS,
  OrderIntent,
  orderInvariantViolations,
  someLines,
} from '../support/faults-orders';
import { TcpProxy } from '../support/tcp-proxy';
import { ManualClock } from '../support/manual-clock';
import { isolatedDatabase, isolatedRedisPrefix } from '../support/notification-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const DEADLINE_MS = 8_000;
const ACCEPT_WINDOW_SECONDS = 48 * 3600;

/**
 * Redis goes away while buyers keep ordering, and comes back empty (restarted without
 * persistence). Orders go on being placed meanwhile; afterwards every placed order is announced
 * to its producer and buyer exactly once and gets its payment row once, and the expiry jobs Redis
 * lost (with the sweep's own schedule) do not leave orders, or their stock, waiting forever.
 * What notifications-resilience and resilience already prove (outbox events, inbox during an
 * outage, readiness) is not repeated; this is the order path.
 */
describe('faults: Redis cut off and restarted empty while orders are placed', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let redis: ReturnType<typeof isolatedRedisPrefix>;
  let proxy: TcpProxy;
  let clock: ManualClock;
  let t: TestApp;
  let check: Client;
  let direct: Redis;
  let market: Marketplace;

  beforeAll(async () => {
    db = await isolatedDatabase('redisfault');
    redis = isolatedRedisPrefix('redisfault');
    proxy = TcpProxy.for(process.env.REDIS_URL!, 6379);
    await proxy.start();
    clock = new ManualClock();
    t = await startTestApp(
      {
        DATABASE_URL: db.url,
        REDIS_URL: proxy.via(process.env.REDIS_URL!),
        REDIS_PREFIX: redis.prefix,
        ORDER_ACCEPT_WINDOW_SECONDS: String(ACCEPT_WINDOW_SECONDS),
        ORDER_SWEEP_INTERVAL_SECONDS: '1',
        OUTBOX_POLL_MS: '200',
        NOTIFICATION_SWEEP_MS: '300',
        NOTIFICATION_SWEEP_GRACE_SECONDS: '1',
      },
      { clock },
    );
    check = await directClient(db.url);
    direct = new Redis(process.env.REDIS_URL!);
    market = await aMarketplace(t, await adminSession(t), {
      producers: 3,
      listingsPerProducer: 2,
      buyers: 4,
      stock: 100_000,
    });
  });

  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await direct?.quit();
    await check?.end();
    await redis?.flush();
    await db?.drop();
  });

  /** How many of these supplier orders an expiry job in Redis covers (a job covers a batch). */
  const expiryJobsPresent = async (supplierOrderIds: string[]) => {
    const jobKey = new RegExp(`^${redis.prefix}:ordering:expire-[0-9a-f]+$`);
    const covered = new Set<string>();
    for (const key of await direct.keys(`${redis.prefix}:ordering:expire-*`)) {
      if (!jobKey.test(key)) continue;
      const data = await direct.hget(key, 'data');
      for (const id of data ? (JSON.parse(data).supplierOrderIds as string[]) : []) covered.add(id);
    }
    return supplierOrderIds.filter((id) => covered.has(id)).length;
  };
  const unrelayedOrders = async () => {
    const { rows } = await check.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE event_type = 'purchase_order.placed' AND relayed_at IS NULL`,
    );
    return rows[0].n;
  };
  const supplierOrdersOf = async (intents: OrderIntent[]) => {
    const { rows } = await check.query<{ id: string }>(
      `SELECT id FROM supplier_orders WHERE purchase_order_id = ANY($1::uuid[])`,
      [intents.map((i) => i.orderId)],
    );
    return rows.map((r) => r.id);
  };

  /** `count` orders from parallel buyers, each retried with its key until placed. */
  const placeOrders = async (count: number, seed: number) => {
    const intents = Array.from({ length: count }, (_, i) =>
      newIntent(market.buyers[i % market.buyers.length], someLines(market, seed + i)),
    );
    const answers: Answer[] = await Promise.all(
      intents.map((intent) => attempt(t.baseUrl, intent, DEADLINE_MS)),
    );
    return { intents, answers };
  };

  it('keeps placing orders without Redis, then notifies each once and expires what Redis forgot', async () => {
    const started = Date.now();
    // Before: orders whose expiry jobs reach Redis.
    const before = await placeOrders(10, 0);
    expect(before.answers.map((a) => a.status)).toEqual(before.intents.map(() => 201));
    const beforeSupplierOrders = await supplierOrdersOf(before.intents);
    await eventually(async () =>
      (await expiryJobsPresent(beforeSupplierOrders)) === beforeSupplierOrders.length &&
      (await unrelayedOrders()) === 0
        ? true
        : undefined,
    );

    // Redis goes away; buyers keep ordering, in parallel. Every order is placed while Redis is
    // still away (it returns only after these answers), within the deadline: none waits for it.
    proxy.cut();
    const during = await placeOrders(30, 100);
    const outageStatuses = during.answers.map((a) => a.status);
    expect(outageStatuses).toEqual(during.intents.map(() => 201));
    const slowestDuringOutage = Math.max(...during.answers.map((a) => a.ms));
    const reads = await Promise.all(
      market.buyers.map((buyer) =>
        t.http.get('/orders?limit=5', { token: buyer.token }).then((response) => response.status),
      ),
    );
    expect(reads).toEqual(market.buyers.map(() => 200));
    const duringSupplierOrders = await supplierOrdersOf(during.intents);

    // Held back, not lost: the relay waits for Redis (the payment reaction is a queued job). The
    // outage lasts until the app's clients have been turned away again and again.
    await eventually(async () => (proxy.counts.refused >= 10 ? true : undefined), 15_000, 100);
    expect(await unrelayedOrders()).toBe(during.intents.length);

    // Redis restarts without its data: the expiry jobs and the schedules are gone.
    const flushed = await redis.flush();
    expect(flushed).toBeGreaterThan(0);
    expect(await expiryJobsPresent(beforeSupplierOrders)).toBe(0);
    proxy.restore();

    const after = await placeOrders(5, 200);
    expect(after.answers.map((a) => a.status)).toEqual(after.intents.map(() => 201));
    const intents = [...before.intents, ...during.intents, ...after.intents];
    const supplierOrders = await supplierOrdersOf(intents);
    expect(supplierOrders).toHaveLength(
      beforeSupplierOrders.length +
        duringSupplierOrders.length +
        (await supplierOrdersOf(after.intents)).length,
    );

    // Every placed order reaches its producer's and its buyer's inbox exactly once, and gets one
    // payment row (a queued reaction), once Redis is back.
    const caughtUp = async () => {
      const {
        rows: [row],
      } = await check.query(
        `SELECT
           (SELECT count(*) FROM notifications WHERE event_type = 'supplier_order.placed')::int AS producer_inbox,
           (SELECT count(DISTINCT (n.event_id, n.user_id)) FROM notifications n
             WHERE n.event_type = 'supplier_order.placed')::int AS producer_distinct,
           (SELECT count(*) FROM notifications WHERE event_type = 'purchase_order.placed')::int AS buyer_inbox,
           (SELECT count(*) FROM payments WHERE subject_type = 'purchase_order')::int AS payments,
           (SELECT count(*) FROM outbox WHERE relayed_at IS NULL)::int AS unrelayed,
           (SELECT count(*) FROM notification_deliveries WHERE status <> 'delivered')::int AS undelivered,
           (SELECT count(*) FROM domain_event_receipts WHERE handled_at IS NULL)::int AS unhandled`,
      );
      return row;
    };
    const caught = await eventually(
      async () => {
        const row = await caughtUp();
        return row.producer_inbox === supplierOrders.length &&
          row.buyer_inbox === intents.length &&
          row.payments === intents.length &&
          row.unrelayed === 0 &&
          row.undelivered === 0 &&
          row.unhandled === 0
          ? row
          : undefined;
      },
      20_000,
      200,
    );
    expect(caught.producer_distinct).toBe(supplierOrders.length);
    // Each notification names its own supplier order: one per order, none doubled.
    const { rows: perOrder } = await check.query(
      `SELECT e.aggregate_id, count(n.id)::int AS told FROM outbox e
         LEFT JOIN notifications n ON n.event_id = e.id
        WHERE e.event_type = 'supplier_order.placed' GROUP BY e.aggregate_id HAVING count(n.id) <> 1`,
    );
    expect(perOrder).toEqual([]);

    // The acceptance window closes. The delayed jobs of the first orders went with Redis, so the
    // periodic sweep alone must expire every order and release its stock.
    clock.advanceSeconds(ACCEPT_WINDOW_SECONDS + 60);
    await eventually(
      async () => {
        const { rows } = await check.query<{ open: number }>(
          `SELECT count(*)::int AS open FROM supplier_orders WHERE status <> 'expired'`,
        );
        return rows[0].open === 0 ? true : undefined;
      },
      20_000,
      200,
    );
    const { rows: reserved } = await check.query<{ reserved: number }>(
      'SELECT coalesce(sum(stock_reserved), 0)::int AS reserved FROM listings',
    );
    expect(reserved[0].reserved).toBe(0);
    // Expired once each: one event, one inbox entry per party, and the amounts owed dropped to zero.
    await eventually(
      async () => {
        const {
          rows: [row],
        } = await check.query(
          `SELECT
             (SELECT count(*) FROM outbox WHERE event_type = 'supplier_order.expired')::int AS events,
             (SELECT count(*) FROM notifications WHERE event_type = 'supplier_order.expired')::int AS inbox,
             (SELECT count(*) FROM payments WHERE amount_due_vnd <> 0)::int AS still_due`,
        );
        // Producer and buyer of each supplier order.
        return row.events === supplierOrders.length &&
          row.inbox === 2 * supplierOrders.length &&
          row.still_due === 0
          ? true
          : undefined;
      },
      20_000,
      200,
    );
    expect(await orderInvariantViolations(check)).toEqual(noViolations());
    const placed = intents.map((i) => i.orderId!);
    expect(new Set(placed).size).toBe(intents.length);

    process.stdout.write(
      `${JSON.stringify({
        suite: 'faults-redis-orders',
        faults: { cuts: proxy.counts.cuts, refused: proxy.counts.refused, redisKeysLost: flushed },
        orders: {
          before: before.intents.length,
          duringOutage: during.intents.length,
          after: after.intents.length,
        },
        supplierOrders: supplierOrders.length,
        slowestOrderDuringOutageMs: slowestDuringOutage,
        invariants: Object.keys(ORDER_INVARIANTS).length + 9,
        ms: Date.now() - started,
      })}\n`,
    );
  });
});
