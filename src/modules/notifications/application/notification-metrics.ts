import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { UnitOfWork } from '@ocop/persistence';
import { DeliveryRepository } from '../persistence/delivery.repository';
import { OutboxRelayRepository } from '../persistence/outbox-relay.repository';
import { NotificationQueues } from './notification-queues';

const COUNT_TIMEOUT_MS = 1_500;

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

export interface NotificationMetrics {
  outbox: { lagSeconds: number; unrelayed: number };
  queues: Record<string, QueueCounts | { error: string }>;
  deliveries: Record<string, number>;
}

/** Queue depth, failed jobs, outbox lag and open deliveries: for /health/ready and /metrics. */
@Injectable()
export class NotificationMetricsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxRelayRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly queues: NotificationQueues,
  ) {}

  async snapshot(): Promise<NotificationMetrics> {
    const [database, queues] = await Promise.all([
      this.uow.run(async (tx) => ({
        outbox: await this.outbox.lagSeconds(tx),
        deliveries: await this.deliveries.countByStatus(tx),
      })),
      Promise.all(this.queues.all().map(async (queue) => [queue.name, await this.countsOf(queue)] as const)),
    ]);
    return { ...database, queues: Object.fromEntries(queues) };
  }

  private async countsOf(queue: Queue): Promise<QueueCounts | { error: string }> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const counts = await Promise.race([
        queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed'),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('Redis did not answer')), COUNT_TIMEOUT_MS);
        }),
      ]);
      return {
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
      };
    } catch (error) {
      return { error: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Prometheus text exposition format. */
  async prometheus(): Promise<string> {
    const metrics = await this.snapshot();
    const lines = [
      '# HELP ocop_outbox_lag_seconds Age of the oldest outbox event not yet relayed to the queue.',
      '# TYPE ocop_outbox_lag_seconds gauge',
      `ocop_outbox_lag_seconds ${metrics.outbox.lagSeconds.toFixed(3)}`,
      '# HELP ocop_outbox_unrelayed Outbox events not yet relayed.',
      '# TYPE ocop_outbox_unrelayed gauge',
      `ocop_outbox_unrelayed ${metrics.outbox.unrelayed}`,
      '# HELP ocop_queue_jobs Jobs per queue and state.',
      '# TYPE ocop_queue_jobs gauge',
    ];
    const up: string[] = ['# HELP ocop_queue_up Whether the queue answered.', '# TYPE ocop_queue_up gauge'];
    for (const [queue, counts] of Object.entries(metrics.queues)) {
      up.push(`ocop_queue_up{queue="${queue}"} ${'error' in counts ? 0 : 1}`);
      if ('error' in counts) continue;
      for (const [state, value] of Object.entries(counts)) {
        lines.push(`ocop_queue_jobs{queue="${queue}",state="${state}"} ${value}`);
      }
    }
    lines.push(
      '# HELP ocop_notification_deliveries Deliveries not yet delivered, per channel and status.',
      '# TYPE ocop_notification_deliveries gauge',
    );
    for (const channel of ['email', 'webhook']) {
      for (const status of ['pending', 'failed']) {
        lines.push(
          `ocop_notification_deliveries{channel="${channel}",status="${status}"} ${metrics.deliveries[`${channel}.${status}`] ?? 0}`,
        );
      }
    }
    return `${[...lines, ...up].join('\n')}\n`;
  }
}
