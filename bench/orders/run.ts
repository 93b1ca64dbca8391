/**
 * Order placement benchmark: seeds producers, listings and buyers in its own database
 * (`ocop_bench_orders`, recreated each run), starts the built API against it (APP_ROLE=api, as a
 * production API replica runs: queue consumers and the outbox relay live in worker replicas), then
 * places 3-line orders from 2 producers at 1, 8 and 32 concurrent buyers for BENCH_SECONDS (30) each.
 * Prints JSON with orders/s and latency percentiles per level, and checks afterwards that reserved
 * stock equals the sum of ordered quantities.
 *
 *   npm run bench:orders        (builds first)
 *   BENCH_SECONDS=10 BENCH_LEVELS=1,8,32 node dist/bench/orders/run.js
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
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

function request(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: PORT,
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

function startApi(): ChildProcess {
  // BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the API under load.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/src/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      APP_ROLE: 'api',
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_URL,
      DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE ?? '16',
      REDIS_URL,
      REDIS_PREFIX,
      JWT_SECRET: randomBytes(32).toString('hex'),
      ACCESS_TOKEN_TTL_SECONDS: '86400',
      LOG_LEVEL: 'warn',
      LOGIN_THROTTLE_MAX_PER_IP: '1000000',
      LOGIN_THROTTLE_MAX_PER_ACCOUNT: '10000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function waitReady(deadlineMs = 30_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    try {
      if ((await request('GET', '/health/ready')).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('API did not become ready');
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

/** CPU seconds (user + system) the API process has used so far, from /proc (Linux only). */
function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
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
}

async function runLevel(
  concurrency: number,
  seconds: number,
  buyers: string[],
  listings: Listing[][],
  apiPid?: number,
): Promise<LevelResult> {
  const cpuBefore = cpuSecondsOf(apiPid);
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const date = deliveryDate();
  const started = performance.now();
  const endAt = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      const token = buyers[worker % buyers.length];
      while (performance.now() < endAt) {
        const body = {
          deliveryDate: date,
          deliveryAddress: 'Kho tổng WinMart, KCN Cái Lân, Hạ Long, Quảng Ninh',
          paymentMethod: 'invoice',
          lines: orderLines(listings),
        };
        const t0 = performance.now();
        try {
          const reply = await request('POST', '/orders', body, {
            authorization: `Bearer ${token}`,
            'idempotency-key': randomUUID(),
          });
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
  const cpuAfter = cpuSecondsOf(apiPid);
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
      ? { apiCpuMsPerOrder: Math.round(((cpuAfter - cpuBefore) * 100_000) / latencies.length) / 100 }
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

async function main(): Promise<void> {
  await recreateDatabase();
  const api = startApi();
  const stop = () => api.kill('SIGTERM');
  process.on('exit', stop);
  const db = new Client({ connectionString: DATABASE_URL });
  try {
    await waitReady();
    await db.connect();
    const { buyers, listings } = await seed(db);
    // Warm-up (JIT, connection pool, plan caches); counted in the stock check, not in the figures.
    await runLevel(8, Math.min(5, SECONDS), buyers, listings, api.pid);
    const levels: LevelResult[] = [];
    for (const concurrency of LEVELS)
      levels.push(await runLevel(concurrency, SECONDS, buyers, listings, api.pid));
    const verification = await verify(db);
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
        database: SERVER.replace(/\/\/[^@]*@/, '//'),
      },
      levels,
      verification,
      target: { ordersPerSecondAt32: 500, p99Ms: 150, errors: 0 },
    };
    const json = JSON.stringify(result, null, 2);
    console.log(json);
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results', `orders-${Date.now()}.json`), json);
    if (!verification.ok || levels.some((level) => level.errors > 0)) process.exitCode = 1;
  } finally {
    await db.end().catch(() => undefined);
    stop();
    agent.destroy();
    if (api.exitCode === null && api.signalCode === null) {
      await new Promise((resolve) => api.once('exit', resolve).once('error', resolve));
    }
    await deleteRedisKeys().catch((error: unknown) => console.error(`redis cleanup: ${String(error)}`));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
