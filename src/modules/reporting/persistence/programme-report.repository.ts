import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';
import { ProgrammeTarget, TargetMetric } from '../domain/programme-targets';

/*
 * Reporting reads other modules' tables (organizations, products, geo_*) READ-ONLY, by design: the
 * one documented exception to "a module owns its tables" (DESIGN.md), because the office's figures
 * are aggregations over whole tables that facades returning rows could only compute in memory.
 * Nothing here writes anywhere but `programme_targets`, which this module owns.
 *
 * Attribution of a product to a place: the product's commune (the producer's commune when the
 * product has none). The programme's history is kept by FORMER district (before 2025-07-01); a
 * current commune formed from communes of several former districts is attributed to the district
 * that contributed the most former communes, then to one whose commune came in whole, then to the
 * lowest district code, so every current commune belongs to exactly one former district.
 */

/** Current commune → the one former district its figures are attributed to. */
const COMMUNE_DISTRICT = `
  commune_district AS (
    SELECT DISTINCT ON (commune_code) commune_code, former_district_code
      FROM geo_commune_origins
     GROUP BY commune_code, former_district_code
     ORDER BY commune_code, count(*) DESC, bool_or(whole) DESC, former_district_code
  )`;

/**
 * Products whose OCOP certificate is in force on `$1` (the Vietnamese date): the certificate's
 * `expires_on` is its last valid day. `$2` optionally narrows to one province.
 */
const CERTIFIED = `
  certified AS (
    SELECT p.id, p.category, p.ocop_stars AS stars, p.ocop_level AS level,
           coalesce(p.commune_code, o.commune_code) AS commune_code
      FROM products p
      JOIN organizations o ON o.id = p.producer_id
     WHERE p.ocop_stars IS NOT NULL
       AND p.ocop_expires_on >= $1::date
       AND ($2::text IS NULL OR coalesce(p.province_code, o.province_code) = $2)
  )`;

/**
 * Producer organizations (any status) of the province `$2`, placed at their own commune, and whether
 * one of their products holds a certificate in force on `$1`.
 */
const PRODUCERS = `
  producers AS (
    SELECT o.status, o.commune_code,
           EXISTS (SELECT 1 FROM products p
                    WHERE p.producer_id = o.id AND p.ocop_stars IS NOT NULL
                      AND p.ocop_expires_on >= $1::date) AS with_ocop_products
      FROM organizations o
     WHERE o.role = 'producer' AND ($2::text IS NULL OR o.province_code = $2)
  )`;

const PRODUCER_COUNTS = `
  count(*)::int AS organizations,
  count(*) FILTER (WHERE pr.status = 'verified')::int AS verified,
  count(*) FILTER (WHERE pr.with_ocop_products)::int AS with_ocop_products`;

const STAR_COUNTS = `
  count(*)::int AS products,
  count(*) FILTER (WHERE stars = 1)::int AS s1,
  count(*) FILTER (WHERE stars = 2)::int AS s2,
  count(*) FILTER (WHERE stars = 3)::int AS s3,
  count(*) FILTER (WHERE stars = 4)::int AS s4,
  count(*) FILTER (WHERE stars = 5)::int AS s5`;

export interface StarCountRow {
  code: string | null;
  name: string | null;
  products: number;
  s1: number;
  s2: number;
  s3: number;
  s4: number;
  s5: number;
}

export interface ProducerCountRow {
  code: string | null;
  name: string | null;
  organizations: number;
  verified: number;
  with_ocop_products: number;
}

export interface OrganizationCountRow {
  kind: string;
  status: string;
  organizations: number;
}

export interface LevelCountRow {
  level: string;
  valid: number;
  expired: number;
}

export interface ExpiringRow {
  product_id: string;
  product_name: string;
  producer_id: string;
  producer_name: string;
  commune_code: string | null;
  commune_name: string | null;
  stars: number;
  level: string;
  certificate_no: string;
  expires_on: string;
  days_left: number;
}

export interface TargetProgressRow {
  metric: TargetMetric;
  former_district_code: string;
  former_district_name: string | null;
  target: number;
  actual: number;
  updated_at: Date;
}

@Injectable()
export class ProgrammeReportRepository {
  async organizationsByKindAndStatus(tx: Tx, provinceCode: string | null): Promise<OrganizationCountRow[]> {
    return tx.query<OrganizationCountRow>(
      `SELECT kind, status, count(*)::int AS organizations
         FROM organizations
        WHERE role = 'producer' AND ($1::text IS NULL OR province_code = $1)
        GROUP BY kind, status
        ORDER BY kind, status`,
      [provinceCode],
    );
  }

  /** Producer organizations by their current commune; `$1` is today, for products in force. */
  async producersByCommune(tx: Tx, today: string, provinceCode: string | null): Promise<ProducerCountRow[]> {
    return tx.query<ProducerCountRow>(
      `WITH ${PRODUCERS}
       SELECT pr.commune_code AS code, g.name, ${PRODUCER_COUNTS}
         FROM producers pr
         LEFT JOIN geo_communes g ON g.code = pr.commune_code
        GROUP BY pr.commune_code, g.name
        ORDER BY organizations DESC, g.name, pr.commune_code`,
      [today, provinceCode],
    );
  }

  /** Producer organizations by the former district their commune is attributed to. */
  async producersByFormerDistrict(
    tx: Tx,
    today: string,
    provinceCode: string | null,
  ): Promise<ProducerCountRow[]> {
    return tx.query<ProducerCountRow>(
      `WITH ${PRODUCERS}, ${COMMUNE_DISTRICT}
       SELECT d.former_district_code AS code, fd.name, ${PRODUCER_COUNTS}
         FROM producers pr
         LEFT JOIN commune_district d ON d.commune_code = pr.commune_code
         LEFT JOIN geo_former_districts fd ON fd.code = d.former_district_code
        GROUP BY d.former_district_code, fd.name
        ORDER BY organizations DESC, fd.name, d.former_district_code`,
      [today, provinceCode],
    );
  }

  async byCommune(tx: Tx, today: string, provinceCode: string | null): Promise<StarCountRow[]> {
    return tx.query<StarCountRow>(
      `WITH ${CERTIFIED}
       SELECT c.commune_code AS code, g.name, ${STAR_COUNTS}
         FROM certified c
         LEFT JOIN geo_communes g ON g.code = c.commune_code
        GROUP BY c.commune_code, g.name
        ORDER BY products DESC, g.name`,
      [today, provinceCode],
    );
  }

  async byFormerDistrict(tx: Tx, today: string, provinceCode: string | null): Promise<StarCountRow[]> {
    return tx.query<StarCountRow>(
      `WITH ${CERTIFIED}, ${COMMUNE_DISTRICT}
       SELECT d.former_district_code AS code, fd.name, ${STAR_COUNTS}
         FROM certified c
         LEFT JOIN commune_district d ON d.commune_code = c.commune_code
         LEFT JOIN geo_former_districts fd ON fd.code = d.former_district_code
        GROUP BY d.former_district_code, fd.name
        ORDER BY products DESC, fd.name`,
      [today, provinceCode],
    );
  }

  async byCategory(tx: Tx, today: string, provinceCode: string | null): Promise<StarCountRow[]> {
    return tx.query<StarCountRow>(
      `WITH ${CERTIFIED}
       SELECT category AS code, NULL::text AS name, ${STAR_COUNTS}
         FROM certified
        GROUP BY category
        ORDER BY products DESC, category`,
      [today, provinceCode],
    );
  }

  /** Current certificates by level: in force today, or expired and not renewed. */
  async certificatesByLevel(tx: Tx, today: string, provinceCode: string | null): Promise<LevelCountRow[]> {
    return tx.query<LevelCountRow>(
      `SELECT p.ocop_level AS level,
              count(*) FILTER (WHERE p.ocop_expires_on >= $1::date)::int AS valid,
              count(*) FILTER (WHERE p.ocop_expires_on < $1::date)::int AS expired
         FROM products p
         JOIN organizations o ON o.id = p.producer_id
        WHERE p.ocop_stars IS NOT NULL
          AND ($2::text IS NULL OR coalesce(p.province_code, o.province_code) = $2)
        GROUP BY p.ocop_level
        ORDER BY p.ocop_level`,
      [today, provinceCode],
    );
  }

  /** Certificates in force whose last valid day falls between `first` and `last`, both included. */
  async expiring(tx: Tx, first: string, last: string, provinceCode: string | null): Promise<ExpiringRow[]> {
    return tx.query<ExpiringRow>(
      `SELECT p.id AS product_id, p.name AS product_name, o.id AS producer_id, o.name AS producer_name,
              coalesce(p.commune_code, o.commune_code) AS commune_code, g.name AS commune_name,
              p.ocop_stars AS stars, p.ocop_level AS level, p.ocop_certificate_no AS certificate_no,
              to_char(p.ocop_expires_on, 'YYYY-MM-DD') AS expires_on,
              (p.ocop_expires_on - $1::date) AS days_left
         FROM products p
         JOIN organizations o ON o.id = p.producer_id
         LEFT JOIN geo_communes g ON g.code = coalesce(p.commune_code, o.commune_code)
        WHERE p.ocop_stars IS NOT NULL
          AND p.ocop_expires_on BETWEEN $1::date AND $2::date
          AND ($3::text IS NULL OR coalesce(p.province_code, o.province_code) = $3)
        ORDER BY p.ocop_expires_on, p.name, p.id`,
      [first, last, provinceCode],
    );
  }

  /** Every target with what has been achieved towards it, counted as the metrics define. */
  async targetProgress(tx: Tx, today: string, provinceCode: string | null): Promise<TargetProgressRow[]> {
    return tx.query<TargetProgressRow>(
      `WITH ${CERTIFIED}, ${COMMUNE_DISTRICT},
       located AS (
         SELECT c.level, d.former_district_code
           FROM certified c LEFT JOIN commune_district d ON d.commune_code = c.commune_code
       ),
       producers AS (
         SELECT d.former_district_code
           FROM organizations o LEFT JOIN commune_district d ON d.commune_code = o.commune_code
          WHERE o.role = 'producer' AND o.status = 'verified'
            AND ($2::text IS NULL OR o.province_code = $2)
       )
       SELECT t.metric, t.former_district_code, fd.name AS former_district_name, t.target, t.updated_at,
              CASE t.metric
                WHEN 'certified_products' THEN
                  (SELECT count(*) FROM located l
                    WHERE t.former_district_code = '' OR l.former_district_code = t.former_district_code)
                WHEN 'provincial_products' THEN
                  (SELECT count(*) FROM located l
                    WHERE l.level IN ('province', 'national')
                      AND (t.former_district_code = '' OR l.former_district_code = t.former_district_code))
                WHEN 'producer_organizations' THEN
                  (SELECT count(*) FROM producers p
                    WHERE t.former_district_code = '' OR p.former_district_code = t.former_district_code)
              END::int AS actual
         FROM programme_targets t
         LEFT JOIN geo_former_districts fd ON fd.code = t.former_district_code
        ORDER BY t.metric, t.former_district_code`,
      [today, provinceCode],
    );
  }
}

@Injectable()
export class ProgrammeTargetRepository {
  async list(
    tx: Tx,
  ): Promise<Array<ProgrammeTarget & { formerDistrictName: string | null; updatedAt: Date }>> {
    const rows = await tx.query<{
      metric: TargetMetric;
      former_district_code: string;
      name: string | null;
      target: number;
      updated_at: Date;
    }>(
      `SELECT t.metric, t.former_district_code, fd.name, t.target, t.updated_at
         FROM programme_targets t
         LEFT JOIN geo_former_districts fd ON fd.code = t.former_district_code
        ORDER BY t.metric, t.former_district_code`,
    );
    return rows.map((row) => ({
      metric: row.metric,
      formerDistrictCode: row.former_district_code,
      formerDistrictName: row.name,
      target: row.target,
      updatedAt: row.updated_at,
    }));
  }

  /** The former district codes of this list that do not exist. */
  async unknownDistricts(tx: Tx, codes: string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const rows = await tx.query<{ code: string }>(
      `SELECT c AS code FROM unnest($1::text[]) AS c
        WHERE NOT EXISTS (SELECT 1 FROM geo_former_districts fd WHERE fd.code = c)`,
      [codes],
    );
    return rows.map((row) => row.code);
  }

  /** Replaces the whole set: what the administrator sends is what the office aims for. */
  async replaceAll(tx: Tx, targets: ProgrammeTarget[], actorUserId: string | null): Promise<void> {
    await tx.execute(`DELETE FROM programme_targets`);
    if (targets.length === 0) return;
    await tx.execute(
      `INSERT INTO programme_targets (metric, former_district_code, target, updated_by, updated_at)
       SELECT m, d, t, $4, now() FROM unnest($1::text[], $2::text[], $3::int[]) AS x(m, d, t)`,
      [
        targets.map((t) => t.metric),
        targets.map((t) => t.formerDistrictCode),
        targets.map((t) => t.target),
        actorUserId,
      ],
    );
  }

  /** Adds targets that are not set yet, leaving every existing one as the office left it (demo seed). */
  async addMissing(tx: Tx, targets: ProgrammeTarget[]): Promise<number> {
    return tx.execute(
      `INSERT INTO programme_targets (metric, former_district_code, target)
       SELECT m, d, t FROM unnest($1::text[], $2::text[], $3::int[]) AS x(m, d, t)
       ON CONFLICT DO NOTHING`,
      [targets.map((t) => t.metric), targets.map((t) => t.formerDistrictCode), targets.map((t) => t.target)],
    );
  }
}
