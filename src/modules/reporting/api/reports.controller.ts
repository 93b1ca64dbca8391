import { Body, Controller, Get, Put, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { ProgrammeTargetsService } from '../application/programme-targets.service';
import { ReportingService } from '../application/reporting.service';
import {
  FairsReportQueryDto,
  ProgrammeReportQueryDto,
  PutProgrammeTargetsDto,
  SalesReportQueryDto,
} from './dto/report-query.dto';
import { fairsCsv, programmeCsv, salesCsv } from './report-csv';
import { CsvExportable, ReportFormatInterceptor } from './report-format.interceptor';
import { FairsReportView, ProgrammeReportView, ProgrammeTargetsView, SalesReportView } from './report.views';

@ApiTags('reports')
@ApiBearerAuth()
@UseInterceptors(ReportFormatInterceptor)
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportingService) {}

  @Get('programme')
  @Roles('admin')
  @CsvExportable('bao-cao-chuong-trinh-ocop', programmeCsv)
  @ApiOperation({
    summary:
      'Programme figures: producer organizations by kind and status, by commune and by former district; OCOP products and stars by commune, former district and category; certificates by level; certificates expiring within 90 days; progress against targets',
  })
  @ApiOkResponse({
    type: ProgrammeReportView,
    description: 'JSON, or CSV (UTF-8 with BOM) on Accept: text/csv or ?format=csv',
  })
  programme(@Query() query: ProgrammeReportQueryDto) {
    return this.reports.programmeReport(query);
  }

  @Get('sales')
  @Roles('admin', 'producer')
  @CsvExportable('bao-cao-doanh-thu', salesCsv)
  @ApiOperation({
    summary:
      'Delivered order value in VND (before VAT, VAT apart) per group over Vietnamese calendar days; stall fees producers paid are shown apart and never counted in totalVnd; a producer sees only its own',
  })
  @ApiOkResponse({
    type: SalesReportView,
    description: 'JSON, or CSV (UTF-8 with BOM) on Accept: text/csv or ?format=csv',
  })
  sales(@CurrentActor() actor: Actor, @Query() query: SalesReportQueryDto) {
    return this.reports.salesReport(actor, query);
  }

  @Get('fairs')
  @Roles('admin', 'organizer')
  @CsvExportable('bao-cao-hoi-cho', fairsCsv)
  @ApiOperation({
    summary: 'Occupancy and stall revenue of the organizer’s fairs (administrators: every fair)',
  })
  @ApiOkResponse({
    type: FairsReportView,
    description: 'JSON, or CSV (UTF-8 with BOM) on Accept: text/csv or ?format=csv',
  })
  fairs(@CurrentActor() actor: Actor, @Query() query: FairsReportQueryDto) {
    return this.reports.fairsReport(actor, query);
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/programme-targets')
export class ProgrammeTargetsController {
  constructor(private readonly targets: ProgrammeTargetsService) {}

  @Get()
  @ApiOperation({ summary: 'The programme targets (province-wide or per former district)' })
  @ApiOkResponse({ type: ProgrammeTargetsView })
  list() {
    return this.targets.list();
  }

  @Put()
  @ApiOperation({ summary: 'Replace the whole set of programme targets' })
  @ApiOkResponse({ type: ProgrammeTargetsView })
  replace(@CurrentActor() actor: Actor, @Body() body: PutProgrammeTargetsDto) {
    return this.targets.replace(actor, body);
  }
}
