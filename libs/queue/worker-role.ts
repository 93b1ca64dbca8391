import { Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { NestWorkerOptions } from '@nestjs/bullmq/dist/interfaces/worker-options.interface';

export const WORKERS_ENABLED = Symbol('WORKERS_ENABLED');

/**
 * Declares a queue consumer that does not start on its own: whether this process consumes jobs is
 * decided once, by its role (`APP_ROLE=api` processes only produce jobs).
 */
export function QueueProcessor(queueName: string, options: NestWorkerOptions = {}): ClassDecorator {
  return Processor(queueName, { ...options, autorun: false });
}

@Injectable()
export class WorkerRoleRunner implements OnApplicationBootstrap {
  private readonly logger = new Logger(WorkerRoleRunner.name);

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(WORKERS_ENABLED) private readonly enabled: boolean,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!(instance instanceof WorkerHost)) continue;
      const worker = instance.worker;
      if (worker.isRunning()) continue;
      worker
        .run()
        .catch((error: unknown) => this.logger.error({ err: error, queue: worker.name }, 'worker stopped'));
      this.logger.log(`consuming queue ${worker.name}`);
    }
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
