import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Queue, Worker } from 'bullmq';
import { NestWorkerOptions } from '@nestjs/bullmq/dist/interfaces/worker-options.interface';

export const WORKERS_ENABLED = Symbol('WORKERS_ENABLED');

/**
 * Declares a queue consumer that does not start on its own: whether this process consumes jobs is
 * decided once, by its role (`APP_ROLE=api` processes only produce jobs).
 */
export function QueueProcessor(queueName: string, options: NestWorkerOptions = {}): ClassDecorator {
  return Processor(queueName, { ...options, autorun: false });
}

/** How long shutdown waits for jobs in progress before closing the workers anyway. */
const ACTIVE_JOBS_GRACE_MS = 7_000;
/** While Redis is away every reconnect attempt fails: one log line per queue per this long. */
const CONNECTION_ERROR_LOG_INTERVAL_MS = 30_000;

@Injectable()
export class WorkerRoleRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerRoleRunner.name);
  private readonly activeJobs = new Map<Worker, number>();

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(WORKERS_ENABLED) private readonly enabled: boolean,
  ) {}

  onApplicationBootstrap(): void {
    const instances = this.discovery.getProviders().map((wrapper): unknown => wrapper.instance);
    // BullMQ prints an 'error' nobody listens for straight to stderr, past the structured log.
    for (const queue of instances.filter((instance): instance is Queue => instance instanceof Queue)) {
      queue.on('error', this.connectionErrorLogger(`queue ${queue.name}`));
    }
    const workers = instances
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => host.worker);
    if (!this.enabled) {
      // Each consumer was built with a blocking Redis connection of its own, named as a worker of its
      // queue: left open, every api replica would hold two idle connections per queue and show up as
      // a worker in BullMQ's worker lists (Bull Board, getWorkers) although it never takes a job.
      // Closed once connected: closing a connection BullMQ is still setting up makes its set-up fail
      // after close() removed the listeners, an unhandled 'error' that ends the process. In the
      // background, so that an api replica starts serving while Redis is away.
      for (const worker of workers) {
        worker.on('error', this.connectionErrorLogger(`idle worker ${worker.name}`));
        worker
          .waitUntilReady()
          .then(() => worker.close(true))
          .catch((error: unknown) => this.logger.warn({ err: error }, 'idle worker close failed'));
      }
      return;
    }
    for (const worker of workers) {
      worker.on('error', this.connectionErrorLogger(`worker ${worker.name}`));
      this.trackActiveJobs(worker);
      if (worker.isRunning()) continue;
      worker
        .run()
        .catch((error: unknown) => this.logger.error({ err: error, queue: worker.name }, 'worker stopped'));
      this.logger.log(`consuming queue ${worker.name}`);
    }
  }

  /**
   * Lets jobs in progress finish, then closes every worker with force. A plain close() waits for the
   * worker's blocking fetch, which never returns if Redis dropped the connection at some point, so
   * shutdown would hang; jobs are idempotent, so one cut short is simply retried elsewhere.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const deadline = Date.now() + ACTIVE_JOBS_GRACE_MS;
    await Promise.all(
      [...this.activeJobs.keys()].map(async (worker) => {
        while ((this.activeJobs.get(worker) ?? 0) > 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        await worker
          .close(true)
          .catch((error: unknown) => this.logger.warn({ err: error }, 'worker close failed'));
      }),
    );
  }

  private connectionErrorLogger(source: string): (error: Error) => void {
    let loggedAt = 0;
    return (error) => {
      const now = Date.now();
      if (now - loggedAt < CONNECTION_ERROR_LOG_INTERVAL_MS) return;
      loggedAt = now;
      this.logger.warn({ err: error, source }, 'queue connection error, retrying');
    };
  }

  private trackActiveJobs(worker: Worker): void {
    this.activeJobs.set(worker, 0);
    const change = (delta: number) => () =>
      this.activeJobs.set(worker, (this.activeJobs.get(worker) ?? 0) + delta);
    worker.on('active', change(1));
    worker.on('completed', change(-1));
    worker.on('failed', change(-1));
  }
}

@Module({ imports: [DiscoveryModule] })
export class WorkerRoleModule {
  static forRoot(enabled: boolean) {
    return {
      module: WorkerRoleModule,
      global: true,
      providers: [{ provide: WORKERS_ENABLED, useValue: enabled }, WorkerRoleRunner],
      exports: [WORKERS_ENABLED],
    };
  }
}
