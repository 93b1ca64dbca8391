import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Purchase orders (one per buyer checkout), supplier orders (one per producer within it), their
 * lines, the supplier order status history and buyers' named delivery locations. Listing ids are
 * not foreign keys: listings belong to the catalog module, which is reached through its facade.
 */
export class Ordering1764410000000 implements MigrationInterface {
  name = 'Ordering1764410000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE purchase_order_number_seq`);
    await db.query(`
      CREATE TABLE delivery_locations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        buyer_id uuid NOT NULL REFERENCES organizations (id),
        name text NOT NULL,
        address text NOT NULL,
        commune_code text,
        contact_name text,
        phone text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (buyer_id, name)
      )`);
    await db.query(`
      CREATE TABLE purchase_orders (
        id uuid PRIMARY KEY,
        number text NOT NULL UNIQUE,
        buyer_id uuid NOT NULL REFERENCES organizations (id),
        placed_by_user_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('placed', 'partially_accepted', 'accepted', 'shipped',
          'partially_delivered', 'delivered', 'cancelled', 'rejected', 'expired')),
        payment_method text NOT NULL CHECK (payment_method IN ('card', 'invoice')),
        delivery_date date NOT NULL,
        delivery_address text NOT NULL,
        delivery_location_id uuid REFERENCES delivery_locations (id),
        note text,
        subtotal_vnd bigint NOT NULL CHECK (subtotal_vnd >= 0),
        vat_vnd bigint NOT NULL CHECK (vat_vnd >= 0),
        total_vnd bigint NOT NULL CHECK (total_vnd >= 0),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(
      `CREATE INDEX purchase_orders_buyer_idx ON purchase_orders (buyer_id, created_at DESC, id DESC)`,
    );
    await db.query(`
      CREATE TABLE supplier_orders (
        id uuid PRIMARY KEY,
        number text NOT NULL UNIQUE,
        purchase_order_id uuid NOT NULL REFERENCES purchase_orders (id),
        producer_id uuid NOT NULL REFERENCES organizations (id),
        buyer_id uuid NOT NULL REFERENCES organizations (id),
        status text NOT NULL CHECK (status IN ('placed', 'accepted', 'shipped', 'delivered', 'rejected',
          'cancelled', 'expired')),
        subtotal_vnd bigint NOT NULL CHECK (subtotal_vnd >= 0),
        vat_vnd bigint NOT NULL CHECK (vat_vnd >= 0),
        total_vnd bigint NOT NULL CHECK (total_vnd >= 0),
        accept_by timestamptz NOT NULL,
        expiring_notified_at timestamptz,
        tracking_ref text,
        reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX supplier_orders_po_idx ON supplier_orders (purchase_order_id)`);
    await db.query(
      `CREATE INDEX supplier_orders_producer_idx ON supplier_orders (producer_id, created_at DESC, id DESC)`,
    );
    // The expiry sweep looks only at orders still waiting for the producer.
    await db.query(
      `CREATE INDEX supplier_orders_pending_idx ON supplier_orders (accept_by) WHERE status = 'placed'`,
    );
    await db.query(`
      CREATE TABLE supplier_order_lines (
        id uuid PRIMARY KEY,
        supplier_order_id uuid NOT NULL REFERENCES supplier_orders (id),
        position integer NOT NULL,
        listing_id uuid NOT NULL,
        product_name text NOT NULL,
        sku text NOT NULL,
        unit text NOT NULL,
        pack_size text,
        quantity integer NOT NULL CHECK (quantity > 0),
        accepted_qty integer CHECK (accepted_qty >= 0 AND accepted_qty <= quantity),
        unit_price_vnd bigint NOT NULL CHECK (unit_price_vnd >= 0),
        vat_rate integer NOT NULL CHECK (vat_rate IN (0, 5, 8, 10)),
        line_total_vnd bigint NOT NULL CHECK (line_total_vnd >= 0),
        vat_vnd bigint NOT NULL CHECK (vat_vnd >= 0),
        UNIQUE (supplier_order_id, position)
      )`);
    await db.query(`CREATE INDEX supplier_order_lines_listing_idx ON supplier_order_lines (listing_id)`);
    await db.query(`
      CREATE TABLE supplier_order_status_history (
        id bigserial PRIMARY KEY,
        supplier_order_id uuid NOT NULL REFERENCES supplier_orders (id),
        from_status text,
        to_status text NOT NULL,
        actor_user_id uuid,
        reason text,
        changed_at timestamptz NOT NULL
      )`);
    await db.query(
      `CREATE INDEX supplier_order_status_history_order_idx ON supplier_order_status_history (supplier_order_id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE supplier_order_status_history`);
    await db.query(`DROP TABLE supplier_order_lines`);
    await db.query(`DROP TABLE supplier_orders`);
    await db.query(`DROP TABLE purchase_orders`);
    await db.query(`DROP TABLE delivery_locations`);
    await db.query(`DROP SEQUENCE purchase_order_number_seq`);
  }
}
