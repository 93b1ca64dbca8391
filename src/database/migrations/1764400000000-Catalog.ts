import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Products with their OCOP rating history, listings with stock, and the stock ledger.
 *
 * Search runs on `listings` alone: product, producer and commune fields are copied onto each listing
 * (kept in step by the catalog service) and folded into the stored `search_doc`, which carries a GIN
 * trigram index. The only join left at query time is the producer's verification status in
 * `organizations` (owned by the organizations module, joined on its primary key): copying that flag
 * would make a verified producer invisible until an asynchronous event arrived.
 */
export class Catalog1764400000000 implements MigrationInterface {
  name = 'Catalog1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        producer_id uuid NOT NULL REFERENCES organizations (id),
        name text NOT NULL,
        description text,
        category text NOT NULL CHECK (category IN ('food', 'beverage', 'herbal', 'textile', 'handicraft', 'tourism')),
        unit text NOT NULL,
        commune_code text,
        province_code text,
        ocop_rating_id uuid,
        ocop_stars smallint,
        ocop_certificate_no text,
        ocop_level text,
        ocop_issued_on date,
        ocop_expires_on date,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX products_producer_idx ON products (producer_id, created_at DESC, id)`);
    await db.query(
      `CREATE INDEX products_rated_idx ON products (producer_id, ocop_expires_on) WHERE ocop_stars IS NOT NULL`,
    );

    // Every rating ever recorded; the product row carries the current one.
    await db.query(`
      CREATE TABLE ocop_ratings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        stars smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
        certificate_no text NOT NULL UNIQUE,
        level text NOT NULL CHECK (level IN ('district', 'province', 'national')),
        issued_on date NOT NULL,
        expires_on date NOT NULL,
        rated_by uuid,
        rated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK (expires_on > issued_on),
        CHECK (expires_on <= issued_on + interval '36 months'),
        CHECK (stars <> 5 OR level = 'national'),
        CHECK (level <> 'district' OR issued_on < date '2025-07-01')
      )`);
    await db.query(`CREATE INDEX ocop_ratings_product_idx ON ocop_ratings (product_id, rated_at DESC)`);

    await db.query(`
      CREATE TABLE listings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES products (id),
        producer_id uuid NOT NULL REFERENCES organizations (id),
        sku text NOT NULL,
        pack_size jsonb NOT NULL,
        price_vnd bigint NOT NULL CHECK (price_vnd > 0),
        price_tiers jsonb NOT NULL DEFAULT '[]',
        min_order_qty integer NOT NULL DEFAULT 1 CHECK (min_order_qty >= 1),
        lead_time_days integer NOT NULL DEFAULT 0 CHECK (lead_time_days >= 0),
        vat_rate smallint NOT NULL DEFAULT 0 CHECK (vat_rate IN (0, 5, 8, 10)),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
        stock_on_hand integer NOT NULL CHECK (stock_on_hand >= 0),
        stock_reserved integer NOT NULL DEFAULT 0 CHECK (stock_reserved >= 0),
        product_name text NOT NULL,
        product_description text,
        category text NOT NULL,
        unit text NOT NULL,
        producer_name text NOT NULL,
        commune_code text,
        commune_name text,
        province_code text,
        ocop_stars smallint,
        ocop_expires_on date,
        name_folded text GENERATED ALWAYS AS (ocop_fold(product_name)) STORED,
        search_doc text GENERATED ALWAYS AS (
          ocop_fold(product_name || ' ' || coalesce(product_description, '') || ' ' || producer_name
                    || ' ' || coalesce(commune_name, ''))) STORED,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT listings_stock_covers_reserved CHECK (stock_reserved <= stock_on_hand),
        CONSTRAINT listings_producer_sku_key UNIQUE (producer_id, sku)
      )`);
    await db.query(
      `CREATE INDEX listings_search_doc_trgm_idx ON listings USING gin (search_doc gin_trgm_ops)`,
    );
    await db.query(`CREATE INDEX listings_product_idx ON listings (product_id)`);
    await db.query(`CREATE INDEX listings_producer_idx ON listings (producer_id, created_at DESC, id)`);
    await db.query(
      `CREATE INDEX listings_active_newest_idx ON listings (created_at DESC, id) WHERE status = 'active'`,
    );
    await db.query(
      `CREATE INDEX listings_active_price_idx ON listings (price_vnd, id) WHERE status = 'active'`,
    );
    await db.query(
      `CREATE INDEX listings_active_commune_idx ON listings (commune_code) WHERE status = 'active'`,
    );
    await db.query(
      `CREATE INDEX listings_active_category_idx ON listings (category, ocop_stars) WHERE status = 'active'`,
    );

    await db.query(`
      CREATE TABLE stock_ledger (
        id bigserial PRIMARY KEY,
        listing_id uuid NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('initial', 'adjustment', 'import', 'reservation', 'release', 'shipment')),
        delta_on_hand integer NOT NULL,
        delta_reserved integer NOT NULL,
        on_hand_after integer NOT NULL,
        reserved_after integer NOT NULL,
        reason text NOT NULL,
        ref_type text,
        ref_id text,
        actor_user_id uuid,
        occurred_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX stock_ledger_listing_idx ON stock_ledger (listing_id, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE stock_ledger`);
    await db.query(`DROP TABLE listings`);
    await db.query(`DROP TABLE ocop_ratings`);
    await db.query(`DROP TABLE products`);
  }
}
