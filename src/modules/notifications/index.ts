export { CertificateReminders } from './application/certificate-reminders';
export { NotificationsModule } from './notifications.module';
export { DomainEventRegistry } from './application/domain-event-registry';
export { OutboxRelay } from './application/outbox-relay';
export { DeliverySweep } from './application/delivery-sweep';
export { NotificationMetricsService } from './application/notification-metrics';
export type { NotificationMetrics } from './application/notification-metrics';
export type { ExpiringCertificate } from './application/certificate-reminders';
export { KNOWN_EVENT_TYPES, renderNotification } from './domain/notification-templates';
export { signWebhook, verifyWebhookSignature } from './domain/webhook-signature';
export {
  DOMAIN_EVENTS_QUEUE,
  NOTIFICATIONS_QUEUE,
  domainEventJobId,
} from './application/notification-queues';
