import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Clock } from '@ocop/clock';
import { WORKERS_ENABLED } from '@ocop/queue';
import { APP_CONFIG, AppConfig } from '../../../config';
import { expiryJobId, ORDERING_QUEUE } from '../jobs/ordering.jobs';

/**
 * Delayed expiry jobs (one per supplier order) and the periodic sweep that repairs what Redis lost.
 * Scheduling is a best-effort nudge after commit: the sweep finds every overdue order anyway.
 */
@Injectable()
export class OrderExpiryScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(OrderExpiryScheduler.name);

  constructor(
    @InjectQueue(ORDERING_QUEUE) private readonly queue: Queue,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WORKERS_ENABLED) private readonly workersEnabled: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.workersEnabled) return;
    const seconds = this.config.orderSweepIntervalSeconds;
    try {
      if (seconds > 0) {
        await this.queue.upsertJobScheduler(
          'ordering-sweep',
          { every: seconds * 1000 },
          { name: 'sweep', data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
        );
      } else {
        await this.queue.removeJobScheduler('ordering-sweep');
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not register the expiry sweep; will retry at next start');
    }
  }

  async scheduleExpiry(supplierOrderIds: string[], acceptBy: Date): Promise<void> {
    const delay = Math.max(0, acceptBy.getTime() - this.clock.now().getTime());
    await this.queue.addBulk(
      supplierOrderIds.map((supplierOrderId) => ({
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
      })),
    );
  }
}
