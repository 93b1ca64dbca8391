import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { createHttpApp } from './bootstrap/http-app';
import { AppConfig, runsApi } from './config';

const SHUTDOWN_DEADLINE_MS = 10_000;

/** Starts the process in its role: HTTP (api/all) or queue consumers only (worker). */
export async function startServer(config: AppConfig): Promise<void> {
  const appModule = AppModule.forRoot(config);
  // The process must be gone within 10 s of SIGTERM even if a dependency hangs while closing.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref());
  }
  if (runsApi(config)) {
    const app = await createHttpApp(appModule, config);
    await app.listen(config.port, config.host);
    new Logger('Main').log(`OCOP API (${config.role}) listening on http://${config.host}:${config.port}`);
  } else {
    const app = await NestFactory.createApplicationContext(appModule, { bufferLogs: true });
    app.useLogger(app.get(PinoLogger));
    app.enableShutdownHooks();
    new Logger('Main').log('OCOP worker started');
  }
}
