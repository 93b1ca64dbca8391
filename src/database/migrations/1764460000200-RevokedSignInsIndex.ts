import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every api process, at start and whenever its revocation listener reconnects, reads the sign-ins
 * revoked in the last access-token lifetime. Revoked rows pile up for good (and most rows are never
 * revoked), so a partial index keeps that read to the recent few.
 */
export class RevokedSignInsIndex1764460000200 implements MigrationInterface {
  name = 'RevokedSignInsIndex1764460000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX refresh_tokens_revoked_idx ON refresh_tokens (revoked_at) WHERE revoked_at IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX refresh_tokens_revoked_idx`);
  }
}
