import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { createHttpApp } from './bootstrap/http-app';
import { AppConfig, runsApi } from './config';

const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * Starts the process in its role: HTTP (api/all) or queue consumers only (worker). `afterClose`
 * runs once the application has closed on a signal, before the process exits (the launcher stops
 * the PostgreSQL and Redis it started there).
 */
export async function startServer(config: AppConfig, afterClose?: () => Promise<void>): Promise<void> {
  const appModule = AppModule.forRoot(config);
  const logger = new Logger('Main');
  let app: INestApplicationContext;
  if (runsApi(config)) {
    const http = await createHttpApp(appModule, config);
    await http.listen(config.port, config.host);
    logger.log(`OCOP API (${config.role}) listening on http://${config.host}:${config.port}`);
    app = http;
  } else {
    app = await NestFactory.createApplicationContext(appModule, { bufferLogs: true });
    app.useLogger(app.get(PinoLogger));
    logger.log('OCOP worker started');
  }
  exitGracefullyOnSignals(app, logger, afterClose);
}

/**
 * SIGTERM/SIGINT: stop taking requests, let in-flight ones finish, close workers, the pool and Redis
 * (app.close() runs every shutdown hook), then exit 0 — or 1 if that takes longer than 10 s.
 */
function exitGracefullyOnSignals(
  app: INestApplicationContext,
  logger: Logger,
  afterClose: () => Promise<void> = async () => undefined,
): void {
  const shutdown = (signal: NodeJS.Signals) => {
    logger.log(`${signal} received: shutting down`);
    setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
    app
      .close()
      .then(afterClose)
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
