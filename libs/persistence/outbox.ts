import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { prepared, Tx } from './transaction';

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

const INSERT_EVENTS = prepared(
  'outbox.insert',
  `INSERT INTO outbox (event_type, aggregate_type, aggregate_id, audience, payload)
   SELECT e.type, e.aggregate_type, e.aggregate_id, e.audience, e.payload
     FROM jsonb_to_recordset($1::jsonb)
          AS e(type text, aggregate_type text, aggregate_id text, audience uuid[], payload jsonb)`,
);

/** Commits within this window share one wake-up call to the relay. */
const NUDGE_COALESCE_MS = 2;

/** Records events in the caller's transaction, so an event exists exactly when its change does. */
@Injectable()
export class OutboxWriter {
  private readonly logger = new Logger(OutboxWriter.name);
  private nudgeScheduled = false;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Sent without waiting (see `Tx.send`): the events travel with the transaction's next statement,
   * and the transaction commits only if they were recorded.
   */
  add(tx: Tx, events: DomainEvent[]): void {
    if (events.length === 0) return;
    tx.send(INSERT_EVENTS, [
      JSON.stringify(
        events.map((event) => ({
          type: event.type,
          aggregate_type: event.aggregateType,
          aggregate_id: event.aggregateId,
          audience: event.audience,
          payload: event.payload,
        })),
      ),
    ]);
    tx.afterCommit(() => this.nudgeRelay());
  }

  /**
   * Wakes the relay once the events are committed. A NOTIFY inside the writing transaction would hold
   * PostgreSQL's global notify lock through that transaction's commit flush, so every transaction
   * with events would commit one after another; sent afterwards, it is a cheap statement of its own,
   * and commits that land close together share it. Losing one only delays the relay to its next poll.
   */
  private nudgeRelay(): void {
    if (this.nudgeScheduled) return;
    this.nudgeScheduled = true;
    setTimeout(() => {
      this.nudgeScheduled = false;
      this.dataSource
        .query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL])
        .catch((error: unknown) => this.logger.warn({ err: error }, 'could not wake the outbox relay'));
    }, NUDGE_COALESCE_MS);
  }
}
