import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@ocop/auth';
import { NoBodyDto, ParseUuidPipe } from '@ocop/http';
import { InboxService } from '../application/inbox.service';
import { ListNotificationsDto } from './dto/list-notifications.dto';
import { UpdatePreferencesDto } from './dto/update-preferences.dto';
import { NotificationPageView, NotificationView, PreferencesView } from './notification.view';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(private readonly inbox: InboxService) {}

  @Get('notifications')
  @ApiOperation({ summary: 'The caller’s inbox, newest first; `unread=true` for unread only' })
  @ApiOkResponse({ type: NotificationPageView })
  list(@CurrentActor() actor: Actor, @Query() query: ListNotificationsDto) {
    return this.inbox.list(actor, query);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of the caller’s notifications read (404 for anyone else’s)' })
  @ApiOkResponse({ type: NotificationView })
  read(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() _body: NoBodyDto) {
    return this.inbox.markRead(actor, id);
  }

  @Get('me/notification-preferences')
  @ApiOperation({ summary: 'Channels per event type (the inbox is always on; email by default)' })
  @ApiOkResponse({ type: PreferencesView })
  preferences(@CurrentActor() actor: Actor) {
    return this.inbox.preferencesOf(actor);
  }

  @Put('me/notification-preferences')
  @ApiOperation({ summary: 'Choose channels per event type; `*` sets the default for the others' })
  @ApiOkResponse({ type: PreferencesView })
  updatePreferences(@CurrentActor() actor: Actor, @Body() body: UpdatePreferencesDto) {
    return this.inbox.updatePreferences(actor, body.preferences);
  }
}
