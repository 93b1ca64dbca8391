import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `ocop_require(ok, sqlstate, message)`: fails the statement, and so the transaction, with the given
 * SQLSTATE unless `ok`. It lets a statement sent without waiting for its answer (pipelined with the
 * COMMIT) still decide whether the transaction may commit, e.g. "every quoted line was reserved".
 */
export class RequireGuard1764450000000 implements MigrationInterface {
  name = 'RequireGuard1764450000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION ocop_require(ok boolean, sqlstate text, message text) RETURNS void
      LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        IF ok IS NOT TRUE THEN
          RAISE EXCEPTION USING ERRCODE = sqlstate, MESSAGE = message;
        END IF;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION ocop_require(boolean, text, text)`);
  }
}
