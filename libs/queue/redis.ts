import Redis, { RedisOptions } from 'ioredis';

/**
 * A Redis client for counters and health checks. It fails fast instead of queueing commands while
 * Redis is away, so a Redis outage never holds up a request that can do without it.
 */
export function createFailFastRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    lazyConnect: false,
    ...options,
  });
}

/** The connection BullMQ workers need: blocking commands must be allowed to wait indefinitely. */
export function createQueueRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    ...options,
  });
}
