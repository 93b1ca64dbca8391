import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';
import { Booking, BookingStatus, CancelledBy } from '../domain/booking';

interface BookingRow {
  id: string;
  fair_id: string;
  stall_id: string;
  producer_id: string;
  status: BookingStatus;
  amount_vnd: string;
  hold_expires_at: Date | null;
  waitlist_entry_id: string | null;
  payment_ref: string | null;
  confirmed_at: Date | null;
  cancelled_at: Date | null;
  cancelled_by: CancelledBy | null;
  expired_at: Date | null;
  checked_in_at: Date | null;
  created_at: Date;
}

/** A booking with what its views and events need from the fair and the stall. */
export interface BookingDetail extends Booking {
  stallCode: string;
  organizerId: string;
}

const COLUMNS = `b.id, b.fair_id, b.stall_id, b.producer_id, b.status, b.amount_vnd, b.hold_expires_at,
                 b.waitlist_entry_id, b.payment_ref, b.confirmed_at, b.cancelled_at, b.cancelled_by,
                 b.expired_at, b.checked_in_at, b.created_at`;
const DETAIL_COLUMNS = `${COLUMNS}, s.code AS stall_code, f.organizer_id`;
const DETAIL_FROM = `fair_bookings b JOIN fair_stalls s ON s.id = b.stall_id JOIN fairs f ON f.id = b.fair_id`;

function toBooking(row: BookingRow): Booking {
  return {
    id: row.id,
    fairId: row.fair_id,
    stallId: row.stall_id,
    producerId: row.producer_id,
    status: row.status,
    amountVnd: Number(row.amount_vnd),
    holdExpiresAt: row.hold_expires_at,
    waitlistEntryId: row.waitlist_entry_id,
    paymentRef: row.payment_ref,
    confirmedAt: row.confirmed_at,
    cancelledAt: row.cancelled_at,
    cancelledBy: row.cancelled_by,
    expiredAt: row.expired_at,
    checkedInAt: row.checked_in_at,
    createdAt: row.created_at,
  };
}

function toDetail(row: BookingRow & { stall_code: string; organizer_id: string }): BookingDetail {
  return { ...toBooking(row), stallCode: row.stall_code, organizerId: row.organizer_id };
}

export interface NewHold {
  fairId: string;
  stallId: string;
  producerId: string;
  amountVnd: number;
  holdExpiresAt: Date;
  waitlistEntryId?: string;
  createdAt: Date;
}

export interface BookingFilter {
  producerId?: string;
  organizerId?: string;
  fairId?: string;
  status?: BookingStatus;
  after?: { createdAt: string; id: string };
  limit: number;
}

@Injectable()
export class BookingRepository {
  /**
   * Places a hold unless the stall already has a live booking. The partial unique index decides:
   * a concurrent hold on the same stall makes this wait for the other transaction and then insert
   * nothing, so exactly one of any number of racing requests wins.
   */
  async insertHold(tx: Tx, hold: NewHold): Promise<Booking | undefined> {
    const row = await tx.one<BookingRow>(
      `INSERT INTO fair_bookings AS b (fair_id, stall_id, producer_id, status, amount_vnd, hold_expires_at,
                                       waitlist_entry_id, created_at, updated_at)
       VALUES ($1, $2, $3, 'held', $4, $5, $6, $7, $7)
       ON CONFLICT (stall_id) WHERE status IN ('held', 'confirmed') DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        hold.fairId,
        hold.stallId,
        hold.producerId,
        hold.amountVnd,
        hold.holdExpiresAt,
        hold.waitlistEntryId ?? null,
        hold.createdAt,
      ],
    );
    return row && toBooking(row);
  }

  async findDetail(tx: Tx, id: string): Promise<BookingDetail | undefined> {
    const row = await tx.one<BookingRow & { stall_code: string; organizer_id: string }>(
      `SELECT ${DETAIL_COLUMNS} FROM ${DETAIL_FROM} WHERE b.id = $1`,
      [id],
    );
    return row && toDetail(row);
  }

  async lockDetail(tx: Tx, id: string): Promise<BookingDetail | undefined> {
    const row = await tx.one<BookingRow & { stall_code: string; organizer_id: string }>(
      `SELECT ${DETAIL_COLUMNS} FROM ${DETAIL_FROM} WHERE b.id = $1 FOR UPDATE OF b`,
      [id],
    );
    return row && toDetail(row);
  }

  /** The fair a booking belongs to, read without locks to learn which fair to lock first. */
  async fairIdOf(tx: Tx, id: string): Promise<string | undefined> {
    const row = await tx.one<{ fair_id: string }>(`SELECT fair_id FROM fair_bookings WHERE id = $1`, [id]);
    return row?.fair_id;
  }

  /**
   * Serializes the bookings of one producer in one fair (a transaction-scoped advisory lock), so
   * that counting its live bookings and adding one is atomic under any number of parallel requests.
   */
  async lockProducerInFair(tx: Tx, fairId: string, producerId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('fairs.producer'), hashtext($1 || ':' || $2))`, [
      fairId,
      producerId,
    ]);
  }

  async countLive(tx: Tx, fairId: string, producerId: string): Promise<number> {
    const row = await tx.one<{ count: string }>(
      `SELECT count(*) AS count FROM fair_bookings
        WHERE fair_id = $1 AND producer_id = $2 AND status IN ('held', 'confirmed')`,
      [fairId, producerId],
    );
    return Number(row?.count ?? 0);
  }

  async confirm(tx: Tx, id: string, at: Date, paymentRef: string | null): Promise<void> {
    await tx.execute(
      `UPDATE fair_bookings
          SET status = 'confirmed', confirmed_at = $2, payment_ref = coalesce($3, payment_ref),
              hold_expires_at = NULL, updated_at = $2
        WHERE id = $1`,
      [id, at, paymentRef],
    );
  }

  async cancel(tx: Tx, id: string, at: Date, by: CancelledBy): Promise<void> {
    await tx.execute(
      `UPDATE fair_bookings SET status = 'cancelled', cancelled_at = $2, cancelled_by = $3, updated_at = $2
        WHERE id = $1`,
      [id, at, by],
    );
  }

  async expire(tx: Tx, id: string, at: Date): Promise<void> {
    await tx.execute(
      `UPDATE fair_bookings SET status = 'expired', expired_at = $2, updated_at = $2 WHERE id = $1`,
      [id, at],
    );
  }

  /** Marks the check-in once: a second, concurrent check-in updates nothing. */
  async checkIn(tx: Tx, id: string, at: Date, userId: string): Promise<boolean> {
    const changed = await tx.execute(
      `UPDATE fair_bookings SET checked_in_at = $2, checked_in_by = $3, updated_at = $2
        WHERE id = $1 AND status = 'confirmed' AND checked_in_at IS NULL`,
      [id, at, userId],
    );
    return changed === 1;
  }

  /** Live bookings of a fair, locked, for cancelling the fair. */
  async lockLiveOfFair(tx: Tx, fairId: string): Promise<BookingDetail[]> {
    const rows = await tx.query<BookingRow & { stall_code: string; organizer_id: string }>(
      `SELECT ${DETAIL_COLUMNS} FROM ${DETAIL_FROM}
        WHERE b.fair_id = $1 AND b.status IN ('held', 'confirmed')
        ORDER BY b.id
        FOR UPDATE OF b`,
      [fairId],
    );
    return rows.map(toDetail);
  }

  async producersWithLiveBookings(tx: Tx, fairId: string): Promise<string[]> {
    const rows = await tx.query<{ producer_id: string }>(
      `SELECT DISTINCT producer_id FROM fair_bookings WHERE fair_id = $1 AND status IN ('held', 'confirmed')`,
      [fairId],
    );
    return rows.map((row) => row.producer_id);
  }

  /** Holds whose time has passed, oldest first. */
  async findLapsedHolds(tx: Tx, now: Date, limit: number): Promise<string[]> {
    const rows = await tx.query<{ id: string }>(
      `SELECT id FROM fair_bookings WHERE status = 'held' AND hold_expires_at <= $1
        ORDER BY hold_expires_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((row) => row.id);
  }

  async findPage(tx: Tx, filter: BookingFilter): Promise<BookingDetail[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.producerId) add('b.producer_id = ?', filter.producerId);
    if (filter.organizerId) add('f.organizer_id = ?', filter.organizerId);
    if (filter.fairId) add('b.fair_id = ?', filter.fairId);
    if (filter.status) add('b.status = ?', filter.status);
    if (filter.after) {
      params.push(filter.after.createdAt, filter.after.id);
      where.push(`(b.created_at, b.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(filter.limit + 1);
    const rows = await tx.query<BookingRow & { stall_code: string; organizer_id: string }>(
      `SELECT ${DETAIL_COLUMNS} FROM ${DETAIL_FROM}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY b.created_at DESC, b.id DESC
        LIMIT $${params.length}`,
      params,
    );
    return rows.map(toDetail);
  }
}
