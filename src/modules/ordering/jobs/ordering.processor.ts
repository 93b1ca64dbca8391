import { WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { QueueProcessor } from '@ocop/queue';
import { SupplierOrderLifecycle } from '../application/supplier-order-lifecycle.service';
import { ORDERING_QUEUE, OrderingJobs } from './ordering.jobs';

/** Thin: every job delegates to the lifecycle, whose moves are idempotent. */
@QueueProcessor(ORDERING_QUEUE)
export class OrderingProcessor extends WorkerHost {
  constructor(private readonly lifecycle: SupplierOrderLifecycle) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'expire-supplier-orders':
        return this.lifecycle.expireEach(
          (job.data as OrderingJobs['expire-supplier-orders']).supplierOrderIds,
        );
      case 'sweep':
        return this.lifecycle.sweep();
      default:
        throw new UnrecoverableError(`no handler for job ${job.name} in queue ${ORDERING_QUEUE}`);
    }
  }
}
