import { EntityManager } from 'typeorm';

/**
 * A running database transaction. Repositories take it as their first parameter so that forgetting
 * the transaction is a type error rather than a query that silently runs outside it.
 */
export class Tx {
  private readonly afterCommitHooks: Array<() => Promise<void> | void> = [];

  constructor(readonly manager: EntityManager) {}

  /** Rows of any statement; for UPDATE/DELETE ... RETURNING too (TypeORM's own query() would pair them with a count). */
  async query<Row = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<Row[]> {
    const result = await this.manager.queryRunner!.query(sql, params, true);
    return result.records as Row[];
  }

  /** The number of rows an INSERT, UPDATE or DELETE touched. */
  async execute(sql: string, params: unknown[] = []): Promise<number> {
    const result = await this.manager.queryRunner!.query(sql, params, true);
    return result.affected ?? result.records.length;
  }

  async one<Row = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<Row | undefined> {
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
}
