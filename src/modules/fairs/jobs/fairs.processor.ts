import { WorkerHost } from '@nestjs/bullmq';
import { QueueProcessor } from '@ocop/queue';
import { Job, UnrecoverableError } from 'bullmq';
import { BookingLifecycle } from '../application/booking-lifecycle';
import { FAIRS_QUEUE, FairsJobs } from './fairs-queue';

/** Thin: each job delegates to the booking lifecycle, whose steps are idempotent. */
@QueueProcessor(FAIRS_QUEUE)
export class FairsProcessor extends WorkerHost {
  constructor(private readonly lifecycle: BookingLifecycle) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'expire-hold':
        return this.lifecycle.expireHold((job.data as FairsJobs['expire-hold']).bookingId);
      case 'sweep-holds':
        return this.lifecycle.sweep();
      default:
        throw new UnrecoverableError(`fairs queue has no handler for job "${job.name}"`);
    }
  }
}
