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

/** What a Tx needs of a connection: one pg client, checked out for the transaction's whole life. */
type TxConnection = Pick<PoolClient, 'query'>;

/**
 * A running database transaction. Repositories take it as their first parameter so that forgetting
 * the transaction is a type error rather than a query that silently runs outside it.
 */
export class Tx {
  private readonly afterCommitHooks: Array<() => Promise<void> | void> = [];

  constructor(private readonly connection: TxConnection) {}

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

  /** @internal called by UnitOfWork once the transaction has committed. */
  takeAfterCommitHooks(): Array<() => Promise<void> | void> {
    return this.afterCommitHooks.splice(0);
  }

  private run(sql: Sql, params: unknown[]): Promise<QueryResult> {
    if (sql instanceof PreparedSql) {
      return this.connection.query({ name: sql.name, text: sql.text, values: params });
    }
    return this.connection.query(sql, params);
  }
}
