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
  @Roles('organizer', 'admin')
  @ApiOperation({
    summary:
      'The fair’s organizer confirms a held free stall; a stall with a fee is confirmed by its payment',
    description:
      'A stall with a fee is confirmed only when its fee is paid (`POST /bookings/{id}/payment-intent`, ' +
      'then the Stripe webhook); confirming it before that is 409 `STALL_FEE_UNPAID`, also for an ' +
      'administrator, and once paid this route answers the confirmed booking. Repeating a confirmation ' +
      'changes nothing.',
  })
  @ApiOkResponse({ type: BookingView })
  @ApiForbiddenResponse({ description: 'The producer who holds it, or an organizer of another fair' })
  @ApiConflictResponse({ description: 'STALL_FEE_UNPAID, BOOKING_HOLD_EXPIRED, INVALID_TRANSITION' })
  confirm(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() _body: NoBodyDto) {
    return this.bookings.confirm(actor, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a held or confirmed booking (its producer or the organizer); frees the stall',
  })
  @ApiOkResponse({ type: BookingView })
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() _body: NoBodyDto) {
    return this.bookings.cancel(actor, id);
  }

  @Post(':id/check-in')
  @HttpCode(200)
  @Roles('organizer', 'admin')
  @ApiOperation({ summary: 'Check a producer in with its code, on the fair’s days, once' })
  @ApiOkResponse({ type: BookingView })
  checkIn(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() body: CheckInDto) {
    return this.bookings.checkIn(actor, id, body.code);
  }
}
