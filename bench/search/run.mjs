/* global process, fetch, performance, setTimeout, URLSearchParams */
// Search benchmark: seeds 100,000 listings into its own database, starts the API against it and
// measures GET /listings (text query plus filters) with 8 concurrent clients for 30 s.
//
//   npm run bench:search            (BENCH_SECONDS, BENCH_CLIENTS, BENCH_LISTINGS, BENCH_DATABASE_URL to tune;
//                                    BENCH_RESEED=false searches the catalogue an earlier run seeded)
//
// Prints one JSON line: { requestsPerSecond, p50, p95, p99, errors, ... } (latencies in ms).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import pg from 'pg';
import { seed } from './seed.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const buildDir = join(root, '.data', 'bench-build');
// PostgreSQL over its Unix socket when there is one (loopback TCP costs far more kernel time per
// round trip on a small VM), else TCP. BENCH_DATABASE_SERVER overrides.
const SOCKET_DIR = '/var/run/postgresql';
const server =
  process.env.BENCH_DATABASE_SERVER ??
  (existsSync(`${SOCKET_DIR}/.s.PGSQL.5432`)
    ? `postgres://postgres@${encodeURIComponent(SOCKET_DIR)}`
    : 'postgres://postgres@127.0.0.1:5432');
const databaseUrl = process.env.BENCH_DATABASE_URL ?? `${server}/ocop_bench_search`;
const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const clients = Number(process.env.BENCH_CLIENTS ?? 8);
const listings = Number(process.env.BENCH_LISTINGS ?? 100_000);
const reseed = process.env.BENCH_RESEED !== 'false';
const geoFile =
  process.env.BENCH_GEO_FILE ?? join(root, '..', 'shared', 'data', 'vn-admin-units-2025-07.json');

const log = (message) => process.stderr.write(`[bench:search] ${message}\n`);

/** Compiles the app with tsc into its own folder (never touching dist/, which `npm start` owns). */
function build() {
  rmSync(buildDir, { recursive: true, force: true });
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(
    process.execPath,
    [
      tsc,
      '-p',
      join(root, 'tsconfig.build.json'),
      '--outDir',
      buildDir,
      '--incremental',
      'false',
      '--sourceMap',
      'false',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (!existsSync(join(buildDir, 'src', 'main.js')))
    throw new Error(`build failed (tsc exit ${result.status})`);
}

function runtimeEnv(extra = {}) {
  return {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: 'ocop_bench_search',
    APP_ROLE: 'api',
    LOG_LEVEL: 'warn',
    // @ocop/* aliases resolve against the build folder.
    TS_NODE_BASEURL: buildDir,
    ...extra,
  };
}

async function migrate() {
  const require = createRequire(import.meta.url);
  process.env.TS_NODE_BASEURL = buildDir;
  require('tsconfig-paths').register({ baseUrl: buildDir, paths: { '@ocop/*': ['libs/*'] } });
  const { ensureDatabase, runMigrations } = require(join(buildDir, 'src', 'database', 'migrate.js'));
  await ensureDatabase(databaseUrl);
  await runMigrations(databaseUrl);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function startApi(port) {
  // BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the API under load.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [...nodeArgs, '-r', 'tsconfig-paths/register', join(buildDir, 'src', 'main.js')],
    {
      cwd: root,
      env: runtimeEnv({ PORT: String(port), HOST: '127.0.0.1' }),
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health/live`);
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGTERM');
  throw new Error('API did not start within 60 s');
}

const QUERIES = [
  ['che', 'beverage'],
  ['tra hoa vang', 'beverage'],
  ['mat ong rung', 'food'],
  ['ba kich tim', 'herbal'],
  ['ruou ba kich', 'beverage'],
  ['cha muc', 'food'],
  ['nuoc mam', 'food'],
  ['sa sung kho', 'food'],
  ['mien dong', 'food'],
  ['ga doi', 'food'],
  ['nam lim xanh', 'herbal'],
  ['khan tho cam', 'textile'],
  ['tranh than da', 'handicraft'],
  ['gao nep cai hoa vang', 'food'],
  ['banh gai', 'food'],
  ['dau so', 'food'],
  ['ruou sim', 'beverage'],
  ['hau sua', 'food'],
  ['tour vinh bai tu long', 'tourism'],
  ['que hoi', 'herbal'],
];
const SORTS = ['relevance', 'relevance', 'price_asc', 'stars_desc', 'newest'];

/** A realistic buyer search: a text query plus one to three filters. */
function requestPath(random, communes) {
  const [q, category] = QUERIES[Math.floor(random() * QUERIES.length)];
  const params = new URLSearchParams({ q, sort: SORTS[Math.floor(random() * SORTS.length)], limit: '20' });
  const r = random();
  if (r < 0.35) params.set('category', category);
  else if (r < 0.55) params.set('minStars', String(3 + Math.floor(random() * 2)));
  else if (r < 0.75) params.set('communeCode', communes[Math.floor(random() * communes.length)]);
  else params.set('provinceCode', '22');
  if (random() < 0.4) params.set('inStock', 'true');
  if (random() < 0.3) params.set('maxPriceVnd', String(100_000 + Math.floor(random() * 300_000)));
  return `/api/v1/listings?${params}`;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)].toFixed(2));
}

async function load(baseUrl, communes) {
  let seed = 7;
  const random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const latencies = [];
  let errors = 0;
  const run = async (until, record) => {
    while (performance.now() < until) {
      const started = performance.now();
      try {
        const response = await fetch(baseUrl + requestPath(random, communes));
        await response.arrayBuffer();
        if (response.status !== 200) errors += record ? 1 : 0;
      } catch {
        errors += record ? 1 : 0;
      }
      if (record) latencies.push(performance.now() - started);
    }
  };
  const warmUntil = performance.now() + 3_000;
  await Promise.all(Array.from({ length: clients }, () => run(warmUntil, false)));
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, () => run(until, true)));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: Number((latencies.length / elapsed).toFixed(1)),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors,
    requests: latencies.length,
  };
}

async function seededCatalogue() {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS listings, count(DISTINCT commune_code)::int AS communes FROM listings`,
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

async function main() {
  log('building');
  build();
  log(`migrating ${databaseUrl.replace(/\/\/[^@]*@/, '//')}`);
  await migrate();
  let seeded;
  if (reseed) {
    log(`seeding ${listings} listings`);
    seeded = await seed(databaseUrl, geoFile, { listings });
  } else {
    seeded = await seededCatalogue();
    log(`searching the ${seeded.listings} listings seeded earlier`);
  }
  const port = await freePort();
  log('starting the API');
  const api = await startApi(port);
  try {
    const geo = JSON.parse((await import('node:fs')).readFileSync(geoFile, 'utf8'));
    const communes = geo.provinces.find((p) => p.code === '22').communes.map((c) => c.code);
    log(`${clients} clients for ${seconds} s`);
    const result = await load(`http://127.0.0.1:${port}`, communes);
    process.stdout.write(
      `${JSON.stringify({ ...result, unit: 'ms', clients, durationSeconds: seconds, listings: seeded.listings, communes: seeded.communes })}\n`,
    );
  } finally {
    api.kill('SIGTERM');
  }
}

main().catch((error) => {
  log(error?.stack ?? String(error));
  process.exit(1);
});
