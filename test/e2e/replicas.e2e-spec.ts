import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IdentityFacade } from '../../src/modules/identity';
import { BA_CHE_COMMUNE, eventually, registerUser, TEST_PASSWORD } from '../support/factories';
import { HttpResponse } from '../support/http';
import {
  isolatedDatabase,
  isolatedRedisPrefix,
  startSmtpServer,
  startWebhookReceiver,
} from '../support/notification-fixtures';
import { orderBody } from '../support/ordering';
import { ApiReplica, ReplicaCluster, startReplicas } from '../support/replicas-cluster';
import {
  lifecycleViolations,
  notificationViolations,
  orderLedgerViolations,
  stockViolations,
} from '../support/replicas-invariants';
import {
  declaredSchedules,
  JobRun,
  recordQueueEvents,
  SchedulerState,
  schedulerStates,
  ticksOf,
} from '../support/replicas-schedules';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Two `api` and two `worker` processes on one database and one Redis prefix, as production scales
 * out. Buyers order across both APIs while producers work the orders through either, some orders
 * are left to expire (both workers run the expiry jobs and the sweep), and afterwards the database
 * and Redis must show no oversold stock, each notification once, each expiry once and each
 * scheduled tick run once.
 */
const LOAD_MS = 4_000;
const ACCEPT_WINDOW_SECONDS = 3;
const ORDER_SWEEP_MS = 1_000;
const PRODUCERS = 4;
const LISTINGS_PER_PRODUCER = 5;
const BUYERS = 24;
const SMALL_STOCK = 5;
const LARGE_STOCK = 100_000;
const ADMIN_EMAIL = `admin.${randomBytes(3).toString('hex')}@replicas.ocop.vn`;

interface Member {
  token: string;
  userId: string;
  organizationId: string;
}

interface Listing {
  id: string;
  producer: number;
  small: boolean;
}

interface LoadStats {
  attempts: number;
  placed: number;
  insufficientStock: number;
  keyPairs: number;
  cancelled: number;
  accepted: number;
  acceptRaces: number;
  acceptRaceWinners: number;
  rejected: number;
  shipped: number;
  delivered: number;
  ordersPerApi: number[];
  /** Listings named by INSUFFICIENT_STOCK answers. */
  refusedListings: Set<string>;
  unexpected: string[];
}

describe('replicas: two api and two worker processes on one database and Redis', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let redis: ReturnType<typeof isolatedRedisPrefix>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let recorder: Awaited<ReturnType<typeof recordQueueEvents>> | undefined;
  let cluster: ReplicaCluster | undefined;
  let sql: DataSource;
  let apis: ApiReplica[];
  let listings: Listing[];
  let producers: Member[];
  let stats: LoadStats;
  let startedAt: number;

  let turn = 0;
  const nextApi = () => apis[turn++ % apis.length];
  const otherThan = (api: ApiReplica) => apis.find((a) => a !== api)!;

  beforeAll(async () => {
    [db, smtp, receiver] = await Promise.all([
      isolatedDatabase('replicas'),
      startSmtpServer(),
      startWebhookReceiver(),
    ]);
    redis = isolatedRedisPrefix('replicas');
    sql = new DataSource({ type: 'postgres', url: db.url, poolSize: 2 });
    await sql.initialize();
    const specs = declaredSchedules(ORDER_SWEEP_MS);
    recorder = await recordQueueEvents(process.env.REDIS_URL!, redis.prefix, [
      ...new Set(specs.map((s) => s.queue)),
    ]);
    startedAt = Date.now();
    cluster = await startReplicas(
      {
        DATABASE_URL: db.url,
        REDIS_PREFIX: redis.prefix,
        DATABASE_POOL_SIZE: '8',
        // Every replica creates (or keeps) the office's administrator at start, all at once.
        ADMIN_EMAIL,
        ADMIN_PASSWORD: TEST_PASSWORD,
        ORDER_ACCEPT_WINDOW_SECONDS: String(ACCEPT_WINDOW_SECONDS),
        ORDER_SWEEP_INTERVAL_SECONDS: String(ORDER_SWEEP_MS / 1000),
        OUTBOX_POLL_MS: '200',
        // Both workers sweep every second with no grace: the sweep races the relay's own enqueues.
        NOTIFICATION_SWEEP_MS: '1000',
        NOTIFICATION_SWEEP_GRACE_SECONDS: '0',
        NOTIFICATION_EMAIL_BACKOFF_MS: '100',
        NOTIFICATION_WEBHOOK_BACKOFF_MS: '100',
        SMTP_URL: smtp.url,
        WEBHOOK_ALLOW_PRIVATE: 'true',
      },
      { apis: 2, workers: 2 },
    );
    apis = cluster.apis;
    await seed();
    stats = await runLoad();
    await settle();
  }, 85_000);

  afterAll(async () => {
    await cluster?.stop();
    await recorder?.close();
    await sql?.destroy().catch(() => undefined);
    await smtp?.close();
    await receiver?.close();
    await redis?.flush();
    await db?.drop();
  }, 30_000);

  function expectStatus(response: HttpResponse, status: number, what: string): any {
    if (response.status !== status) throw new Error(`${what}: ${response.status} ${response.text}`);
    return response.body;
  }

  async function register(role: 'producer' | 'buyer', index: number): Promise<Member> {
    const body = expectStatus(
      await nextApi().http.post('/auth/register', {
        email: `${role}${index}.${randomBytes(3).toString('hex')}@replicas.ocop.vn`,
        password: TEST_PASSWORD,
        fullName: `Thử nghiệm ${role} ${index}`,
        role,
        organization: {
          name: role === 'producer' ? `HTX Nhân bản ${index}` : `Siêu thị Nhân bản ${index}`,
          kind: role === 'producer' ? 'cooperative' : 'retail_chain',
          communeCode: BA_CHE_COMMUNE,
        },
      }),
      201,
      `register ${role}`,
    );
    return { token: body.accessToken, userId: body.user.id, organizationId: body.organization.id };
  }

  let buyers: Member[];

  /**
   * Everything through the APIs, alternating between them. Email goes to two buyers and one
   * producer (the others keep the inbox only), webhooks to one producer and one buyer.
   */
  async function seed(): Promise<void> {
    const admin = expectStatus(
      await nextApi().http.post('/auth/login', { email: ADMIN_EMAIL, password: TEST_PASSWORD }),
      200,
      'admin login',
    );
    producers = await Promise.all(Array.from({ length: PRODUCERS }, (_, i) => register('producer', i)));
    buyers = await Promise.all(Array.from({ length: BUYERS }, (_, i) => register('buyer', i)));
    const members = [...producers, ...buyers];
    await Promise.all(
      members.map(async (member) =>
        expectStatus(
          await nextApi().http.post(
            `/admin/organizations/${member.organizationId}/verify`,
            {},
            { token: admin.accessToken },
          ),
          200,
          'verify',
        ),
      ),
    );
    const withEmail = new Set([buyers[0], buyers[1], producers[0]]);
    await Promise.all(
      members
        .filter((member) => !withEmail.has(member))
        .map(async (member) =>
          expectStatus(
            await nextApi().http.request('PUT', '/me/notification-preferences', {
              token: member.token,
              body: { preferences: [{ eventType: '*', channels: ['inbox'] }] },
            }),
            200,
            'preferences',
          ),
        ),
    );
    for (const [member, path] of [
      [producers[1], '/producer-1'],
      [buyers[2], '/buyer-2'],
    ] as const) {
      expectStatus(
        await nextApi().http.post(
          `/organizations/${member.organizationId}/webhooks`,
          { url: `${receiver.baseUrl}${path}`, events: ['*'] },
          { token: member.token },
        ),
        201,
        'webhook',
      );
    }
    listings = (
      await Promise.all(
        producers.map((producer, p) =>
          Promise.all(
            Array.from({ length: LISTINGS_PER_PRODUCER }, async (_, l) => {
              const small = l === 0;
              const product = expectStatus(
                await nextApi().http.post(
                  '/products',
                  { name: `Mật ong Ba Chẽ ${p}-${l}`, category: 'food', unit: 'hũ' },
                  { token: producer.token },
                ),
                201,
                'product',
              );
              const listing = expectStatus(
                await nextApi().http.post(
                  '/listings',
                  {
                    productId: product.id,
                    sku: `R-${p}-${l}`,
                    packSize: 'hũ 500 ml',
                    priceVnd: 150_000 + 1_000 * l,
                    minOrderQty: 1,
                    stockOnHand: small ? SMALL_STOCK : LARGE_STOCK,
                    leadTimeDays: 0,
                    vatRate: [0, 5, 8, 10][l % 4],
                  },
                  { token: producer.token },
                ),
                201,
                'listing',
              );
              return { id: listing.id as string, producer: p, small };
            }),
          ),
        ),
      )
    ).flat();
  }

  const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)];

  /**
   * Three lines from two producers: two listings of one, one of another (as the order benchmark).
   * Every other order wants a small listing, so their last units are fought over.
   */
  function orderLines(): { listingId: string; quantity: number }[] {
    const a = Math.floor(Math.random() * PRODUCERS);
    const b = (a + 1 + Math.floor(Math.random() * (PRODUCERS - 1))) % PRODUCERS;
    const own = listings.filter((l) => l.producer === a);
    const first = Math.random() < 0.5 ? own.find((l) => l.small)! : pick(own);
    const second = pick(own.filter((l) => l !== first));
    const third = pick(listings.filter((l) => l.producer === b));
    return [first, second, third].map((l) => ({
      listingId: l.id,
      quantity: 1 + Math.floor(Math.random() * 3),
    }));
  }

  async function runLoad(): Promise<LoadStats> {
    const result: LoadStats = {
      attempts: 0,
      placed: 0,
      insufficientStock: 0,
      keyPairs: 0,
      cancelled: 0,
      accepted: 0,
      acceptRaces: 0,
      acceptRaceWinners: 0,
      rejected: 0,
      shipped: 0,
      delivered: 0,
      ordersPerApi: apis.map(() => 0),
      refusedListings: new Set(),
      unexpected: [],
    };
    const unexpected = (what: string, response: HttpResponse) =>
      result.unexpected.push(`${what}: ${response.status} ${response.text.slice(0, 300)}`);
    const isInvalidTransition = (r: HttpResponse) =>
      r.status === 409 && r.body?.code === 'INVALID_TRANSITION';
    const buyerOfSupplierOrder = new Map<string, number>();
    const shippedFor: string[][] = buyers.map(() => []);
    const endAt = Date.now() + LOAD_MS;
    const loadOver = new Promise<void>((resolve) => setTimeout(resolve, LOAD_MS));
    const producerOf = new Map(producers.map((producer, p) => [producer.organizationId, p]));
    const queued: any[][] = producers.map(() => []);
    const wake: Array<() => void> = producers.map(() => () => undefined);

    const buyerLoop = async (b: number) => {
      const token = buyers[b].token;
      while (Date.now() < endAt) {
        result.attempts++;
        const body = orderBody(orderLines());
        const headers = { 'idempotency-key': randomUUID() };
        // Some keys go to both APIs at once: one order, the same answer twice.
        const targets = Math.random() < 0.15 ? apis : [nextApi()];
        const replies = await Promise.all(
          targets.map((api) => api.http.post('/orders', body, { token, headers })),
        );
        const created = replies.filter((r) => r.status === 201);
        for (const reply of replies) {
          if (reply.status === 409 && reply.body?.code === 'INSUFFICIENT_STOCK') {
            result.insufficientStock++;
            for (const id of reply.body.listingIds) result.refusedListings.add(id);
          } else if (reply.status !== 201) unexpected('place', reply);
        }
        if (targets.length > 1) result.keyPairs++;
        if (new Set(created.map((r) => r.body.id)).size > 1) unexpected('one key, two orders', created[1]);
        if (created.length > 0) {
          const order = created[0].body;
          result.placed++;
          result.ordersPerApi[apis.indexOf(targets[replies.indexOf(created[0])])]++;
          for (const so of order.supplierOrders) {
            buyerOfSupplierOrder.set(so.id, b);
            const p = producerOf.get(so.producerId)!;
            queued[p].push(so);
            wake[p]();
          }
          if (Math.random() < 0.05) {
            const cancel = await nextApi().http.post(
              `/orders/${order.id}/cancel`,
              { reason: 'Đổi kế hoạch nhập hàng' },
              { token },
            );
            if (cancel.status === 200) result.cancelled++;
            else if (!isInvalidTransition(cancel)) unexpected('cancel', cancel);
          }
        }
        const shipped = shippedFor[b].shift();
        if (shipped) {
          const deliver = await nextApi().http.post(`/supplier-orders/${shipped}/deliver`, {}, { token });
          if (deliver.status === 200) result.delivered++;
          else unexpected('deliver', deliver);
        }
      }
    };

    const work = async (producer: Member, so: any) => {
      const seen = await nextApi().http.get(`/supplier-orders/${so.id}`, { token: producer.token });
      if (seen.status !== 200) unexpected('read supplier order', seen);
      const api = nextApi();
      const roll = Math.random();
      if (roll < 0.35) return; // left to expire
      if (roll < 0.5) {
        const reject = await api.http.post(
          `/supplier-orders/${so.id}/reject`,
          { reason: 'Hết hàng vụ này' },
          { token: producer.token },
        );
        if (reject.status === 200) result.rejected++;
        else if (!isInvalidTransition(reject)) unexpected('reject', reject);
        return;
      }
      // Partly: one unit fewer of the first line (an order of a single unit is accepted whole).
      const partial = roll < 0.6 && (so.lines.length > 1 || so.lines[0].quantity > 1);
      const body = partial
        ? { lines: [{ lineId: so.lines[0].id, acceptedQty: so.lines[0].quantity - 1 }] }
        : {};
      // Some acceptances are sent to both APIs at once: exactly one may win.
      const racing = roll >= 0.85;
      const replies = await Promise.all(
        (racing ? apis : [api]).map((target) =>
          target.http.post(`/supplier-orders/${so.id}/accept`, body, { token: producer.token }),
        ),
      );
      const won = replies.filter((r) => r.status === 200).length;
      for (const reply of replies)
        if (reply.status !== 200 && !isInvalidTransition(reply)) unexpected('accept', reply);
      if (racing) {
        result.acceptRaces++;
        result.acceptRaceWinners += won;
        if (won > 1) unexpected('accepted twice', replies[1]);
      }
      if (won === 0) return;
      result.accepted++;
      if (Math.random() < 0.6) {
        const ship = await otherThan(api).http.post(
          `/supplier-orders/${so.id}/ship`,
          { trackingRef: `VTP${randomBytes(4).toString('hex')}` },
          { token: producer.token },
        );
        if (ship.status === 200) {
          result.shipped++;
          const buyer = buyerOfSupplierOrder.get(so.id);
          if (buyer !== undefined) shippedFor[buyer].push(so.id);
        } else if (!isInvalidTransition(ship)) unexpected('ship', ship);
      }
    };

    // Producers learn of their orders as they are placed and work them through either API; what
    // arrives after the load phase is left to expire.
    const producerLoop = async (p: number) => {
      for (;;) {
        const batch = queued[p].splice(0);
        if (batch.length === 0) {
          if (Date.now() >= endAt) return;
          await Promise.race([new Promise<void>((resolve) => (wake[p] = resolve)), loadOver]);
          continue;
        }
        await Promise.all(batch.map((so) => work(producers[p], so)));
      }
    };

    await Promise.all([...buyers.map((_, b) => buyerLoop(b)), ...producers.map((_, p) => producerLoop(p))]);
    return result;
  }

  async function count(query: string): Promise<number> {
    const [row] = await sql.query(query);
    return Number(row.n);
  }

  /** Until the workers are done: no order waits for expiry, every event is relayed and delivered. */
  async function settle(): Promise<void> {
    await eventually(
      async () =>
        (await count(`SELECT count(*) AS n FROM supplier_orders WHERE status = 'placed'`)) === 0
          ? true
          : undefined,
      20_000,
      200,
    );
    let lastEvents = -1;
    await eventually(
      async () => {
        const events = await count(`SELECT count(*) AS n FROM outbox`);
        const open = await count(
          `SELECT (SELECT count(*) FROM outbox WHERE relayed_at IS NULL)
                + (SELECT count(*) FROM notification_deliveries WHERE status = 'pending')
                + (SELECT count(*) FROM domain_event_receipts WHERE handled_at IS NULL) AS n`,
        );
        const stable = events === lastEvents;
        lastEvents = events;
        return open === 0 && stable ? true : undefined;
      },
      30_000,
      300,
    );
  }

  it('placed orders through both APIs while producers worked them and some expired, no replica failing', () => {
    expect(cluster!.exited()).toEqual([]);
    expect(stats.unexpected).toEqual([]);
    // A floor low enough for a busy shared machine; the invariants below matter, not the rate.
    expect(stats.placed).toBeGreaterThanOrEqual(20);
    expect(stats.ordersPerApi.every((n) => n > 0)).toBe(true);
    // Races for the last units really happened, and so did every kind of move.
    expect(stats.insufficientStock).toBeGreaterThan(0);
    expect(stats.keyPairs).toBeGreaterThan(0);
    expect(stats.accepted).toBeGreaterThan(0);
    expect(stats.rejected).toBeGreaterThan(0);
    expect(stats.shipped).toBeGreaterThan(0);
    expect(stats.acceptRaces).toBeGreaterThan(0);
    expect(stats.acceptRaceWinners).toBeLessThanOrEqual(stats.acceptRaces);
  });

  it('holds exactly what the APIs answered: one order per key, each answered move once', async () => {
    const [held] = await sql.query(
      `SELECT (SELECT count(*) FROM purchase_orders)::int AS placed,
              (SELECT count(DISTINCT supplier_order_id) FROM supplier_order_status_history
                WHERE to_status = 'accepted')::int AS accepted,
              (SELECT count(*) FROM supplier_orders WHERE status = 'rejected')::int AS rejected,
              (SELECT count(DISTINCT supplier_order_id) FROM supplier_order_status_history
                WHERE to_status = 'shipped')::int AS shipped,
              (SELECT count(*) FROM supplier_orders WHERE status = 'delivered')::int AS delivered,
              (SELECT count(DISTINCT purchase_order_id) FROM supplier_orders
                WHERE status = 'cancelled')::int AS cancelled`,
    );
    const { placed, accepted, rejected, shipped, delivered, cancelled } = stats;
    expect(held).toEqual({ placed, accepted, rejected, shipped, delivered, cancelled });
  });

  it('never oversold: stock on hand and reserved follow from the orders, and the ledger sums to both', async () => {
    expect(await stockViolations(sql)).toEqual([]);
    expect(await orderLedgerViolations(sql)).toEqual([]);
    // The race for the last units was real: every small listing turned orders away, and small
    // listings ran out to the last unit.
    const small = listings.filter((l) => l.small).map((l) => l.id);
    expect(small.filter((id) => !stats.refusedListings.has(id))).toEqual([]);
    const soldOut = await count(
      `SELECT count(DISTINCT listing_id) AS n FROM stock_ledger
        WHERE listing_id = ANY ('{${small.join(',')}}'::uuid[]) AND on_hand_after = reserved_after`,
    );
    expect(soldOut).toBeGreaterThan(0);
  });

  it('moved every supplier order along one legal path, each move and its event written once', async () => {
    const lifecycle = await lifecycleViolations(sql);
    expect(lifecycle.violations).toEqual([]);
    expect(lifecycle.byStatus.placed ?? 0).toBe(0);
    expect(lifecycle.byStatus.expired).toBeGreaterThan(0);
    // The administrator that four replicas created at once exists once.
    expect(await count(`SELECT count(*) AS n FROM users WHERE role = 'admin'`)).toBe(1);
  });

  it('expired each order once although both workers ran the expiry jobs and the sweep', async () => {
    const expired = await count(`SELECT count(*) AS n FROM supplier_orders WHERE status = 'expired'`);
    // What the expiry jobs and the sweeps report having expired, summed over both workers, once the
    // last completions have been read from Redis.
    const expirations = () =>
      [...recorder!.runs.get('ordering')!.entries()]
        .filter(([id]) => id.startsWith('expire-') || id.startsWith('repeat:ordering-sweep:'))
        .reduce((sum, [, run]) => sum + Number((run.returnvalue as { expired?: number })?.expired ?? 0), 0);
    await eventually(async () => (expirations() >= expired ? true : undefined), 5_000).catch(() => undefined);
    expect({ expirations: expirations() }).toEqual({ expirations: expired });
    const history = await sql.query(
      `SELECT supplier_order_id, count(*)::int AS n FROM supplier_order_status_history
        WHERE to_status = 'expired' GROUP BY 1 HAVING count(*) > 1`,
    );
    expect(history).toEqual([]);
  });

  it('notified each recipient once per event on each channel', async () => {
    const summary = await notificationViolations(sql);
    for (const [name, rows] of Object.entries(summary.violations))
      expect({ [name]: rows }).toEqual({ [name]: [] });
    expect(summary.inboxEntries).toBeGreaterThan(stats.placed);
    expect(summary.deliveries['email:delivered']).toBeGreaterThan(0);
    expect(summary.deliveries['webhook:delivered']).toBeGreaterThan(0);

    // What left the building: one mail per email delivery, one webhook call per webhook delivery.
    const emails: Array<{ event_id: string; target: string }> = await sql.query(
      `SELECT event_id, target FROM notification_deliveries WHERE channel = 'email'`,
    );
    const mailed = tally(smtp.mails.map((m) => `${m.headers['x-ocop-event-id']} ${m.to.join(',')}`));
    expect(
      repeatedOrMissing(
        mailed,
        emails.map((e) => `${e.event_id} ${e.target}`),
      ),
    ).toEqual([]);
    const hooks: Array<{ event_id: string; target: string }> = await sql.query(
      `SELECT event_id, target FROM notification_deliveries WHERE channel = 'webhook'`,
    );
    const called = tally(
      receiver.hits.map((h) => `${h.headers['x-ocop-event-id']} ${receiver.baseUrl}${h.path}`),
    );
    expect(
      repeatedOrMissing(
        called,
        hooks.map((h) => `${h.event_id} ${h.target}`),
      ),
    ).toEqual([]);
  });

  it('registered each schedule once in Redis and ran each tick on one worker only', async () => {
    const specs = declaredSchedules(ORDER_SWEEP_MS);
    const states = await schedulerStates(process.env.REDIS_URL!, redis.prefix, specs);
    const expected: SchedulerState[] = [...new Set(specs.map((s) => s.queue))].map((queue) => {
      const own = specs.filter((s) => s.queue === queue);
      return {
        queue,
        schedulerIds: own.map((s) => s.schedulerId).sort(),
        pending: Object.fromEntries(own.map((s) => [s.schedulerId, 1])),
        active: expect.any(Object),
        workers: 2,
      };
    });
    // A tick of the 1 s sweep may be between "taken" and "next added": then its next slot is active.
    for (const state of states) {
      for (const id of Object.keys(state.pending)) {
        if (state.pending[id] === 0 && state.active[id] === 1) state.pending[id] = 1;
      }
    }
    expect(states).toEqual(expected);

    const elapsed = Date.now() - startedAt;
    for (const spec of specs) {
      const runs: Map<string, JobRun> = recorder!.runs.get(spec.queue)!;
      const ticks = ticksOf(runs, spec.schedulerId);
      expect({ id: spec.schedulerId, runs: ticks.runsPerSlot.filter((n) => n !== 1) }).toEqual({
        id: spec.schedulerId,
        runs: [],
      });
      if (spec.everyMs === undefined) continue;
      expect(ticks.slots.length).toBeLessThanOrEqual(Math.ceil(elapsed / spec.everyMs) + 1);
      expect(ticks.gaps.filter((gap) => gap < spec.everyMs! || gap % spec.everyMs! !== 0)).toEqual([]);
    }
    const sweeps = ticksOf(recorder!.runs.get('ordering')!, 'ordering-sweep');
    expect(sweeps.slots.length).toBeGreaterThanOrEqual(5);
  });
});

function tally(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** Keys sent other than exactly once, and keys sent that no delivery row explains. */
function repeatedOrMissing(sent: Map<string, number>, expected: string[]): string[] {
  const wanted = new Set(expected);
  return [
    ...expected.filter((key) => sent.get(key) !== 1).map((key) => `${key} × ${sent.get(key) ?? 0}`),
    ...[...sent.keys()].filter((key) => !wanted.has(key)).map((key) => `${key} unexpected`),
  ];
}

describe('replicas: the administrator created by every replica at start', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is created once, and every other replica reports it kept', async () => {
    const email = `admin.${randomBytes(3).toString('hex')}@replicas.ocop.vn`;
    const identity = t.app.get(IdentityFacade);
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () => identity.ensureAdmin(email, TEST_PASSWORD)),
    );
    expect(outcomes.sort()).toEqual(['created', 'kept', 'kept', 'kept']);
  });

  it('is refused when a concurrent registration took the address first', async () => {
    const email = `taken.${randomBytes(3).toString('hex')}@replicas.ocop.vn`;
    const identity = t.app.get(IdentityFacade);
    const [registered, ...admins] = await Promise.allSettled([
      registerUser(t, 'buyer', { email }),
      ...Array.from({ length: 3 }, () => identity.ensureAdmin(email, TEST_PASSWORD)),
    ]);
    const [row] = await t.app.get(DataSource).query(`SELECT role FROM users WHERE email = $1`, [email]);
    if (row.role === 'admin') {
      expect(registered.status).toBe('rejected');
      expect(admins.map((a) => (a.status === 'fulfilled' ? a.value : 'refused')).sort()).toEqual([
        'created',
        'kept',
        'kept',
      ]);
    } else {
      expect(admins.map((a) => a.status)).toEqual(['rejected', 'rejected', 'rejected']);
    }
  });
});
