import { Queue, QueueEvents } from 'bullmq';
import Redis from 'ioredis';

export interface ScheduleSpec {
  queue: string;
  schedulerId: string;
  /** Period of an `every` scheduler, in ms (cron schedulers leave it out). */
  everyMs?: number;
}

/** The repeatable schedules the worker role declares (ordering's with the suite's own interval). */
export function declaredSchedules(orderSweepMs: number): ScheduleSpec[] {
  return [
    { queue: 'ordering', schedulerId: 'ordering-sweep', everyMs: orderSweepMs },
    { queue: 'fairs', schedulerId: 'fairs-sweep-holds', everyMs: 60_000 },
    { queue: 'payments', schedulerId: 'webhook-sweep', everyMs: 60_000 },
    { queue: 'payments', schedulerId: 'overdue-sweep', everyMs: 3_600_000 },
    { queue: 'notification-schedules', schedulerId: 'ocop-certificates-daily' },
  ];
}

export interface JobRun {
  /** How many times the job was moved to active (by any worker). */
  starts: number;
  completions: number;
  returnvalue?: unknown;
}

/**
 * Reads the queues' event streams from their beginning while the replicas run: which job ids were
 * started and completed how many times, and what each returned. BullMQ writes one `active` event
 * whenever any worker takes a job, so a tick taken by two workers shows as two starts (or as two job
 * ids for one slot).
 */
export async function recordQueueEvents(
  redisUrl: string,
  prefix: string,
  queues: string[],
): Promise<{ runs: Map<string, Map<string, JobRun>>; close(): Promise<void> }> {
  const runs = new Map<string, Map<string, JobRun>>();
  // QueueEvents reads through a duplicate of this connection; this one is only its template.
  const template = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
  const listeners = queues.map((name) => {
    const jobs = new Map<string, JobRun>();
    runs.set(name, jobs);
    const run = (jobId: string) => {
      let found = jobs.get(jobId);
      if (!found) jobs.set(jobId, (found = { starts: 0, completions: 0 }));
      return found;
    };
    const events = new QueueEvents(name, {
      connection: template,
      prefix,
      lastEventId: '0-0',
      blockingTimeout: 1_000,
    });
    events.on('active', ({ jobId }) => run(jobId).starts++);
    events.on('completed', ({ jobId, returnvalue }) => {
      const found = run(jobId);
      found.completions++;
      found.returnvalue = returnvalue;
    });
    events.on('error', () => undefined);
    return events;
  });
  await Promise.all(listeners.map((events) => events.waitUntilReady()));
  return {
    runs,
    close: async () => {
      await Promise.all(listeners.map((events) => events.close()));
      template.disconnect();
    },
  };
}

export interface SchedulerState {
  queue: string;
  schedulerIds: string[];
  /** Waiting or delayed iterations per scheduler (one expected: the next tick). */
  pending: Record<string, number>;
  active: Record<string, number>;
  workers: number;
}

/** What Redis holds for each scheduled queue: its job schedulers and their next iterations. */
export async function schedulerStates(
  redisUrl: string,
  prefix: string,
  specs: ScheduleSpec[],
): Promise<SchedulerState[]> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  try {
    const names = [...new Set(specs.map((spec) => spec.queue))];
    return await Promise.all(
      names.map(async (name) => {
        const queue = new Queue(name, { connection, prefix });
        const schedulers = await queue.getJobSchedulers(0, -1);
        const pendingJobs = await queue.getJobs(['delayed', 'waiting', 'prioritized', 'paused']);
        const activeJobs = await queue.getJobs(['active']);
        const perScheduler = (jobs: typeof pendingJobs) =>
          Object.fromEntries(
            specs
              .filter((spec) => spec.queue === name)
              .map((spec) => [
                spec.schedulerId,
                jobs.filter((job) => job?.id?.startsWith(`repeat:${spec.schedulerId}:`)).length,
              ]),
          );
        const state: SchedulerState = {
          queue: name,
          schedulerIds: schedulers.map((s) => s.key).sort(),
          pending: perScheduler(pendingJobs),
          active: perScheduler(activeJobs),
          workers: await queue.getWorkersCount(),
        };
        await queue.close();
        return state;
      }),
    );
  } finally {
    connection.disconnect();
  }
}

/** Ticks of one scheduler seen in the event stream: run counts and the time between slots. */
export function ticksOf(
  runs: Map<string, JobRun>,
  schedulerId: string,
): { slots: number[]; runsPerSlot: number[]; completionsPerSlot: number[]; gaps: number[] } {
  const prefix = `repeat:${schedulerId}:`;
  const ticks = [...runs.entries()]
    .filter(([jobId]) => jobId.startsWith(prefix))
    .map(([jobId, run]) => ({ slot: Number(jobId.slice(prefix.length)), run }))
    .sort((a, b) => a.slot - b.slot);
  return {
    slots: ticks.map((t) => t.slot),
    runsPerSlot: ticks.map((t) => t.run.starts),
    completionsPerSlot: ticks.map((t) => t.run.completions),
    gaps: ticks.slice(1).map((t, i) => t.slot - ticks[i].slot),
  };
}
