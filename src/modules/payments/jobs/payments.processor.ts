import { WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { QueueProcessor } from '@ocop/queue';
import { InvoicesService } from '../application/invoices.service';
import { PayoutsService } from '../application/payouts.service';
import { StripeEventsService } from '../application/stripe-events.service';
import { WebhookSweep } from '../application/webhook-sweep';
import { PaymentJobName, PaymentJobs, PAYMENTS_QUEUE } from './payments.queue';

/** Thin: each job name maps to one idempotent service call. */
@QueueProcessor(PAYMENTS_QUEUE)
export class PaymentsProcessor extends WorkerHost {
  private readonly handlers: { [K in PaymentJobName]: (data: PaymentJobs[K]) => Promise<unknown> };

  constructor(
    stripeEvents: StripeEventsService,
    payouts: PayoutsService,
    invoices: InvoicesService,
    sweep: WebhookSweep,
  ) {
    super();
    this.handlers = {
      'stripe-event': (data) => stripeEvents.apply(data.eventId),
      'payout-transfers': (data) => payouts.runTransfers(data.batchId),
      'overdue-sweep': () => invoices.sweepOverdue(),
      'webhook-sweep': () => sweep.run(),
    };
  }

  process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as PaymentJobName] as
      ((data: unknown) => Promise<unknown>) | undefined;
    if (!handler) throw new UnrecoverableError(`no handler for payments job ${job.name}`);
    return handler(job.data);
  }
}
