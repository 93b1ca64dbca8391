import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { ParseUuidPipe } from '@ocop/http';
import { OrganizationsService } from '../application/organizations.service';
import { ListOrganizationsDto } from './dto/list-organizations.dto';
import { AdminUpdateOrganizationDto, StatusReasonDto } from './dto/update-organization.dto';
import { OrganizationPageView, OrganizationView } from './organization.view';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/organizations')
export class AdminOrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOperation({ summary: 'Organizations, newest first, filtered by status and role (verification queue)' })
  @ApiOkResponse({ type: OrganizationPageView })
  list(@Query() query: ListOrganizationsDto) {
    return this.organizations.list(query);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an organization’s details, including a buyer’s invoice payment terms' })
  @ApiOkResponse({ type: OrganizationView })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: AdminUpdateOrganizationDto,
  ) {
    return this.organizations.update(actor, id, body);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Verify an organization (pending or suspended → verified); repeating it changes nothing',
  })
  @ApiOkResponse({ type: OrganizationView })
  verify(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: StatusReasonDto,
  ) {
    return this.organizations.changeStatus(actor, id, 'verified', body?.reason);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend an organization: its listings disappear and its bookings are refused' })
  @ApiOkResponse({ type: OrganizationView })
  suspend(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: StatusReasonDto,
  ) {
    return this.organizations.changeStatus(actor, id, 'suspended', body?.reason);
  }
}
