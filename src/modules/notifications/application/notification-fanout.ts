import { Injectable, Logger } from '@nestjs/common';
import { Tx, UnitOfWork } from '@ocop/persistence';
import { DomainEventEnvelope, OnDomainEvent } from '@ocop/queue';
import { IdentityFacade, Member } from '../../identity';
import { ADMIN_FACING_EVENTS, Channel, effectiveChannels, endpointWants } from '../domain/delivery-policy';
import { Locale, renderNotification } from '../domain/notification-templates';
import { DeliveryRepository, NewDelivery } from '../persistence/delivery.repository';
import { InboxRepository, NewInboxEntry } from '../persistence/inbox.repository';
import { PreferenceRepository } from '../persistence/preference.repository';
import { WebhookEndpointRepository } from '../persistence/webhook-endpoint.repository';
import { NotificationQueues } from './notification-queues';

/** The JSON a webhook receives; `id` is the event id, the same as the X-OCOP-Event-Id header. */
export function webhookBodyOf(event: DomainEventEnvelope, organizationId: string): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt,
    organizationId,
    aggregateType: event.aggregateType,
    aggregateId: event.aggregateId,
    data: event.payload,
  });
}

/** The fan-out's subscriber name; the relay runs it inline and queues it only as a fallback. */
export const FANOUT_SUBSCRIBER = 'NotificationFanout.fanOut';

/**
 * Turns committed events into notifications: one inbox entry per recipient (the inbox insert is
 * the delivery, exactly once thanks to its unique key), and pending email and webhook deliveries
 * that the `notifications` queue then carries out. Running twice for the same event creates nothing
 * new, so the at-least-once relay never shows a notification twice.
 *
 * The outbox relay calls `fanOutMany` inside the transaction that marks a batch relayed: a fixed
 * handful of set-based statements per batch whatever its size, and no Redis hop between an event
 * and its inbox entries. `fanOut` (a queued '*' subscriber) is the same work for one event, used
 * when the inline fan-out of a batch failed and for jobs queued before the relay ran it inline.
 */
@Injectable()
export class NotificationFanout {
  private readonly logger = new Logger(NotificationFanout.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly identity: IdentityFacade,
    private readonly inbox: InboxRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly preferences: PreferenceRepository,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly queues: NotificationQueues,
  ) {}

  @OnDomainEvent('*')
  async fanOut(event: DomainEventEnvelope): Promise<void> {
    const pending = await this.uow.run((tx) => this.fanOutMany(tx, [event]));
    await this.enqueue(pending);
  }

  /** Best effort: if Redis refuses now, the rows are pending in PostgreSQL and the sweep enqueues them. */
  async enqueue(pending: Array<{ id: string; channel: Channel }>): Promise<void> {
    await this.queues
      .enqueueDeliveries(pending)
      .catch((error: unknown) =>
        this.logger.warn(
          { err: error, deliveries: pending.length },
          'deliveries not enqueued; the sweep will retry',
        ),
      );
  }

  /**
   * Inbox entries and delivery rows for a batch of events, in the caller's transaction; returns the
   * email and webhook deliveries it created (pending), which the caller enqueues after commit.
   */
  async fanOutMany(tx: Tx, events: DomainEventEnvelope[]): Promise<Array<{ id: string; channel: Channel }>> {
    if (events.length === 0) return [];
    const organizationIds = [
      ...new Set(events.filter((e) => !ADMIN_FACING_EVENTS.has(e.type)).flatMap((e) => e.audience)),
    ];
    const [members, admins, endpoints] = [
      organizationIds.length > 0 ? await this.identity.membersOf(tx, organizationIds) : [],
      events.some((e) => ADMIN_FACING_EVENTS.has(e.type)) ? await this.identity.admins(tx) : [],
      organizationIds.length > 0 ? await this.endpoints.listForOrganizations(tx, organizationIds) : [],
    ];
    const membersByOrganization = groupBy(members, (m) => m.organizationId);
    const endpointsByOrganization = groupBy(endpoints, (e) => e.organizationId);
    const recipientsOf = (event: DomainEventEnvelope): Member[] => {
      if (ADMIN_FACING_EVENTS.has(event.type)) return admins;
      if (event.audience.length === 1) return membersByOrganization.get(event.audience[0]) ?? [];
      const seen = new Set<string>();
      return event.audience
        .flatMap((id) => membersByOrganization.get(id) ?? [])
        .filter((m) => !seen.has(m.userId) && seen.add(m.userId));
    };
    const userIds = new Set<string>();
    for (const event of events) for (const member of recipientsOf(event)) userIds.add(member.userId);
    const choices = await this.preferences.forUsersAndTypes(
      tx,
      [...userIds],
      [...new Set(events.map((e) => e.type))],
    );

    const inboxEntries: NewInboxEntry[] = [];
    const deliveries: NewDelivery[] = [];
    for (const event of events) {
      for (const member of recipientsOf(event)) {
        // Administrators belong to no organization.
        const organizationId = member.organizationId || null;
        const message = renderNotification(event, member.locale as Locale);
        const channels = effectiveChannels(choices.get(member.userId) ?? NO_CHOICES, event.type);
        inboxEntries.push({
          event,
          userId: member.userId,
          organizationId,
          title: message.subject,
          body: message.body,
        });
        deliveries.push({
          event,
          channel: 'inbox',
          recipientId: member.userId,
          organizationId,
          target: member.userId,
          content: { kind: 'inbox' },
          status: 'delivered',
        });
        if (channels.includes('email')) {
          deliveries.push({
            event,
            channel: 'email',
            recipientId: member.userId,
            organizationId,
            target: member.email,
            content: {
              kind: 'email',
              to: member.email,
              locale: member.locale,
              subject: message.subject,
              text: message.body,
            },
            status: 'pending',
          });
        }
      }
      if (ADMIN_FACING_EVENTS.has(event.type)) continue;
      for (const organizationId of new Set(event.audience)) {
        for (const endpoint of endpointsByOrganization.get(organizationId) ?? []) {
          if (!endpointWants(endpoint.events, event.type)) continue;
          deliveries.push({
            event,
            channel: 'webhook',
            recipientId: endpoint.id,
            organizationId: endpoint.organizationId,
            target: endpoint.url,
            content: { kind: 'webhook', body: webhookBodyOf(event, endpoint.organizationId) },
            status: 'pending',
          });
        }
      }
    }
    const created = await this.deliveries.insertMany(tx, deliveries);
    // Last, so that an entry's creation time is as close as possible to the commit that shows it.
    await this.inbox.insertMany(tx, inboxEntries);
    return created.filter((d) => d.status === 'pending');
  }
}

const NO_CHOICES: ReadonlyMap<string, readonly string[]> = new Map();

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}
