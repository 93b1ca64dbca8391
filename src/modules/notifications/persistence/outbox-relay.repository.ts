import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainEventEnvelope } from '@ocop/queue';
import { Tx } from '@ocop/persistence';

interface OutboxRow {
  id: string;
  event_type: string;
  aggregate_type: string;
  aggregate_id: string;
  audience: string[];
  payload: Record<string, unknown>;
  occurred_at: Date;
}

export function toEnvelope(row: OutboxRow): DomainEventEnvelope {
  return {
    id: row.id,
    type: row.event_type,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    audience: row.audience,
    payload: row.payload,
    occurredAt: row.occurred_at.toISOString(),
  };
}

/** The relay's view of the shared `outbox` table and of which subscriber has handled what. */
@Injectable()
export class OutboxRelayRepository {
  constructor(private readonly db: DataSource) {}

  /** Oldest unrelayed events, locked; rows another relay holds are skipped, never waited for. */
  async claimUnrelayed(tx: Tx, limit: number): Promise<DomainEventEnvelope[]> {
    const rows = await tx.query<OutboxRow>(
      `SELECT id, event_type, aggregate_type, aggregate_id, audience, payload, occurred_at
         FROM outbox
        WHERE relayed_at IS NULL
        ORDER BY occurred_at
        LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map(toEnvelope);
  }

  async markRelayed(tx: Tx, ids: string[]): Promise<void> {
    await tx.query(`UPDATE outbox SET relayed_at = clock_timestamp() WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async addReceipts(tx: Tx, pairs: Array<{ eventId: string; subscriber: string }>): Promise<void> {
    if (pairs.length === 0) return;
    await tx.query(
      `INSERT INTO domain_event_receipts (event_id, subscriber)
       SELECT * FROM unnest($1::uuid[], $2::text[])
       ON CONFLICT DO NOTHING`,
      [pairs.map((p) => p.eventId), pairs.map((p) => p.subscriber)],
    );
  }

  /**
   * Receipt bookkeeping around a subscriber runs once per job, on the hot path of every event: single
   * autocommit statements, not transactions of their own (the handler owns its transaction).
   */
  async isHandled(eventId: string, subscriber: string): Promise<boolean> {
    const rows: Array<{ handled: boolean }> = await this.db.query(
      `SELECT handled_at IS NOT NULL AS handled FROM domain_event_receipts WHERE event_id = $1 AND subscriber = $2`,
      [eventId, subscriber],
    );
    return rows[0]?.handled ?? false;
  }

  async markHandled(eventId: string, subscriber: string): Promise<void> {
    await this.db.query(
      `INSERT INTO domain_event_receipts (event_id, subscriber, handled_at, attempts)
       VALUES ($1, $2, clock_timestamp(), 1)
       ON CONFLICT (event_id, subscriber)
       DO UPDATE SET handled_at = clock_timestamp(), attempts = domain_event_receipts.attempts + 1,
                     last_error = NULL`,
      [eventId, subscriber],
    );
  }

  async recordFailure(eventId: string, subscriber: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE domain_event_receipts SET attempts = attempts + 1, last_error = left($3, 2000)
        WHERE event_id = $1 AND subscriber = $2`,
      [eventId, subscriber, error],
    );
  }

  /** Receipts still open after the grace period, with their event: candidates for the sweep. */
  async findStaleReceipts(
    tx: Tx,
    olderThanSeconds: number,
    limit: number,
  ): Promise<Array<{ subscriber: string; event: DomainEventEnvelope }>> {
    const rows = await tx.query<OutboxRow & { subscriber: string }>(
      `SELECT r.subscriber, o.id, o.event_type, o.aggregate_type, o.aggregate_id, o.audience, o.payload,
              o.occurred_at
         FROM domain_event_receipts r
         JOIN outbox o ON o.id = r.event_id
        WHERE r.handled_at IS NULL AND r.created_at < clock_timestamp() - make_interval(secs => $1)
        ORDER BY r.created_at
        LIMIT $2`,
      [olderThanSeconds, limit],
    );
    return rows.map((row) => ({ subscriber: row.subscriber, event: toEnvelope(row) }));
  }

  /** Age in seconds of the oldest event not yet relayed (0 when none): the outbox lag. */
  async lagSeconds(tx: Tx): Promise<{ lagSeconds: number; unrelayed: number }> {
    const row = await tx.one<{ lag: number | null; unrelayed: string }>(
      `SELECT EXTRACT(EPOCH FROM clock_timestamp() - min(occurred_at))::float8 AS lag, count(*) AS unrelayed
         FROM outbox WHERE relayed_at IS NULL`,
    );
    return { lagSeconds: Math.max(0, row?.lag ?? 0), unrelayed: Number(row?.unrelayed ?? 0) };
  }
}
