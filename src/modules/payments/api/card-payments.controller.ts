import { Body, Controller, Headers, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { NoBodyDto, ParseUuidPipe } from '@ocop/http';
import { CardPaymentsService } from '../application/card-payments.service';
import { PaymentIntentView } from './payments.view';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Same key and body from the same user replays the first answer (1–255 characters)',
};

@ApiTags('payments')
@ApiBearerAuth()
@Controller()
export class CardPaymentsController {
  constructor(private readonly card: CardPaymentsService) {}

  @Post('orders/:id/payment-intent')
  @Roles('buyer')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({
    summary:
      'Create (or return the existing) Stripe PaymentIntent for a card order; 503 PAYMENTS_NOT_CONFIGURED without Stripe keys',
  })
  @ApiCreatedResponse({ type: PaymentIntentView })
  orderIntent(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Body() _body: NoBodyDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.card.createOrderIntent(actor, id, idempotencyKey);
  }

  @Post('bookings/:id/payment-intent')
  @Roles('producer')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({
    summary: 'Pay a held stall booking by card; success confirms the booking, a lapsed hold is refunded',
  })
  @ApiCreatedResponse({ type: PaymentIntentView })
  bookingIntent(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Body() _body: NoBodyDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.card.createBookingIntent(actor, id, idempotencyKey);
  }
}
