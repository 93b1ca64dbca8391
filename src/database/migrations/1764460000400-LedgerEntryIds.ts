import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stock ledger entries get a UUID for the API, as every other object has: the bigint key stays the
 * ledger's order (and the cursor's), but shown to clients it counted every stock movement of the
 * platform, other producers' included.
 */
export class LedgerEntryIds1764460000400 implements MigrationInterface {
  name = 'LedgerEntryIds1764460000400';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE stock_ledger ADD COLUMN entry_id uuid NOT NULL DEFAULT gen_random_uuid()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE stock_ledger DROP COLUMN entry_id`);
  }
}
