import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@ocop/auth';
import { PageQueryDto } from '@ocop/pagination';
import { CommuneDetail, GeoCatalogue } from '../application/geo.catalogue';
import { CommuneDetailView, CommuneListView, ProvinceListView } from './geo.view';

@ApiTags('geo')
@Public()
@Controller('geo')
export class GeoController {
  constructor(private readonly catalogue: GeoCatalogue) {}

  @Get('provinces')
  @ApiOperation({
    summary: 'The 34 provinces and centrally run cities in force since 2025-07-01, by code (paginated)',
  })
  @ApiOkResponse({ type: ProvinceListView })
  provinces(@Query() query: PageQueryDto) {
    return this.catalogue.provincePage(query);
  }

  @Get('provinces/:code/communes')
  @ApiOperation({ summary: 'Communes, wards and special zones of a province, by code (paginated)' })
  @ApiOkResponse({ type: CommuneListView })
  communes(@Param('code') code: string, @Query() query: PageQueryDto) {
    return this.catalogue.communePage(code, query);
  }

  @Get('communes/:code')
  @ApiOperation({
    summary: 'A commune with its province and the former communes and districts it was formed from',
  })
  @ApiOkResponse({ type: CommuneDetailView })
  commune(@Param('code') code: string): CommuneDetail {
    return this.catalogue.communeDetail(code);
  }
}
