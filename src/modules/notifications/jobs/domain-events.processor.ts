import { WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { DomainEventEnvelope, QueueProcessor } from '@ocop/queue';
import { DomainEventRegistry } from '../application/domain-event-registry';
import { DOMAIN_EVENTS_QUEUE } from '../application/notification-queues';
import { OutboxRelayRepository } from '../persistence/outbox-relay.repository';

/**
 * One job per (event, subscriber); the job name is the subscriber. A handled receipt makes a
 * duplicate job (two relays, a sweep after a crash) a no-op; the handler itself must still be
 * idempotent, because a crash between its commit and the receipt runs it again. Job names are
 * subscriber names taken from the registry; a job left by an older release whose handler was
 * renamed fails as unrecoverable (and stays visible in the failed list).
 */
@QueueProcessor(DOMAIN_EVENTS_QUEUE, { concurrency: 16, lockDuration: 10_000, stalledInterval: 5_000 })
export class DomainEventsProcessor extends WorkerHost {
  constructor(
    private readonly registry: DomainEventRegistry,
    private readonly receipts: OutboxRelayRepository,
  ) {
    super();
  }

  async process(job: Job<DomainEventEnvelope>): Promise<void> {
    if (!this.registry.has(job.name)) throw new UnrecoverableError(`no subscriber named ${job.name}`);
    const event = job.data;
    if (await this.receipts.isHandled(event.id, job.name)) return;
    try {
      await this.registry.dispatch(job.name, event);
    } catch (error) {
      await this.receipts
        .recordFailure(event.id, job.name, String((error as Error)?.message ?? error))
        .catch(() => undefined);
      throw error;
    }
    await this.receipts.markHandled(event.id, job.name);
  }
}
