import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes that the reports need on tables owned by the ordering and fairs modules (reporting reads
 * them read-only). Sales are dated by the moment a supplier order was delivered and a stall booking
 * was confirmed; partial indexes keep just those rows, so a year's report scans only its range.
 */
export class ReportingIndexes1764440000100 implements MigrationInterface {
  name = 'ReportingIndexes1764440000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX reporting_supplier_order_delivered_idx
        ON supplier_order_status_history (changed_at, supplier_order_id) WHERE to_status = 'delivered'`);
    await db.query(`
      CREATE INDEX reporting_fair_bookings_confirmed_idx
        ON fair_bookings (confirmed_at) WHERE status = 'confirmed'`);
    await db.query(`
      CREATE INDEX reporting_products_rated_idx
        ON products (ocop_expires_on) WHERE ocop_stars IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX reporting_products_rated_idx`);
    await db.query(`DROP INDEX reporting_fair_bookings_confirmed_idx`);
    await db.query(`DROP INDEX reporting_supplier_order_delivered_idx`);
  }
}
