import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Faster typo-tolerant search. Rechecking trigram word similarity against every candidate's whole
 * document cost ~0.1 ms per row and word (over a second for a common word at 100,000 listings).
 * Instead each listing stores the distinct folded words of its document (`search_words`, GIN
 * array index), and a vocabulary of every word seen carries the trigram index: a query word is
 * first expanded to the vocabulary words within a small typo of it (`word <% vocabulary_word`),
 * then listings are matched with `search_words && expansions` — array overlap, no recheck.
 */
export class CatalogSearchWords1764400000100 implements MigrationInterface {
  name = 'CatalogSearchWords1764400000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION ocop_words(value text) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT coalesce(array_agg(DISTINCT w ORDER BY w), '{}')
          FROM regexp_split_to_table(ocop_fold(value), '[^[:alnum:]]+') AS w
         WHERE w <> ''
      $$`);
    await db.query(`
      ALTER TABLE listings
        ADD COLUMN search_words text[] GENERATED ALWAYS AS (
          ocop_words(product_name || ' ' || coalesce(product_description, '') || ' ' || producer_name
                     || ' ' || coalesce(commune_name, ''))) STORED,
        ADD COLUMN name_words text[] GENERATED ALWAYS AS (ocop_words(product_name)) STORED`);
    await db.query(`DROP INDEX listings_search_doc_trgm_idx`);
    await db.query(`CREATE INDEX listings_search_words_idx ON listings USING gin (search_words)`);

    await db.query(`CREATE TABLE search_vocabulary (word text PRIMARY KEY)`);
    await db.query(
      `CREATE INDEX search_vocabulary_trgm_idx ON search_vocabulary USING gin (word gin_trgm_ops)`,
    );
    await db.query(`INSERT INTO search_vocabulary SELECT DISTINCT unnest(search_words) FROM listings`);
    // Words are only ever added: a word no listing uses any more simply matches nothing.
    await db.query(`
      CREATE FUNCTION listings_vocabulary_from_new_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO search_vocabulary (word)
        SELECT DISTINCT unnest(search_words) FROM new_rows ORDER BY 1
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER listings_vocabulary_on_insert AFTER INSERT ON listings
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION listings_vocabulary_from_new_rows()`);
    await db.query(`
      CREATE FUNCTION listings_vocabulary_from_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO search_vocabulary (word)
        SELECT DISTINCT unnest(NEW.search_words) ORDER BY 1
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER listings_vocabulary_on_update
        AFTER UPDATE OF product_name, product_description, producer_name, commune_name ON listings
        FOR EACH ROW EXECUTE FUNCTION listings_vocabulary_from_row()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER listings_vocabulary_on_update ON listings`);
    await db.query(`DROP TRIGGER listings_vocabulary_on_insert ON listings`);
    await db.query(`DROP FUNCTION listings_vocabulary_from_row()`);
    await db.query(`DROP FUNCTION listings_vocabulary_from_new_rows()`);
    await db.query(`DROP TABLE search_vocabulary`);
    await db.query(`DROP INDEX listings_search_words_idx`);
    await db.query(
      `CREATE INDEX listings_search_doc_trgm_idx ON listings USING gin (search_doc gin_trgm_ops)`,
    );
    await db.query(`ALTER TABLE listings DROP COLUMN name_words, DROP COLUMN search_words`);
    await db.query(`DROP FUNCTION ocop_words(text)`);
  }
}
