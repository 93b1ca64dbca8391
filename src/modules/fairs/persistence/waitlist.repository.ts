import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';

export type WaitlistStatus = 'waiting' | 'offered' | 'fulfilled' | 'lapsed' | 'cancelled';

export interface WaitlistEntry {
  id: string;
  position: number;
  fairId: string;
  producerId: string;
  zone: string | null;
  kind: string | null;
  status: WaitlistStatus;
  offeredBookingId: string | null;
  createdAt: Date;
}

interface WaitlistRow {
  id: string;
  seq: string;
  fair_id: string;
  producer_id: string;
  zone: string | null;
  kind: string | null;
  status: WaitlistStatus;
  offered_booking_id: string | null;
  created_at: Date;
}

const COLUMNS = `id, seq, fair_id, producer_id, zone, kind, status, offered_booking_id, created_at`;

function toEntry(row: WaitlistRow): WaitlistEntry {
  return {
    id: row.id,
    position: Number(row.seq),
    fairId: row.fair_id,
    producerId: row.producer_id,
    zone: row.zone,
    kind: row.kind,
    status: row.status,
    offeredBookingId: row.offered_booking_id,
    createdAt: row.created_at,
  };
}

@Injectable()
export class WaitlistRepository {
  /** Joins the queue; undefined when the producer already waits with the same wish. */
  async insert(
    tx: Tx,
    entry: { fairId: string; producerId: string; zone: string | null; kind: string | null; at: Date },
  ): Promise<WaitlistEntry | undefined> {
    const row = await tx.one<WaitlistRow>(
      `INSERT INTO fair_waitlist_entries (fair_id, producer_id, zone, kind, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (fair_id, producer_id, coalesce(upper(zone), ''), coalesce(kind, ''))
          WHERE status IN ('waiting', 'offered') DO NOTHING
       RETURNING ${COLUMNS}`,
      [entry.fairId, entry.producerId, entry.zone, entry.kind, entry.at],
    );
    return row && toEntry(row);
  }

  /** Waiting entries of a fair in arrival order (unlocked: candidates, each locked before use). */
  async listWaiting(tx: Tx, fairId: string): Promise<WaitlistEntry[]> {
    const rows = await tx.query<WaitlistRow>(
      `SELECT ${COLUMNS} FROM fair_waitlist_entries
        WHERE fair_id = $1 AND status = 'waiting'
        ORDER BY seq`,
      [fairId],
    );
    return rows.map(toEntry);
  }

  /**
   * Locks the entry if it is still waiting; an entry another release is offering right now is
   * skipped rather than waited for, so two stalls freed at once go to two different producers.
   */
  async lockIfWaiting(tx: Tx, id: string): Promise<boolean> {
    const rows = await tx.query(
      `SELECT id FROM fair_waitlist_entries WHERE id = $1 AND status = 'waiting' FOR UPDATE SKIP LOCKED`,
      [id],
    );
    return rows.length === 1;
  }

  async markOffered(tx: Tx, id: string, bookingId: string, at: Date): Promise<void> {
    await tx.execute(
      `UPDATE fair_waitlist_entries SET status = 'offered', offered_booking_id = $2, updated_at = $3 WHERE id = $1`,
      [id, bookingId, at],
    );
  }

  async settleOffer(tx: Tx, id: string, to: 'fulfilled' | 'lapsed', at: Date): Promise<void> {
    await tx.execute(
      `UPDATE fair_waitlist_entries SET status = $2, updated_at = $3 WHERE id = $1 AND status = 'offered'`,
      [id, to, at],
    );
  }

  async cancelAllOfFair(tx: Tx, fairId: string, at: Date): Promise<string[]> {
    const rows = await tx.query<{ producer_id: string }>(
      `UPDATE fair_waitlist_entries SET status = 'cancelled', updated_at = $2
        WHERE fair_id = $1 AND status IN ('waiting', 'offered')
       RETURNING producer_id`,
      [fairId, at],
    );
    return [...new Set(rows.map((row) => row.producer_id))];
  }

  async countWaiting(tx: Tx, fairId: string): Promise<number> {
    const row = await tx.one<{ count: string }>(
      `SELECT count(*) AS count FROM fair_waitlist_entries WHERE fair_id = $1 AND status = 'waiting'`,
      [fairId],
    );
    return Number(row?.count ?? 0);
  }

  /** 1-based place of a waiting entry among those waiting before it in the same fair. */
  async placeOf(tx: Tx, entry: WaitlistEntry): Promise<number> {
    const row = await tx.one<{ place: string }>(
      `SELECT count(*) AS place FROM fair_waitlist_entries
        WHERE fair_id = $1 AND status = 'waiting' AND seq <= $2`,
      [entry.fairId, entry.position],
    );
    return Number(row?.place ?? 1);
  }
}
