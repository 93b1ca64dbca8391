import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult } from '@nestjs/terminus';
import { HealthErrors } from '../domain/health.errors';
import { DependencyIndicators } from './health.indicators';
import { ReadinessDetails } from './readiness-details';

export interface Readiness {
  status: 'ok';
  info: HealthIndicatorResult;
  details: Record<string, unknown>;
}

@Injectable()
export class HealthService {
  constructor(
    private readonly dependencies: DependencyIndicators,
    private readonly details: ReadinessDetails,
  ) {}

  /** Ready when every dependency answers; otherwise 503 naming the ones that did not. */
  async ready(): Promise<Readiness> {
    const results = await Promise.all([this.dependencies.postgres(), this.dependencies.redis()]);
    const info: HealthIndicatorResult = Object.assign({}, ...results);
    const failed = Object.entries(info)
      .filter(([, result]) => result.status !== 'up')
      .map(([name]) => name);
    if (failed.length > 0) {
      throw HealthErrors.DEPENDENCY_UNAVAILABLE({ dependencies: failed.join(', '), failed, checks: info });
    }
    return { status: 'ok', info, details: await this.details.collect() };
  }
}
