import { Fair, isBookingWindowOpen } from './fair';
import { FairErrors } from './fairs.errors';

export type BookingStatus = 'held' | 'confirmed' | 'cancelled' | 'expired';
export const BOOKING_STATUSES: readonly BookingStatus[] = ['held', 'confirmed', 'cancelled', 'expired'];
/** A live booking occupies its stall; the database allows one per stall. */
export const LIVE_BOOKING_STATUSES: readonly BookingStatus[] = ['held', 'confirmed'];

export type CancelledBy = 'producer' | 'organizer' | 'fair_cancelled';

export interface Booking {
  id: string;
  fairId: string;
  stallId: string;
  producerId: string;
  status: BookingStatus;
  amountVnd: number;
  holdExpiresAt: Date | null;
  waitlistEntryId: string | null;
  paymentRef: string | null;
  confirmedAt: Date | null;
  cancelledAt: Date | null;
  cancelledBy: CancelledBy | null;
  expiredAt: Date | null;
  checkedInAt: Date | null;
  createdAt: Date;
}

/**
 * The booking state machine: a hold is confirmed (its fee paid, or by the organizer for a free
 * stall), cancelled or expires; a confirmed booking can still be cancelled (which frees the stall).
 * Check-in is not a state of its own: it marks a confirmed booking once.
 */
const BOOKING_TRANSITIONS: Record<BookingStatus, readonly BookingStatus[]> = {
  held: ['confirmed', 'cancelled', 'expired'],
  confirmed: ['cancelled'],
  cancelled: [],
  expired: [],
};

export function canMoveBooking(from: BookingStatus, to: BookingStatus): boolean {
  return BOOKING_TRANSITIONS[from].includes(to);
}

export function assertBookingMove(from: BookingStatus, to: BookingStatus): void {
  if (!canMoveBooking(from, to)) throw FairErrors.INVALID_TRANSITION({ from, to });
}

export function isLive(status: BookingStatus): boolean {
  return LIVE_BOOKING_STATUSES.includes(status);
}

/** A hold whose time has passed is as good as expired, even before the sweep has recorded it. */
export function holdHasLapsed(booking: Pick<Booking, 'status' | 'holdExpiresAt'>, now: Date): boolean {
  return booking.status === 'held' && booking.holdExpiresAt !== null && booking.holdExpiresAt <= now;
}

export function assertCancellable(booking: Pick<Booking, 'status' | 'checkedInAt'>): void {
  assertBookingMove(booking.status, 'cancelled');
  // A producer who has checked in has used the stall; cancelling now would only falsify the records.
  if (booking.checkedInAt) throw FairErrors.INVALID_TRANSITION({ from: 'checked_in', to: 'cancelled' });
}

/** Only a free stall is confirmed without a payment; a stall fee is never waived by confirming. */
export function assertFeeSettled(booking: Pick<Booking, 'amountVnd'>): void {
  if (booking.amountVnd > 0) throw FairErrors.STALL_FEE_UNPAID({ amountVnd: booking.amountVnd });
}

export type RuleName = 'verified_producer' | 'min_stars' | 'max_stalls_per_producer';

export interface RuleViolation {
  rule: RuleName;
  required?: number | string;
  actual?: number | string | null;
}

export interface Eligibility {
  producerStatus: string;
  /** Stars of the producer's best product with a valid OCOP certificate; null when none. */
  bestStars: number | null;
  /** Live bookings the producer already has in this fair. */
  liveBookings: number;
}

/** The fair's rules as they apply to one producer; an empty list means eligible. */
export function ruleViolations(fair: Pick<Fair, 'rules'>, eligibility: Eligibility): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (eligibility.producerStatus !== 'verified') {
    violations.push({ rule: 'verified_producer', required: 'verified', actual: eligibility.producerStatus });
  }
  const { minStars, maxStallsPerProducer } = fair.rules;
  if (minStars !== null && (eligibility.bestStars ?? 0) < minStars) {
    violations.push({ rule: 'min_stars', required: minStars, actual: eligibility.bestStars });
  }
  if (maxStallsPerProducer !== null && eligibility.liveBookings >= maxStallsPerProducer) {
    violations.push({
      rule: 'max_stalls_per_producer',
      required: maxStallsPerProducer,
      actual: eligibility.liveBookings,
    });
  }
  return violations;
}

export function assertNoViolations(violations: RuleViolation[]): void {
  if (violations.length > 0) {
    throw FairErrors.BOOKING_RULE_VIOLATED({
      list: violations.map((v) => v.rule).join(', '),
      violations,
    });
  }
}

/** The fair accepts bookings now: published, and within its booking window. */
export function assertBookable(fair: Pick<Fair, 'status' | 'bookingOpensAt' | 'bookingClosesAt'>, now: Date) {
  if (fair.status !== 'published') throw FairErrors.FAIR_NOT_PUBLISHED({ status: fair.status });
  if (!isBookingWindowOpen(fair, now)) {
    throw FairErrors.BOOKING_CLOSED({
      opensAt: fair.bookingOpensAt.toISOString(),
      closesAt: fair.bookingClosesAt.toISOString(),
    });
  }
}

export function holdExpiry(now: Date, holdSeconds: number): Date {
  return new Date(now.getTime() + holdSeconds * 1000);
}

/** The stall's availability as the public sees it: never who holds it. */
export type StallAvailability = 'available' | 'held' | 'booked';
export const STALL_AVAILABILITIES: readonly StallAvailability[] = ['available', 'held', 'booked'];

/**
 * The contract's three values describe the stall's bookings only: a stall of a cancelled or ended
 * fair with none is `available` as a stall, and the fair's own status says it cannot be booked.
 */
export function availabilityOf(liveStatus: BookingStatus | null): StallAvailability {
  if (liveStatus === 'held') return 'held';
  if (liveStatus === 'confirmed') return 'booked';
  return 'available';
}

/** Whether a released stall matches what a waiting producer asked for (no wish matches all). */
export function matchesWish(
  stall: { zone: string | null; kind: string },
  wish: { zone: string | null; kind: string | null },
): boolean {
  const zoneOk = wish.zone === null || (stall.zone ?? '').toUpperCase() === wish.zone.toUpperCase();
  const kindOk = wish.kind === null || stall.kind === wish.kind;
  return zoneOk && kindOk;
}

export const STALL_KINDS = ['standard', 'corner', 'food', 'premium', 'outdoor'] as const;
export type StallKind = (typeof STALL_KINDS)[number];
