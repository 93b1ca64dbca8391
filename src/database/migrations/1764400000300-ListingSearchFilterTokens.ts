import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Filters inside the GIN index. A text query plus a category or commune filter used to read every
 * listing matching the text (thousands for a common word) and drop most of them afterwards. Each
 * search row's `words` now also carries filter tokens, which can never collide with a folded word
 * because words are alphanumeric: `~c:<category>`, `~m:<commune>`, `~p:<province>`, `~s:<stars>`
 * (the recorded stars; expiry is still checked on the row) and `~in` while stock is available. The
 * GIN scan intersects them with the query words, so only rows that pass every filter are read.
 */
export class ListingSearchFilterTokens1764400000300 implements MigrationInterface {
  name = 'ListingSearchFilterTokens1764400000300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION listing_search_words(
        words text[], category text, commune_code text, province_code text, ocop_stars smallint, in_stock boolean
      ) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT words || ARRAY['~c:' || category]
               || CASE WHEN commune_code IS NULL THEN '{}'::text[] ELSE ARRAY['~m:' || commune_code] END
               || CASE WHEN province_code IS NULL THEN '{}'::text[] ELSE ARRAY['~p:' || province_code] END
               || CASE WHEN ocop_stars IS NULL THEN '{}'::text[] ELSE ARRAY['~s:' || ocop_stars] END
               || CASE WHEN in_stock THEN ARRAY['~in'] ELSE '{}'::text[] END
      $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION listing_search_from_new_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO listing_search
        SELECT l.id, l.producer_id, l.status = 'active', o.status = 'verified', l.category, l.ocop_stars,
               l.ocop_expires_on, l.commune_code, l.province_code, l.price_vnd,
               l.stock_on_hand > l.stock_reserved, l.created_at,
               listing_search_words(l.search_words, l.category, l.commune_code, l.province_code, l.ocop_stars,
                                    l.stock_on_hand > l.stock_reserved),
               l.name_words
          FROM new_rows l
          JOIN organizations o ON o.id = l.producer_id;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION listing_search_from_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE listing_search
           SET producer_id = NEW.producer_id, active = NEW.status = 'active', category = NEW.category,
               ocop_stars = NEW.ocop_stars, ocop_expires_on = NEW.ocop_expires_on,
               commune_code = NEW.commune_code, province_code = NEW.province_code, price_vnd = NEW.price_vnd,
               in_stock = NEW.stock_on_hand > NEW.stock_reserved, created_at = NEW.created_at,
               words = listing_search_words(NEW.search_words, NEW.category, NEW.commune_code, NEW.province_code,
                                            NEW.ocop_stars, NEW.stock_on_hand > NEW.stock_reserved),
               name_words = NEW.name_words
         WHERE listing_id = NEW.id;
        RETURN NULL;
      END $$`);
    await db.query(`
      UPDATE listing_search s
         SET words = listing_search_words(l.search_words, s.category, s.commune_code, s.province_code, s.ocop_stars,
                                          s.in_stock)
        FROM listings l
       WHERE l.id = s.listing_id`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION listing_search_from_new_rows() RETURNS trigger LANGUAGE plpgsql AS $$
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
      CREATE OR REPLACE FUNCTION listing_search_from_row() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await db.query(
      `UPDATE listing_search s SET words = l.search_words FROM listings l WHERE l.id = s.listing_id`,
    );
    await db.query(`DROP FUNCTION listing_search_words(text[], text, text, text, smallint, boolean)`);
  }
}
