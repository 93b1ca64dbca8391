import { Client } from 'pg';
import { eventually } from '../support/factories';
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
import { ApiProcess, forkApi } from '../support/faults-process';
import { isolatedDatabase, isolatedRedisPrefix } from '../support/notification-fixtures';
import { HttpClient } from '../support/http';

const DEADLINE_MS = 20_000;
const ADMIN = { email: 'admin.apikill@test.ocop.vn', password: 'mật-khẩu-quản-trị-2026' };
/** Orders held inside their transactions (behind a row lock) when the process dies. */
const HELD = 8;
/** Clients placing orders one after another, so the kill lands at every stage of placement. */
const STREAMS = 10;

/**
 * The `api` process killed with SIGKILL while dozens of orders are in flight: some inside their
 * transactions (held behind a row lock, so the kill is certain to catch them there), others at
 * whatever stage the kill finds them. No order is half-written, no stock is left reserved for an
 * order that does not exist, and every order whose answer was lost is placed exactly once when the
 * buyer retries its Idempotency-Key against a new process.
 */
describe('faults: the api process killed with SIGKILL in the middle of order placement', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let redis: ReturnType<typeof isolatedRedisPrefix>;
  let check: Client;
  let locker: Client | undefined;
  let market: Marketplace;
  let env: Record<string, string>;
  const apis: ApiProcess[] = [];
  let first: ApiProcess;
  let bootMs = 0;

  beforeAll(async () => {
    db = await isolatedDatabase('apikill');
    redis = isolatedRedisPrefix('apikill');
    env = { DATABASE_URL: db.url, REDIS_PREFIX: redis.prefix, DATABASE_POOL_SIZE: '20' };
    const booting = Date.now();
    first = await forkApi({ ...env, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    apis.push(first);
    bootMs = Date.now() - booting;
    const http = new HttpClient(first.baseUrl);
    const login = await http.post('/auth/login', ADMIN);
    if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${login.text}`);
    market = await aMarketplace(
      { http },
      { token: login.body.accessToken },
      {
        producers: 3,
        listingsPerProducer: 3,
        buyers: 6,
        stock: 1_000_000,
      },
    );
    check = await directClient(db.url);
  });

  afterAll(async () => {
    for (const api of apis) await api.kill();
    await locker?.end();
    await check?.end();
    await redis?.flush();
    await db?.drop();
  });

  const appSessions = async (filter = 'true') => {
    const { rows } = await check.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'ocop' AND ${filter}`,
    );
    return rows[0].n;
  };
  /** Sessions waiting, directly or behind another waiter, for a lock the session `pid` holds. */
  const waitingBehind = async (pid: number) => {
    const { rows } = await check.query<{ n: number }>(
      `WITH RECURSIVE blocked (pid) AS (
         SELECT pid FROM pg_stat_activity WHERE $1::int = ANY (pg_blocking_pids(pid))
         UNION
         SELECT a.pid FROM pg_stat_activity a JOIN blocked b ON b.pid = ANY (pg_blocking_pids(a.pid))
       ) SELECT count(*)::int AS n FROM blocked`,
      [pid],
    );
    return rows[0].n;
  };
  const committedOrderOf = async (intent: OrderIntent): Promise<string | undefined> => {
    const { rows } = await check.query<{ id: string }>(
      `SELECT response->>'id' AS id FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [intent.buyer.userId, intent.key],
    );
    return rows[0]?.id;
  };

  it('leaves no partial order and places each lost order exactly once when retried', async () => {
    const started = Date.now();

    // The listing with the lowest id is locked first by any order naming it: an order waiting for
    // it holds no other lock, so the held orders stall nobody else.
    const sorted = [...market.listings].sort((a, b) => a.id.localeCompare(b.id));
    const blocker = sorted[0];
    const partner = market.listings.find((l) => l.producerId !== blocker.producerId)!;
    // On a session of its own: pg_stat_activity would show the checker a frozen picture inside a transaction.
    locker = await directClient(db.url);
    const {
      rows: [{ pid: lockerPid }],
    } = await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await locker.query('BEGIN');
    await locker.query('SELECT id FROM listings WHERE id = $1 FOR UPDATE', [blocker.id]);

    const held = Array.from({ length: HELD }, (_, i) =>
      newIntent(market.buyers[i % market.buyers.length], [
        { listingId: blocker.id, quantity: 1 + i },
        { listingId: partner.id, quantity: 2 },
      ]),
    );
    const streamed: OrderIntent[] = [];
    const answers: Answer[] = [];
    let killed = false;
    const heldRequests = held.map((intent) => attempt(first.baseUrl, intent, DEADLINE_MS));
    const streams = Array.from({ length: STREAMS }, async (_, s) => {
      for (let n = 0; !killed; n++) {
        const intent = newIntent(
          market.buyers[s % market.buyers.length],
          someLines(market, s * 100 + n, [blocker.id]),
        );
        streamed.push(intent);
        answers.push(await attempt(first.baseUrl, intent, DEADLINE_MS));
      }
    });

    // Kill once every held order waits on the lock inside its transaction and the stream is busy.
    await eventually(
      async () =>
        (await waitingBehind(lockerPid)) >= HELD && answers.filter((a) => a.status === 201).length >= 20
          ? true
          : undefined,
      30_000,
      10,
    );
    const inTransaction = await appSessions('xact_start IS NOT NULL');
    killed = true;
    await first.kill();
    await Promise.all([...heldRequests, ...streams]);
    // The dead process's transactions still run on the server; the held ones go on once the lock is
    // gone, and must roll back rather than commit when they find their client gone.
    await locker.end();
    locker = undefined;
    await eventually(async () => ((await appSessions()) === 0 ? true : undefined), 15_000);

    const intents = [...held, ...streamed];
    const lost = intents.filter((i) => !i.orderId);
    const answered = intents.filter((i) => i.orderId);
    // Every request either got its order or lost its connection: nothing else, no timeout.
    expect(
      intents.flatMap((i) => i.attempts.map((a) => a.status)).filter((s) => s !== 201 && s !== 0),
    ).toEqual([]);
    expect(lost.length).toBeGreaterThanOrEqual(HELD);
    const afterKill = await orderInvariantViolations(check);
    expect(afterKill).toEqual(noViolations());
    // Orders held in their transactions at the kill never committed.
    for (const intent of held) expect(await committedOrderOf(intent)).toBeUndefined();
    // Committed orders whose answer the buyer never saw (the kill came between COMMIT and the reply).
    const committedUnseen = new Map<OrderIntent, string>();
    for (const intent of lost) {
      const id = await committedOrderOf(intent);
      if (id) committedUnseen.set(intent, id);
    }
    const { rows: before } = await check.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM purchase_orders',
    );
    expect(before[0].n).toBe(answered.length + committedUnseen.size);

    // A new process; every buyer whose answer was lost retries with the same key and body.
    const rebooting = Date.now();
    const second = await forkApi(env);
    apis.push(second);
    const rebootMs = Date.now() - rebooting;
    const retries = await Promise.all(lost.map((intent) => attempt(second.baseUrl, intent, DEADLINE_MS)));
    expect(retries.map((r) => r.status)).toEqual(lost.map(() => 201));
    for (const [intent, id] of committedUnseen) expect(intent.orderId).toBe(id);
    // One more replay of every key changes nothing.
    const replays = await Promise.all(intents.map((intent) => attempt(second.baseUrl, intent, DEADLINE_MS)));
    expect(replays.map((r) => r.status)).toEqual(intents.map(() => 201));

    const placed = intents.map((i) => i.orderId!);
    expect(new Set(placed).size).toBe(intents.length);
    const { rows } = await check.query<{ id: string }>('SELECT id FROM purchase_orders');
    expect(rows.map((r) => r.id).sort()).toEqual([...placed].sort());
    expect(await orderInvariantViolations(check)).toEqual(noViolations());

    process.stdout.write(
      `${JSON.stringify({
        suite: 'faults-api-kill',
        faults: { sigkills: 1, sessionsInTransactionAtKill: inTransaction },
        orders: {
          intents: intents.length,
          answeredBeforeKill: answered.length,
          lostAnswers: lost.length,
          committedButUnseen: committedUnseen.size,
          heldInTransaction: HELD,
          retried: retries.length,
          replayed: replays.length,
        },
        invariants: 2 * Object.keys(ORDER_INVARIANTS).length + 4,
        bootMs: { first: bootMs, second: rebootMs },
        ms: Date.now() - started,
      })}\n`,
    );
  });
});
