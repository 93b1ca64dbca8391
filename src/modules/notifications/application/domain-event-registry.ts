import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { DOMAIN_EVENT_SUBSCRIPTION, DomainEventEnvelope } from '@ocop/queue';

interface Subscriber {
  name: string;
  types: ReadonlySet<string>;
  handle: (event: DomainEventEnvelope) => Promise<unknown>;
}

/**
 * Every `@OnDomainEvent(...)` method of every provider, found once at boot. A subscriber is named
 * `ClassName.method`: that name is the BullMQ job name and part of the job id, so renaming a handler
 * leaves queued jobs of the old name without a handler (they fail loudly, see the processor).
 */
@Injectable()
export class DomainEventRegistry implements OnModuleInit {
  private readonly logger = new Logger(DomainEventRegistry.name);
  private readonly subscribers = new Map<string, Subscriber>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const seen = new Set<unknown>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || seen.has(instance)) continue;
      seen.add(instance);
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      if (!prototype) continue;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const target = prototype[method];
        if (typeof target !== 'function') continue;
        const types = this.reflector.get<string[] | undefined>(DOMAIN_EVENT_SUBSCRIPTION, target);
        if (!types || types.length === 0) continue;
        const name = `${instance.constructor.name}.${method}`;
        if (this.subscribers.has(name)) {
          throw new Error(
            `Domain event subscriber ${name} is declared twice (the same provider in two modules?)`,
          );
        }
        if (!wrapper.isDependencyTreeStatic()) {
          throw new Error(
            `Domain event subscriber ${name} must be a singleton provider (not request-scoped)`,
          );
        }
        this.subscribers.set(name, {
          name,
          types: new Set(types),
          handle: (event) => (target as (e: DomainEventEnvelope) => Promise<unknown>).call(instance, event),
        });
      }
    }
    this.logger.log(`domain event subscribers: ${[...this.subscribers.keys()].join(', ') || 'none'}`);
  }

  /** Subscribers of one event type, '*' subscribers included. */
  subscribersOf(type: string): string[] {
    const names: string[] = [];
    for (const subscriber of this.subscribers.values()) {
      if (subscriber.types.has('*') || subscriber.types.has(type)) names.push(subscriber.name);
    }
    return names;
  }

  names(): string[] {
    return [...this.subscribers.keys()];
  }

  has(name: string): boolean {
    return this.subscribers.has(name);
  }

  async dispatch(name: string, event: DomainEventEnvelope): Promise<void> {
    const subscriber = this.subscribers.get(name);
    if (!subscriber) throw new Error(`No domain event subscriber named ${name}`);
    await subscriber.handle(event);
  }
}
