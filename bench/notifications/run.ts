/**
 * Commit-to-inbox benchmark for notifications: one worker process (the built app, APP_ROLE=worker)
 * against its own database (`ocop_bench_notifications`, recreated each run) and Redis prefix. The
 * benchmark commits BENCH_EVENTS (10,000) outbox events at BENCH_RATE (500) events/s, each in its
 * own transaction as OutboxWriter writes them (INSERT + pg_notify), addressed to a producer
 * organization with BENCH_MEMBERS (1) members whose preferences keep only the inbox (webhooks and
 * real SMTP are measured by the e2e suites, not here). Latency = the inbox row's creation time minus
 * the moment COMMIT returned to the writer (same host clock). BENCH_EMAIL=1 turns the email channel
 * on as well (logged, SMTP_URL unset): one queued delivery per inbox entry, whose commit-to-delivered
 * latency is reported as `email`. Prints JSON and stores it in bench/results/.
 *
 *   npm run bench:notifications         (builds first)
 *   BENCH_EVENTS=2000 BENCH_RATE=1000 node dist/bench/notifications/run.js
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client, Pool } from 'pg';

const ROOT = join(__dirname, '..', '..', '..');
// PostgreSQL runs alongside: its Unix socket when there is one (loopback TCP costs far more kernel
// time per round trip on small VMs: a profile of the worker showed most of its CPU in socket
// writes), else TCP. BENCH_DATABASE_SERVER overrides.
const SOCKET_DIR = '/var/run/postgresql';
const SERVER =
  process.env.BENCH_DATABASE_SERVER ??
  (existsSync(`${SOCKET_DIR}/.s.PGSQL.5432`)
    ? `postgres://postgres@${encodeURIComponent(SOCKET_DIR)}`
    : 'postgres://postgres@127.0.0.1:5432');
const DB_NAME = process.env.BENCH_DATABASE_NAME ?? 'ocop_bench_notifications';
const DATABASE_URL = `${SERVER}/${DB_NAME}`;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1);
const EMAIL = process.env.BENCH_EMAIL === '1';
const DEADLINE_MS = Number(process.env.BENCH_DEADLINE_MS ?? 180_000);

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

async function seed(pool: Pool): Promise<string> {
  const [organization] = (
    await pool.query<{ id: string }>(
      `INSERT INTO organizations (name, role, kind, status) VALUES ('HTX Bench Ba Chẽ', 'producer', 'cooperative', 'verified')
       RETURNING id`,
    )
  ).rows;
  for (let i = 0; i < MEMBERS; i++) {
    const [user] = (
      await pool.query<{ id: string }>(
        `INSERT INTO users (email, password_hash, full_name, role, organization_id)
         VALUES ($1, 'not-a-login', 'Bench', 'producer', $2) RETURNING id`,
        [`bench.${i}.${randomBytes(3).toString('hex')}@bench.ocop.vn`, organization.id],
      )
    ).rows;
    await pool.query(
      `INSERT INTO notification_preferences (user_id, event_type, channels) VALUES ($1, '*', $2)`,
      [user.id, EMAIL ? ['inbox', 'email'] : ['inbox']],
    );
  }
  return organization.id;
}

function startWorker(prefix: string): ChildProcess {
  // BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the worker under load.
  const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/src/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      APP_ROLE: 'worker',
      DATABASE_URL,
      DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE ?? '20',
      REDIS_URL,
      REDIS_PREFIX: prefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/**
 * Commits one event in its own transaction, as OutboxWriter writes it (INSERT + pg_notify, the
 * notification delivered at commit), but as one autocommit statement: one round trip instead of
 * four, so that the writer can offer the target rate on a small machine. Resolves with the time
 * COMMIT returned.
 */
async function commitEvent(
  pool: Pool,
  organizationId: string,
  n: number,
): Promise<{ id: string; committedAt: number }> {
  const { rows } = await pool.query<{ id: string }>(
    `WITH event AS (
       INSERT INTO outbox (event_type, aggregate_type, aggregate_id, audience, payload)
       VALUES ('supplier_order.placed', 'supplier_order', $1, $2, $3) RETURNING id
     )
     SELECT id, pg_notify('outbox_events', '') FROM event`,
    [
      randomUUID(),
      [organizationId],
      JSON.stringify({ orderNumber: `SO-BENCH-${n}`, totalVnd: 1_000_000 + n }),
    ],
  );
  return { id: rows[0].id, committedAt: Date.now() };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Email deliveries (logged): how many are confirmed, and commit-to-delivered latency. */
async function emailFigures(
  pool: Pool,
  committed: Map<string, number>,
  deadline: number,
): Promise<Record<string, unknown>> {
  const expected = committed.size * MEMBERS;
  let rows: Array<{ event_id: string; delivered_ms: string }> = [];
  for (;;) {
    rows = (
      await pool.query<{ event_id: string; delivered_ms: string }>(
        `SELECT event_id, (EXTRACT(EPOCH FROM delivered_at) * 1000)::bigint AS delivered_ms
           FROM notification_deliveries
          WHERE channel = 'email' AND status = 'delivered' AND event_id = ANY($1::uuid[])`,
        [[...committed.keys()]],
      )
    ).rows;
    if (rows.length >= expected || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const latencies = rows
    .map((row) => Number(row.delivered_ms) - committed.get(row.event_id)!)
    .sort((a, b) => a - b);
  return {
    expected,
    delivered: rows.length,
    latencyMs: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies[latencies.length - 1],
    },
  };
}

async function main(): Promise<void> {
  await recreateDatabase();
  const pool = new Pool({ connectionString: DATABASE_URL, max: 24 });
  const organizationId = await seed(pool);
  const prefix = `ocop_bench_notifications_${randomBytes(3).toString('hex')}`;
  const worker = startWorker(prefix);
  try {
    // Warm-up: the worker is ready once an event reaches the inbox.
    const warm = await commitEvent(pool, organizationId, -1);
    const bootDeadline = Date.now() + 60_000;
    for (;;) {
      const { rowCount } = await pool.query(`SELECT 1 FROM notifications WHERE event_id = $1`, [warm.id]);
      if (rowCount) break;
      if (Date.now() > bootDeadline) throw new Error('worker did not start within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const committed = new Map<string, number>();
    const started = Date.now();
    const writes: Array<Promise<void>> = [];
    // Paced to RATE events/s on a 5 ms tick: each tick starts every write that is due by then, so
    // timer lateness never lowers the offered rate (late writes start at once).
    for (let n = 0; n < EVENTS;) {
      const dueNow = Math.min(EVENTS, Math.floor(((Date.now() - started) * RATE) / 1000) + 1);
      for (; n < dueNow; n++) {
        writes.push(
          commitEvent(pool, organizationId, n).then((c) => void committed.set(c.id, c.committedAt)),
        );
      }
      if (n < EVENTS) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await Promise.all(writes);
    const writeSeconds = (Date.now() - started) / 1000;

    const deadline = Date.now() + DEADLINE_MS;
    let arrived: Array<{ event_id: string; created_ms: string }> = [];
    for (;;) {
      arrived = (
        await pool.query<{ event_id: string; created_ms: string }>(
          `SELECT event_id, (EXTRACT(EPOCH FROM min(created_at)) * 1000)::bigint AS created_ms
             FROM notifications WHERE event_id = ANY($1::uuid[]) GROUP BY event_id`,
          [[...committed.keys()]],
        )
      ).rows;
      if (arrived.length >= EVENTS || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const latencies = arrived
      .map((row) => Number(row.created_ms) - committed.get(row.event_id)!)
      .sort((a, b) => a - b);
    const lastArrival = Math.max(...arrived.map((row) => Number(row.created_ms)));
    const duplicates = (
      await pool.query<{ count: string }>(
        `SELECT count(*) FROM (SELECT 1 FROM notifications GROUP BY event_id, user_id HAVING count(*) > 1) d`,
      )
    ).rows[0].count;
    const email = EMAIL ? await emailFigures(pool, committed, deadline) : undefined;
    const result = {
      benchmark: 'notifications commit-to-inbox',
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      workers: 1,
      events: EVENTS,
      membersPerEvent: MEMBERS,
      targetRatePerSecond: RATE,
      achievedWriteRatePerSecond: Math.round(EVENTS / writeSeconds),
      delivered: arrived.length,
      lost: EVENTS - arrived.length,
      duplicateInboxEntries: Number(duplicates),
      throughputPerSecond: Math.round(arrived.length / ((lastArrival - started) / 1000)),
      latencyMs: {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        max: latencies[latencies.length - 1],
      },
      ...(email && { email }),
      targetP95Ms: 500,
      meetsTarget: percentile(latencies, 95) <= 500 && arrived.length === EVENTS,
    };
    console.log(JSON.stringify(result, null, 2));
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(
      join(ROOT, 'bench', 'results', `notifications-${Date.now()}.json`),
      `${JSON.stringify(result, null, 2)}\n`,
    );
  } finally {
    worker.kill('SIGTERM');
    await pool.end();
    await new Promise((resolve) => worker.once('exit', resolve));
    const redis = new Redis(REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
