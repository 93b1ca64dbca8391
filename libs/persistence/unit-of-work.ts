import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { Tx } from './transaction';

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

/** The one way modules open a transaction: commit or roll back as a whole, retry on 40001/40P01. */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger(UnitOfWork.name);

  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: (tx: Tx) => Promise<T>, options: UnitOfWorkOptions = {}): Promise<T> {
    const attempts = options.attempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      const runner = this.dataSource.createQueryRunner();
      let tx: Tx | undefined;
      try {
        await runner.connect();
        // The server default (READ COMMITTED) needs no extra SET TRANSACTION round trip.
        await runner.startTransaction(options.isolation);
        tx = new Tx(runner.manager);
        const result = await work(tx);
        await runner.commitTransaction();
        this.runAfterCommit(tx);
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        if (attempt < attempts && isRetryableTransactionError(error)) {
          await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20 * attempt));
          continue;
        }
        throw error;
      } finally {
        await runner.release();
      }
    }
  }

  private runAfterCommit(tx: Tx): void {
    for (const hook of tx.takeAfterCommitHooks()) {
      Promise.resolve()
        .then(hook)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'after-commit hook failed'));
    }
  }
}
