import { randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock } from '@ocop/clock';
import { AppModule } from '../../src/app.module';
import { createHttpApp } from '../../src/bootstrap/http-app';
import { AppConfig, parseConfig } from '../../src/config';
import { HttpClient } from './http';
import { isolatedDatabase } from './isolated-database';

export interface TestApp {
  app: NestFastifyApplication;
  http: HttpClient;
  config: AppConfig;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The real application, configured from the run's environment plus `env` overrides, listening on a
 * free loopback port.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { clock?: Clock; ownDatabase?: boolean } = {},
): Promise<TestApp> {
  // Suites whose apps talk to a fake of their own (Stripe) need a database of their own too: any
  // app's outbox relay takes any committed event of its database, and would call its own fake.
  const own = options.ownDatabase
    ? await isolatedDatabase(`own_${randomBytes(3).toString('hex')}`)
    : undefined;
  if (own) env = { DATABASE_URL: own.url, ...env };
  // Queues of their own unless the test shares them on purpose: a worker of another suite's app (with
  // another fake Stripe, another clock) must never take this app's jobs.
  const redisPrefix = `${process.env.REDIS_PREFIX}:app-${randomBytes(4).toString('hex')}`;
  const config = parseConfig({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    REDIS_PREFIX: redisPrefix,
    ...env,
  });
  const app = await createHttpApp(AppModule.forRoot(config, { clock: options.clock }), config);
  try {
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app.close();
    await own?.drop();
    throw error;
  }
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    http: new HttpClient(baseUrl),
    config,
    baseUrl,
    close: async () => {
      await app.close();
      await own?.drop();
    },
  };
}
