import { Logger } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';

const logger = new Logger('Redis');
/** While Redis is away every reconnect attempt fails: one log line per client per this long. */
const ERROR_LOG_INTERVAL_MS = 30_000;

/**
 * A Redis client for counters and health checks. It fails fast instead of queueing commands while
 * Redis is away, so a Redis outage never holds up a request that can do without it.
 */
export function createFailFastRedis(url: string, options: RedisOptions = {}): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    lazyConnect: false,
    ...options,
  });
  // Without a listener ioredis prints every failed reconnect to stderr, past the structured log;
  // the commands themselves fail fast and their callers decide what that means.
  let loggedAt = 0;
  client.on('error', (error: Error) => {
    if (Date.now() - loggedAt < ERROR_LOG_INTERVAL_MS) return;
    loggedAt = Date.now();
    logger.warn({ err: error }, 'Redis connection error, reconnecting');
  });
  return client;
}

/** The connection BullMQ workers need: blocking commands must be allowed to wait indefinitely. */
export function createQueueRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    ...options,
  });
}
