import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Typo tolerance by edit distance instead of trigram similarity. Trigrams miss typos in short words:
 * "vag" shares only 2 of its 4 trigrams with "vang", "bah" 2 of 4 with "banh", and a swap ("duogn")
 * breaks three trigrams of a five-letter word, all below the 0.6 threshold; yet they made "ba" reach
 * every word starting with "ba".
 *
 * Now a query word matches the known words within the edit budget of `typoBudget` (catalog
 * `domain/typo.ts`: none when either word has at most 2 letters, one edit when the shorter has 3 to 7,
 * two from 8). Candidates are found by deletion keys (the "symmetric delete" method): two words are
 * within k edits (insert, delete, substitute, adjacent swap) only if deleting at most k letters from
 * each gives the same string, so every known word is stored under itself and its deletions, and a
 * query word looks up its own. Keys are stored only where the budget needs them — one deletion from 3
 * letters, two from 8 — so a word of 3 to 7 letters has 4 to 8 keys and a shorter one just itself;
 * the application then checks the true distance of each candidate. Query words are cut to 40
 * letters and no budget exceeds 2, so a stored word of more than 42 letters (a pasted code, say) gets
 * no deletion keys: no query word is within a typo of it, and its two-deletion keys would grow with
 * the square of its length.
 */
export class SearchTypoKeys1764460000100 implements MigrationInterface {
  name = 'SearchTypoKeys1764460000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION ocop_typo_keys(word text) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT array_agg(DISTINCT k.key ORDER BY k.key)
          FROM (SELECT word AS key
                UNION ALL
                SELECT overlay(word PLACING '' FROM i FOR 1)
                  FROM generate_series(1, length(word)) AS i
                 WHERE length(word) BETWEEN 3 AND 42
                UNION ALL
                SELECT overlay(overlay(word PLACING '' FROM j FOR 1) PLACING '' FROM i FOR 1)
                  FROM generate_series(1, length(word)) AS i, generate_series(i + 1, length(word)) AS j
                 WHERE length(word) BETWEEN 8 AND 42) k
      $$`);
    // Looked up by key only; the word in the primary key makes that an index-only scan.
    await db.query(`
      CREATE TABLE search_vocabulary_keys (
        key text NOT NULL,
        word text NOT NULL,
        PRIMARY KEY (key, word)
      )`);
    await db.query(`
      INSERT INTO search_vocabulary_keys (key, word)
      SELECT unnest(ocop_typo_keys(word)), word FROM search_vocabulary`);
    // Per statement, so a CSV import adding many words is one insert. Only words new to the
    // vocabulary are in new_words (its insert skips known ones), so their keys are new as well.
    await db.query(`
      CREATE FUNCTION search_vocabulary_keys_from_new_words() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO search_vocabulary_keys (key, word)
        SELECT unnest(ocop_typo_keys(w.word)), w.word FROM new_words w
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER search_vocabulary_keys_on_insert AFTER INSERT ON search_vocabulary
        REFERENCING NEW TABLE AS new_words FOR EACH STATEMENT
        EXECUTE FUNCTION search_vocabulary_keys_from_new_words()`);
    // Nothing searches the vocabulary by trigrams any more; the index only slowed every new word.
    await db.query(`DROP INDEX search_vocabulary_trgm_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX search_vocabulary_trgm_idx ON search_vocabulary USING gin (word gin_trgm_ops)`,
    );
    await db.query(`DROP TRIGGER search_vocabulary_keys_on_insert ON search_vocabulary`);
    await db.query(`DROP FUNCTION search_vocabulary_keys_from_new_words()`);
    await db.query(`DROP TABLE search_vocabulary_keys`);
    await db.query(`DROP FUNCTION ocop_typo_keys(text)`);
  }
}
