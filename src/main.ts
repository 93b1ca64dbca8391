import 'reflect-metadata';
import { ConfigError, parseConfig } from './config';
import { startServer } from './server';

startServer(parseConfig(process.env)).catch((error: unknown) => {
  const reason =
    error instanceof ConfigError
      ? error.message
      : `Không thể khởi động / cannot start: ${(error as Error)?.message ?? String(error)}`;
  process.stderr.write(`${reason}\n`);
  process.exit(1);
});
