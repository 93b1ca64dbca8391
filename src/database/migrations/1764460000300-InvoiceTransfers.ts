import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bank transfers on invoice orders.
 * - A transfer's bank reference identifies one transfer, so a receipt carries it under a unique
 *   constraint: recorded twice (the office and the bank's notification, a retry, parallel requests)
 *   it is counted once; references compare without case, as banks print them in capitals. Receipts already recorded keep what they counted; where a reference was
 *   recorded more than once, the earliest receipt takes it and later requests meet that one.
 * - `partially_paid`: an invoice order with part of its amount received.
 */
export class InvoiceTransfers1764460000300 implements MigrationInterface {
  name = 'InvoiceTransfers1764460000300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE payment_receipts ADD COLUMN transfer_ref text`);
    await db.query(`
      WITH candidates AS (
        SELECT r.id, r.created_at, upper(r.reference) AS ref
          FROM payment_receipts r
         WHERE r.source = 'admin'
        UNION ALL
        SELECT r.id, r.created_at, upper(e.payload ->> 'bankTransactionId')
          FROM payment_receipts r
          JOIN payment_webhook_events e ON e.provider = 'bank' AND r.external_id = 'bank:' || e.event_id
         WHERE r.source = 'bank'
      ),
      earliest AS (
        SELECT DISTINCT ON (ref) id, ref FROM candidates WHERE ref <> '' ORDER BY ref, created_at, id
      )
      UPDATE payment_receipts r SET transfer_ref = earliest.ref FROM earliest WHERE r.id = earliest.id`);
    await db.query(
      `ALTER TABLE payment_receipts ADD CONSTRAINT payment_receipts_transfer_ref_key UNIQUE (transfer_ref)`,
    );

    await db.query(`ALTER TABLE payments DROP CONSTRAINT payments_state_check`);
    await db.query(`
      ALTER TABLE payments ADD CONSTRAINT payments_state_check CHECK (state IN
        ('unpaid', 'partially_paid', 'pending', 'paid', 'partially_refunded', 'refunded', 'failed'))`);
    await db.query(`
      UPDATE payments
         SET state = CASE WHEN paid_vnd >= amount_due_vnd THEN 'paid' ELSE 'partially_paid' END,
             updated_at = now()
       WHERE method = 'invoice' AND state = 'unpaid' AND paid_vnd > 0`);
    await db.query(`DROP INDEX payments_open_invoices`);
    await db.query(`
      CREATE INDEX payments_open_invoices ON payments (due_date)
        WHERE method = 'invoice' AND state IN ('unpaid', 'partially_paid', 'pending', 'failed')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX payments_open_invoices`);
    await db.query(`
      CREATE INDEX payments_open_invoices ON payments (due_date)
        WHERE method = 'invoice' AND state IN ('unpaid', 'pending', 'failed')`);
    await db.query(`UPDATE payments SET state = 'unpaid', updated_at = now() WHERE state = 'partially_paid'`);
    await db.query(`ALTER TABLE payments DROP CONSTRAINT payments_state_check`);
    await db.query(`
      ALTER TABLE payments ADD CONSTRAINT payments_state_check CHECK (state IN
        ('unpaid', 'pending', 'paid', 'partially_refunded', 'refunded', 'failed'))`);
    await db.query(`ALTER TABLE payment_receipts DROP COLUMN transfer_ref`);
  }
}
