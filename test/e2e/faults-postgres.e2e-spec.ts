import { Client } from 'pg';
import { adminSession, eventually } from '../support/factories';
import {
  Answer,
  aMarketplace,
  attempt,
  directClient,
  isCleanUnavailable,
  Marketplace,
  newIntent,
  noViolations,
  ORDER_INVARIANTS,
  OrderIntent,
  orderInvariantViolations,
  someLines,
  terminateAppBackends,
  timedRequest,
} from '../support/faults-orders';
import { TcpProxy } from '../support/tcp-proxy';
import { isolatedDatabase } from '../support/notification-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** No request may take longer than this, outage or not. */
const DEADLINE_MS = 8_000;
const ORDER_CLIENTS = 12;
const READ_CLIENTS = 4;
const OUTAGE_MS = 3_000;

type Phase = 'before' | 'outage' | 'after';
interface Seen {
  kind: 'order' | 'read' | 'ready';
  started: Phase;
  ended: Phase;
  /** Started once the service had said it was ready again. */
  afterRecovery: boolean;
  answer: Answer;
}

/**
 * PostgreSQL goes away under order placement and reads (every connection dropped, new ones refused,
 * the application's backends terminated on the server) and comes back: the API answers clean 503s
 * meanwhile, recovers on its own, and the database holds no half-written order.
 */
describe('faults: PostgreSQL cut off under order load', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let proxy: TcpProxy;
  let t: TestApp;
  let check: Client;
  let market: Marketplace;

  beforeAll(async () => {
    db = await isolatedDatabase('pgfault');
    proxy = TcpProxy.for(db.url, 5432);
    await proxy.start();
    t = await startTestApp({
      DATABASE_URL: proxy.via(db.url),
      DATABASE_POOL_SIZE: '10',
      OUTBOX_POLL_MS: '200',
    });
    check = await directClient(db.url);
    market = await aMarketplace(t, await adminSession(t), {
      producers: 3,
      listingsPerProducer: 3,
      buyers: 6,
      stock: 1_000_000,
    });
  });

  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await check?.end();
    await db?.drop();
  });

  it('answers clean 503s while it is away, recovers by itself, and leaves no half-written order', async () => {
    const started = Date.now();
    const state = { phase: 'before' as Phase, recovered: false, stop: false };
    const seen: Seen[] = [];
    const intents: OrderIntent[] = [];
    const record = async (kind: Seen['kind'], request: () => Promise<Answer>): Promise<Answer> => {
      const phase = state.phase;
      const afterRecovery = state.recovered;
      const answer = await request();
      seen.push({ kind, started: phase, ended: state.phase, afterRecovery, answer });
      return answer;
    };
    const count = (filter: (s: Seen) => boolean) => seen.filter(filter).length;

    // Each order client keeps one intent until it is placed: a 503 is retried with the same key.
    const orderClient = async (client: number) => {
      let intent: OrderIntent | undefined;
      for (let n = 0; !state.stop; n++) {
        if (!intent) {
          intent = newIntent(
            market.buyers[client % market.buyers.length],
            someLines(market, client * 1000 + n),
          );
          intents.push(intent);
        }
        const current = intent;
        const answer = await record('order', () => attempt(t.baseUrl, current, DEADLINE_MS));
        if (answer.status === 201) intent = undefined;
        // A client backs off a little before retrying a failed attempt.
        else await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const readClient = async (client: number) => {
      const buyer = market.buyers[client % market.buyers.length];
      for (let n = 0; !state.stop; n++) {
        const placed = intents.find((i) => i.orderId && i.buyer === buyer);
        const paths = [
          `/api/v1/listings/${market.listings[n % market.listings.length].id}`,
          // Search reads outside a transaction, one statement at a time.
          `/api/v1/listings?q=${encodeURIComponent('chè đường')}&limit=5`,
          '/api/v1/orders?limit=5',
          placed ? `/api/v1/orders/${placed.orderId}` : '/api/v1/orders?limit=1',
        ];
        const path = paths[n % paths.length];
        const answer = await record('read', () =>
          timedRequest(t.baseUrl, 'GET', path, { token: buyer.token, deadlineMs: DEADLINE_MS }),
        );
        if (answer.status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const ready = () =>
      record('ready', () => timedRequest(t.baseUrl, 'GET', '/health/ready', { deadlineMs: DEADLINE_MS }));
    const placedIn = (phase: Phase) =>
      count((s) => s.kind === 'order' && s.started === phase && s.answer.status === 201);

    const clients = [
      ...Array.from({ length: ORDER_CLIENTS }, (_, c) => orderClient(c)),
      ...Array.from({ length: READ_CLIENTS }, (_, c) => readClient(c)),
    ];
    try {
      await eventually(async () => (placedIn('before') >= 30 ? true : undefined), 20_000);

      state.phase = 'outage';
      const cutAt = Date.now();
      // No new connection gets through; the server ends the app's sessions, aborting their
      // transactions mid-statement; then whatever socket is left is dropped.
      proxy.refuse();
      const terminated = await terminateAppBackends(check);
      proxy.cut();
      // Held for a few seconds, and until the service has said so on every path.
      const downReady = await eventually(
        async () => {
          const answer = await ready();
          return answer.status === 503 ? answer : undefined;
        },
        10_000,
        100,
      );
      await eventually(
        async () =>
          Date.now() - cutAt >= OUTAGE_MS &&
          count((s) => s.kind === 'order' && s.started === 'outage' && s.answer.status === 503) >= 10 &&
          count((s) => s.kind === 'read' && s.started === 'outage' && s.answer.status === 503) >= 3
            ? true
            : undefined,
        15_000,
        100,
      );

      state.phase = 'after';
      proxy.restore();
      const restoredAt = Date.now();
      await eventually(async () => ((await ready()).status === 200 ? true : undefined), 15_000, 100);
      const recoveryMs = Date.now() - restoredAt;
      state.recovered = true;
      await eventually(
        async () =>
          count((s) => s.kind === 'order' && s.afterRecovery && s.answer.status === 201) >= 30
            ? true
            : undefined,
        20_000,
      );
      state.stop = true;
      await Promise.all(clients);

      // The orders whose last attempt failed are retried with their keys until placed.
      for (const intent of intents.filter((i) => !i.orderId)) {
        await eventually(
          async () => ((await attempt(t.baseUrl, intent, DEADLINE_MS)).status === 201 ? true : undefined),
          10_000,
          100,
        );
      }

      expect(downReady.contentType).toContain('application/problem+json');
      expect(downReady.body).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', failed: ['postgres'] });
      // Every answer came within the deadline, and was either a success or a clean 503.
      const slowest = Math.max(...seen.map((s) => s.answer.ms));
      expect(seen.filter((s) => s.answer.status <= 0)).toEqual([]);
      expect(slowest).toBeLessThan(DEADLINE_MS);
      const unexpected = seen.filter(
        (s) =>
          ![200, 201].includes(s.answer.status) &&
          !isCleanUnavailable(
            s.answer,
            s.kind === 'ready' ? ['DEPENDENCY_UNAVAILABLE'] : ['SERVICE_UNAVAILABLE'],
          ),
      );
      expect(unexpected.map((s) => ({ kind: s.kind, status: s.answer.status, body: s.answer.body }))).toEqual(
        [],
      );
      // Failures only while PostgreSQL was away: before the cut and once ready again, everything worked.
      const failedOutside = seen.filter(
        (s) =>
          s.kind !== 'ready' &&
          s.answer.status === 503 &&
          ((s.started === 'before' && s.ended === 'before') || s.afterRecovery),
      );
      expect(failedOutside).toEqual([]);

      const violations = await orderInvariantViolations(check);
      expect(violations).toEqual(noViolations());
      const placed = intents.map((i) => i.orderId!);
      expect(new Set(placed).size).toBe(intents.length);
      const { rows } = await check.query<{ id: string }>('SELECT id FROM purchase_orders');
      expect(rows.map((r) => r.id).sort()).toEqual([...placed].sort());

      // The relay caught up as well: every event relayed, each producer told once per supplier order.
      await eventually(
        async () => {
          const {
            rows: [row],
          } = await check.query(
            `SELECT (SELECT count(*) FROM outbox WHERE relayed_at IS NULL)::int AS unrelayed,
                    (SELECT count(*) FROM supplier_orders)::int AS supplier_orders,
                    (SELECT count(*) FROM notifications n JOIN outbox e ON e.id = n.event_id
                      WHERE e.event_type = 'supplier_order.placed')::int AS told`,
          );
          return row.unrelayed === 0 && row.told === row.supplier_orders ? true : undefined;
        },
        20_000,
        200,
      );

      const retried = intents.filter((i) => i.attempts.length > 1).length;
      process.stdout.write(
        `${JSON.stringify({
          suite: 'faults-postgres',
          faults: {
            cuts: proxy.counts.cuts,
            socketsDropped: proxy.counts.dropped,
            refused: proxy.counts.refused,
            backendsTerminated: terminated,
          },
          requests: seen.length,
          orders: {
            intents: intents.length,
            attempts: intents.reduce((n, i) => n + i.attempts.length, 0),
            retriedKeys: retried,
          },
          unavailable: count((s) => s.answer.status === 503),
          slowestMs: slowest,
          recoveryMs,
          invariants: Object.keys(ORDER_INVARIANTS).length + 3,
          ms: Date.now() - started,
        })}\n`,
      );
    } finally {
      state.stop = true;
      proxy.restore();
      await Promise.all(clients);
    }
  });
});
