export { HealthModule } from './health.module';
export { ReadinessDetails } from './application/readiness-details';
export type { ReadinessDetail } from './application/readiness-details';
