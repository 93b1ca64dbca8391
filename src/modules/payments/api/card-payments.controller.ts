import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { HeaderValue, IDEMPOTENCY_KEY_HEADER, NoBodyDto, ParseUuidPipe } from '@ocop/http';
import { CardPaymentsService } from '../application/card-payments.service';
import { PaymentIntentView } from './payments.view';

@ApiTags('payments')
@ApiBearerAuth()
@Controller()
export class CardPaymentsController {
  constructor(private readonly card: CardPaymentsService) {}

  @Post('orders/:id/payment-intent')
  @Roles('buyer')
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiOperation({
    summary:
      'Create (or return the existing) Stripe PaymentIntent for a card order; 503 PAYMENTS_NOT_CONFIGURED without Stripe keys',
    description:
      'Refusals that need no Stripe come first, with or without keys: 404 unknown order, 403 another ' +
      'buyer’s order, 422 PAYMENT_METHOD_MISMATCH for an invoice order, 422 ORDER_NOT_PAYABLE when nothing ' +
      'is left to pay; only then 503 PAYMENTS_NOT_CONFIGURED.',
  })
  @ApiCreatedResponse({ type: PaymentIntentView })
  orderIntent(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Body() _body: NoBodyDto,
    @HeaderValue('idempotency-key') idempotencyKey?: string,
  ) {
    return this.card.createOrderIntent(actor, id, idempotencyKey);
  }

  @Post('bookings/:id/payment-intent')
  @Roles('producer')
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiOperation({
    summary: 'Pay a held stall booking by card; success confirms the booking, a lapsed hold is refunded',
  })
  @ApiCreatedResponse({ type: PaymentIntentView })
  bookingIntent(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Body() _body: NoBodyDto,
    @HeaderValue('idempotency-key') idempotencyKey?: string,
  ) {
    return this.card.createBookingIntent(actor, id, idempotencyKey);
  }
}
