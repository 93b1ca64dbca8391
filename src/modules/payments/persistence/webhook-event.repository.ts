import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';

export type WebhookProvider = 'stripe' | 'bank';

export interface StoredWebhookEvent {
  provider: WebhookProvider;
  eventId: string;
  eventType: string;
  payload: Record<string, unknown>;
  processedAt: Date | null;
}

/** Every verified notification, stored once by its event id before anything is done with it. */
@Injectable()
export class WebhookEventRepository {
  /** Returns whether the event still needs processing (new, or recorded earlier but not yet applied). */
  async record(
    tx: Tx,
    provider: WebhookProvider,
    eventId: string,
    eventType: string,
    payload: unknown,
  ): Promise<{ isNew: boolean; pending: boolean }> {
    const inserted = await tx.query(
      `INSERT INTO payment_webhook_events (provider, event_id, event_type, payload)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING event_id`,
      [provider, eventId, eventType, JSON.stringify(payload)],
    );
    if (inserted.length) return { isNew: true, pending: true };
    const row = await tx.one<{ processed_at: Date | null }>(
      `SELECT processed_at FROM payment_webhook_events WHERE provider = $1 AND event_id = $2`,
      [provider, eventId],
    );
    return { isNew: false, pending: !row?.processed_at };
  }

  async lockUnprocessed(
    tx: Tx,
    provider: WebhookProvider,
    eventId: string,
  ): Promise<StoredWebhookEvent | undefined> {
    const row = await tx.one<{
      event_type: string;
      payload: Record<string, unknown>;
      processed_at: Date | null;
    }>(
      `SELECT event_type, payload, processed_at FROM payment_webhook_events
        WHERE provider = $1 AND event_id = $2 FOR UPDATE`,
      [provider, eventId],
    );
    if (!row || row.processed_at) return undefined;
    return { provider, eventId, eventType: row.event_type, payload: row.payload, processedAt: null };
  }

  async markProcessed(tx: Tx, provider: WebhookProvider, eventId: string, outcome: string): Promise<void> {
    await tx.query(
      `UPDATE payment_webhook_events SET processed_at = now(), outcome = $3 WHERE provider = $1 AND event_id = $2`,
      [provider, eventId, outcome],
    );
  }

  /** Events recorded but not applied a while after arrival (their job was lost with Redis). */
  async findStale(
    tx: Tx,
    olderThanSeconds: number,
    limit: number,
  ): Promise<{ provider: WebhookProvider; eventId: string }[]> {
    const rows = await tx.query<{ provider: WebhookProvider; event_id: string }>(
      `SELECT provider, event_id FROM payment_webhook_events
        WHERE processed_at IS NULL AND received_at < now() - make_interval(secs => $1)
        ORDER BY received_at LIMIT $2`,
      [olderThanSeconds, limit],
    );
    return rows.map((row) => ({ provider: row.provider, eventId: row.event_id }));
  }
}
