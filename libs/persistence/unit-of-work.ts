import { Injectable, Logger } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { Tx } from './transaction';

export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

export interface UnitOfWorkOptions {
  isolation?: IsolationLevel;
  /** Attempts in total when PostgreSQL reports a serialization failure or a deadlock. */
  attempts?: number;
}

const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);

export function isRetryableTransactionError(error: unknown): boolean {
  const code = (error as { code?: unknown; driverError?: { code?: unknown } })?.code;
  const driverCode = (error as { driverError?: { code?: unknown } })?.driverError?.code;
  return RETRYABLE_SQLSTATES.has(String(code)) || RETRYABLE_SQLSTATES.has(String(driverCode));
}

/**
 * The one way modules open a transaction: commit or roll back as a whole, retry on 40001/40P01.
 * Transactions run on clients of TypeORM's pool, straight through pg: every statement of a request
 * passes here, and TypeORM's query runner adds work per statement that buys nothing for hand-written
 * SQL. The pool's connections pipeline (see `dataSourceOptions`): BEGIN, and statements sent with
 * `Tx.send`, cost no round trip of their own.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger(UnitOfWork.name);

  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: (tx: Tx) => Promise<T>, options: UnitOfWorkOptions = {}): Promise<T> {
    const attempts = options.attempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      const client = await this.checkOut();
      const tx = new Tx(client);
      let broken: Error | undefined;
      let failed: { error: unknown } | undefined;
      try {
        // The server default (READ COMMITTED) needs no isolation clause. Sent, not awaited: it
        // travels with the work's first statement.
        tx.send(options.isolation ? `BEGIN ISOLATION LEVEL ${options.isolation}` : 'BEGIN');
        const result = await work(tx);
        await tx.commit();
        this.runAfterCommit(tx);
        return result;
      } catch (failure) {
        const error = await tx.causeOf(failure);
        broken = await rollBack(client);
        if (attempt < attempts && isRetryableTransactionError(error)) {
          await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20 * attempt));
          continue;
        }
        failed = { error };
      } finally {
        // A client whose session is gone must leave the pool rather than serve the next request.
        this.checkIn(client, broken);
      }
      // After check-in: a hook needs a connection of its own, and holding this one while waiting for
      // another could exhaust the pool under load.
      for (const hook of tx.takeAfterRollbackHooks()) {
        await hook(failed.error).catch((error: unknown) =>
          this.logger.warn({ err: error }, 'after-rollback hook failed'),
        );
      }
      throw failed.error;
    }
  }

  /** Statements each in their own implicit transaction, for reads that need no more than that. */
  async read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.checkOut();
    const tx = new Tx(client);
    try {
      const result = await work(tx);
      await tx.settle();
      return result;
    } finally {
      this.checkIn(client);
    }
  }

  /**
   * A pool client with a listener for the session ending while it is checked out (a restart, a
   * terminated backend): pg reports that as an 'error' event, which would otherwise crash the process.
   * The statement in flight, or the next one, fails on its own and the request answers 503.
   */
  private async checkOut(): Promise<PoolClient> {
    const client = await ((this.dataSource.driver as PostgresDriver).master as Pool).connect();
    client.on('error', this.onSessionLost);
    return client;
  }

  /** Back to the pool; pg's pool drops a client whose session has gone, and one given an error. */
  private checkIn(client: PoolClient, broken?: Error): void {
    client.removeListener('error', this.onSessionLost);
    client.release(broken);
  }

  private readonly onSessionLost = (error: Error): void => {
    this.logger.warn({ err: error }, 'database session lost during a transaction');
  };

  private runAfterCommit(tx: Tx): void {
    for (const hook of tx.takeAfterCommitHooks()) {
      Promise.resolve()
        .then(hook)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'after-commit hook failed'));
    }
  }
}

/** Rolls back; returns the error when the session can no longer be used. */
async function rollBack(client: PoolClient): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
