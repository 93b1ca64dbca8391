import { Writable } from 'node:stream';
import { PoolClient, QueryResult } from 'pg';

/**
 * SQL that PostgreSQL parses and plans once per connection and then only executes: for the fixed
 * statements of hot paths, where parsing and planning cost more than running. The name must be unique
 * in the process and the text must never change at run time (a connection keeps the first text).
 */
export class PreparedSql {
  constructor(
    readonly name: string,
    readonly text: string,
  ) {}
}

export function prepared(name: string, text: string): PreparedSql {
  return new PreparedSql(name, text);
}

type Sql = string | PreparedSql;

/**
 * Awaits work started together on one transaction, whose statements the connection pipelines (one
 * round trip for all). Unlike Promise.all, every one is settled before this returns, and the failure
 * reported is the first in argument order, not the first to arrive.
 */
export async function together<T extends readonly unknown[]>(
  ...work: { [K in keyof T]: Promise<T[K]> }
): Promise<T> {
  const settled = await Promise.allSettled(work);
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** What a Tx needs of a connection: one pg client, checked out for the transaction's whole life. */
type TxConnection = Pick<PoolClient, 'query'> & { connection?: { stream?: Writable } };

/**
 * A running database transaction. Repositories take it as their first parameter so that forgetting
 * the transaction is a type error rather than a query that silently runs outside it.
 */
export class Tx {
  private readonly afterCommitHooks: Array<() => Promise<void> | void> = [];
  private readonly afterRollbackHooks: Array<(error: unknown) => Promise<void>> = [];
  private readonly sent: Array<Promise<unknown>> = [];
  private sentFailure: { error: unknown } | undefined;
  private corked = false;

  constructor(private readonly connection: TxConnection) {}

  /**
   * A statement whose answer the work does not wait for (BEGIN, a write whose result nobody reads).
   * The connection pipelines: it goes out at once and the next statement follows it without a round
   * trip in between. The transaction commits only if it succeeded; if it failed, every later
   * statement fails too (the transaction is aborted) and the unit of work reports this failure.
   */
  send(sql: Sql, params: unknown[] = []): void {
    this.sent.push(
      this.run(sql, params).catch((error: unknown) => {
        this.sentFailure ??= { error };
      }),
    );
  }

  /** Rows of any statement, UPDATE/DELETE ... RETURNING included. */
  async query<Row = Record<string, unknown>>(sql: Sql, params: unknown[] = []): Promise<Row[]> {
    return (await this.run(sql, params)).rows as Row[];
  }

  /** The number of rows an INSERT, UPDATE or DELETE touched. */
  async execute(sql: Sql, params: unknown[] = []): Promise<number> {
    const result = await this.run(sql, params);
    return result.rowCount ?? result.rows.length;
  }

  async one<Row = Record<string, unknown>>(sql: Sql, params: unknown[] = []): Promise<Row | undefined> {
    const rows = await this.query<Row>(sql, params);
    return rows[0];
  }

  /**
   * Runs after a successful commit, best effort: for nudges such as scheduling a delayed job whose
   * loss a periodic sweep repairs. Anything that must not be lost belongs in the outbox instead.
   */
  afterCommit(hook: () => Promise<void> | void): void {
    this.afterCommitHooks.push(hook);
  }

  /**
   * Runs, awaited, when the work finally fails (after its last attempt) and its transaction has
   * rolled back, with the error the caller is about to receive; on a connection of its own, as
   * nothing of the transaction is left. For what must outlive the failure, e.g. the answer to replay.
   */
  afterRollback(hook: (error: unknown) => Promise<void>): void {
    this.afterRollbackHooks.push(hook);
  }

  /**
   * Statements issued in one go (BEGIN and the first statement, reads started together) leave in one
   * write to the socket rather than one each: the server then wakes once for all of them.
   */
  private coalesceWrites(): void {
    const stream = this.connection.connection?.stream;
    if (this.corked || !stream) return;
    this.corked = true;
    stream.cork();
    process.nextTick(() => {
      this.corked = false;
      stream.uncork();
    });
  }

  /**
   * @internal called by UnitOfWork: COMMIT, pipelined behind the statements sent and not yet answered.
   * PostgreSQL answers COMMIT of an aborted transaction with ROLLBACK rather than an error, so the
   * answer is checked as well as the statements before it.
   */
  async commit(): Promise<void> {
    this.coalesceWrites();
    const [committed] = await Promise.all([this.connection.query('COMMIT'), this.settle()]);
    if (committed.command !== 'COMMIT') throw new Error(`COMMIT answered ${committed.command}`);
  }

  /** @internal called by UnitOfWork after work without a transaction: fails if a sent statement failed. */
  async settle(): Promise<void> {
    await Promise.all(this.sent);
    if (this.sentFailure) throw this.sentFailure.error;
  }

  /**
   * @internal called by UnitOfWork when the work failed: a statement sent earlier that failed is the
   * cause of whatever failed after it ("current transaction is aborted").
   */
  causeOf(error: unknown): Promise<unknown> {
    return this.settle().then(
      () => error,
      (cause: unknown) => cause,
    );
  }

  /** @internal called by UnitOfWork once the transaction has committed. */
  takeAfterCommitHooks(): Array<() => Promise<void> | void> {
    return this.afterCommitHooks.splice(0);
  }

  /** @internal called by UnitOfWork once the transaction has rolled back for good. */
  takeAfterRollbackHooks(): Array<(error: unknown) => Promise<void>> {
    return this.afterRollbackHooks.splice(0);
  }

  private run(sql: Sql, params: unknown[]): Promise<QueryResult> {
    this.coalesceWrites();
    if (sql instanceof PreparedSql) {
      return this.connection.query({ name: sql.name, text: sql.text, values: params });
    }
    return this.connection.query(sql, params);
  }
}
