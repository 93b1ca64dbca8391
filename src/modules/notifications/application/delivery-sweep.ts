import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { UnitOfWork } from '@ocop/persistence';
import { WORKERS_ENABLED } from '@ocop/queue';
import { APP_CONFIG, AppConfig } from '../../../config';
import { DeliveryRepository } from '../persistence/delivery.repository';
import { OutboxRelayRepository } from '../persistence/outbox-relay.repository';
import { domainEventJobId, NotificationQueues } from './notification-queues';

const SWEEP_BATCH = 500;
export const CERTIFICATE_SCHEDULER_ID = 'ocop-certificates-daily';

/**
 * Repairs what a Redis that restarted empty forgot. PostgreSQL knows every pending delivery and
 * every event a subscriber has not handled; any of them whose job is missing is enqueued again
 * (with the same deterministic job id, so replicas sweeping together cannot double it). It also
 * re-declares the daily schedule, which lives in Redis too. Runs in every worker on a timer: the
 * sweep is idempotent, so it needs no leader.
 */
@Injectable()
export class DeliverySweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliverySweep.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @Inject(WORKERS_ENABLED) private readonly enabled: boolean,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly deliveries: DeliveryRepository,
    private readonly outbox: OutboxRelayRepository,
    private readonly queues: NotificationQueues,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.sweep().finally(() => (this.running = undefined));
    }, this.config.notifications.sweepIntervalMs);
    this.running = this.ensureSchedules().finally(() => (this.running = undefined));
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Returns how many jobs it had to recreate. */
  async sweep(): Promise<{ deliveries: number; events: number }> {
    try {
      const grace = this.config.notifications.sweepGraceSeconds;
      const pending = await this.uow.run((tx) => this.deliveries.findStalePending(tx, grace, SWEEP_BATCH));
      const lostDeliveries = await this.missing(pending, (d) => this.queues.notifications.getJob(d.id));
      await this.queues.enqueueDeliveries(lostDeliveries);

      const receipts = await this.uow.run((tx) => this.outbox.findStaleReceipts(tx, grace, SWEEP_BATCH));
      const lostEvents = await this.missing(receipts, (r) =>
        this.queues.domainEvents.getJob(domainEventJobId(r.event.id, r.subscriber)),
      );
      await this.queues.enqueueDomainEvents(lostEvents);
      await this.ensureSchedules();
      if (lostDeliveries.length || lostEvents.length) {
        this.logger.warn(
          { deliveries: lostDeliveries.length, events: lostEvents.length },
          're-enqueued work whose jobs were missing from Redis',
        );
      }
      return { deliveries: lostDeliveries.length, events: lostEvents.length };
    } catch (error) {
      this.logger.warn({ err: error }, 'sweep skipped (Redis or PostgreSQL unavailable)');
      return { deliveries: 0, events: 0 };
    }
  }

  private async missing<T>(items: T[], jobOf: (item: T) => Promise<unknown>): Promise<T[]> {
    const found = await Promise.all(items.map(jobOf));
    return items.filter((_, index) => !found[index]);
  }

  /** The daily OCOP certificate check: one scheduler id, so one run per day across replicas. */
  async ensureSchedules(): Promise<void> {
    await this.queues.schedules
      .upsertJobScheduler(
        CERTIFICATE_SCHEDULER_ID,
        { pattern: '0 7 * * *', tz: 'Asia/Ho_Chi_Minh' },
        { name: 'ocop-certificates', opts: { removeOnComplete: 30, removeOnFail: 30 } },
      )
      .catch((error: unknown) =>
        this.logger.warn({ err: error }, 'schedule not declared (Redis unavailable)'),
      );
  }
}
