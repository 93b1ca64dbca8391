import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, OptionalActor, Public, Roles } from '@ocop/auth';
import { HeaderValue, IDEMPOTENCY_KEY_HEADER, NoBodyDto, ParseUuidPipe } from '@ocop/http';
import { BookingsService } from '../application/bookings.service';
import { FairsService } from '../application/fairs.service';
import { StallsService } from '../application/stalls.service';
import { BookingView, WaitlistEntryView } from './booking.view';
import { CreateBookingDto } from './dto/create-booking.dto';
import { CreateFairDto } from './dto/create-fair.dto';
import { CreateStallsDto } from './dto/create-stalls.dto';
import { JoinWaitlistDto } from './dto/join-waitlist.dto';
import { FairCalendarQueryDto, ListFairsDto } from './dto/list-fairs.dto';
import { ListStallsDto } from './dto/list-stalls.dto';
import { UpdateFairDto } from './dto/update-fair.dto';
import { FairCalendarView, FairPageView, FairView } from './fair.view';
import { FairSummaryView, StallBatchView, StallPageView } from './stall.view';

@ApiTags('fairs')
@ApiBearerAuth()
@Controller('fairs')
export class FairsController {
  constructor(
    private readonly fairs: FairsService,
    private readonly stalls: StallsService,
    private readonly bookings: BookingsService,
  ) {}

  @Post()
  @Roles('organizer')
  @ApiOperation({
    summary:
      'Create a draft fair (verified organizer); 409 VENUE_CONFLICT when the venue is taken on those dates',
    description:
      '422 `FAIR_START_IN_PAST` when `startsAt` has passed, `FAIR_ALREADY_ENDED` when `endsAt` has.',
  })
  @ApiCreatedResponse({ type: FairView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateFairDto) {
    return this.fairs.create(actor, body);
  }

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Published fairs (an organizer also sees its own drafts), by start; filters by place and dates',
    description:
      '400 naming `from` when it is after `to`; 400 naming `provinceCode` or `communeCode` when the ' +
      'code is not a current administrative unit (as for the calendar).',
  })
  @ApiOkResponse({ type: FairPageView })
  list(@OptionalActor() actor: Actor | undefined, @Query() query: ListFairsDto) {
    return this.fairs.list(actor, query);
  }

  @Get('calendar')
  @Public()
  @ApiOperation({
    summary: 'Published fairs of a month by day (Asia/Ho_Chi_Minh), optionally in one province',
  })
  @ApiOkResponse({ type: FairCalendarView })
  calendar(@Query() query: FairCalendarQueryDto) {
    return this.fairs.calendar(query);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'A fair (a draft only to its organizer)' })
  @ApiOkResponse({ type: FairView })
  get(@OptionalActor() actor: Actor | undefined, @Param('id', ParseUuidPipe) id: string) {
    return this.fairs.get(actor, id);
  }

  @Patch(':id')
  @Roles('organizer')
  @ApiOperation({
    summary: 'Rename, move or reschedule a draft or published fair (its organizer only; administrators 403)',
    description:
      'Fields left out keep their value; null for any of them is 400 naming the field. `rules` ' +
      'replaces the rules as a whole: `{}`, or null for one rule, lifts it. The dates follow the rules ' +
      'of `POST /fairs`: a moved start already past is 422 `FAIR_START_IN_PAST` (a running fair keeps ' +
      'its start), an end already past 422 `FAIR_ALREADY_ENDED`. A fair whose end has passed is over ' +
      'even before it shows `closed`: 409 `FAIR_NOT_EDITABLE`, as for a closed or cancelled fair.',
  })
  @ApiOkResponse({ type: FairView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() body: UpdateFairDto) {
    return this.fairs.update(actor, id, body);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({
    summary: 'Make a draft fair visible and bookable (its organizer only); repeating it changes nothing',
  })
  @ApiOkResponse({ type: FairView })
  publish(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() _body: NoBodyDto) {
    return this.fairs.publish(actor, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({
    summary: 'Call the fair off (its organizer only): every live booking is cancelled and the producers told',
  })
  @ApiOkResponse({ type: FairView })
  @ApiConflictResponse({
    description:
      'INVALID_TRANSITION (closed, or its end has passed though it does not show closed yet); ' +
      'FAIR_HAS_CHECKED_IN once an exhibitor has checked in',
  })
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() _body: NoBodyDto) {
    return this.fairs.cancel(actor, id);
  }

  @Post(':id/stalls')
  @Roles('organizer')
  @ApiOperation({
    summary:
      'Add stalls to the map (its organizer only), all or nothing; 409 STALL_CODE_TAKEN names repeated codes',
  })
  @ApiCreatedResponse({ type: StallBatchView })
  addStalls(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: CreateStallsDto,
  ) {
    return this.stalls.add(actor, id, body.stalls);
  }

  @Get(':id/stalls')
  @Public()
  @ApiOperation({
    summary: 'The stall map with each stall’s availability (never who booked it)',
    description:
      'Each stall is `available`, `held` or `booked` by its bookings; whether the fair still takes ' +
      'bookings is the fair’s status and dates (a cancelled or ended fair refuses them).',
  })
  @ApiOkResponse({ type: StallPageView })
  listStalls(
    @OptionalActor() actor: Actor | undefined,
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: ListStallsDto,
  ) {
    return this.stalls.list(actor, id, query);
  }

  @Get(':id/summary')
  @Roles('organizer', 'admin')
  @ApiOperation({
    summary: 'Occupancy, revenue and waitlist figures for the fair’s organizer (and administrators, to read)',
  })
  @ApiOkResponse({ type: FairSummaryView })
  summary(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string) {
    return this.stalls.summary(actor, id);
  }

  @Post(':id/bookings')
  @Roles('producer')
  @ApiOperation({
    summary:
      'Hold a stall (verified producer); 409 STALL_TAKEN, 422 BOOKING_CLOSED or BOOKING_RULE_VIOLATED. Honours Idempotency-Key',
  })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiCreatedResponse({ type: BookingView })
  book(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: CreateBookingDto,
    @HeaderValue('idempotency-key') idempotencyKey?: string,
  ) {
    return this.bookings.hold(actor, id, body.stallId, idempotencyKey);
  }

  @Post(':id/waitlist')
  @Roles('producer')
  @ApiOperation({
    summary: 'Wait for a stall (optionally of a zone or kind); a freed stall is offered as a hold',
    description:
      'The waitlist acts only when a held or booked stall frees up (cancelled or expired), so joining ' +
      'needs neither a full fair nor room under `maxStallsPerProducer`: an offer passes over a producer ' +
      'that the fair’s rules refuse at that moment. 409 `WAITLIST_ALREADY_JOINED` for the same wish ' +
      'twice; 422 `FAIR_NOT_PUBLISHED`, `BOOKING_CLOSED` or `BOOKING_RULE_VIOLATED` (stars, verification).',
  })
  @ApiCreatedResponse({ type: WaitlistEntryView })
  joinWaitlist(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: JoinWaitlistDto,
  ) {
    return this.stalls.joinWaitlist(actor, id, body);
  }
}
