import Redis from 'ioredis';
import { DataSource } from 'typeorm';

/** Drops the run's database and deletes every Redis key under the run's prefix. */
export default async function globalTeardown(): Promise<void> {
  const databaseUrl = new URL(process.env.DATABASE_URL!);
  const name = databaseUrl.pathname.slice(1);
  databaseUrl.pathname = '/postgres';
  const server = new DataSource({ type: 'postgres', url: databaseUrl.toString() });
  await server.initialize();
  await server.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await server.destroy();

  const redis = new Redis(process.env.REDIS_URL!);
  const prefix = process.env.REDIS_PREFIX!;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}
