import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { isRetryableTransactionError, OUTBOX_CHANNEL, Tx, UnitOfWork } from '@ocop/persistence';
import { DomainEventEnvelope, WORKERS_ENABLED } from '@ocop/queue';
import { APP_CONFIG, AppConfig } from '../../../config';
import { OutboxRelayRepository } from '../persistence/outbox-relay.repository';
import { DomainEventRegistry } from './domain-event-registry';
import { FANOUT_SUBSCRIBER, NotificationFanout } from './notification-fanout';
import { NotificationQueues } from './notification-queues';

const BATCH_SIZE = 500;
const ENQUEUE_TIMEOUT_MS = 5_000;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Moves committed outbox events on, a batch per transaction. The notification fan-out (inbox
 * entries and delivery rows) runs inline in that transaction, set-based for the whole batch; every
 * other `@OnDomainEvent` subscriber gets one job per (event, subscriber) in the `domain-events`
 * queue. Rows are claimed with FOR UPDATE SKIP LOCKED, so any number of worker replicas relay side
 * by side; the rows are marked relayed in the same transaction, and a job id made of event id and
 * subscriber makes a repeat after a crash a no-op in BullMQ. LISTEN/NOTIFY wakes the relay at once;
 * polling is the safety net for a lost notification or a dropped listener. When Redis is down a
 * batch that needs a job rolls back and waits in PostgreSQL; inbox-only batches do not need Redis.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener?: Client;
  private poller?: NodeJS.Timeout;
  private reconnectTimer?: NodeJS.Timeout;
  private draining?: Promise<number>;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(WORKERS_ENABLED) private readonly enabled: boolean,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxRelayRepository,
    private readonly registry: DomainEventRegistry,
    private readonly queues: NotificationQueues,
    private readonly fanout: NotificationFanout,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    if (!this.registry.has(FANOUT_SUBSCRIBER)) {
      throw new Error(`the relay runs ${FANOUT_SUBSCRIBER} inline, but no such subscriber is registered`);
    }
    void this.listen();
    this.poller = setInterval(() => this.wake(), this.config.notifications.outboxPollMs);
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poller);
    clearTimeout(this.reconnectTimer);
    await this.draining?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
  }

  /** Starts a drain unless one runs; a wake-up during a drain makes it go round once more. */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Relays until the outbox is empty (or Redis refuses); returns how many events it moved. */
  async drain(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const moved = await this.relayBatch();
        total += moved;
        if (moved < BATCH_SIZE || this.stopped) break;
      }
    } catch (error) {
      this.logger.warn(
        { err: error },
        'outbox relay paused; events stay in PostgreSQL until the next attempt',
      );
    }
    return total;
  }

  /**
   * One transaction per batch: claim, enqueue the other subscribers' jobs (Redis down → roll back,
   * the rows wait), mark relayed, and fan out to inboxes and delivery rows inline. If the inline
   * fan-out fails (a poison event, say), it is rolled back to its savepoint and the batch's fan-out
   * goes through queued jobs instead, with their retries and failed list.
   */
  private relayBatch(): Promise<number> {
    return this.uow.run(async (tx) => {
      const events = await this.outbox.claimUnrelayed(tx, BATCH_SIZE);
      if (events.length === 0) return 0;
      const queued = (names: (name: string) => boolean) =>
        events.flatMap((event) =>
          this.registry
            .subscribersOf(event.type)
            .filter(names)
            .map((subscriber) => ({ subscriber, event })),
        );
      await this.enqueue(
        tx,
        queued((name) => name !== FANOUT_SUBSCRIBER),
      );
      await this.outbox.markRelayed(
        tx,
        events.map((event) => event.id),
      );
      await tx.query('SAVEPOINT inline_fanout');
      try {
        const pending = await this.fanout.fanOutMany(tx, events);
        await tx.query('RELEASE SAVEPOINT inline_fanout');
        if (pending.length > 0) tx.afterCommit(() => this.fanout.enqueue(pending));
      } catch (error) {
        if (isRetryableTransactionError(error)) throw error;
        // Rolling back to the savepoint fails too when the connection itself broke: then all waits.
        await tx.query('ROLLBACK TO SAVEPOINT inline_fanout');
        this.logger.warn({ err: error }, 'inline fan-out failed; this batch fans out through queued jobs');
        await this.enqueue(
          tx,
          queued((name) => name === FANOUT_SUBSCRIBER),
        );
      }
      return events.length;
    });
  }

  /** Receipts and jobs for queued subscribers; a Redis that refuses rolls the batch back. */
  private async enqueue(
    tx: Tx,
    jobs: Array<{ subscriber: string; event: DomainEventEnvelope }>,
  ): Promise<void> {
    if (jobs.length === 0) return;
    await this.outbox.addReceipts(
      tx,
      jobs.map((job) => ({ eventId: job.event.id, subscriber: job.subscriber })),
    );
    await withTimeout(this.queues.enqueueDomainEvents(jobs), ENQUEUE_TIMEOUT_MS, 'enqueueing domain events');
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.databaseUrl });
    const retry = () => {
      if (this.stopped || this.listener !== client) return;
      this.listener = undefined;
      client.end().catch(() => undefined);
      this.reconnectTimer = setTimeout(() => void this.listen(), 1_000);
    };
    this.listener = client;
    client.on('notification', () => this.wake());
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'outbox listener lost; polling until it reconnects');
      retry();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      // Events committed while the listener was away are picked up now rather than at the next poll.
      this.wake();
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox listener could not connect; polling meanwhile');
      retry();
    }
  }
}
