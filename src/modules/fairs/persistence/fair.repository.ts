import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';
import { Fair, FairStatus } from '../domain/fair';

interface FairRow {
  id: string;
  organizer_id: string;
  name: string;
  venue: string;
  commune_code: string;
  province_code: string;
  starts_at: Date;
  ends_at: Date;
  booking_opens_at: Date;
  booking_closes_at: Date;
  min_stars: number | null;
  max_stalls_per_producer: number | null;
  status: FairStatus;
  published_at: Date | null;
  cancelled_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, organizer_id, name, venue, commune_code, province_code, starts_at, ends_at,
                 booking_opens_at, booking_closes_at, min_stars, max_stalls_per_producer, status,
                 published_at, cancelled_at, created_at, updated_at`;

function toFair(row: FairRow): Fair {
  return {
    id: row.id,
    organizerId: row.organizer_id,
    name: row.name,
    venue: row.venue,
    communeCode: row.commune_code,
    provinceCode: row.province_code,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    bookingOpensAt: row.booking_opens_at,
    bookingClosesAt: row.booking_closes_at,
    rules: { minStars: row.min_stars, maxStallsPerProducer: row.max_stalls_per_producer },
    status: row.status,
    publishedAt: row.published_at,
    cancelledAt: row.cancelled_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type FairFields = Pick<
  Fair,
  | 'name'
  | 'venue'
  | 'communeCode'
  | 'provinceCode'
  | 'startsAt'
  | 'endsAt'
  | 'bookingOpensAt'
  | 'bookingClosesAt'
  | 'rules'
>;

export interface FairFilter {
  /** Statuses everyone may see. */
  statuses: readonly FairStatus[];
  /** This organization also sees its own fairs in any status. */
  alsoOwnedBy?: string;
  provinceCode?: string;
  communeCode?: string;
  /** Fairs that are still running at or after this instant. */
  from?: Date;
  /** Fairs that start before this instant. */
  to?: Date;
  after?: { startsAt: string; id: string };
  limit: number;
}

export const VENUE_CONSTRAINT = 'fairs_venue_no_overlap';

@Injectable()
export class FairRepository {
  async insert(tx: Tx, organizerId: string, fields: FairFields): Promise<Fair> {
    const rows = await tx.query<FairRow>(
      `INSERT INTO fairs (organizer_id, name, venue, commune_code, province_code, starts_at, ends_at,
                          booking_opens_at, booking_closes_at, min_stars, max_stalls_per_producer)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       RETURNING ${COLUMNS}`,
      [organizerId, ...fieldParams(fields)],
    );
    return toFair(rows[0]);
  }

  async update(tx: Tx, id: string, fields: FairFields): Promise<Fair> {
    const rows = await tx.query<FairRow>(
      `UPDATE fairs
          SET name = $2, venue = $3, commune_code = $4, province_code = $5, starts_at = $6, ends_at = $7,
              booking_opens_at = $8, booking_closes_at = $9, min_stars = $10,
              max_stalls_per_producer = $11, updated_at = now()
        WHERE id = $1
       RETURNING ${COLUMNS}`,
      [id, ...fieldParams(fields)],
    );
    return toFair(rows[0]);
  }

  async findById(tx: Tx, id: string): Promise<Fair | undefined> {
    const row = await tx.one<FairRow>(`SELECT ${COLUMNS} FROM fairs WHERE id = $1`, [id]);
    return row && toFair(row);
  }

  /** Locks the fair row: status changes and bookings of one fair are serialized against it. */
  async lockById(tx: Tx, id: string): Promise<Fair | undefined> {
    const row = await tx.one<FairRow>(`SELECT ${COLUMNS} FROM fairs WHERE id = $1 FOR UPDATE`, [id]);
    return row && toFair(row);
  }

  /** A shared lock: bookings proceed in parallel, but never while the fair is being cancelled. */
  async lockForBooking(tx: Tx, id: string): Promise<Fair | undefined> {
    const row = await tx.one<FairRow>(`SELECT ${COLUMNS} FROM fairs WHERE id = $1 FOR SHARE`, [id]);
    return row && toFair(row);
  }

  async changeStatus(tx: Tx, id: string, to: FairStatus, at: Date): Promise<Fair> {
    const rows = await tx.query<FairRow>(
      `UPDATE fairs
          SET status = $2, updated_at = now(),
              published_at = CASE WHEN $2 = 'published' THEN $3 ELSE published_at END,
              cancelled_at = CASE WHEN $2 = 'cancelled' THEN $3 ELSE cancelled_at END
        WHERE id = $1
       RETURNING ${COLUMNS}`,
      [id, to, at],
    );
    return toFair(rows[0]);
  }

  async findPage(tx: Tx, filter: FairFilter): Promise<Fair[]> {
    const params: unknown[] = [filter.statuses];
    const where: string[] = [];
    if (filter.alsoOwnedBy) {
      params.push(filter.alsoOwnedBy);
      where.push(`(status = ANY($1) OR organizer_id = $${params.length})`);
    } else {
      where.push(`status = ANY($1)`);
    }
    if (filter.provinceCode) {
      params.push(filter.provinceCode);
      where.push(`province_code = $${params.length}`);
    }
    if (filter.communeCode) {
      params.push(filter.communeCode);
      where.push(`commune_code = $${params.length}`);
    }
    if (filter.from) {
      params.push(filter.from);
      where.push(`ends_at > $${params.length}`);
    }
    if (filter.to) {
      params.push(filter.to);
      where.push(`starts_at < $${params.length}`);
    }
    if (filter.after) {
      params.push(filter.after.startsAt, filter.after.id);
      where.push(`(starts_at, id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(filter.limit + 1);
    const rows = await tx.query<FairRow>(
      `SELECT ${COLUMNS} FROM fairs
        WHERE ${where.join(' AND ')}
        ORDER BY starts_at, id
        LIMIT $${params.length}`,
      params,
    );
    return rows.map(toFair);
  }

  /** Fairs in the given statuses overlapping [from, to), optionally in one province. */
  async findOverlapping(
    tx: Tx,
    statuses: readonly string[],
    from: Date,
    to: Date,
    provinceCode?: string,
  ): Promise<Fair[]> {
    const rows = await tx.query<FairRow>(
      `SELECT ${COLUMNS} FROM fairs
        WHERE status = ANY($1) AND starts_at < $3 AND ends_at > $2
          AND ($4::text IS NULL OR province_code = $4)
        ORDER BY starts_at, id`,
      [statuses, from, to, provinceCode ?? null],
    );
    return rows.map(toFair);
  }

  /** Published fairs whose end has passed: the sweep closes them. */
  async closeEnded(tx: Tx, now: Date): Promise<number> {
    return tx.execute(
      `UPDATE fairs SET status = 'closed', updated_at = now() WHERE status = 'published' AND ends_at <= $1`,
      [now],
    );
  }
}

/** $2…$11 of both the insert and the update, in column order. */
function fieldParams(fields: FairFields): unknown[] {
  return [
    fields.name,
    fields.venue,
    fields.communeCode,
    fields.provinceCode,
    fields.startsAt,
    fields.endsAt,
    fields.bookingOpensAt,
    fields.bookingClosesAt,
    fields.rules.minStars,
    fields.rules.maxStallsPerProducer,
  ];
}
