import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS } from '@ocop/queue';

const CHECK_TIMEOUT_MS = 1_500;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what} did not answer in ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
}

@Injectable()
export class DependencyIndicators {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly db: DataSource,
    @Inject(REDIS) private readonly redisClient: Redis,
  ) {}

  async postgres(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('postgres');
    const started = Date.now();
    try {
      await withTimeout(this.db.query('SELECT 1'), 'PostgreSQL');
      return indicator.up({ latencyMs: Date.now() - started });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  async redis(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('redis');
    const started = Date.now();
    try {
      await withTimeout(this.redisClient.ping(), 'Redis');
      return indicator.up({ latencyMs: Date.now() - started });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
