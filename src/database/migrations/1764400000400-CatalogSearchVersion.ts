import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version of the search table as a whole, so that a search's full set of matches can be kept in
 * memory and reused for as long as nothing it was computed from has changed: every transaction that
 * inserts, updates or deletes search rows raises it once, at commit. A reader compares the version
 * it sees in its own snapshot with the one its cached matches were computed at.
 *
 * The raise is a deferred constraint trigger: it takes the version row's lock only at commit, after
 * every other lock of the transaction, so it can never be part of a deadlock; it waits at most for
 * other commits in progress. Vocabulary words are added by the same statements that change search
 * rows, so the version covers them too.
 */
export class CatalogSearchVersion1764400000400 implements MigrationInterface {
  name = 'CatalogSearchVersion1764400000400';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE catalog_search_version (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version bigint NOT NULL,
        raised_by xid8
      )`);
    await db.query(`INSERT INTO catalog_search_version (version) VALUES (1)`);
    await db.query(`
      CREATE FUNCTION catalog_search_version_raise() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Once per transaction, however many rows it changed.
        UPDATE catalog_search_version SET version = version + 1, raised_by = pg_current_xact_id()
         WHERE raised_by IS DISTINCT FROM pg_current_xact_id();
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE CONSTRAINT TRIGGER catalog_search_version_on_change
        AFTER INSERT OR UPDATE OR DELETE ON listing_search
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalog_search_version_raise()`);
    await db.query(`
      CREATE TRIGGER catalog_search_version_on_truncate AFTER TRUNCATE ON listing_search
        FOR EACH STATEMENT EXECUTE FUNCTION catalog_search_version_raise()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER catalog_search_version_on_truncate ON listing_search`);
    await db.query(`DROP TRIGGER catalog_search_version_on_change ON listing_search`);
    await db.query(`DROP FUNCTION catalog_search_version_raise()`);
    await db.query(`DROP TABLE catalog_search_version`);
  }
}
