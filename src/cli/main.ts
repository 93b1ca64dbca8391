import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { parseConfig } from '../config';
import { ensureDatabase, runMigrations } from '../database/migrate';
import { IdentityFacade } from '../modules/identity';
import { createHttpApp } from '../bootstrap/http-app';
import { DemoClock, seedDemo } from './demo-seed';

const USAGE = `Cách dùng / usage: npm run cli -- <command> [options]
  migrate                                   apply pending database migrations
  create-admin --email <e> --password <p>   create (or keep) an administrator of the OCOP office
  seed-demo                                 load the Quang Ninh demo data (idempotent)`;

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

async function withApp<T>(
  work: (app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>) => Promise<T>,
) {
  const config = parseConfig({ ...process.env, APP_ROLE: 'api', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  switch (command) {
    case 'migrate': {
      const { databaseUrl } = parseConfig(process.env);
      await ensureDatabase(databaseUrl);
      const applied = await runMigrations(databaseUrl);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      return;
    }
    case 'create-admin': {
      const email = option(args, 'email');
      const password = option(args, 'password');
      if (!email || !password || password.length < 10) {
        throw new Error('create-admin needs --email and --password (at least 10 characters)');
      }
      const outcome = await withApp((app) => app.get(IdentityFacade).ensureAdmin(email, password));
      console.log(
        outcome === 'created' ? `Administrator ${email} created.` : `Administrator ${email} already exists.`,
      );
      return;
    }
    case 'seed-demo': {
      // Through the API's own routes (in process), on a clock the seed moves back for past orders.
      const config = parseConfig({
        ...process.env,
        APP_ROLE: 'api',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      });
      const app = await createHttpApp(AppModule.forRoot(config, { clock: new DemoClock() }), config);
      await app.init();
      const summary = await seedDemo(app).finally(() => app.close());
      console.log(summary);
      return;
    }
    default:
      console.log(USAGE);
      if (command && command !== 'help') process.exitCode = 1;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`Lỗi / error: ${(error as Error).message}`);
  process.exit(1);
});
