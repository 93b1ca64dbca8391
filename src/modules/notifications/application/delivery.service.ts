import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@ocop/clock';
import { decodeCursor, Page, pageOf } from '@ocop/pagination';
import { UnitOfWork } from '@ocop/persistence';
import { DeliveryView, toDeliveryView } from '../api/delivery.view';
import { Channel, DeliveryStatus } from '../domain/delivery-policy';
import { NotificationErrors } from '../domain/notifications.errors';
import { Delivery, DeliveryRepository } from '../persistence/delivery.repository';
import { WebhookEndpointRepository } from '../persistence/webhook-endpoint.repository';
import { EmailSender } from './email-sender';
import { NotificationQueues } from './notification-queues';
import { PermanentDeliveryError, WebhookSender } from './webhook-sender';

export type DeliveryOutcome = 'delivered' | 'skipped';

/**
 * Carries out one pending delivery and records the outcome. The send happens outside any
 * transaction (a slow receiver must not hold a connection); the row is confirmed right after, so a
 * repeat is possible only if the worker dies between the two — receivers deduplicate by event id.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly deliveries: DeliveryRepository,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly email: EmailSender,
    private readonly webhook: WebhookSender,
    private readonly queues: NotificationQueues,
    private readonly clock: Clock,
  ) {}

  async deliver(deliveryId: string, lastAttempt: boolean): Promise<DeliveryOutcome> {
    const delivery = await this.deliveries.find(deliveryId);
    if (!delivery || delivery.status !== 'pending') return 'skipped';
    try {
      await this.send(delivery);
    } catch (error) {
      const permanent = error instanceof PermanentDeliveryError;
      const message = (error as Error)?.message ?? String(error);
      await this.deliveries.recordFailure(deliveryId, message, lastAttempt || permanent);
      throw error;
    }
    await this.deliveries.markDelivered(deliveryId);
    return 'delivered';
  }

  private async send(delivery: Delivery): Promise<void> {
    const content = delivery.content;
    if (content.kind === 'email') {
      await this.email.send({ ...content, eventId: delivery.eventId, deliveryId: delivery.id });
    } else if (content.kind === 'webhook') {
      const endpoint = await this.uow.run((tx) => this.endpoints.findLive(tx, delivery.recipientId));
      if (!endpoint) throw new PermanentDeliveryError('webhook endpoint was deleted');
      await this.webhook.send(
        endpoint,
        content.body,
        delivery.eventId,
        Math.floor(this.clock.now().getTime() / 1000),
      );
    }
  }

  list(filter: {
    status?: DeliveryStatus;
    channel?: Channel;
    limit: number;
    cursor?: string;
  }): Promise<Page<DeliveryView>> {
    const position = decodeCursor(filter.cursor, ['timestamp', 'uuid']);
    return this.uow.run(async (tx) => {
      const rows = await this.deliveries.findPage(tx, {
        ...filter,
        after: position && { updatedAt: position[0], id: position[1] },
      });
      return pageOf(rows, filter.limit, toDeliveryView, (d: Delivery) => [d.updatedAt.toISOString(), d.id]);
    });
  }

  /** An administrator sends a dead letter again: it becomes pending and is queued afresh. */
  async retry(id: string): Promise<DeliveryView> {
    const delivery = await this.uow.run(async (tx) => {
      const found = await this.deliveries.lockById(tx, id);
      if (!found) throw NotificationErrors.DELIVERY_NOT_FOUND();
      if (found.status !== 'failed') throw NotificationErrors.DELIVERY_NOT_FAILED({ status: found.status });
      return this.deliveries.reopen(tx, id);
    });
    await this.queues.notifications.remove(id).catch(() => undefined);
    await this.queues
      .enqueueDeliveries([delivery])
      .catch((error: unknown) =>
        this.logger.warn({ err: error, delivery: id }, 'retry not enqueued; the sweep will'),
      );
    return toDeliveryView(delivery);
  }
}
