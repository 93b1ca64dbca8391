import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';

/*
 * Reads the fairs module's tables READ-ONLY, by design (see programme-report.repository.ts).
 * Occupancy counts confirmed bookings (a held stall may still lapse); revenue is the confirmed
 * stalls' fees.
 */

export interface FairReportRow {
  id: string;
  name: string;
  venue: string;
  status: string;
  organizer_id: string;
  organizer_name: string;
  commune_code: string;
  commune_name: string | null;
  starts_at: Date;
  ends_at: Date;
  stalls: number;
  confirmed: number;
  held: number;
  checked_in: number;
  waitlisted: number;
  occupancy_bp: number;
  revenue_vnd: string;
  potential_vnd: string;
}

@Injectable()
export class FairsReportRepository {
  /** Fairs that overlap the period [from, to] (Vietnamese days), for one organizer or all. */
  async fairs(tx: Tx, from: string, to: string, organizerId: string | null): Promise<FairReportRow[]> {
    return tx.query<FairReportRow>(
      `WITH chosen AS (
         SELECT f.* FROM fairs f
          WHERE ($3::uuid IS NULL OR f.organizer_id = $3)
            AND f.ends_at > ($1::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
            AND f.starts_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
       ),
       stall_counts AS (
         SELECT s.fair_id, count(*)::int AS stalls, coalesce(sum(s.price_vnd), 0) AS potential_vnd
           FROM fair_stalls s WHERE s.fair_id IN (SELECT id FROM chosen) GROUP BY s.fair_id
       ),
       booking_counts AS (
         SELECT b.fair_id,
                count(*) FILTER (WHERE b.status = 'confirmed')::int AS confirmed,
                count(*) FILTER (WHERE b.status = 'held')::int AS held,
                count(*) FILTER (WHERE b.checked_in_at IS NOT NULL)::int AS checked_in,
                coalesce(sum(b.amount_vnd) FILTER (WHERE b.status = 'confirmed'), 0) AS revenue_vnd
           FROM fair_bookings b WHERE b.fair_id IN (SELECT id FROM chosen) GROUP BY b.fair_id
       ),
       waiting AS (
         SELECT w.fair_id, count(*)::int AS waitlisted
           FROM fair_waitlist_entries w
          WHERE w.fair_id IN (SELECT id FROM chosen) AND w.status IN ('waiting', 'offered')
          GROUP BY w.fair_id
       )
       SELECT c.id, c.name, c.venue, c.status, c.organizer_id, o.name AS organizer_name,
              c.commune_code, g.name AS commune_name, c.starts_at, c.ends_at,
              coalesce(sc.stalls, 0) AS stalls, coalesce(bc.confirmed, 0) AS confirmed,
              coalesce(bc.held, 0) AS held, coalesce(bc.checked_in, 0) AS checked_in,
              coalesce(w.waitlisted, 0) AS waitlisted,
              CASE WHEN coalesce(sc.stalls, 0) = 0 THEN 0
                   ELSE (coalesce(bc.confirmed, 0) * 10000 / sc.stalls) END::int AS occupancy_bp,
              coalesce(bc.revenue_vnd, 0)::text AS revenue_vnd,
              coalesce(sc.potential_vnd, 0)::text AS potential_vnd
         FROM chosen c
         JOIN organizations o ON o.id = c.organizer_id
         LEFT JOIN geo_communes g ON g.code = c.commune_code
         LEFT JOIN stall_counts sc ON sc.fair_id = c.id
         LEFT JOIN booking_counts bc ON bc.fair_id = c.id
         LEFT JOIN waiting w ON w.fair_id = c.id
        ORDER BY c.starts_at, c.name, c.id`,
      [from, to, organizerId],
    );
  }
}
