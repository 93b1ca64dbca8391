import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from '@ocop/persistence';
import { MIGRATIONS } from './migrations';

/** One definition of how we talk to PostgreSQL, shared by the app, the CLI and the tests. */
export function dataSourceOptions(url: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    entities: [],
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    poolSize,
    extra: {
      max: poolSize,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      application_name: 'ocop',
      // Short OLTP statements: JIT compilation would cost 10–50 ms on a large search's estimate.
      options: '-c jit=off',
    },
  };
}
