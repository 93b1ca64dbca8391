// Tests reach inside the notifications module only through this file.
// eslint-disable-next-line no-restricted-imports
export { NotificationFanout } from '../../src/modules/notifications/application/notification-fanout';
// eslint-disable-next-line no-restricted-imports
export { NotificationQueues } from '../../src/modules/notifications/application/notification-queues';
