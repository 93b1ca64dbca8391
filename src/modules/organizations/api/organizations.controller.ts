import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@ocop/auth';
import { ParseUuidPipe } from '@ocop/http';
import { OrganizationsService } from '../application/organizations.service';
import { UpdateOrganizationDto } from './dto/update-organization.dto';
import { OrganizationView } from './organization.view';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get(':id')
  @ApiOperation({ summary: 'An organization, to its members and administrators (404 to others)' })
  @ApiOkResponse({ type: OrganizationView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string) {
    return this.organizations.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update contact details of the caller’s own organization' })
  @ApiOkResponse({ type: OrganizationView })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: UpdateOrganizationDto,
  ) {
    return this.organizations.update(actor, id, body);
  }
}
