import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments: one payment per payable subject (a purchase order or a stall booking), Stripe and bank
 * notifications recorded once by their event id, refunds, received transfers, and the double-entry
 * payout ledger. Subjects belong to other modules, so they are referenced by id without foreign keys.
 */
export class Payments1764430000000 implements MigrationInterface {
  name = 'Payments1764430000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subject_type text NOT NULL CHECK (subject_type IN ('purchase_order', 'booking')),
        subject_id uuid NOT NULL,
        payer_org_id uuid NOT NULL,
        method text NOT NULL CHECK (method IN ('card', 'invoice')),
        state text NOT NULL DEFAULT 'unpaid'
          CHECK (state IN ('unpaid', 'pending', 'paid', 'partially_refunded', 'refunded', 'failed')),
        amount_due_vnd bigint NOT NULL CHECK (amount_due_vnd >= 0),
        paid_vnd bigint NOT NULL DEFAULT 0 CHECK (paid_vnd >= 0),
        refunded_vnd bigint NOT NULL DEFAULT 0 CHECK (refunded_vnd >= 0),
        reference text NOT NULL UNIQUE,
        due_date date,
        stripe_payment_intent_id text UNIQUE,
        stripe_client_secret text,
        intent_amount_vnd bigint,
        last_failure text,
        overdue_notified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (subject_type, subject_id)
      )`);
    await db.query(`
      CREATE INDEX payments_open_invoices ON payments (due_date)
        WHERE method = 'invoice' AND state IN ('unpaid', 'pending', 'failed')`);

    await db.query(`
      CREATE TABLE payment_webhook_events (
        provider text NOT NULL CHECK (provider IN ('stripe', 'bank')),
        event_id text NOT NULL,
        event_type text NOT NULL,
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        outcome text,
        PRIMARY KEY (provider, event_id)
      )`);
    await db.query(`
      CREATE INDEX payment_webhook_events_unprocessed ON payment_webhook_events (received_at)
        WHERE processed_at IS NULL`);

    await db.query(`
      CREATE TABLE payment_refunds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL REFERENCES payments (id),
        amount_vnd bigint NOT NULL CHECK (amount_vnd > 0),
        cumulative_vnd bigint NOT NULL CHECK (cumulative_vnd > 0),
        stripe_refund_id text UNIQUE,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (payment_id, cumulative_vnd)
      )`);

    await db.query(`
      CREATE TABLE payment_receipts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL REFERENCES payments (id),
        amount_vnd bigint NOT NULL CHECK (amount_vnd > 0),
        source text NOT NULL CHECK (source IN ('card', 'admin', 'bank')),
        reference text,
        external_id text UNIQUE,
        recorded_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX payment_receipts_payment ON payment_receipts (payment_id)`);

    await db.query(`
      CREATE TABLE producer_bank_accounts (
        organization_id uuid PRIMARY KEY REFERENCES organizations (id),
        bank_bin text NOT NULL CHECK (bank_bin ~ '^[0-9]{6}$'),
        account_no text NOT NULL CHECK (account_no ~ '^[0-9A-Za-z]{4,19}$'),
        account_name text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE stripe_accounts (
        organization_id uuid PRIMARY KEY REFERENCES organizations (id),
        account_id text NOT NULL UNIQUE,
        payouts_enabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE payout_batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        status text NOT NULL DEFAULT 'created' CHECK (status IN ('created', 'paid')),
        total_vnd bigint NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        paid_at timestamptz,
        paid_by uuid
      )`);
    await db.query(`
      CREATE TABLE payout_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        batch_id uuid NOT NULL REFERENCES payout_batches (id),
        organization_id uuid NOT NULL REFERENCES organizations (id),
        amount_vnd bigint NOT NULL CHECK (amount_vnd > 0),
        method text NOT NULL CHECK (method IN ('bank_transfer', 'stripe_connect')),
        bank_bin text,
        account_no text,
        account_name text,
        stripe_account_id text,
        stripe_transfer_id text UNIQUE,
        reference text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid')),
        paid_at timestamptz,
        UNIQUE (batch_id, organization_id)
      )`);

    // The ledger: a transaction is a set of entries whose amounts sum to zero (debits positive,
    // credits negative), checked at commit by a deferred constraint trigger. Entries are append-only.
    await db.query(`
      CREATE TABLE ledger_transactions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL
          CHECK (kind IN ('payment_received', 'refund', 'delivery', 'payout', 'payout_settled')),
        source_key text NOT NULL UNIQUE,
        payment_id uuid REFERENCES payments (id),
        purchase_order_id uuid,
        supplier_order_id uuid,
        refund_id uuid REFERENCES payment_refunds (id),
        receipt_id uuid REFERENCES payment_receipts (id),
        payout_line_id uuid REFERENCES payout_lines (id),
        memo text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (num_nonnulls(payment_id, supplier_order_id, refund_id, payout_line_id) > 0)
      )`);
    await db.query(`
      CREATE TABLE ledger_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        transaction_id uuid NOT NULL REFERENCES ledger_transactions (id),
        account text NOT NULL CHECK (account IN
          ('platform_cash', 'buyer_funds', 'producer_payable', 'platform_commission', 'payouts_in_transit')),
        organization_id uuid,
        amount_vnd bigint NOT NULL CHECK (amount_vnd <> 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((account IN ('buyer_funds', 'producer_payable')) = (organization_id IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX ledger_entries_transaction ON ledger_entries (transaction_id)`);
    await db.query(`
      CREATE INDEX ledger_entries_account ON ledger_entries (account, organization_id, created_at DESC, id DESC)`);
    await db.query(`
      CREATE FUNCTION ledger_transaction_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT sum(amount_vnd) FROM ledger_entries WHERE transaction_id = NEW.transaction_id) <> 0 THEN
          RAISE EXCEPTION 'ledger transaction % does not balance', NEW.transaction_id
            USING ERRCODE = '23514';
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_transaction_balanced()`);
    await db.query(`
      CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the ledger is append-only' USING ERRCODE = '23514';
      END $$`);
    await db.query(`
      CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
        FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS ledger_entries`);
    await db.query(`DROP FUNCTION IF EXISTS ledger_append_only()`);
    await db.query(`DROP FUNCTION IF EXISTS ledger_transaction_balanced()`);
    await db.query(`DROP TABLE IF EXISTS ledger_transactions`);
    await db.query(`DROP TABLE IF EXISTS payout_lines`);
    await db.query(`DROP TABLE IF EXISTS payout_batches`);
    await db.query(`DROP TABLE IF EXISTS stripe_accounts`);
    await db.query(`DROP TABLE IF EXISTS producer_bank_accounts`);
    await db.query(`DROP TABLE IF EXISTS payment_receipts`);
    await db.query(`DROP TABLE IF EXISTS payment_refunds`);
    await db.query(`DROP TABLE IF EXISTS payment_webhook_events`);
    await db.query(`DROP TABLE IF EXISTS payments`);
  }
}
