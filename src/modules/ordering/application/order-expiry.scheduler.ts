import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { Clock } from '@ocop/clock';
import { declareSchedules, WORKERS_ENABLED } from '@ocop/queue';
import { APP_CONFIG, AppConfig } from '../../../config';
import { expiryJobId, ORDERING_QUEUE } from '../jobs/ordering.jobs';

/** Expiry jobs waiting to be sent to Redis together. */
const FLUSH_AFTER_MS = 10;

/**
 * Delayed expiry jobs (one per supplier order) and the periodic sweep that repairs what Redis lost.
 * Scheduling is a best-effort nudge after commit: the sweep finds every overdue order anyway. Jobs
 * of orders placed within a few milliseconds of each other go to Redis in one round trip, which
 * keeps Redis work off the order hot path under load.
 */
@Injectable()
export class OrderExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OrderExpiryScheduler.name);
  private pending: { name: string; data: { supplierOrderId: string }; opts: JobsOptions }[] = [];
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    @InjectQueue(ORDERING_QUEUE) private readonly queue: Queue,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WORKERS_ENABLED) private readonly workersEnabled: boolean,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.workersEnabled) return;
    const seconds = this.config.orderSweepIntervalSeconds;
    if (seconds > 0) {
      declareSchedules(
        this.queue,
        [{ id: 'ordering-sweep', repeat: { every: seconds * 1000 }, jobName: 'sweep' }],
        this.logger,
      );
    } else {
      this.queue
        .removeJobScheduler('ordering-sweep')
        .catch((error: unknown) => this.logger.warn({ err: error }, 'could not remove the expiry sweep'));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.flushTimer);
    // Redis may be away at shutdown: waiting for it must not hold the process (the sweep repairs).
    await Promise.race([this.flush(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
  }

  /** Queues the expiry jobs (deterministic ids: scheduling twice leaves one job). */
  scheduleExpiry(supplierOrderIds: string[], acceptBy: Date): void {
    const delay = Math.max(0, acceptBy.getTime() - this.clock.now().getTime());
    for (const supplierOrderId of supplierOrderIds) {
      this.pending.push({
        name: 'expire-supplier-order',
        data: { supplierOrderId },
        opts: {
          jobId: expiryJobId(supplierOrderId),
          delay,
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: true,
          removeOnFail: 1000,
        },
      });
    }
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, FLUSH_AFTER_MS);
  }

  private async flush(): Promise<void> {
    const jobs = this.pending.splice(0);
    if (jobs.length === 0) return;
    try {
      await this.queue.addBulk(jobs);
    } catch (error) {
      this.logger.warn(
        { err: error, jobs: jobs.length },
        'expiry jobs not scheduled; the sweep will expire them',
      );
    }
  }
}
