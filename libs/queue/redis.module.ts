import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';

export const REDIS = Symbol('REDIS');

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Provides the shared fail-fast Redis client (`@Inject(REDIS)`) built by the application module. */
@Global()
@Module({})
export class RedisModule {
  static withClient(factory: () => Redis) {
    return {
      module: RedisModule,
      providers: [{ provide: REDIS, useFactory: factory }, RedisCloser],
      exports: [REDIS],
    };
  }
}
