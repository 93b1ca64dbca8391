import { PoolClient } from 'pg';
import { EntityManager } from 'typeorm';

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
 * A running database transaction. Repositories take it as their first parameter so that forgetting
 * the transaction is a type error rather than a query that silently runs outside it.
 */
export class Tx {
  private readonly afterCommitHooks: Array<() => Promise<void> | void> = [];

  constructor(readonly manager: EntityManager) {}

  /** Rows of any statement; for UPDATE/DELETE ... RETURNING too (TypeORM's own query() would pair them with a count). */
  async query<Row = Record<string, unknown>>(sql: Sql, params: unknown[] = []): Promise<Row[]> {
    if (sql instanceof PreparedSql) return (await this.runPrepared(sql, params)).rows as Row[];
    const result = await this.manager.queryRunner!.query(sql, params, true);
    return result.records as Row[];
  }

  /** The number of rows an INSERT, UPDATE or DELETE touched. */
  async execute(sql: Sql, params: unknown[] = []): Promise<number> {
    if (sql instanceof PreparedSql) {
      const result = await this.runPrepared(sql, params);
      return result.rowCount ?? result.rows.length;
    }
    const result = await this.manager.queryRunner!.query(sql, params, true);
    return result.affected ?? result.records.length;
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

  /** Straight to the transaction's pg connection, which keeps the statement prepared by name. */
  private runPrepared(sql: PreparedSql, params: unknown[]) {
    const client = (this.manager.queryRunner as unknown as { databaseConnection: PoolClient })
      .databaseConnection;
    return client.query({ name: sql.name, text: sql.text, values: params });
  }

  /** @internal called by UnitOfWork once the transaction has committed. */
  takeAfterCommitHooks(): Array<() => Promise<void> | void> {
    return this.afterCommitHooks.splice(0);
  }
}
