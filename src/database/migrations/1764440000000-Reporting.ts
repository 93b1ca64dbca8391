import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The OCOP office's programme targets, editable by administrators. A target is either province-wide
 * (`former_district_code = ''`) or for one former district, the unit the programme's history and
 * the province's plans are kept in. Defaults are Quang Ninh's published next targets: 250 OCOP
 * products and 200 producer organizations.
 */
export class Reporting1764440000000 implements MigrationInterface {
  name = 'Reporting1764440000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE programme_targets (
        metric text NOT NULL
          CHECK (metric IN ('certified_products', 'producer_organizations', 'provincial_products')),
        former_district_code text NOT NULL DEFAULT '',
        target integer NOT NULL CHECK (target >= 0),
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (metric, former_district_code)
      )`);
    await db.query(`
      INSERT INTO programme_targets (metric, former_district_code, target)
      VALUES ('certified_products', '', 250), ('producer_organizations', '', 200)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE programme_targets`);
  }
}
