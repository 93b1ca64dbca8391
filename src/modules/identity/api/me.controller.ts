import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@ocop/auth';
import { ParseUuidPipe } from '@ocop/http';
import { PageQueryDto } from '@ocop/pagination';
import { IdentityService } from '../application/identity.service';
import { UpdateMeDto } from './dto/update-me.dto';
import { MemberPageView, UserView } from './user.view';

@ApiTags('identity')
@ApiBearerAuth()
@Controller()
export class MeController {
  constructor(private readonly identity: IdentityService) {}

  @Get('me')
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserView })
  me(@CurrentActor() actor: Actor) {
    return this.identity.me(actor);
  }

  @Patch('me')
  @ApiOperation({ summary: 'Change one’s name or the language of notifications' })
  @ApiOkResponse({ type: UserView })
  updateMe(@CurrentActor() actor: Actor, @Body() body: UpdateMeDto) {
    return this.identity.updateMe(actor, body);
  }

  @Get('organizations/:id/members')
  @ApiOperation({ summary: 'Users of an organization (members and administrators only)' })
  @ApiOkResponse({ type: MemberPageView })
  members(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: PageQueryDto,
  ) {
    return this.identity.members(actor, id, query);
  }
}
