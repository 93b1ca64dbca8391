import { SetMetadata } from '@nestjs/common';

/** A committed domain event as the relay hands it to subscribers (a row of the `outbox` table). */
export interface DomainEventEnvelope<Payload = Record<string, unknown>> {
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  audience: string[];
  payload: Payload;
  occurredAt: string;
}

export const DOMAIN_EVENT_SUBSCRIPTION = 'ocop:domain-event-subscription';

/**
 * Marks a provider method as a reaction to committed domain events of the given types (`'*'` for
 * all). The relay delivers each event to each subscribed method once through the queue (at least
 * once after a crash), so handlers must be idempotent. Runs in the worker role only.
 */
export const OnDomainEvent = (...types: string[]): MethodDecorator =>
  SetMetadata(DOMAIN_EVENT_SUBSCRIPTION, types);
