/**
 * Mixed-load benchmark: buyers searching and ordering, producers accepting and shipping their
 * supplier orders, producers booking stalls and organizers confirming and cancelling them, all at
 * once for BENCH_SECONDS (60), against the built service from `dist`: one `api` process and one
 * `worker` process (outbox relay, notification fan-out, email and webhook deliveries, hold and
 * order expiry) on their own database (`ocop_bench_mixed`, recreated each run, over PostgreSQL's
 * Unix socket when present) and Redis prefix. Holds last BENCH_HOLD_SECONDS (10) and supplier
 * orders must be accepted within BENCH_ACCEPT_WINDOW_SECONDS (20), so expiry and waitlist offers
 * run during the load too. Webhooks go to a loopback receiver in this process.
 *
 * Prints JSON: per operation the rate, p50/p95/p99, errors and, apart from them, the conflicts the
 * contract promises under contention (409 STALL_TAKEN, 409 INSUFFICIENT_STOCK …); then, once the
 * worker has drained, every invariant checked in the database (see invariants.ts). Exits 1 when an
 * invariant fails or a request met an unexpected answer. Results also go to bench/results/.
 *
 *   npm run bench:mixed                       (builds first)
 *   BENCH_SECONDS=10 node dist/bench/mixed/run.js
 *   BENCH_SEARCHERS, BENCH_ORDERERS, BENCH_FULFILLERS, BENCH_BOOKERS, BENCH_ORGANIZERS: actors (4, 4, 3, 3, 2)
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { ActorCounts, Load } from './actors';
import { ApiClient, Recorder } from './http';
import { checkInvariants } from './invariants';
import { seed } from './seed';
import { WebhookReceiver } from './webhook-receiver';

const ROOT = join(__dirname, '..', '..', '..');
// PostgreSQL runs alongside: its Unix socket when there is one (loopback TCP costs far more kernel
// time per round trip on small VMs), else TCP. BENCH_DATABASE_SERVER overrides.
const SOCKET_DIR = '/var/run/postgresql';
const SERVER =
  process.env.BENCH_DATABASE_SERVER ??
  (existsSync(`${SOCKET_DIR}/.s.PGSQL.5432`)
    ? `postgres://postgres@${encodeURIComponent(SOCKET_DIR)}`
    : 'postgres://postgres@127.0.0.1:5432');
const DB_NAME = process.env.BENCH_DATABASE_NAME ?? 'ocop_bench_mixed';
const DATABASE_URL = `${SERVER}/${DB_NAME}`;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_PREFIX = `ocop_bench_mixed_${randomBytes(3).toString('hex')}`;
const PORT = Number(process.env.BENCH_PORT ?? 3927);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const HOLD_SECONDS = Number(process.env.BENCH_HOLD_SECONDS ?? 10);
const ACCEPT_WINDOW_SECONDS = Number(process.env.BENCH_ACCEPT_WINDOW_SECONDS ?? 20);
const DRAIN_SECONDS = Number(process.env.BENCH_DRAIN_SECONDS ?? 120);
const ACTORS: ActorCounts = {
  searchers: Number(process.env.BENCH_SEARCHERS ?? 4),
  orderers: Number(process.env.BENCH_ORDERERS ?? 4),
  fulfillers: Number(process.env.BENCH_FULFILLERS ?? 3),
  bookers: Number(process.env.BENCH_BOOKERS ?? 3),
  organizers: Number(process.env.BENCH_ORGANIZERS ?? 2),
};
const WORLD = {
  producers: 16,
  buyers: 6,
  organizers: 3,
  listingsPerProducer: 6,
  fairsPerOrganizer: 2,
  stallsPerFair: 12,
  scarceStock: 20,
};
const ADMIN = { email: 'admin@bench.ocop.vn', password: 'bench-admin-password-2026' };
const JWT_SECRET = randomBytes(32).toString('hex');

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

function startProcess(role: 'api' | 'worker'): ChildProcess {
  return spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      APP_ROLE: role,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_URL,
      DATABASE_POOL_SIZE: role === 'api' ? '16' : '10',
      REDIS_URL,
      REDIS_PREFIX,
      // Shared by both roles: tokens and check-in codes are signed with keys derived from it.
      JWT_SECRET,
      ACCESS_TOKEN_TTL_SECONDS: '86400',
      LOG_LEVEL: 'warn',
      LOGIN_THROTTLE_MAX_PER_IP: '1000000',
      LOGIN_THROTTLE_MAX_PER_ACCOUNT: '10000',
      ...(role === 'api' ? { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } : {}),
      STALL_HOLD_SECONDS: String(HOLD_SECONDS),
      ORDER_ACCEPT_WINDOW_SECONDS: String(ACCEPT_WINDOW_SECONDS),
      ORDER_SWEEP_INTERVAL_SECONDS: '10',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_TIMEOUT_MS: '5000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve).once('error', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function poll<T>(what: string, deadlineMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Outstanding background work: unrelayed events, unhandled receipts, pending deliveries. */
async function backlog(db: Client): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT (SELECT count(*) FROM outbox WHERE relayed_at IS NULL)
          + (SELECT count(*) FROM domain_event_receipts WHERE handled_at IS NULL)
          + (SELECT count(*) FROM notification_deliveries WHERE status = 'pending') AS n`,
  );
  return Number(rows[0].n);
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux only). */
function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

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

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  await recreateDatabase();
  const receiver = new WebhookReceiver();
  const receiverPort = await receiver.start();
  const api = startProcess('api');
  const worker = startProcess('worker');
  const client = new ApiClient(PORT);
  const db = new Client({ connectionString: DATABASE_URL });
  const stopAll = () => {
    api.kill('SIGTERM');
    worker.kill('SIGTERM');
  };
  process.on('exit', stopAll);
  try {
    await db.connect();
    await poll('API ready', 60_000, async () =>
      (await client.request('GET', '/health/ready')).status === 200 ? true : undefined,
    );
    const world = await seed(client, db, receiver, {
      ...WORLD,
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
      webhookBase: `http://127.0.0.1:${receiverPort}`,
    });
    // The worker is up once the seeding's events (verifications) are relayed and delivered.
    await poll('worker caught up with the seeding', 60_000, async () =>
      (await backlog(db)) === 0 ? true : undefined,
    );

    const recorder = new Recorder();
    const load = new Load(client, recorder, world, WORLD.scarceStock, WORLD.stallsPerFair);
    const loadBefore = loadavg();
    const cpuBefore = { api: cpuSecondsOf(api.pid), worker: cpuSecondsOf(worker.pid) };
    const elapsed = await load.run(ACTORS, SECONDS);
    const cpuAfter = { api: cpuSecondsOf(api.pid), worker: cpuSecondsOf(worker.pid) };
    const loadAfter = loadavg();
    await stopProcess(api);

    const drainStarted = Date.now();
    let remaining = await backlog(db);
    while (remaining > 0 && Date.now() - drainStarted < DRAIN_SECONDS * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      remaining = await backlog(db);
    }
    const drainSeconds = round((Date.now() - drainStarted) / 1000);
    const invariants = await checkInvariants(db, receiver, load.answered);
    const operations = recorder.report(elapsed);
    const requests = Object.values(operations).reduce((sum, op) => sum + op.requests, 0);
    const errors = recorder.totalErrors();
    const ok = Object.values(invariants).every((result) => result.ok) && errors === 0;
    const cpu = (role: 'api' | 'worker') =>
      cpuBefore[role] !== undefined && cpuAfter[role] !== undefined
        ? round(cpuAfter[role]! - cpuBefore[role]!, 2)
        : undefined;
    const result = {
      benchmark: 'mixed',
      at: new Date().toISOString(),
      ok,
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        node: process.version,
        loadAverageBefore: loadBefore.map((v) => round(v, 2)),
        loadAverageAfter: loadAfter.map((v) => round(v, 2)),
      },
      setup: {
        seconds: round(elapsed),
        actors: ACTORS,
        world: {
          ...WORLD,
          fairs: world.fairs.length,
          stalls: world.fairs.length * WORLD.stallsPerFair,
          extraMembers: world.extraMembers,
          webhookEndpoints: world.webhookEndpoints,
        },
        holdSeconds: HOLD_SECONDS,
        acceptWindowSeconds: ACCEPT_WINDOW_SECONDS,
        processes: ['api', 'worker'],
        database: SERVER.replace(/\/\/[^@]*@/, '//'),
      },
      totals: {
        requests,
        ratePerSecond: round(requests / elapsed),
        errors,
        apiCpuSeconds: cpu('api'),
        workerCpuSeconds: cpu('worker'),
        drainSeconds,
        backlogAfterDrain: remaining,
      },
      operations,
      invariants,
    };
    const json = JSON.stringify(result, null, 2);
    process.stdout.write(`${json}\n`);
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results', `mixed-${Date.now()}.json`), `${json}\n`);
    if (!ok) process.exitCode = 1;
  } finally {
    await db.end().catch(() => undefined);
    client.close();
    await Promise.all([stopProcess(api), stopProcess(worker)]);
    await receiver.stop();
    await deleteRedisKeys().catch((error: unknown) =>
      process.stderr.write(`redis cleanup: ${String(error)}\n`),
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
