import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@ocop/auth';
import { HeaderValue } from '@ocop/http';
import { InvoicesService } from '../application/invoices.service';
import { StripeEventsService } from '../application/stripe-events.service';
import { WebhookAckView } from './payments.view';
import { RawBody } from './raw-body.decorator';

@ApiTags('payments')
@Controller('payments')
export class WebhooksController {
  constructor(
    private readonly stripeEvents: StripeEventsService,
    private readonly invoices: InvoicesService,
  ) {}

  @Post('stripe/webhook')
  @Public()
  @HttpCode(200)
  @ApiHeader({ name: 'Stripe-Signature', required: true })
  @ApiOperation({
    summary:
      'Stripe events: signature checked on the raw body (400 if bad or stale), each event id applied once, in the queue',
  })
  @ApiOkResponse({ type: WebhookAckView })
  stripe(@RawBody() rawBody: Buffer | undefined, @HeaderValue('stripe-signature') signature?: string) {
    return this.stripeEvents.receive(rawBody, signature);
  }

  @Post('bank/webhook')
  @Public()
  @HttpCode(200)
  @ApiHeader({
    name: 'X-Bank-Signature',
    required: true,
    description:
      't=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" with BANK_WEBHOOK_SECRET>; older than 5 minutes is refused',
  })
  @ApiOperation({
    summary:
      'Signed bank notification of an incoming transfer { eventId, amountVnd, description, bankTransactionId? }; matched by the reference in the note',
    description:
      'Each event id is applied once. `bankTransactionId` (the bank’s reference of the transfer) makes the ' +
      'transfer itself count once: a re-sent notification under a new event id, or a transfer the office ' +
      'already recorded with that reference, answers `duplicate: true` and changes nothing.',
  })
  @ApiOkResponse({ type: WebhookAckView })
  bank(@RawBody() rawBody: Buffer | undefined, @HeaderValue('x-bank-signature') signature?: string) {
    return this.invoices.receiveBankNotification(rawBody, signature);
  }
}
