import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '@ocop/clock';
import { declareSchedules, WORKERS_ENABLED } from '@ocop/queue';
import { Queue } from 'bullmq';

export const FAIRS_QUEUE = 'fairs';

/** Job names of the fairs queue and their data. */
export interface FairsJobs {
  'expire-hold': { bookingId: string };
  'sweep-holds': Record<string, never>;
}
export type FairsJobName = keyof FairsJobs;
export const FAIRS_JOB_NAMES: readonly FairsJobName[] = ['expire-hold', 'sweep-holds'];

/** How often the sweep repairs holds whose delayed job was lost (Redis flushed, enqueue failed). */
const SWEEP_EVERY_MS = 60_000;

/**
 * Produces the fairs jobs: one delayed job per hold, with a deterministic id so that scheduling the
 * same hold twice adds nothing, and the periodic sweep that makes the delayed jobs an optimisation
 * rather than a requirement.
 */
@Injectable()
export class FairsQueue implements OnApplicationBootstrap {
  private readonly logger = new Logger(FairsQueue.name);

  constructor(
    @InjectQueue(FAIRS_QUEUE) private readonly queue: Queue,
    private readonly clock: Clock,
    @Inject(WORKERS_ENABLED) private readonly workersEnabled: boolean,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.workersEnabled) return;
    declareSchedules(
      this.queue,
      [{ id: 'fairs-sweep-holds', repeat: { every: SWEEP_EVERY_MS }, jobName: 'sweep-holds' }],
      this.logger,
    );
  }

  /** Best effort (called after commit): if this fails, the sweep expires the hold a little later. */
  async scheduleHoldExpiry(bookingId: string, expiresAt: Date): Promise<void> {
    const delay = Math.max(0, expiresAt.getTime() - this.clock.now().getTime());
    const data: FairsJobs['expire-hold'] = { bookingId };
    await this.queue.add('expire-hold', data, {
      jobId: `expire-hold-${bookingId}`,
      delay,
      attempts: 5,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: true,
      removeOnFail: 1_000,
    });
  }
}
