import { Injectable } from '@nestjs/common';
import { Clock } from '@ocop/clock';
import { Tx } from '@ocop/persistence';
import { BookingStatus } from '../domain/booking';
import { effectiveStatus } from '../domain/fair';
import { BookingRepository } from '../persistence/booking.repository';
import { FairRepository } from '../persistence/fair.repository';
import { BookingLifecycle } from './booking-lifecycle';
import { BookingsService } from './bookings.service';

/** What the payments module needs to charge a stall fee. */
export interface BookingForPayment {
  id: string;
  fairId: string;
  fairName: string;
  stallId: string;
  stallCode: string;
  producerId: string;
  organizerId: string;
  amountVnd: number;
  status: BookingStatus;
  /** Until when the stall is held for payment; null once confirmed, cancelled or expired. */
  holdExpiresAt: Date | null;
  paymentRef: string | null;
}

export type ConfirmPaidOutcome =
  /** The hold became a confirmed booking. */
  | 'confirmed'
  /** It was already confirmed (a repeated payment event): nothing changed. */
  | 'already_confirmed'
  /** The booking was cancelled or had expired before the money arrived: refund it. */
  | 'not_confirmable';

/** What other modules may do with fairs and stall bookings. */
@Injectable()
export class FairsFacade {
  constructor(
    private readonly clock: Clock,
    private readonly fairs: FairRepository,
    private readonly bookings: BookingRepository,
    private readonly service: BookingsService,
    private readonly lifecycle: BookingLifecycle,
  ) {}

  async getBookingForPayment(tx: Tx, bookingId: string): Promise<BookingForPayment | undefined> {
    const booking = await this.bookings.findDetail(tx, bookingId);
    if (!booking) return undefined;
    const fair = (await this.fairs.findById(tx, booking.fairId))!;
    return {
      id: booking.id,
      fairId: booking.fairId,
      fairName: fair.name,
      stallId: booking.stallId,
      stallCode: booking.stallCode,
      producerId: booking.producerId,
      organizerId: booking.organizerId,
      amountVnd: booking.amountVnd,
      status: booking.status,
      holdExpiresAt: booking.status === 'held' ? booking.holdExpiresAt : null,
      paymentRef: booking.paymentRef,
    };
  }

  /**
   * The stall fee has been paid: confirms the hold in the caller's transaction (with its outbox
   * event). A hold whose time ran out but that the sweep has not yet expired still holds the
   * stall, so the payment wins it. Never throws for a booking that cannot be confirmed any more:
   * the outcome says so, and the caller refunds.
   */
  async confirmBookingPaid(
    tx: Tx,
    bookingId: string,
    paymentRef: string,
  ): Promise<{ outcome: ConfirmPaidOutcome; booking: BookingForPayment | undefined }> {
    const fairId = await this.bookings.fairIdOf(tx, bookingId);
    if (!fairId) return { outcome: 'not_confirmable', booking: undefined };
    const fair = (await this.fairs.lockForBooking(tx, fairId))!;
    const booking = (await this.bookings.lockDetail(tx, bookingId))!;
    const now = this.clock.now();
    let outcome: ConfirmPaidOutcome;
    if (booking.status === 'confirmed') outcome = 'already_confirmed';
    else if (booking.status !== 'held' || effectiveStatus(fair, now) !== 'published')
      outcome = 'not_confirmable';
    else {
      await this.service.confirmLocked(tx, fair, booking, now, paymentRef, 'payment');
      outcome = 'confirmed';
    }
    return { outcome, booking: await this.getBookingForPayment(tx, bookingId) };
  }

  /** Expires lapsed holds now (the periodic job does this every minute). Returns how many. */
  sweepExpiredHolds(): Promise<number> {
    return this.lifecycle.sweep();
  }
}
