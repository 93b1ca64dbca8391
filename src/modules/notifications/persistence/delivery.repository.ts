import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '@ocop/persistence';
import { Channel, DeliveryStatus } from '../domain/delivery-policy';
import { PAGE_TIME } from './inbox.repository';
import { StatementBatcher } from './statement-batcher';

/** What a channel needs to send, fixed at fan-out so a retry sends the same message. */
export type DeliveryContent =
  | { kind: 'inbox' }
  | { kind: 'email'; to: string; locale: string; subject: string; text: string }
  | { kind: 'webhook'; body: string };

export interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  channel: Channel;
  recipientId: string;
  organizationId: string | null;
  target: string;
  content: DeliveryContent;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  deliveredAt: Date | null;
  failedAt: Date | null;
}

interface DeliveryRow {
  id: string;
  event_id: string;
  event_type: string;
  channel: Channel;
  recipient_id: string;
  organization_id: string | null;
  target: string;
  content: DeliveryContent;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
  delivered_at: Date | null;
  failed_at: Date | null;
}

const COLUMNS = `id, event_id, event_type, channel, recipient_id, organization_id, target, content, status,
  attempts, last_error, created_at, updated_at, delivered_at, failed_at`;

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    channel: row.channel,
    recipientId: row.recipient_id,
    organizationId: row.organization_id,
    target: row.target,
    content: row.content,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deliveredAt: row.delivered_at,
    failedAt: row.failed_at,
  };
}

export interface NewDelivery {
  event: { id: string; type: string };
  channel: Channel;
  recipientId: string;
  organizationId: string | null;
  target: string;
  content: DeliveryContent;
  status: 'pending' | 'delivered';
}

@Injectable()
export class DeliveryRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * One row per event × recipient × channel, for any number of events in one statement; rows that
   * exist already are left alone, so only the deliveries created by this call come back (a repeated
   * fan-out enqueues nothing new).
   */
  async insertMany(
    tx: Tx,
    deliveries: NewDelivery[],
  ): Promise<Array<{ id: string; channel: Channel; status: DeliveryStatus }>> {
    if (deliveries.length === 0) return [];
    return tx.query(
      `INSERT INTO notification_deliveries
              (event_id, event_type, channel, recipient_id, organization_id, target, content, status,
               delivered_at, updated_at)
       SELECT d.event_id, d.event_type, d.channel, d.recipient_id, d.organization_id, d.target, d.content,
              d.status, CASE WHEN d.status = 'delivered' THEN clock_timestamp() END, ${PAGE_TIME}
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::jsonb[],
                     $8::text[])
              AS d(event_id, event_type, channel, recipient_id, organization_id, target, content, status)
       ON CONFLICT ON CONSTRAINT notification_deliveries_once DO NOTHING
       RETURNING id, channel, status`,
      [
        deliveries.map((d) => d.event.id),
        deliveries.map((d) => d.event.type),
        deliveries.map((d) => d.channel),
        deliveries.map((d) => d.recipientId),
        deliveries.map((d) => d.organizationId),
        deliveries.map((d) => d.target),
        deliveries.map((d) => JSON.stringify(d.content)),
        deliveries.map((d) => d.status),
      ],
    );
  }

  /**
   * The statements around every send (read, confirm, count a failure) run outside transactions,
   * each atomic on its own: no BEGIN/COMMIT round trips on the hot path of a delivery. Reads and
   * confirmations made by concurrent jobs in the same turn of the event loop share one statement.
   */
  private readonly reads = new StatementBatcher<string, Delivery | undefined>(async (ids) => {
    const rows: DeliveryRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM notification_deliveries WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id, toDelivery(row)]));
    return ids.map((id) => byId.get(id));
  });

  private readonly confirmations = new StatementBatcher<string, void>(async (ids) => {
    await this.db.query(
      `UPDATE notification_deliveries
          SET status = 'delivered', attempts = attempts + 1, delivered_at = clock_timestamp(),
              updated_at = ${PAGE_TIME}, last_error = NULL
        WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
      [ids],
    );
    return ids.map(() => undefined);
  });

  find(id: string): Promise<Delivery | undefined> {
    return this.reads.call(id);
  }

  async lockById(tx: Tx, id: string): Promise<Delivery | undefined> {
    const row = await tx.one<DeliveryRow>(
      `SELECT ${COLUMNS} FROM notification_deliveries WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row && toDelivery(row);
  }

  /** Confirms a pending delivery (a delivery that is not pending any more is left alone). */
  markDelivered(id: string): Promise<void> {
    return this.confirmations.call(id);
  }

  /** Counts a failed attempt; the last one (or a permanent failure) moves it to the dead letters. */
  async recordFailure(id: string, error: string, final: boolean): Promise<void> {
    await this.db.query(
      `UPDATE notification_deliveries
          SET attempts = attempts + 1, last_error = left($2, 2000), updated_at = ${PAGE_TIME},
              status = CASE WHEN $3 THEN 'failed' ELSE status END,
              failed_at = CASE WHEN $3 THEN clock_timestamp() ELSE failed_at END
        WHERE id = $1 AND status = 'pending'`,
      [id, error, final],
    );
  }

  async reopen(tx: Tx, id: string): Promise<Delivery> {
    const row = await tx.one<DeliveryRow>(
      `UPDATE notification_deliveries
          SET status = 'pending', failed_at = NULL, updated_at = ${PAGE_TIME}
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    return toDelivery(row!);
  }

  async findPage(
    tx: Tx,
    filter: {
      status?: DeliveryStatus;
      channel?: Channel;
      limit: number;
      after?: { updatedAt: string; id: string };
    },
  ): Promise<Delivery[]> {
    const rows = await tx.query<DeliveryRow>(
      `SELECT ${COLUMNS} FROM notification_deliveries
        WHERE ($1::text IS NULL OR status = $1)
          AND ($2::text IS NULL OR channel = $2)
          AND ($3::timestamptz IS NULL OR (updated_at, id) < ($3::timestamptz, $4::uuid))
        ORDER BY updated_at DESC, id DESC
        LIMIT $5`,
      [
        filter.status ?? null,
        filter.channel ?? null,
        filter.after?.updatedAt ?? null,
        filter.after?.id ?? null,
        filter.limit + 1,
      ],
    );
    return rows.map(toDelivery);
  }

  /** Pending deliveries older than the grace period: the sweep checks that each still has a job. */
  async findStalePending(
    tx: Tx,
    olderThanSeconds: number,
    limit: number,
  ): Promise<Array<{ id: string; channel: Channel }>> {
    return tx.query(
      `SELECT id, channel FROM notification_deliveries
        WHERE status = 'pending' AND updated_at < clock_timestamp() - make_interval(secs => $1)
        ORDER BY created_at
        LIMIT $2`,
      [olderThanSeconds, limit],
    );
  }

  async countByStatus(tx: Tx): Promise<Record<string, number>> {
    const rows = await tx.query<{ channel: string; status: string; count: string }>(
      `SELECT channel, status, count(*) AS count FROM notification_deliveries
        WHERE status <> 'delivered' GROUP BY channel, status`,
    );
    const counts: Record<string, number> = {};
    for (const row of rows) counts[`${row.channel}.${row.status}`] = Number(row.count);
    return counts;
  }
}
