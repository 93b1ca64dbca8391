import { Module } from '@nestjs/common';
import { GeoModule } from '../geo';
import { ProgrammeTargetsController, ReportsController } from './api/reports.controller';
import { ReportFormatInterceptor } from './api/report-format.interceptor';
import { ProgrammeTargetsService } from './application/programme-targets.service';
import { ReportingFacade } from './application/reporting.facade';
import { ReportingService } from './application/reporting.service';
import { FairsReportRepository } from './persistence/fairs-report.repository';
import {
  ProgrammeReportRepository,
  ProgrammeTargetRepository,
} from './persistence/programme-report.repository';
import { SalesReportRepository } from './persistence/sales-report.repository';

@Module({
  imports: [GeoModule],
  controllers: [ReportsController, ProgrammeTargetsController],
  providers: [
    ReportFormatInterceptor,
    ReportingService,
    ProgrammeTargetsService,
    ReportingFacade,
    ProgrammeReportRepository,
    ProgrammeTargetRepository,
    SalesReportRepository,
    FairsReportRepository,
  ],
  exports: [ReportingFacade],
})
export class ReportingModule {}
