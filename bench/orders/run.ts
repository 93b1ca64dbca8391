/**
 * Order placement benchmark: seeds producers, listings and buyers in its own database
 * (`ocop_bench_orders`, recreated each run), starts the built API against it (APP_ROLE=api, as a
 * production API replica runs: queue consumers and the outbox relay live in worker replicas), then
 * places 3-line orders from 2 producers at 1, 8 and 32 concurrent buyers for BENCH_SECONDS (30) each.
 * Prints JSON with orders/s and latency percentiles per level, and checks afterwards that reserved
 * stock equals the sum of ordered quantities.
 *
 * Replicas: BENCH_API_REPLICAS=n starts n API processes (ports BENCH_PORT, BENCH_PORT+1, ...; client
 * i talks to API i mod n, as behind a load balancer) and BENCH_WORKERS=m starts m worker processes
 * (outbox relay, notification deliveries, schedules) on the same database and Redis prefix. With
 * workers, the run then waits until they have relayed and delivered everything and also checks that
 * every event reached each recipient's inbox exactly once and that each schedule is registered once.
 *
 *   npm run bench:orders        (builds first)
 *   BENCH_SECONDS=10 BENCH_LEVELS=1,8,32 node dist/bench/orders/run.js
 *   BENCH_API_REPLICAS=2 BENCH_WORKERS=2 BENCH_SECONDS=10 BENCH_LEVELS=32 node dist/bench/orders/run.js
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Queue, QueueEvents } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';

const ROOT = join(__dirname, '..', '..', '..');
// PostgreSQL runs alongside: its Unix socket when there is one (loopback TCP costs far more kernel
// time per round trip on small VMs), else TCP. BENCH_DATABASE_SERVER overrides.
const SOCKET_DIR = '/var/run/postgresql';
const SERVER =
  process.env.BENCH_DATABASE_SERVER ??
  (existsSync(`${SOCKET_DIR}/.s.PGSQL.5432`)
    ? `postgres://postgres@${encodeURIComponent(SOCKET_DIR)}`
    : 'postgres://postgres@127.0.0.1:5432');
const DB_NAME = process.env.BENCH_DATABASE_NAME ?? 'ocop_bench_orders';
const DATABASE_URL = `${SERVER}/${DB_NAME}`;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PORT = Number(process.env.BENCH_PORT ?? 3917);
const API_REPLICAS = Number(process.env.BENCH_API_REPLICAS ?? 1);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 0);
const PORTS = Array.from({ length: API_REPLICAS }, (_, i) => PORT + i);
/** How long the workers may take to relay and deliver what the run produced. */
const SETTLE_MS = 120_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const LEVELS = (process.env.BENCH_LEVELS ?? '1,8,32').split(',').map(Number);
const PRODUCERS = 20;
const LISTINGS_PER_PRODUCER = 10;
const BUYERS = Math.max(...LEVELS);
const STOCK = 10_000_000;

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of the API under test
type Json = any;

interface Reply {
  status: number;
  body: Json;
}

let nextPort = 0;

/** Requests without a client of their own (seeding) go round the API replicas. */
function anyPort(): number {
  return PORTS[nextPort++ % PORTS.length];
}

function request(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  port = anyPort(),
): Promise<Reply> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: path.startsWith('/health') ? path : `/api/v1${path}`,
        agent,
        headers: {
          ...headers,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON; keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

async function expectStatus(reply: Promise<Reply>, status: number, what: string): Promise<Json> {
  const result = await reply;
  if (result.status !== status) throw new Error(`${what}: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

async function recreateDatabase(): Promise<void> {
  const admin = new Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${DB_NAME}"`);
  await admin.end();
  const migrate = spawnSync(process.execPath, [join(ROOT, 'dist/src/cli/main.js'), 'migrate'], {
    env: { ...process.env, DATABASE_URL, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (migrate.status !== 0) throw new Error('migrations failed');
}

const REDIS_PREFIX = `ocop_bench_orders_${randomBytes(3).toString('hex')}`;

/** The API's queues live under this run's own prefix; nothing consumes them after the run. */
async function deleteRedisKeys(): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

// Every replica signs and checks tokens with the same key, as behind one load balancer.
const JWT_SECRET = randomBytes(32).toString('hex');

function startProcess(role: 'api' | 'worker', port?: number): ChildProcess {
  // BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the API under load.
  const nodeArgs = role === 'api' ? (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean) : [];
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/src/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      APP_ROLE: role,
      ...(port === undefined ? {} : { PORT: String(port) }),
      HOST: '127.0.0.1',
      DATABASE_URL,
      DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE ?? '8',
      REDIS_URL,
      REDIS_PREFIX,
      JWT_SECRET,
      ACCESS_TOKEN_TTL_SECONDS: '86400',
      LOG_LEVEL: 'warn',
      LOGIN_THROTTLE_MAX_PER_IP: '1000000',
      LOGIN_THROTTLE_MAX_PER_ACCOUNT: '10000',
      ...(WORKERS > 0 ? { ORDER_SWEEP_INTERVAL_SECONDS: String(SWEEP_SECONDS) } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function waitReady(port: number, deadlineMs = 30_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    try {
      if ((await request('GET', '/health/ready', undefined, {}, port)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`API on port ${port} did not become ready`);
}

async function register(
  role: 'producer' | 'buyer',
  index: number,
): Promise<{ token: string; orgId: string }> {
  const body = await expectStatus(
    request('POST', '/auth/register', {
      email: `${role}${index}.${randomBytes(3).toString('hex')}@bench.ocop.vn`,
      password: 'bench-password-2026',
      fullName: `Bench ${role} ${index}`,
      role,
      organization: {
        name: role === 'producer' ? `HTX Bench ${index}` : `Siêu thị Bench ${index}`,
        kind: role === 'producer' ? 'cooperative' : 'retail_chain',
        communeCode: '06970',
      },
    }),
    201,
    `register ${role}`,
  );
  return { token: body.accessToken, orgId: body.organization.id };
}

interface Listing {
  id: string;
  producer: number;
}

async function seed(db: Client): Promise<{ buyers: string[]; listings: Listing[][] }> {
  const producers = await Promise.all(Array.from({ length: PRODUCERS }, (_, i) => register('producer', i)));
  const buyers = await Promise.all(Array.from({ length: BUYERS }, (_, i) => register('buyer', i)));
  // Verification is the OCOP office's manual step; the benchmark does it directly.
  await db.query(`UPDATE organizations SET status = 'verified', verified_at = now()`);
  const listings: Listing[][] = [];
  for (const [p, producer] of producers.entries()) {
    const own: Listing[] = [];
    for (let l = 0; l < LISTINGS_PER_PRODUCER; l++) {
      const product = await expectStatus(
        request(
          'POST',
          '/products',
          { name: `Sản phẩm OCOP ${p}-${l}`, category: 'food', unit: 'hộp' },
          { authorization: `Bearer ${producer.token}` },
        ),
        201,
        'product',
      );
      const listing = await expectStatus(
        request(
          'POST',
          '/listings',
          {
            productId: product.id,
            sku: `B-${p}-${l}`,
            packSize: 'hộp 500 g',
            priceVnd: 20_000 + 1_000 * l,
            priceTiers: [{ minQty: 3, priceVnd: 18_000 + 1_000 * l }],
            minOrderQty: 1,
            stockOnHand: STOCK,
            leadTimeDays: l % 3,
            vatRate: [0, 5, 8, 10][l % 4],
          },
          { authorization: `Bearer ${producer.token}` },
        ),
        201,
        'listing',
      );
      own.push({ id: listing.id, producer: p });
    }
    listings.push(own);
  }
  return { buyers: buyers.map((b) => b.token), listings };
}

function deliveryDate(): string {
  const date = new Date(Date.now() + 7 * 3_600_000 + 5 * 86_400_000);
  return date.toISOString().slice(0, 10);
}

function pick<T>(items: T[]): T {
  return items[Math.floor(Math.random() * items.length)];
}

/** 3 lines from 2 producers: two listings of one, one of another. */
function orderLines(listings: Listing[][]): { listingId: string; quantity: number }[] {
  const a = Math.floor(Math.random() * listings.length);
  let b = Math.floor(Math.random() * (listings.length - 1));
  if (b >= a) b++;
  const first = pick(listings[a]);
  let second = pick(listings[a]);
  while (second.id === first.id) second = pick(listings[a]);
  return [first, second, pick(listings[b])].map((listing) => ({
    listingId: listing.id,
    quantity: 1 + Math.floor(Math.random() * 5),
  }));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)] * 100) / 100;
}

/** CPU seconds (user + system) the processes have used so far, from /proc (Linux only). */
function cpuSecondsOf(pids: Array<number | undefined>): number | undefined {
  let total = 0;
  for (const pid of pids) {
    if (pid === undefined) return undefined;
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return undefined;
    }
  }
  return total;
}

interface LevelResult {
  concurrency: number;
  seconds: number;
  orders: number;
  ordersPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  errorSamples: string[];
  /** CPU time the API process spent per successful order (the machine's other load does not count). */
  apiCpuMsPerOrder?: number;
  /** The same for the worker processes (relay, fan-out, deliveries) while the level ran. */
  workerCpuMsPerOrder?: number;
}

async function runLevel(
  concurrency: number,
  seconds: number,
  buyers: string[],
  listings: Listing[][],
  apiPids: Array<number | undefined> = [],
  workerPids: Array<number | undefined> = [],
): Promise<LevelResult> {
  const cpuBefore = cpuSecondsOf(apiPids);
  const workerCpuBefore = workerPids.length > 0 ? cpuSecondsOf(workerPids) : undefined;
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const date = deliveryDate();
  const started = performance.now();
  const endAt = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      const token = buyers[worker % buyers.length];
      const port = PORTS[worker % PORTS.length];
      while (performance.now() < endAt) {
        const body = {
          deliveryDate: date,
          deliveryAddress: 'Kho tổng WinMart, KCN Cái Lân, Hạ Long, Quảng Ninh',
          paymentMethod: 'invoice',
          lines: orderLines(listings),
        };
        const t0 = performance.now();
        try {
          const reply = await request(
            'POST',
            '/orders',
            body,
            { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
            port,
          );
          const elapsed = performance.now() - t0;
          if (reply.status === 201) latencies.push(elapsed);
          else {
            errors++;
            if (errorSamples.length < 5) errorSamples.push(`${reply.status} ${JSON.stringify(reply.body)}`);
          }
        } catch (error) {
          errors++;
          if (errorSamples.length < 5) errorSamples.push(String(error));
        }
      }
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuSecondsOf(apiPids);
  const workerCpuAfter = workerPids.length > 0 ? cpuSecondsOf(workerPids) : undefined;
  const perOrder = (before?: number, after?: number) =>
    Math.round((((after ?? 0) - (before ?? 0)) * 100_000) / latencies.length) / 100;
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    seconds: Math.round(elapsedSeconds * 10) / 10,
    orders: latencies.length,
    ordersPerSecond: Math.round((latencies.length / elapsedSeconds) * 10) / 10,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    maxMs: percentile(latencies, 100),
    errors,
    errorSamples,
    ...(cpuBefore !== undefined && cpuAfter !== undefined && latencies.length > 0
      ? { apiCpuMsPerOrder: perOrder(cpuBefore, cpuAfter) }
      : {}),
    ...(workerCpuBefore !== undefined && workerCpuAfter !== undefined && latencies.length > 0
      ? { workerCpuMsPerOrder: perOrder(workerCpuBefore, workerCpuAfter) }
      : {}),
  };
}

async function verify(db: Client) {
  const { rows } = await db.query<{ listing_id: string; reserved: number; ordered: number }>(
    `SELECT l.id AS listing_id, l.stock_reserved AS reserved, coalesce(o.ordered, 0)::int AS ordered
       FROM listings l
       LEFT JOIN (SELECT listing_id, sum(quantity) AS ordered FROM supplier_order_lines GROUP BY listing_id) o
              ON o.listing_id = l.id`,
  );
  const mismatched = rows.filter((row) => Number(row.reserved) !== Number(row.ordered));
  const [counts] = (
    await db.query<{ purchase_orders: number; supplier_orders: number; lines: number; events: number }>(
      `SELECT (SELECT count(*) FROM purchase_orders)::int AS purchase_orders,
              (SELECT count(*) FROM supplier_orders)::int AS supplier_orders,
              (SELECT count(*) FROM supplier_order_lines)::int AS lines,
              (SELECT count(*) FROM outbox WHERE event_type LIKE '%order.placed')::int AS events`,
    )
  ).rows;
  return {
    reservedTotal: rows.reduce((sum, row) => sum + Number(row.reserved), 0),
    orderedTotal: rows.reduce((sum, row) => sum + Number(row.ordered), 0),
    mismatchedListings: mismatched.length,
    ...counts,
    ok:
      mismatched.length === 0 &&
      counts.supplier_orders === 2 * counts.purchase_orders &&
      counts.lines === 3 * counts.purchase_orders &&
      counts.events === 3 * counts.purchase_orders,
  };
}

/** Events for which the OCOP office's administrators are the recipients (notifications' delivery policy). */
const ADMIN_FACING_EVENTS = ['organization.registered', 'organization.verification_requested'];

/** The worker role's repeatable schedules, one job scheduler id each. */
const SCHEDULES: Record<string, string[]> = {
  ordering: ['ordering-sweep'],
  fairs: ['fairs-sweep-holds'],
  payments: ['overdue-sweep', 'webhook-sweep'],
  'notification-schedules': ['ocop-certificates-daily'],
};
/** The expiry sweep ticks this often while workers run, so that its ticks can be counted. */
const SWEEP_SECONDS = Number(process.env.BENCH_SWEEP_SECONDS ?? 5);

/** Job starts per job id in each scheduled queue, read from its event stream as the run goes. */
async function recordJobStarts(): Promise<{ starts: Map<string, number>; close(): Promise<void> }> {
  const starts = new Map<string, number>();
  const template = new Redis(REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: true });
  const listeners = Object.keys(SCHEDULES).map((name) => {
    const events = new QueueEvents(name, {
      connection: template,
      prefix: REDIS_PREFIX,
      lastEventId: '0-0',
      blockingTimeout: 1_000,
    });
    events.on('active', ({ jobId }) => starts.set(jobId, (starts.get(jobId) ?? 0) + 1));
    events.on('error', () => undefined);
    return events;
  });
  await Promise.all(listeners.map((events) => events.waitUntilReady()));
  return {
    starts,
    async close() {
      await Promise.all(listeners.map((events) => events.close()));
      template.disconnect();
    },
  };
}

/** Waits until the workers have relayed every event and done every delivery and subscriber job. */
async function settle(db: Client): Promise<number | undefined> {
  const started = performance.now();
  const deadline = Date.now() + SETTLE_MS;
  while (Date.now() < deadline) {
    const [row] = (
      await db.query<{ open: number }>(
        `SELECT ((SELECT count(*) FROM outbox WHERE relayed_at IS NULL)
               + (SELECT count(*) FROM notification_deliveries WHERE status = 'pending')
               + (SELECT count(*) FROM domain_event_receipts WHERE handled_at IS NULL))::int AS open`,
      )
    ).rows;
    if (row.open === 0) return Math.round((performance.now() - started) / 100) / 10;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return undefined;
}

/**
 * Each event in each recipient's inbox exactly once (recipients: the audience organizations'
 * members, or the administrators for the office's own events), one delivery per recipient ×
 * channel, all delivered; each schedule registered once, each of its ticks run by one worker.
 */
async function verifyReplicas(db: Client, starts: Map<string, number>, settledSeconds?: number) {
  const [inbox] = (
    await db.query<Record<string, number>>(
      `WITH expected AS (
         SELECT o.id AS event_id, u.id AS user_id FROM outbox o JOIN users u ON u.organization_id = ANY (o.audience)
          WHERE NOT (o.event_type = ANY ($1::text[]))
         UNION
         SELECT o.id, u.id FROM outbox o JOIN users u ON u.role = 'admin' WHERE o.event_type = ANY ($1::text[]))
       SELECT (SELECT count(*) FROM outbox)::int AS events,
              (SELECT count(*) FROM expected)::int AS "expectedInboxEntries",
              (SELECT count(*) FROM notifications)::int AS "inboxEntries",
              (SELECT count(*) - count(DISTINCT (event_id, user_id)) FROM notifications)::int AS "duplicateInboxEntries",
              (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT event_id, user_id FROM notifications) m)::int
                AS "missingInboxEntries",
              (SELECT count(*) FROM (SELECT event_id, user_id FROM notifications EXCEPT SELECT * FROM expected) x)::int
                AS "unexpectedInboxEntries",
              (SELECT count(*) FROM notification_deliveries)::int AS deliveries,
              (SELECT count(*) - count(DISTINCT (event_id, recipient_id, channel)) FROM notification_deliveries)::int
                AS "duplicateDeliveries",
              (SELECT count(*) FROM notification_deliveries WHERE status <> 'delivered')::int AS "undeliveredDeliveries",
              (SELECT count(*) FROM outbox WHERE relayed_at IS NULL)::int AS unrelayed`,
      [ADMIN_FACING_EVENTS],
    )
  ).rows;
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const schedules: Record<string, { registered: boolean; ticks: number; maxRunsPerTick: number }> = {};
  const consumers: Record<string, number> = {};
  try {
    for (const [name, ids] of Object.entries(SCHEDULES)) {
      const queue = new Queue(name, { connection, prefix: REDIS_PREFIX });
      const registered = (await queue.getJobSchedulers(0, -1)).map((s) => s.key);
      consumers[name] = await queue.getWorkersCount();
      for (const id of ids) {
        const runs = [...starts.entries()].filter(([jobId]) => jobId.startsWith(`repeat:${id}:`));
        schedules[id] = {
          registered: registered.filter((key) => key === id).length === 1 && registered.length === ids.length,
          ticks: runs.length,
          maxRunsPerTick: Math.max(0, ...runs.map(([, n]) => n)),
        };
      }
      await queue.close();
    }
  } finally {
    connection.disconnect();
  }
  const ok =
    settledSeconds !== undefined &&
    inbox.unrelayed === 0 &&
    inbox.duplicateInboxEntries === 0 &&
    inbox.missingInboxEntries === 0 &&
    inbox.unexpectedInboxEntries === 0 &&
    inbox.duplicateDeliveries === 0 &&
    inbox.undeliveredDeliveries === 0 &&
    Object.values(schedules).every((s) => s.registered && s.maxRunsPerTick <= 1) &&
    schedules['ordering-sweep'].ticks > 0 &&
    Object.values(consumers).every((n) => n === WORKERS);
  return { settledSeconds, ...inbox, schedules, consumersPerQueue: consumers, ok };
}

async function main(): Promise<void> {
  await recreateDatabase();
  const recorder = WORKERS > 0 ? await recordJobStarts() : undefined;
  const apis = PORTS.map((port) => startProcess('api', port));
  const workers = Array.from({ length: WORKERS }, () => startProcess('worker'));
  const children = [...apis, ...workers];
  const stop = () => children.forEach((child) => child.kill('SIGTERM'));
  process.on('exit', stop);
  const db = new Client({ connectionString: DATABASE_URL });
  const apiPids = apis.map((api) => api.pid);
  const workerPids = workers.map((worker) => worker.pid);
  try {
    await Promise.all(PORTS.map((port) => waitReady(port)));
    await db.connect();
    const { buyers, listings } = await seed(db);
    // Warm-up (JIT, connection pool, plan caches); counted in the stock check, not in the figures.
    await runLevel(8, Math.min(5, SECONDS), buyers, listings, apiPids, workerPids);
    const levels: LevelResult[] = [];
    for (const concurrency of LEVELS)
      levels.push(await runLevel(concurrency, SECONDS, buyers, listings, apiPids, workerPids));
    const verification = await verify(db);
    const replicas =
      recorder === undefined ? undefined : await verifyReplicas(db, recorder.starts, await settle(db));
    const result = {
      benchmark: 'orders',
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
      setup: {
        producers: PRODUCERS,
        listings: PRODUCERS * LISTINGS_PER_PRODUCER,
        buyers: BUYERS,
        linesPerOrder: 3,
        producersPerOrder: 2,
        idempotencyKey: true,
        apiRole: 'api',
        ...(API_REPLICAS > 1 || WORKERS > 0
          ? {
              apiReplicas: API_REPLICAS,
              workers: WORKERS,
              orderSweepSeconds: WORKERS > 0 ? SWEEP_SECONDS : undefined,
            }
          : {}),
        database: SERVER.replace(/\/\/[^@]*@/, '//'),
      },
      levels,
      verification: replicas
        ? { ...verification, replicas, ok: verification.ok && replicas.ok }
        : verification,
      target: { ordersPerSecondAt32: 500, p99Ms: 150, errors: 0 },
    };
    const json = JSON.stringify(result, null, 2);
    console.log(json);
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results', `orders-${Date.now()}.json`), json);
    if (!result.verification.ok || levels.some((level) => level.errors > 0)) process.exitCode = 1;
  } finally {
    await db.end().catch(() => undefined);
    await recorder?.close().catch(() => undefined);
    stop();
    agent.destroy();
    await Promise.all(
      children
        .filter((child) => child.exitCode === null && child.signalCode === null)
        .map((child) => new Promise((resolve) => child.once('exit', resolve).once('error', resolve))),
    );
    await deleteRedisKeys().catch((error: unknown) => console.error(`redis cleanup: ${String(error)}`));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
