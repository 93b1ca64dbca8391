import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { UnitOfWork } from '@ocop/persistence';
import { declareSchedules, WORKERS_ENABLED } from '@ocop/queue';
import { PAYMENTS_QUEUE } from '../jobs/payments.queue';
import { WebhookEventRepository } from '../persistence/webhook-event.repository';
import { StripeEventsService } from './stripe-events.service';

/**
 * Stripe events are recorded before they are enqueued; if Redis lost the job, the row is still
 * unprocessed and this sweep enqueues it again (the jobId is the event id, so never twice at once).
 * Also schedules the periodic jobs of the payments queue in the worker role.
 */
@Injectable()
export class WebhookSweep implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookSweep.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: WebhookEventRepository,
    private readonly stripeEvents: StripeEventsService,
    @InjectQueue(PAYMENTS_QUEUE) private readonly queue: Queue,
    @Inject(WORKERS_ENABLED) private readonly workersEnabled: boolean,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.workersEnabled) return;
    declareSchedules(
      this.queue,
      [
        { id: 'webhook-sweep', repeat: { every: 60_000 }, jobName: 'webhook-sweep' },
        { id: 'overdue-sweep', repeat: { every: 3_600_000 }, jobName: 'overdue-sweep' },
      ],
      this.logger,
    );
  }

  async run(): Promise<number> {
    const stale = await this.uow.run((tx) => this.events.findStale(tx, 30, 500));
    for (const event of stale) {
      if (event.provider === 'stripe') await this.stripeEvents.enqueue(event.eventId);
    }
    return stale.length;
  }
}
