import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import Redis from 'ioredis';
import { DomainEventEnvelope } from '@ocop/queue';
import { APP_CONFIG, AppConfig } from '../../../config';
import { Channel } from '../domain/delivery-policy';

export const DOMAIN_EVENTS_QUEUE = 'domain-events';
export const NOTIFICATIONS_QUEUE = 'notifications';
export const NOTIFICATION_SCHEDULES_QUEUE = 'notification-schedules';

/** Job names per queue: the processors refuse to start unless each has a handler. */
export const NOTIFICATION_JOB_NAMES = ['deliver'] as const;
export type NotificationJobName = (typeof NOTIFICATION_JOB_NAMES)[number];
export const SCHEDULE_JOB_NAMES = ['ocop-certificates'] as const;
export type ScheduleJobName = (typeof SCHEDULE_JOB_NAMES)[number];

export interface DeliverJob {
  deliveryId: string;
}

/**
 * Deterministic: a second relay (or a sweep) enqueuing the same pair is ignored by BullMQ.
 * `event@Subscriber.method` — BullMQ refuses ':' in custom job ids (it separates Redis key parts).
 */
export function domainEventJobId(eventId: string, subscriber: string): string {
  return `${eventId}@${subscriber}`;
}

const DOMAIN_EVENT_JOB: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 },
  removeOnComplete: true,
  // Kept for a week so that the sweep sees the job and does not resurrect a handler that gave up.
  removeOnFail: { age: 7 * 86_400 },
};

/**
 * Producers for this module's queues. They use their own fail-fast Redis connection: while Redis is
 * away an enqueue fails at once (the row stays in PostgreSQL for the relay or the sweep) instead of
 * waiting in an offline queue while a transaction or a request hangs on it.
 */
@Injectable()
export class NotificationQueues implements OnApplicationShutdown {
  private readonly connection: Redis;
  readonly domainEvents: Queue;
  readonly notifications: Queue;
  readonly schedules: Queue;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.connection = new Redis(config.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    this.connection.on('error', () => undefined);
    const options = { connection: this.connection, prefix: config.redisPrefix };
    this.domainEvents = new Queue(DOMAIN_EVENTS_QUEUE, options);
    this.notifications = new Queue(NOTIFICATIONS_QUEUE, options);
    this.schedules = new Queue(NOTIFICATION_SCHEDULES_QUEUE, options);
    for (const queue of this.all()) queue.on('error', () => undefined);
  }

  all(): Queue[] {
    return [this.domainEvents, this.notifications, this.schedules];
  }

  async enqueueDomainEvents(jobs: Array<{ subscriber: string; event: DomainEventEnvelope }>): Promise<void> {
    if (jobs.length === 0) return;
    await this.domainEvents.addBulk(
      jobs.map(({ subscriber, event }) => ({
        name: subscriber,
        data: event,
        opts: { ...DOMAIN_EVENT_JOB, jobId: domainEventJobId(event.id, subscriber) },
      })),
    );
  }

  deliveryJobOptions(channel: Channel): JobsOptions {
    const policy = channel === 'email' ? this.config.notifications.email : this.config.notifications.webhook;
    return {
      attempts: policy.attempts,
      backoff: { type: 'exponential', delay: policy.backoffMs, jitter: 0.5 },
      removeOnComplete: true,
      // PostgreSQL keeps the dead letter; a failed job must not block an administrator's retry.
      removeOnFail: true,
    };
  }

  /** jobId = delivery id, so a delivery is in the queue at most once. */
  async enqueueDeliveries(deliveries: Array<{ id: string; channel: Channel }>): Promise<void> {
    if (deliveries.length === 0) return;
    await this.notifications.addBulk(
      deliveries.map((delivery) => ({
        name: 'deliver' satisfies NotificationJobName,
        data: { deliveryId: delivery.id } satisfies DeliverJob,
        opts: { ...this.deliveryJobOptions(delivery.channel), jobId: delivery.id },
      })),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.all().map((queue) => queue.close()));
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
