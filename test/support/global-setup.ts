import { randomBytes } from 'node:crypto';
import './register-paths';
import { ensureDatabase, runMigrations } from '../../src/database/migrate';

/**
 * One database and one Redis key prefix per test run, so runs never see each other's data. The
 * values travel to the test workers through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const server = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
  const databaseUrl = `${server}/ocop_test_${runId}`;
  await ensureDatabase(databaseUrl);
  await runMigrations(databaseUrl);
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `ocop_test_${runId}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_POOL_SIZE: '10',
  });
}
