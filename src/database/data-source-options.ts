import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from '@ocop/persistence';
import { MIGRATIONS } from './migrations';

/** One definition of how we talk to PostgreSQL, shared by the app, the CLI and the tests. */
export function dataSourceOptions(url: string, poolSize = 8): DataSourceOptions {
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
      // A server that goes silent (a network partition, not a refusal) is noticed by TCP keepalive
      // instead of leaving statements waiting on a dead socket.
      keepAlive: true,
      // Statements go out without waiting for the answer to the one before (each with its own sync
      // point): a transaction's BEGIN and its fire-and-forget writes cost no round trip (Tx.send).
      pipeline: true,
      // Short OLTP statements: JIT compilation would cost 10–50 ms on a large search's estimate.
      // Prepared statements (`prepared()`) are written to be planned once per connection: left to
      // its default, PostgreSQL plans some of them again on every execution (the generic estimate
      // of an id list, 10 elements, loses to a custom plan for 3), at more cost than running them.
      options: '-c jit=off -c plan_cache_mode=force_generic_plan',
    },
  };
}
