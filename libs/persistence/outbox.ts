import { Injectable } from '@nestjs/common';
import { Tx } from './transaction';

/**
 * A domain event as recorded in the outbox. `audience` names the organizations the event concerns;
 * the notifications module turns it into one notification per member and channel.
 */
export interface DomainEvent<Payload extends object = Record<string, unknown>> {
  type: string;
  aggregateType: string;
  aggregateId: string;
  audience: string[];
  payload: Payload;
}

export const OUTBOX_CHANNEL = 'outbox_events';

/** Records events in the caller's transaction, so an event exists exactly when its change does. */
@Injectable()
export class OutboxWriter {
  async add(tx: Tx, events: DomainEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const rows = await tx.query<{ id: string }>(
      `WITH ins AS (INSERT INTO outbox (event_type, aggregate_type, aggregate_id, audience, payload)
       SELECT e.type, e.aggregate_type, e.aggregate_id, e.audience, e.payload
         FROM jsonb_to_recordset($1::jsonb)
              AS e(type text, aggregate_type text, aggregate_id text, audience uuid[], payload jsonb)
       RETURNING id), notified AS (SELECT pg_notify('outbox_events', ''))
       SELECT id FROM ins, notified`,
      [
        JSON.stringify(
          events.map((event) => ({
            type: event.type,
            aggregate_type: event.aggregateType,
            aggregate_id: event.aggregateId,
            audience: event.audience,
            payload: event.payload,
          })),
        ),
      ],
    );
    // NOTIFY is delivered only on commit, which is exactly when the relay may see the rows.
    return rows.map((row) => row.id);
  }
}
