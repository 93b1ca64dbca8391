import { DomainError } from '@ocop/errors';
import {
  assertBookable,
  assertCancellable,
  assertFeeSettled,
  availabilityOf,
  BOOKING_STATUSES,
  BookingStatus,
  canMoveBooking,
  holdExpiry,
  holdHasLapsed,
  matchesWish,
  ruleViolations,
} from './booking';

const at = (iso: string) => new Date(iso);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).code;
  }
  return undefined;
}

describe('booking state machine', () => {
  const allowed: Array<[BookingStatus, BookingStatus]> = [
    ['held', 'confirmed'],
    ['held', 'cancelled'],
    ['held', 'expired'],
    ['confirmed', 'cancelled'],
  ];

  it.each(BOOKING_STATUSES.flatMap((from) => BOOKING_STATUSES.map((to) => [from, to] as const)))(
    '%s → %s',
    (from, to) => {
      const expected = allowed.some(([f, t]) => f === from && t === to);
      expect(canMoveBooking(from, to)).toBe(expected);
    },
  );

  it('never brings an expired or cancelled booking back', () => {
    for (const to of BOOKING_STATUSES) {
      expect(canMoveBooking('expired', to)).toBe(false);
      expect(canMoveBooking('cancelled', to)).toBe(false);
    }
  });

  it('refuses to cancel a checked-in booking or one already over', () => {
    expect(
      codeOf(() => assertCancellable({ status: 'confirmed', checkedInAt: at('2026-12-01T02:00:00Z') })),
    ).toBe('INVALID_TRANSITION');
    expect(codeOf(() => assertCancellable({ status: 'expired', checkedInAt: null }))).toBe(
      'INVALID_TRANSITION',
    );
    expect(codeOf(() => assertCancellable({ status: 'held', checkedInAt: null }))).toBeUndefined();
    expect(codeOf(() => assertCancellable({ status: 'confirmed', checkedInAt: null }))).toBeUndefined();
  });

  it('confirms without a payment only a free stall', () => {
    expect(codeOf(() => assertFeeSettled({ amountVnd: 0 }))).toBeUndefined();
    expect(codeOf(() => assertFeeSettled({ amountVnd: 1 }))).toBe('STALL_FEE_UNPAID');
    expect(codeOf(() => assertFeeSettled({ amountVnd: 10_000_000_000_000 }))).toBe('STALL_FEE_UNPAID');
  });

  it('treats a hold as lapsed from its expiry instant on', () => {
    const now = at('2026-11-29T10:00:00Z');
    const expiresAt = holdExpiry(now, 900);
    expect(expiresAt.toISOString()).toBe('2026-11-29T10:15:00.000Z');
    expect(holdHasLapsed({ status: 'held', holdExpiresAt: expiresAt }, at('2026-11-29T10:14:59.999Z'))).toBe(
      false,
    );
    expect(holdHasLapsed({ status: 'held', holdExpiresAt: expiresAt }, expiresAt)).toBe(true);
    expect(holdHasLapsed({ status: 'confirmed', holdExpiresAt: expiresAt }, at('2026-11-30T00:00:00Z'))).toBe(
      false,
    );
  });

  it('shows availability without saying who booked', () => {
    expect(availabilityOf(null)).toBe('available');
    expect(availabilityOf('held')).toBe('held');
    expect(availabilityOf('confirmed')).toBe('booked');
  });
});

describe('booking rules', () => {
  const fair = (minStars: number | null, maxStallsPerProducer: number | null) => ({
    rules: { minStars, maxStallsPerProducer },
  });
  const eligible = { producerStatus: 'verified', bestStars: 4, liveBookings: 0 };

  it('accepts a verified producer meeting every rule', () => {
    expect(ruleViolations(fair(3, 2), eligible)).toEqual([]);
    expect(ruleViolations(fair(null, null), { ...eligible, bestStars: null })).toEqual([]);
  });

  it('always requires a verified producer', () => {
    expect(ruleViolations(fair(null, null), { ...eligible, producerStatus: 'pending' })).toEqual([
      { rule: 'verified_producer', required: 'verified', actual: 'pending' },
    ]);
  });

  it('compares the best valid certificate with the minimum stars; no certificate counts as none', () => {
    expect(ruleViolations(fair(4, null), { ...eligible, bestStars: 3 })).toEqual([
      { rule: 'min_stars', required: 4, actual: 3 },
    ]);
    expect(ruleViolations(fair(1, null), { ...eligible, bestStars: null })).toEqual([
      { rule: 'min_stars', required: 1, actual: null },
    ]);
    expect(ruleViolations(fair(4, null), { ...eligible, bestStars: 4 })).toEqual([]);
  });

  it('counts live bookings against the per-producer limit', () => {
    expect(ruleViolations(fair(null, 2), { ...eligible, liveBookings: 1 })).toEqual([]);
    expect(ruleViolations(fair(null, 2), { ...eligible, liveBookings: 2 })).toEqual([
      { rule: 'max_stalls_per_producer', required: 2, actual: 2 },
    ]);
  });

  it('reports every broken rule at once', () => {
    const rules = ruleViolations(fair(5, 1), { producerStatus: 'suspended', bestStars: 3, liveBookings: 1 });
    expect(rules.map((v) => v.rule)).toEqual(['verified_producer', 'min_stars', 'max_stalls_per_producer']);
  });

  it('accepts bookings only for a published fair inside its window', () => {
    const window = {
      bookingOpensAt: at('2026-12-01T00:00:00Z'),
      bookingClosesAt: at('2026-12-10T00:00:00Z'),
    };
    const open = at('2026-12-05T00:00:00Z');
    expect(codeOf(() => assertBookable({ ...window, status: 'published' }, open))).toBeUndefined();
    expect(codeOf(() => assertBookable({ ...window, status: 'draft' }, open))).toBe('FAIR_NOT_PUBLISHED');
    expect(codeOf(() => assertBookable({ ...window, status: 'cancelled' }, open))).toBe('FAIR_NOT_PUBLISHED');
    expect(codeOf(() => assertBookable({ ...window, status: 'published' }, at('2026-11-30T23:59:59Z')))).toBe(
      'BOOKING_CLOSED',
    );
    expect(codeOf(() => assertBookable({ ...window, status: 'published' }, window.bookingClosesAt))).toBe(
      'BOOKING_CLOSED',
    );
    expect(
      codeOf(() => assertBookable({ ...window, status: 'published' }, window.bookingOpensAt)),
    ).toBeUndefined();
  });

  it('matches a freed stall with a waiting producer’s wish', () => {
    const stall = { zone: 'A', kind: 'food' };
    expect(matchesWish(stall, { zone: null, kind: null })).toBe(true);
    expect(matchesWish(stall, { zone: 'a', kind: null })).toBe(true);
    expect(matchesWish(stall, { zone: 'B', kind: null })).toBe(false);
    expect(matchesWish(stall, { zone: null, kind: 'food' })).toBe(true);
    expect(matchesWish(stall, { zone: 'A', kind: 'corner' })).toBe(false);
    expect(matchesWish({ zone: null, kind: 'standard' }, { zone: 'A', kind: null })).toBe(false);
  });
});
