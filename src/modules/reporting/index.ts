export { ReportingModule } from './reporting.module';
export { ReportingFacade } from './application/reporting.facade';
export type { ProgrammeTarget, TargetMetric } from './domain/programme-targets';
export { TARGET_METRICS } from './domain/programme-targets';
