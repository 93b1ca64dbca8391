import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { NoBodyDto, ParseUuidPipe } from '@ocop/http';
import { BookingsService } from '../application/bookings.service';
import { BookingPageView, BookingView } from './booking.view';
import { CheckInDto } from './dto/check-in.dto';
import { ListBookingsDto } from './dto/list-bookings.dto';

@ApiTags('fairs')
@ApiBearerAuth()
@Roles('producer', 'organizer', 'admin')
@Controller('bookings')
export class BookingsController {
  constructor(private readonly bookings: BookingsService) {}

  @Get()
  @ApiOperation({
    summary: 'Stall bookings: a producer’s own, or those of an organizer’s fairs; newest first',
  })
  @ApiOkResponse({ type: BookingPageView })
  list(@CurrentActor() actor: Actor, @Query() query: ListBookingsDto) {
    return this.bookings.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A booking; the producer who booked also gets the check-in code once confirmed' })
  @ApiOkResponse({ type: BookingView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string) {
    return this.bookings.get(actor, id);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({
    summary:
      'The fair’s organizer confirms a held free stall; a stall with a fee is confirmed by its payment',
    description:
      'A stall with a fee is confirmed only when its fee is paid (`POST /bookings/{id}/payment-intent`, ' +
      'then the Stripe webhook); confirming it before that is 409 `STALL_FEE_UNPAID`, and once paid this ' +
      'route answers the confirmed booking. Repeating a confirmation changes nothing. Once the fair has ' +
      'ended (even before it shows `closed`) or is cancelled, a hold is no longer confirmed: 409 ' +
      '`FAIR_NOT_EDITABLE`.',
  })
  @ApiOkResponse({ type: BookingView })
  @ApiForbiddenResponse({
    description: 'The producer who holds it, an organizer of another fair, or an administrator',
  })
  @ApiConflictResponse({
    description: 'STALL_FEE_UNPAID, BOOKING_HOLD_EXPIRED, INVALID_TRANSITION, FAIR_NOT_EDITABLE',
  })
  confirm(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() _body: NoBodyDto) {
    return this.bookings.confirm(actor, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('producer', 'organizer')
  @ApiOperation({
    summary: 'Cancel a held or confirmed booking (its producer or the fair’s organizer); frees the stall',
    description:
      'Administrators read bookings but do not act for producers or organizers: 403. Once the fair has ' +
      'ended (even before it shows `closed`) its bookings stay as they are: 409 `FAIR_NOT_EDITABLE`.',
  })
  @ApiOkResponse({ type: BookingView })
  @ApiForbiddenResponse({
    description: 'Another producer, an organizer of another fair, or an administrator',
  })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION, FAIR_NOT_EDITABLE' })
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() _body: NoBodyDto) {
    return this.bookings.cancel(actor, id);
  }

  @Post(':id/check-in')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({
    summary: 'Check a producer in with its code, on the fair’s days, once (the fair’s organizer only)',
  })
  @ApiOkResponse({ type: BookingView })
  checkIn(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() body: CheckInDto) {
    return this.bookings.checkIn(actor, id, body.code);
  }
}
