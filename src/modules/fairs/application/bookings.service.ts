import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import { Clock } from '@ocop/clock';
import { CommonErrors } from '@ocop/errors';
import { decodeCursor, Page, pageOf } from '@ocop/pagination';
import { fingerprintOf, IdempotencyStore, OutboxWriter, Tx, UnitOfWork } from '@ocop/persistence';
import { APP_CONFIG, AppConfig } from '../../../config';
import { BookingView, toBookingView } from '../api/booking.view';
import {
  assertBookable,
  assertBookingMove,
  assertCancellable,
  assertFeeSettled,
  assertNoViolations,
  BookingStatus,
  holdExpiry,
  holdHasLapsed,
} from '../domain/booking';
import { assertEditable, Fair, isOnFairDays } from '../domain/fair';
import { bookingEvent, FAIR_EVENT_TYPES } from '../domain/fair-events';
import { FairErrors } from '../domain/fairs.errors';
import { BookingDetail, BookingRepository } from '../persistence/booking.repository';
import { FairRepository } from '../persistence/fair.repository';
import { StallRepository } from '../persistence/stall.repository';
import { WaitlistRepository } from '../persistence/waitlist.repository';
import { BookingLifecycle } from './booking-lifecycle';
import { CheckInCodes } from './check-in-codes';
import { Eligibility } from './eligibility';
import { requireVisible } from './fair-access';

type Relation = 'producer' | 'organizer' | 'admin' | 'none';

/**
 * Administrators read every booking (they oversee the programme) but act on none: confirming,
 * cancelling and checking in belong to the fair's organizer (and cancelling also to the producer).
 */
function relationTo(actor: Actor, booking: Pick<BookingDetail, 'producerId' | 'organizerId'>): Relation {
  if (actor.role === 'admin') return 'admin';
  if (actor.organizationId === booking.producerId) return 'producer';
  if (actor.organizationId === booking.organizerId) return 'organizer';
  return 'none';
}

/** Booking use cases: hold, confirm, cancel, read, check in. */
@Injectable()
export class BookingsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly idempotency: IdempotencyStore,
    private readonly fairs: FairRepository,
    private readonly stalls: StallRepository,
    private readonly bookings: BookingRepository,
    private readonly waitlist: WaitlistRepository,
    private readonly eligibility: Eligibility,
    private readonly lifecycle: BookingLifecycle,
    private readonly codes: CheckInCodes,
    private readonly outbox: OutboxWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A verified producer holds a stall. Two guarantees come from PostgreSQL rather than from this
   * code: one live booking per stall (the partial unique index decides races) and the per-producer
   * limit (the count runs under a (fair, producer) advisory lock).
   */
  hold(actor: Actor, fairId: string, stallId: string, idempotencyKey?: string): Promise<BookingView> {
    const producerId = actor.organizationId!;
    // An empty header is a key of length 0 (400), not the absence of one.
    const scope =
      idempotencyKey === undefined
        ? undefined
        : {
            userId: actor.userId,
            key: idempotencyKey,
            fingerprint: fingerprintOf('POST', '/fairs/:id/bookings', fairId, { stallId }),
          };
    return this.uow.run((tx) =>
      this.idempotency.once(tx, scope, async () => {
        const fair = requireVisible(await this.fairs.lockForBooking(tx, fairId), actor);
        const now = this.clock.now();
        assertBookable(fair, now);
        const stall = await this.stalls.findInFair(tx, fairId, stallId);
        if (!stall) throw FairErrors.STALL_NOT_FOUND();
        await this.bookings.lockProducerInFair(tx, fairId, producerId);
        assertNoViolations(await this.eligibility.violations(tx, fair, producerId, now));
        if (stall.liveStatus) throw FairErrors.STALL_TAKEN();
        const expiresAt = holdExpiry(now, this.config.stallHoldSeconds);
        const booking = await this.bookings.insertHold(tx, {
          fairId,
          stallId,
          producerId,
          amountVnd: stall.priceVnd,
          holdExpiresAt: expiresAt,
          createdAt: now,
        });
        if (!booking) throw FairErrors.STALL_TAKEN();
        this.outbox.add(tx, [bookingEvent(FAIR_EVENT_TYPES.bookingHeld, { fair, stall, booking })]);
        this.lifecycle.scheduleExpiryAfterCommit(tx, booking.id, expiresAt);
        return toBookingView({ ...booking, stallCode: stall.code, organizerId: fair.organizerId });
      }),
    );
  }

  get(actor: Actor, id: string): Promise<BookingView> {
    return this.uow.run(async (tx) => {
      const booking = await this.bookings.findDetail(tx, id);
      if (!booking || relationTo(actor, booking) === 'none') throw FairErrors.BOOKING_NOT_FOUND();
      return this.viewFor(actor, booking);
    });
  }

  /** Producers see their own bookings, organizers the bookings of their fairs, administrators all. */
  list(
    actor: Actor,
    filter: { fairId?: string; status?: BookingStatus; limit: number; cursor?: string },
  ): Promise<Page<BookingView>> {
    const position = decodeCursor(filter.cursor, ['timestamp', 'uuid']);
    return this.uow.run(async (tx) => {
      const rows = await this.bookings.findPage(tx, {
        producerId: actor.role === 'producer' ? actor.organizationId! : undefined,
        organizerId: actor.role === 'organizer' ? actor.organizationId! : undefined,
        fairId: filter.fairId,
        status: filter.status,
        after: position && { createdAt: position[0], id: position[1] },
        limit: filter.limit,
      });
      return pageOf(
        rows,
        filter.limit,
        (booking) => this.viewFor(actor, booking),
        (booking) => [booking.createdAt.toISOString(), booking.id],
      );
    });
  }

  /**
   * The fair's organizer confirms a held free stall. A stall with a fee is
   * confirmed only by its payment (FairsFacade.confirmBookingPaid), so that no fee is counted as
   * revenue before the money has arrived; here such a booking answers 200 once paid, 409 before.
   */
  confirm(actor: Actor, id: string): Promise<BookingView> {
    return this.uow.run(async (tx) => {
      const { fair, booking } = await this.lockBooking(tx, id);
      // Free stalls are the organizer's to give (the contract), so a producer cannot confirm its own
      // hold; an action on another tenant's booking is refused (403), only reading it answers 404.
      if (relationTo(actor, booking) !== 'organizer') throw CommonErrors.FORBIDDEN();
      if (booking.status === 'confirmed') return this.viewFor(actor, booking);
      assertBookingMove(booking.status, 'confirmed');
      const now = this.clock.now();
      assertEditable(fair, now);
      if (holdHasLapsed(booking, now)) throw FairErrors.BOOKING_HOLD_EXPIRED();
      assertFeeSettled(booking);
      return this.viewFor(actor, await this.confirmLocked(tx, fair, booking, now, null, 'organizer'));
    });
  }

  /** Confirms a locked, held booking (fee paid, or none). Shared with FairsFacade.confirmBookingPaid. */
  async confirmLocked(
    tx: Tx,
    fair: Fair,
    booking: BookingDetail,
    now: Date,
    paymentRef: string | null,
    by: 'organizer' | 'payment',
  ): Promise<BookingDetail> {
    await this.bookings.confirm(tx, booking.id, now, paymentRef);
    if (booking.waitlistEntryId)
      await this.waitlist.settleOffer(tx, booking.waitlistEntryId, 'fulfilled', now);
    const confirmed: BookingDetail = {
      ...booking,
      status: 'confirmed',
      confirmedAt: now,
      holdExpiresAt: null,
      paymentRef: paymentRef ?? booking.paymentRef,
    };
    this.outbox.add(tx, [
      bookingEvent(
        FAIR_EVENT_TYPES.bookingConfirmed,
        { fair, stall: { id: booking.stallId, code: booking.stallCode }, booking: confirmed },
        { by, paymentRef: confirmed.paymentRef },
      ),
    ]);
    return confirmed;
  }

  /** The producer (own booking) or the fair's organizer cancels; the stall goes to the waitlist. */
  cancel(actor: Actor, id: string): Promise<BookingView> {
    return this.uow.run(async (tx) => {
      const { fair, booking } = await this.lockBooking(tx, id);
      const relation = relationTo(actor, booking);
      // An action on another tenant's booking is refused (403); only reading it answers 404.
      if (relation === 'none' || relation === 'admin') throw CommonErrors.FORBIDDEN();
      assertCancellable(booking);
      const now = this.clock.now();
      // Once the fair is over its bookings are history (and a refund now would pay for days used).
      assertEditable(fair, now);
      const by = relation === 'producer' ? 'producer' : 'organizer';
      await this.bookings.cancel(tx, booking.id, now, by);
      if (booking.waitlistEntryId)
        await this.waitlist.settleOffer(tx, booking.waitlistEntryId, 'lapsed', now);
      const cancelled: BookingDetail = { ...booking, status: 'cancelled', cancelledAt: now, cancelledBy: by };
      const stall = (await this.stalls.findById(tx, booking.stallId))!;
      this.outbox.add(tx, [
        bookingEvent(
          FAIR_EVENT_TYPES.bookingCancelled,
          { fair, stall, booking: cancelled },
          { by, wasConfirmed: booking.status === 'confirmed', paymentRef: booking.paymentRef },
        ),
      ]);
      await this.lifecycle.offerToWaitlist(tx, fair, stall, now, booking.producerId);
      return this.viewFor(actor, cancelled);
    });
  }

  /**
   * The organizer scans the producer's code at the gate: a confirmed booking, on the fair's days,
   * once. A concurrent second scan finds the booking row locked and then already checked in.
   */
  checkIn(actor: Actor, id: string, code: string): Promise<BookingView> {
    return this.uow.run(async (tx) => {
      const { fair, booking } = await this.lockBooking(tx, id);
      // An action on another tenant's booking is refused (403); only reading it answers 404.
      if (relationTo(actor, booking) !== 'organizer') throw CommonErrors.FORBIDDEN();
      if (!this.codes.verify(booking.id, code)) throw FairErrors.CHECK_IN_CODE_INVALID();
      if (booking.checkedInAt) {
        throw FairErrors.ALREADY_CHECKED_IN({ checkedInAt: booking.checkedInAt.toISOString() });
      }
      if (booking.status !== 'confirmed') {
        throw FairErrors.INVALID_TRANSITION({ from: booking.status, to: 'checked_in' });
      }
      const now = this.clock.now();
      if (!isOnFairDays(fair, now)) throw FairErrors.CHECK_IN_OUTSIDE_FAIR_DATES();
      await this.bookings.checkIn(tx, booking.id, now, actor.userId);
      const checkedIn: BookingDetail = { ...booking, checkedInAt: now };
      this.outbox.add(tx, [
        bookingEvent(FAIR_EVENT_TYPES.bookingCheckedIn, {
          fair,
          stall: { id: booking.stallId, code: booking.stallCode },
          booking: checkedIn,
        }),
      ]);
      return this.viewFor(actor, checkedIn);
    });
  }

  /** Locks in the shared order: the fair (shared), then the booking. */
  async lockBooking(tx: Tx, id: string): Promise<{ fair: Fair; booking: BookingDetail }> {
    const fairId = await this.bookings.fairIdOf(tx, id);
    const fair = fairId ? await this.fairs.lockForBooking(tx, fairId) : undefined;
    const booking = fair ? await this.bookings.lockDetail(tx, id) : undefined;
    if (!fair || !booking) throw FairErrors.BOOKING_NOT_FOUND();
    return { fair, booking };
  }

  /** Only the producer who booked sees the check-in code, and only once the stall is confirmed. */
  private viewFor(actor: Actor, booking: BookingDetail): BookingView {
    const showCode =
      booking.status === 'confirmed' &&
      actor.role === 'producer' &&
      actor.organizationId === booking.producerId;
    return toBookingView(booking, showCode ? this.codes.codeFor(booking.id) : undefined);
  }
}
