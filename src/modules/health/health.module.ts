import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './api/health.controller';
import { DependencyIndicators } from './application/health.indicators';
import { HealthService } from './application/health.service';
import { ReadinessDetails } from './application/readiness-details';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [DependencyIndicators, HealthService, ReadinessDetails],
  exports: [ReadinessDetails],
})
export class HealthModule {}
