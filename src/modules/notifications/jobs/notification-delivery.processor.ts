import { OnModuleInit } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { QueueProcessor } from '@ocop/queue';
import { DeliveryService } from '../application/delivery.service';
import {
  DeliverJob,
  NOTIFICATION_JOB_NAMES,
  NOTIFICATIONS_QUEUE,
  NotificationJobName,
} from '../application/notification-queues';
import { PermanentDeliveryError } from '../application/webhook-sender';
import { isLastAttempt } from '../domain/delivery-policy';

/** Sends one email or webhook delivery; BullMQ retries it with exponential backoff and jitter. */
// A worker that dies mid-delivery loses its lock after lockDuration; its jobs are then retried by
// another worker (at most one repeat per delivery in flight, with the same event id).
@QueueProcessor(NOTIFICATIONS_QUEUE, { concurrency: 32, lockDuration: 10_000, stalledInterval: 5_000 })
export class NotificationDeliveryProcessor extends WorkerHost implements OnModuleInit {
  private readonly handlers: Record<NotificationJobName, (job: Job<DeliverJob>) => Promise<unknown>> = {
    deliver: (job) => this.deliver(job),
  };

  constructor(private readonly deliveries: DeliveryService) {
    super();
  }

  onModuleInit(): void {
    for (const name of NOTIFICATION_JOB_NAMES) {
      if (!this.handlers[name]) throw new Error(`No handler for ${NOTIFICATIONS_QUEUE} job ${name}`);
    }
  }

  async process(job: Job<DeliverJob>): Promise<unknown> {
    const handler = this.handlers[job.name as NotificationJobName];
    if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
    return handler(job);
  }

  private async deliver(job: Job<DeliverJob>): Promise<unknown> {
    try {
      return await this.deliveries.deliver(
        job.data.deliveryId,
        isLastAttempt(job.attemptsMade, job.opts.attempts ?? 1),
      );
    } catch (error) {
      if (error instanceof PermanentDeliveryError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
