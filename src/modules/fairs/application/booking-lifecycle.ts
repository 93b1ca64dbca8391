import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '@ocop/clock';
import { OutboxWriter, Tx, UnitOfWork } from '@ocop/persistence';
import { APP_CONFIG, AppConfig } from '../../../config';
import { holdExpiry, holdHasLapsed, matchesWish } from '../domain/booking';
import { Fair, isBookingWindowOpen } from '../domain/fair';
import { bookingEvent, FAIR_EVENT_TYPES } from '../domain/fair-events';
import { FairsQueue } from '../jobs/fairs-queue';
import { BookingRepository } from '../persistence/booking.repository';
import { FairRepository } from '../persistence/fair.repository';
import { Stall, StallRepository } from '../persistence/stall.repository';
import { WaitlistRepository } from '../persistence/waitlist.repository';
import { Eligibility } from './eligibility';

/**
 * What happens when a stall frees up or a hold runs out: the waitlist offer, expiry by the delayed
 * job and by the sweep. Shared by the booking use cases, the fair's cancellation and the jobs.
 *
 * Lock order everywhere: the fair row (FOR SHARE, or FOR UPDATE to cancel the fair), then booking
 * rows, then the (fair, producer) advisory lock, then waitlist entries.
 */
@Injectable()
export class BookingLifecycle {
  private readonly logger = new Logger(BookingLifecycle.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly fairs: FairRepository,
    private readonly stalls: StallRepository,
    private readonly bookings: BookingRepository,
    private readonly waitlist: WaitlistRepository,
    private readonly eligibility: Eligibility,
    private readonly outbox: OutboxWriter,
    private readonly queue: FairsQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Schedules the delayed expiry once the transaction placing the hold has committed. */
  scheduleExpiryAfterCommit(tx: Tx, bookingId: string, expiresAt: Date): void {
    tx.afterCommit(() => this.queue.scheduleHoldExpiry(bookingId, expiresAt));
  }

  /**
   * The stall has just been freed (in this transaction): the first waiting producer whose wish it
   * matches and who still meets the fair's rules gets a hold on it. The producer whose booking just
   * ended is passed over. Nothing is offered once bookings have closed.
   */
  async offerToWaitlist(tx: Tx, fair: Fair, stall: Stall, now: Date, releasedBy: string): Promise<void> {
    if (fair.status !== 'published' || !isBookingWindowOpen(fair, now)) return;
    for (const entry of await this.waitlist.listWaiting(tx, fair.id)) {
      if (entry.producerId === releasedBy || !matchesWish(stall, entry)) continue;
      if (!(await this.waitlist.lockIfWaiting(tx, entry.id))) continue;
      await this.bookings.lockProducerInFair(tx, fair.id, entry.producerId);
      const violations = await this.eligibility.violations(tx, fair, entry.producerId, now);
      if (violations.length > 0) continue;
      const expiresAt = holdExpiry(now, this.config.stallHoldSeconds);
      const booking = await this.bookings.insertHold(tx, {
        fairId: fair.id,
        stallId: stall.id,
        producerId: entry.producerId,
        amountVnd: stall.priceVnd,
        holdExpiresAt: expiresAt,
        waitlistEntryId: entry.id,
        createdAt: now,
      });
      // Someone booked the stall between its release and this offer: the queue keeps its order.
      if (!booking) return;
      await this.waitlist.markOffered(tx, entry.id, booking.id, now);
      this.outbox.add(tx, [
        bookingEvent(
          FAIR_EVENT_TYPES.bookingWaitlistOffer,
          { fair, stall, booking },
          { waitlistEntryId: entry.id },
        ),
      ]);
      this.scheduleExpiryAfterCommit(tx, booking.id, expiresAt);
      return;
    }
  }

  /**
   * Expires one hold if its time has passed. Safe to run any number of times, concurrently too:
   * the booking row is locked and only a still-held, lapsed booking changes.
   */
  expireHold(bookingId: string): Promise<boolean> {
    return this.uow.run(async (tx) => {
      const fairId = await this.bookings.fairIdOf(tx, bookingId);
      if (!fairId) return false;
      const fair = await this.fairs.lockForBooking(tx, fairId);
      const booking = await this.bookings.lockDetail(tx, bookingId);
      const now = this.clock.now();
      if (!fair || !booking || !holdHasLapsed(booking, now)) return false;
      await this.bookings.expire(tx, booking.id, now);
      if (booking.waitlistEntryId)
        await this.waitlist.settleOffer(tx, booking.waitlistEntryId, 'lapsed', now);
      const stall = (await this.stalls.findById(tx, booking.stallId))!;
      this.outbox.add(tx, [
        bookingEvent(
          FAIR_EVENT_TYPES.bookingExpired,
          { fair, stall, booking: { ...booking, status: 'expired' } },
          { by: 'system' },
        ),
      ]);
      await this.offerToWaitlist(tx, fair, stall, now, booking.producerId);
      return true;
    });
  }

  /**
   * Expires every lapsed hold (each in its own transaction, so one failure does not block the
   * rest) and closes published fairs that have ended. Returns the number of holds expired.
   */
  async sweep(batchSize = 500): Promise<number> {
    const now = this.clock.now();
    let expired = 0;
    for (;;) {
      const ids = await this.uow.run((tx) => this.bookings.findLapsedHolds(tx, now, batchSize));
      let progressed = 0;
      for (const id of ids) {
        try {
          if (await this.expireHold(id)) progressed++;
        } catch (error) {
          this.logger.warn({ err: error, bookingId: id }, 'could not expire a hold; the next sweep retries');
        }
      }
      expired += progressed;
      if (ids.length < batchSize || progressed === 0) break;
    }
    await this.uow.run((tx) => this.fairs.closeEnded(tx, now));
    return expired;
  }
}
