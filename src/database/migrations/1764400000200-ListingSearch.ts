import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A narrow search table. Scoring and counting a common word's ~12,000 matches on the wide
 * `listings` rows (~800 bytes each, ~7,600 heap pages) cost ~10 µs per row; `listing_search` keeps
 * only what matching, filtering, sorting, scoring and facet counting read (~350 bytes a row), so
 * the same work touches about half the pages and needs no join.
 *
 * It is kept current by triggers in the same transaction as every write, so it is never stale:
 * - listings: AFTER INSERT (per statement, so a CSV import is one set-based insert), AFTER UPDATE
 *   of any copied column (per row), deletion cascades;
 * - organizations (owned by the organizations module): AFTER UPDATE OF status copies whether the
 *   producer is verified onto its rows, in the very transaction that verifies or suspends it, so a
 *   verified producer's listings are visible at once and a suspended one's disappear at once.
 */
export class ListingSearch1764400000200 implements MigrationInterface {
  name = 'ListingSearch1764400000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE listing_search (
        listing_id uuid PRIMARY KEY REFERENCES listings (id) ON DELETE CASCADE,
        producer_id uuid NOT NULL,
        active boolean NOT NULL,
        producer_verified boolean NOT NULL,
        category text NOT NULL,
        ocop_stars smallint,
        ocop_expires_on date,
        commune_code text,
        province_code text,
        price_vnd bigint NOT NULL,
        in_stock boolean NOT NULL,
        created_at timestamptz NOT NULL,
        words text[] NOT NULL,
        name_words text[] NOT NULL
      )`);
    await db.query(`
      INSERT INTO listing_search
      SELECT l.id, l.producer_id, l.status = 'active', o.status = 'verified', l.category, l.ocop_stars,
             l.ocop_expires_on, l.commune_code, l.province_code, l.price_vnd, l.stock_on_hand > l.stock_reserved,
             l.created_at, l.search_words, l.name_words
        FROM listings l
        JOIN organizations o ON o.id = l.producer_id`);
    // Public searches read only visible rows: every index but the producer's own is partial.
    // No GIN pending list: unsorted pending entries made a common word's lookup 5x slower until
    // the next vacuum; writes are rare next to searches.
    await db.query(`
      CREATE INDEX listing_search_words_idx ON listing_search USING gin (words) WITH (fastupdate = off)
       WHERE active AND producer_verified`);
    await db.query(`
      CREATE INDEX listing_search_newest_idx ON listing_search (created_at DESC, listing_id DESC)
       WHERE active AND producer_verified`);
    await db.query(`
      CREATE INDEX listing_search_price_idx ON listing_search (price_vnd, listing_id)
       WHERE active AND producer_verified`);
    await db.query(`CREATE INDEX listing_search_producer_idx ON listing_search (producer_id)`);

    await db.query(`
      CREATE FUNCTION listing_search_from_new_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO listing_search
        SELECT l.id, l.producer_id, l.status = 'active', o.status = 'verified', l.category, l.ocop_stars,
               l.ocop_expires_on, l.commune_code, l.province_code, l.price_vnd,
               l.stock_on_hand > l.stock_reserved, l.created_at, l.search_words, l.name_words
          FROM new_rows l
          JOIN organizations o ON o.id = l.producer_id;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER listing_search_on_insert AFTER INSERT ON listings
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION listing_search_from_new_rows()`);
    await db.query(`
      CREATE FUNCTION listing_search_from_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE listing_search
           SET producer_id = NEW.producer_id, active = NEW.status = 'active', category = NEW.category,
               ocop_stars = NEW.ocop_stars, ocop_expires_on = NEW.ocop_expires_on,
               commune_code = NEW.commune_code, province_code = NEW.province_code, price_vnd = NEW.price_vnd,
               in_stock = NEW.stock_on_hand > NEW.stock_reserved, created_at = NEW.created_at,
               words = NEW.search_words, name_words = NEW.name_words
         WHERE listing_id = NEW.id;
        RETURN NULL;
      END $$`);
    // Stock moves that do not cross "available > 0" leave the search row alone.
    await db.query(`
      CREATE TRIGGER listing_search_on_update
        AFTER UPDATE OF producer_id, status, category, ocop_stars, ocop_expires_on, commune_code, province_code,
                        price_vnd, stock_on_hand, stock_reserved, created_at, product_name, product_description,
                        producer_name, commune_name
        ON listings FOR EACH ROW
        WHEN (OLD.producer_id IS DISTINCT FROM NEW.producer_id OR OLD.status IS DISTINCT FROM NEW.status
              OR OLD.category IS DISTINCT FROM NEW.category OR OLD.ocop_stars IS DISTINCT FROM NEW.ocop_stars
              OR OLD.ocop_expires_on IS DISTINCT FROM NEW.ocop_expires_on
              OR OLD.commune_code IS DISTINCT FROM NEW.commune_code
              OR OLD.province_code IS DISTINCT FROM NEW.province_code OR OLD.price_vnd IS DISTINCT FROM NEW.price_vnd
              OR (OLD.stock_on_hand > OLD.stock_reserved) IS DISTINCT FROM (NEW.stock_on_hand > NEW.stock_reserved)
              OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.search_words IS DISTINCT FROM NEW.search_words
              OR OLD.name_words IS DISTINCT FROM NEW.name_words)
        EXECUTE FUNCTION listing_search_from_row()`);

    await db.query(`
      CREATE FUNCTION listing_search_from_organization() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE listing_search SET producer_verified = NEW.status = 'verified'
         WHERE producer_id = NEW.id AND producer_verified IS DISTINCT FROM (NEW.status = 'verified');
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER listing_search_on_organization_status AFTER UPDATE OF status ON organizations
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
        EXECUTE FUNCTION listing_search_from_organization()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER listing_search_on_organization_status ON organizations`);
    await db.query(`DROP TRIGGER listing_search_on_update ON listings`);
    await db.query(`DROP TRIGGER listing_search_on_insert ON listings`);
    await db.query(`DROP FUNCTION listing_search_from_organization()`);
    await db.query(`DROP FUNCTION listing_search_from_row()`);
    await db.query(`DROP FUNCTION listing_search_from_new_rows()`);
    await db.query(`DROP TABLE listing_search`);
  }
}
