import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor } from '@ocop/auth';
import { NoBodyDto, ParseUuidPipe } from '@ocop/http';
import { PageQueryDto } from '@ocop/pagination';
import { WebhooksService } from '../application/webhooks.service';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { CreatedWebhookView, WebhookPageView } from './webhook.view';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('organizations/:id/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    summary: 'Register a webhook endpoint (members of the organization only); the secret is returned once',
    description:
      'Administrators are refused (403) like any non-member: a webhook sends the organization’s events to a URL of the caller’s choosing. ' +
      'Deliveries are POSTs with X-OCOP-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body"> and X-OCOP-Event-Id. ' +
      'URLs resolving to private, loopback or link-local addresses are refused (422) unless WEBHOOK_ALLOW_PRIVATE=true.',
  })
  @ApiCreatedResponse({ type: CreatedWebhookView })
  create(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: CreateWebhookDto,
  ) {
    return this.webhooks.register(actor, id, body);
  }

  @Get()
  @ApiOperation({
    summary: 'Webhook endpoints of the organization (without secrets), oldest first',
    description: 'Members and administrators; anyone else gets 404.',
  })
  @ApiOkResponse({ type: WebhookPageView })
  list(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Query() query: PageQueryDto) {
    return this.webhooks.list(actor, id, query);
  }

  @Delete(':webhookId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a webhook endpoint (members only); queued deliveries to it are dropped',
  })
  @ApiNoContentResponse()
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Param('webhookId', ParseUuidPipe) webhookId: string,
    @Body() _body: NoBodyDto,
  ) {
    return this.webhooks.remove(actor, id, webhookId);
  }
}
