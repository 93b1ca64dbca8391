import { Logger } from '@nestjs/common';
import { Queue, RepeatOptions } from 'bullmq';

export interface Schedule {
  /** Fixed scheduler id: every replica declares the same one, so the job runs once per period. */
  id: string;
  repeat: Omit<RepeatOptions, 'key'>;
  jobName: string;
  data?: Record<string, unknown>;
}

const RETRY_MS = 10_000;

/**
 * Declares repeatable jobs without holding up the start: a Redis that is away is retried in the
 * background until it answers, because the process must serve (and the sweeps catch up) meanwhile.
 *
 * The schedulers live in Redis only. A Redis that comes back without its data (restarted without
 * persistence, a failover to an empty replica) has forgotten them, and the sweeps they drive — the
 * very repairs for jobs Redis lost — would never run again until this process restarts. So they are
 * declared again on every reconnection; upserting an unchanged scheduler keeps its next run.
 */
export function declareSchedules(queue: Queue, schedules: Schedule[], logger: Logger): void {
  let retry: NodeJS.Timeout | undefined;
  const attempt = () => {
    clearTimeout(retry);
    retry = undefined;
    Promise.all(
      schedules.map((schedule) =>
        queue.upsertJobScheduler(schedule.id, schedule.repeat, {
          name: schedule.jobName,
          data: schedule.data ?? {},
          opts: { removeOnComplete: 100, removeOnFail: 100 },
        }),
      ),
    ).catch((error: unknown) => {
      logger.warn(
        { err: error, queue: queue.name },
        'schedules not declared yet (Redis unavailable); retrying',
      );
      clearTimeout(retry);
      retry = setTimeout(attempt, RETRY_MS).unref();
    });
  };
  attempt();
  queue.client.then(
    (client) => client.on('ready', attempt),
    () => undefined,
  );
}
