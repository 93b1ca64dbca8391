import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@ocop/persistence';
import { DomainEventEnvelope, OnDomainEvent } from '@ocop/queue';
import { IdentityFacade, Member } from '../../identity';
import { ADMIN_FACING_EVENTS, Channel, effectiveChannels, endpointWants } from '../domain/delivery-policy';
import { Locale, renderNotification } from '../domain/notification-templates';
import { DeliveryRepository, NewDelivery } from '../persistence/delivery.repository';
import { InboxRepository } from '../persistence/inbox.repository';
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

/**
 * Turns a committed event into notifications: one inbox entry per recipient (the inbox insert is
 * the delivery, exactly once thanks to its unique key), and pending email and webhook deliveries
 * that the `notifications` queue then carries out. Running twice for the same event creates nothing
 * new, so the at-least-once relay never shows a notification twice.
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
    const created = await this.uow.run(async (tx) => {
      const adminFacing = ADMIN_FACING_EVENTS.has(event.type);
      const recipients: Member[] = adminFacing
        ? await this.identity.admins(tx)
        : event.audience.length > 0
          ? await this.identity.membersOf(tx, event.audience)
          : [];
      const choices = await this.preferences.forUsersAndType(
        tx,
        recipients.map((r) => r.userId),
        event.type,
      );
      const deliveries: NewDelivery[] = [];
      const inboxEntries = recipients.map((member) => {
        const message = renderNotification(event, member.locale as Locale);
        const channels = effectiveChannels(choices.get(member.userId) ?? new Map(), event.type);
        deliveries.push({
          channel: 'inbox',
          recipientId: member.userId,
          organizationId: member.organizationId ?? null,
          target: member.userId,
          content: { kind: 'inbox' },
          status: 'delivered',
        });
        if (channels.includes('email')) {
          deliveries.push({
            channel: 'email',
            recipientId: member.userId,
            organizationId: member.organizationId ?? null,
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
        return {
          userId: member.userId,
          organizationId: member.organizationId ?? null,
          title: message.subject,
          body: message.body,
        };
      });
      await this.inbox.insertMany(tx, event, inboxEntries);
      if (!adminFacing) {
        for (const endpoint of await this.endpoints.listForOrganizations(tx, event.audience)) {
          if (!endpointWants(endpoint.events, event.type)) continue;
          deliveries.push({
            channel: 'webhook',
            recipientId: endpoint.id,
            organizationId: endpoint.organizationId,
            target: endpoint.url,
            content: { kind: 'webhook', body: webhookBodyOf(event, endpoint.organizationId) },
            status: 'pending',
          });
        }
      }
      return this.deliveries.insertMany(tx, event, deliveries);
    });
    const pending = created.filter((d) => d.status === 'pending') as Array<{ id: string; channel: Channel }>;
    // Best effort: if Redis refuses now, the rows are pending in PostgreSQL and the sweep enqueues them.
    await this.queues
      .enqueueDeliveries(pending)
      .catch((error: unknown) =>
        this.logger.warn({ err: error, event: event.id }, 'deliveries not enqueued; the sweep will retry'),
      );
  }
}
