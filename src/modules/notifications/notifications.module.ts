import { Logger, Module, OnModuleInit } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { CatalogModule } from '../catalog';
import { HealthModule, ReadinessDetails } from '../health';
import { IdentityModule } from '../identity';
import { AdminDeliveriesController } from './api/admin-deliveries.controller';
import { NotificationsController } from './api/notifications.controller';
import { OperationsRoutes } from './api/operations.routes';
import { WebhooksController } from './api/webhooks.controller';
import { CertificateReminders } from './application/certificate-reminders';
import { DeliverySweep } from './application/delivery-sweep';
import { DeliveryService } from './application/delivery.service';
import { DomainEventRegistry } from './application/domain-event-registry';
import { EmailSender } from './application/email-sender';
import { InboxService } from './application/inbox.service';
import { NotificationFanout } from './application/notification-fanout';
import { NotificationMetricsService } from './application/notification-metrics';
import {
  DOMAIN_EVENTS_QUEUE,
  NOTIFICATION_SCHEDULES_QUEUE,
  NOTIFICATIONS_QUEUE,
  NotificationQueues,
} from './application/notification-queues';
import { OutboxRelay } from './application/outbox-relay';
import { WebhookSender, WebhookTargetGuard } from './application/webhook-sender';
import { WebhooksService } from './application/webhooks.service';
import { DomainEventsProcessor } from './jobs/domain-events.processor';
import { NotificationDeliveryProcessor } from './jobs/notification-delivery.processor';
import { NotificationSchedulesProcessor } from './jobs/notification-schedules.processor';
import { DeliveryRepository } from './persistence/delivery.repository';
import { InboxRepository } from './persistence/inbox.repository';
import { OutboxRelayRepository } from './persistence/outbox-relay.repository';
import { PreferenceRepository } from './persistence/preference.repository';
import { WebhookEndpointRepository } from './persistence/webhook-endpoint.repository';

@Module({
  imports: [
    DiscoveryModule,
    IdentityModule,
    CatalogModule,
    HealthModule,
    BullModule.registerQueue(
      { name: DOMAIN_EVENTS_QUEUE },
      { name: NOTIFICATIONS_QUEUE },
      { name: NOTIFICATION_SCHEDULES_QUEUE },
    ),
  ],
  controllers: [NotificationsController, WebhooksController, AdminDeliveriesController],
  providers: [
    OutboxRelayRepository,
    InboxRepository,
    DeliveryRepository,
    WebhookEndpointRepository,
    PreferenceRepository,
    NotificationQueues,
    DomainEventRegistry,
    OutboxRelay,
    NotificationFanout,
    EmailSender,
    WebhookTargetGuard,
    WebhookSender,
    DeliveryService,
    InboxService,
    WebhooksService,
    DeliverySweep,
    CertificateReminders,
    NotificationMetricsService,
    OperationsRoutes,
    DomainEventsProcessor,
    NotificationDeliveryProcessor,
    NotificationSchedulesProcessor,
  ],
  exports: [DomainEventRegistry, OutboxRelay, DeliverySweep, NotificationMetricsService],
})
export class NotificationsModule implements OnModuleInit {
  constructor(
    private readonly readiness: ReadinessDetails,
    private readonly metrics: NotificationMetricsService,
  ) {}

  onModuleInit(): void {
    this.readiness.register(
      'notifications',
      () => this.metrics.snapshot() as unknown as Promise<Record<string, unknown>>,
    );
    new Logger(NotificationsModule.name).debug('notifications ready');
  }
}
