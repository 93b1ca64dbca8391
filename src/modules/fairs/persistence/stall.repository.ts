import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';
import { BookingStatus, StallAvailability, StallKind } from '../domain/booking';

export interface Stall {
  id: string;
  fairId: string;
  code: string;
  zone: string | null;
  areaM2: number;
  priceVnd: number;
  kind: StallKind;
  createdAt: Date;
}

export interface StallWithAvailability extends Stall {
  liveStatus: BookingStatus | null;
}

interface StallRow {
  id: string;
  fair_id: string;
  code: string;
  zone: string | null;
  area_m2: string;
  price_vnd: string;
  kind: StallKind;
  created_at: Date;
  live_status?: BookingStatus | null;
}

const COLUMNS = `s.id, s.fair_id, s.code, s.zone, s.area_m2, s.price_vnd, s.kind, s.created_at`;

function toStall(row: StallRow): StallWithAvailability {
  return {
    id: row.id,
    fairId: row.fair_id,
    code: row.code,
    zone: row.zone,
    areaM2: Number(row.area_m2),
    priceVnd: Number(row.price_vnd),
    kind: row.kind,
    createdAt: row.created_at,
    liveStatus: row.live_status ?? null,
  };
}

export interface NewStall {
  code: string;
  zone: string | null;
  areaM2: number;
  priceVnd: number;
  kind: StallKind;
}

export interface StallFilter {
  zone?: string;
  kind?: string;
  status?: StallAvailability;
  after?: { code: string; id: string };
  limit: number;
}

export interface StallFigures {
  zone: string | null;
  kind: StallKind;
  stalls: number;
  held: number;
  booked: number;
  checkedIn: number;
  areaM2: number;
  listedVnd: number;
  heldVnd: number;
  confirmedVnd: number;
}

const LIVE_JOIN = `LEFT JOIN fair_bookings b ON b.stall_id = s.id AND b.status IN ('held', 'confirmed')`;

@Injectable()
export class StallRepository {
  /**
   * Inserts every stall or none: codes already used in the fair (compared case-insensitively) come
   * back in `taken` and the caller aborts the transaction.
   */
  async insertMany(
    tx: Tx,
    fairId: string,
    stalls: NewStall[],
  ): Promise<{ inserted: Stall[]; taken: string[] }> {
    const rows = await tx.query<StallRow>(
      `INSERT INTO fair_stalls AS s (fair_id, code, zone, area_m2, price_vnd, kind)
       SELECT $1, n.code, n.zone, n.area_m2, n.price_vnd, n.kind
         FROM jsonb_to_recordset($2::jsonb)
              AS n(code text, zone text, area_m2 numeric, price_vnd bigint, kind text, ord int)
        ORDER BY n.ord
       ON CONFLICT (fair_id, upper(code)) DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        fairId,
        JSON.stringify(
          stalls.map((stall, ord) => ({
            code: stall.code,
            zone: stall.zone,
            area_m2: stall.areaM2,
            price_vnd: stall.priceVnd,
            kind: stall.kind,
            ord,
          })),
        ),
      ],
    );
    const insertedCodes = new Set(rows.map((row) => row.code.toUpperCase()));
    const taken = stalls.map((s) => s.code).filter((code) => !insertedCodes.has(code.toUpperCase()));
    const byCode = new Map(rows.map((row) => [row.code.toUpperCase(), toStall(row)]));
    const inserted = stalls.flatMap((s) => byCode.get(s.code.toUpperCase()) ?? []);
    return { inserted, taken };
  }

  async findInFair(tx: Tx, fairId: string, stallId: string): Promise<StallWithAvailability | undefined> {
    const row = await tx.one<StallRow>(
      `SELECT ${COLUMNS}, b.status AS live_status
         FROM fair_stalls s ${LIVE_JOIN}
        WHERE s.fair_id = $1 AND s.id = $2`,
      [fairId, stallId],
    );
    return row && toStall(row);
  }

  async findById(tx: Tx, stallId: string): Promise<Stall | undefined> {
    const row = await tx.one<StallRow>(`SELECT ${COLUMNS} FROM fair_stalls s WHERE s.id = $1`, [stallId]);
    return row && toStall(row);
  }

  async findPage(tx: Tx, fairId: string, filter: StallFilter): Promise<StallWithAvailability[]> {
    const params: unknown[] = [fairId];
    const where = ['s.fair_id = $1'];
    if (filter.zone) {
      params.push(filter.zone);
      where.push(`upper(s.zone) = upper($${params.length})`);
    }
    if (filter.kind) {
      params.push(filter.kind);
      where.push(`s.kind = $${params.length}`);
    }
    if (filter.status === 'available') where.push(`b.id IS NULL`);
    if (filter.status === 'held') where.push(`b.status = 'held'`);
    if (filter.status === 'booked') where.push(`b.status = 'confirmed'`);
    if (filter.after) {
      params.push(filter.after.code, filter.after.id);
      where.push(`(s.code, s.id) > ($${params.length - 1}::text, $${params.length}::uuid)`);
    }
    params.push(filter.limit + 1);
    const rows = await tx.query<StallRow>(
      `SELECT ${COLUMNS}, b.status AS live_status
         FROM fair_stalls s ${LIVE_JOIN}
        WHERE ${where.join(' AND ')}
        ORDER BY s.code, s.id
        LIMIT $${params.length}`,
      params,
    );
    return rows.map(toStall);
  }

  /** Occupancy and money per zone and kind, for the organizer's summary. */
  async figures(tx: Tx, fairId: string): Promise<StallFigures[]> {
    const rows = await tx.query<Record<string, string | null>>(
      `SELECT s.zone, s.kind,
              count(*) AS stalls,
              count(*) FILTER (WHERE b.status = 'held') AS held,
              count(*) FILTER (WHERE b.status = 'confirmed') AS booked,
              count(*) FILTER (WHERE b.checked_in_at IS NOT NULL) AS checked_in,
              coalesce(sum(s.area_m2), 0) AS area_m2,
              coalesce(sum(s.price_vnd), 0) AS listed_vnd,
              coalesce(sum(b.amount_vnd) FILTER (WHERE b.status = 'held'), 0) AS held_vnd,
              coalesce(sum(b.amount_vnd) FILTER (WHERE b.status = 'confirmed'), 0) AS confirmed_vnd
         FROM fair_stalls s ${LIVE_JOIN}
        WHERE s.fair_id = $1
        GROUP BY s.zone, s.kind
        ORDER BY s.zone NULLS LAST, s.kind`,
      [fairId],
    );
    return rows.map((row) => ({
      zone: row.zone,
      kind: row.kind as StallKind,
      stalls: Number(row.stalls),
      held: Number(row.held),
      booked: Number(row.booked),
      checkedIn: Number(row.checked_in),
      areaM2: Number(row.area_m2),
      listedVnd: Number(row.listed_vnd),
      heldVnd: Number(row.held_vnd),
      confirmedVnd: Number(row.confirmed_vnd),
    }));
  }
}
