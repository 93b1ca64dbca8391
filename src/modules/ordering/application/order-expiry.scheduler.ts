import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { Clock } from '@ocop/clock';
import { declareSchedules, WORKERS_ENABLED } from '@ocop/queue';
import { APP_CONFIG, AppConfig } from '../../../config';
import { expiryJobId, ORDERING_QUEUE } from '../jobs/ordering.jobs';

/** Orders placed within this long of each other share one expiry job. */
const FLUSH_AFTER_MS = 10;

/**
 * Delayed expiry jobs and the periodic sweep that repairs what Redis lost. Scheduling is a
 * best-effort nudge after commit: the sweep finds every overdue order anyway. The supplier orders
 * placed within a few milliseconds of each other share one job, due when the last of their windows
 * closes: a job per supplier order cost the API as much as a tenth of an order's own work under load.
 */
@Injectable()
export class OrderExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OrderExpiryScheduler.name);
  private pending: { supplierOrderIds: string[]; acceptBy: Date }[] = [];
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

  /** Queues the orders' expiry, to be sent with those of the orders placed in the next moments. */
  scheduleExpiry(supplierOrderIds: string[], acceptBy: Date): void {
    this.pending.push({ supplierOrderIds, acceptBy });
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, FLUSH_AFTER_MS);
  }

  private async flush(): Promise<void> {
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    const supplierOrderIds = batch.flatMap((entry) => entry.supplierOrderIds);
    const lastAcceptBy = Math.max(...batch.map((entry) => entry.acceptBy.getTime()));
    const opts: JobsOptions = {
      jobId: expiryJobId(supplierOrderIds),
      delay: Math.max(0, lastAcceptBy - this.clock.now().getTime()),
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: true,
      removeOnFail: 1000,
    };
    try {
      await this.queue.add('expire-supplier-orders', { supplierOrderIds }, opts);
    } catch (error) {
      this.logger.warn(
        { err: error, supplierOrders: supplierOrderIds.length },
        'expiry job not scheduled; the sweep will expire these orders',
      );
    }
  }
}
