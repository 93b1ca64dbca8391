import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications: which subscriber has handled which outbox event, the in-app inbox, webhook
 * endpoints, per-user channel preferences and one delivery row per event × recipient × channel.
 * PostgreSQL, not Redis, is the record of what was delivered: a Redis that restarts empty loses
 * only queue entries, which the sweep rebuilds from the pending rows here.
 */
export class Notifications1764395000000 implements MigrationInterface {
  name = 'Notifications1764395000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE domain_event_receipts (
        event_id uuid NOT NULL,
        subscriber text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        handled_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        PRIMARY KEY (event_id, subscriber)
      )`);
    await db.query(
      `CREATE INDEX domain_event_receipts_pending_idx ON domain_event_receipts (created_at) WHERE handled_at IS NULL`,
    );

    await db.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        organization_id uuid,
        event_type text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        data jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        read_at timestamptz,
        CONSTRAINT notifications_once_per_user UNIQUE (event_id, user_id)
      )`);
    await db.query(
      `CREATE INDEX notifications_inbox_idx ON notifications (user_id, created_at DESC, id DESC)`,
    );
    await db.query(
      `CREATE INDEX notifications_unread_idx ON notifications (user_id, created_at DESC, id DESC) WHERE read_at IS NULL`,
    );

    await db.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id),
        url text NOT NULL,
        events text[] NOT NULL,
        secret text NOT NULL,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    await db.query(
      `CREATE INDEX webhook_endpoints_organization_idx ON webhook_endpoints (organization_id) WHERE deleted_at IS NULL`,
    );

    await db.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        event_type text NOT NULL,
        channels text[] NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, event_type)
      )`);

    // recipient_id is the user (inbox, email) or the webhook endpoint (webhook).
    await db.query(`
      CREATE TABLE notification_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('inbox', 'email', 'webhook')),
        recipient_id uuid NOT NULL,
        organization_id uuid,
        target text NOT NULL,
        content jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        delivered_at timestamptz,
        failed_at timestamptz,
        CONSTRAINT notification_deliveries_once UNIQUE (event_id, recipient_id, channel)
      )`);
    await db.query(
      `CREATE INDEX notification_deliveries_pending_idx ON notification_deliveries (created_at) WHERE status = 'pending'`,
    );
    await db.query(
      `CREATE INDEX notification_deliveries_failed_idx ON notification_deliveries (failed_at DESC, id DESC) WHERE status = 'failed'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notification_deliveries`);
    await db.query(`DROP TABLE notification_preferences`);
    await db.query(`DROP TABLE webhook_endpoints`);
    await db.query(`DROP TABLE notifications`);
    await db.query(`DROP TABLE domain_event_receipts`);
  }
}
