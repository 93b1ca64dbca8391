import { readFileSync } from 'node:fs';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { repoPath } from '../repo-path';

interface CurrentUnits {
  provinces: Array<{
    code: string;
    name: string;
    formerProvinces: string[];
    communes: Array<{
      code: string;
      name: string;
      formerCommunes: Array<{
        code: string;
        name: string;
        whole: boolean;
        formerDistrictCode: string | null;
      }>;
    }>;
  }>;
}

interface FormerUnits {
  provinces: Array<{
    code: string;
    name: string;
    districts: Array<{ code: string; name: string; communes: Array<{ code: string; name: string }> }>;
  }>;
}

/**
 * The official two-tier units in force since 2025-07-01 and the units before that date, from
 * data/ (copied from the GSO lists). The programme's history is kept by former district, so every
 * current commune records the former communes and districts it was formed from.
 */
export class GeoReference1764390000100 implements MigrationInterface {
  name = 'GeoReference1764390000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE geo_provinces (
        code text PRIMARY KEY,
        name text NOT NULL,
        former_province_codes text[] NOT NULL DEFAULT '{}'
      )`);
    await db.query(`
      CREATE TABLE geo_communes (
        code text PRIMARY KEY,
        name text NOT NULL,
        name_folded text GENERATED ALWAYS AS (ocop_fold(name)) STORED,
        province_code text NOT NULL REFERENCES geo_provinces (code)
      )`);
    await db.query(`CREATE INDEX geo_communes_province_idx ON geo_communes (province_code, name)`);
    await db.query(`
      CREATE TABLE geo_former_provinces (code text PRIMARY KEY, name text NOT NULL)`);
    await db.query(`
      CREATE TABLE geo_former_districts (
        code text PRIMARY KEY,
        name text NOT NULL,
        former_province_code text NOT NULL REFERENCES geo_former_provinces (code)
      )`);
    await db.query(`
      CREATE TABLE geo_former_communes (
        code text PRIMARY KEY,
        name text NOT NULL,
        former_district_code text NOT NULL REFERENCES geo_former_districts (code)
      )`);
    await db.query(`
      CREATE TABLE geo_commune_origins (
        commune_code text NOT NULL REFERENCES geo_communes (code),
        former_commune_code text NOT NULL,
        former_commune_name text NOT NULL,
        former_district_code text NOT NULL,
        whole boolean NOT NULL,
        PRIMARY KEY (commune_code, former_commune_code)
      )`);
    await db.query(
      `CREATE INDEX geo_commune_origins_district_idx ON geo_commune_origins (former_district_code)`,
    );

    const former = JSON.parse(readFileSync(repoPath('data/vn-admin-units.json'), 'utf8')) as FormerUnits;
    const current = JSON.parse(
      readFileSync(repoPath('data/vn-admin-units-2025-07.json'), 'utf8'),
    ) as CurrentUnits;

    await insertRows(
      db,
      'geo_former_provinces',
      ['code', 'name'],
      former.provinces.map((p) => [p.code, p.name]),
    );
    const districts = former.provinces.flatMap((p) => p.districts.map((d) => [d.code, d.name, p.code]));
    await insertRows(db, 'geo_former_districts', ['code', 'name', 'former_province_code'], districts);
    const formerCommunes = former.provinces.flatMap((p) =>
      p.districts.flatMap((d) => d.communes.map((c) => [c.code, c.name, d.code])),
    );
    await insertRows(db, 'geo_former_communes', ['code', 'name', 'former_district_code'], formerCommunes);

    for (const province of current.provinces) {
      await db.query(`INSERT INTO geo_provinces (code, name, former_province_codes) VALUES ($1, $2, $3)`, [
        province.code,
        province.name,
        province.formerProvinces,
      ]);
    }
    const communes = current.provinces.flatMap((p) => p.communes.map((c) => [c.code, c.name, p.code]));
    await insertRows(db, 'geo_communes', ['code', 'name', 'province_code'], communes);
    const origins = current.provinces.flatMap((p) =>
      p.communes.flatMap((c) =>
        // Island districts without communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa) appear as a whole former
        // district: the district is its own origin.
        c.formerCommunes.map((f) => [
          c.code,
          f.code,
          f.name,
          f.formerDistrictCode ?? f.code,
          f.whole ? 'true' : 'false',
        ]),
      ),
    );
    await insertRows(
      db,
      'geo_commune_origins',
      ['commune_code', 'former_commune_code', 'former_commune_name', 'former_district_code', 'whole'],
      origins,
      'ON CONFLICT DO NOTHING',
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'geo_commune_origins',
      'geo_former_communes',
      'geo_former_districts',
      'geo_former_provinces',
      'geo_communes',
      'geo_provinces',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}

/** Bulk insert through unnest: one round trip per column set instead of one per row. */
async function insertRows(
  db: QueryRunner,
  table: string,
  columns: string[],
  rows: Array<Array<string>>,
  suffix = '',
): Promise<void> {
  const arrays = columns.map((_, i) => rows.map((row) => row[i]));
  const selects = columns.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const casts = columns.map((c) => (c === 'whole' ? `${c}::boolean` : c)).join(', ');
  await db.query(
    `INSERT INTO ${table} (${columns.join(', ')})
     SELECT ${casts} FROM unnest(${selects}) AS t(${columns.join(', ')}) ${suffix}`,
    arrays,
  );
}
