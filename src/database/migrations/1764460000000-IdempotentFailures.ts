import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An `Idempotency-Key` replays the first answer, refusals included: `failure` keeps the domain error a
 * request with that key ended with. `response` becomes json (text kept as written) so that a replay
 * is the first answer byte for byte; jsonb would reorder its keys.
 */
export class IdempotentFailures1764460000000 implements MigrationInterface {
  name = 'IdempotentFailures1764460000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE idempotency_keys
        ALTER COLUMN response TYPE json USING response::json,
        ADD COLUMN failure json`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM idempotency_keys WHERE failure IS NOT NULL`);
    await db.query(`
      ALTER TABLE idempotency_keys
        DROP COLUMN failure,
        ALTER COLUMN response TYPE jsonb USING response::jsonb`);
  }
}
