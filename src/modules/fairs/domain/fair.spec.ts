import { DomainError } from '@ocop/errors';
import {
  assertEditable,
  assertScheduleAhead,
  canMoveFair,
  effectiveStatus,
  FAIR_STATUSES,
  FairStatus,
  fairDaysWithin,
  isOnFairDays,
  validateSchedule,
  vietnamDayStart,
} from './fair';

const at = (iso: string) => new Date(iso);

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).fieldErrors.map((e) => e.field);
  }
  return [];
}

describe('fair schedule', () => {
  const good = {
    startsAt: at('2027-01-15T01:00:00Z'),
    endsAt: at('2027-01-19T14:00:00Z'),
    bookingOpensAt: at('2026-12-01T01:00:00Z'),
    bookingClosesAt: at('2027-01-10T17:00:00Z'),
  };

  it('accepts a consistent schedule, with bookings allowed to close exactly at the end', () => {
    expect(fieldsOf(() => validateSchedule(good))).toEqual([]);
    expect(fieldsOf(() => validateSchedule({ ...good, bookingClosesAt: good.endsAt }))).toEqual([]);
  });

  it('names every inconsistent field', () => {
    expect(fieldsOf(() => validateSchedule({ ...good, endsAt: good.startsAt }))).toContain('endsAt');
    expect(
      fieldsOf(() => validateSchedule({ ...good, bookingClosesAt: at('2027-01-20T00:00:00Z') })),
    ).toEqual(['bookingClosesAt']);
    expect(fieldsOf(() => validateSchedule({ ...good, bookingOpensAt: good.bookingClosesAt }))).toEqual([
      'bookingClosesAt',
    ]);
    expect(fieldsOf(() => validateSchedule({ ...good, endsAt: at('2027-06-01T00:00:00Z') }))).toEqual([
      'endsAt',
    ]);
  });
});

describe('fair lifecycle', () => {
  const allowed: Array<[FairStatus, FairStatus]> = [
    ['draft', 'published'],
    ['draft', 'cancelled'],
    ['published', 'cancelled'],
    ['published', 'closed'],
  ];

  it.each(FAIR_STATUSES.flatMap((from) => FAIR_STATUSES.map((to) => [from, to] as const)))(
    '%s → %s',
    (from, to) => {
      expect(canMoveFair(from, to)).toBe(allowed.some(([f, t]) => f === from && t === to));
    },
  );

  it('edits only live fairs, and a published fair only until it ends, job or no job', () => {
    const endsAt = at('2026-12-20T14:00:00Z');
    const before = at('2026-12-20T13:59:59Z');
    expect(() => assertEditable({ status: 'draft', endsAt }, before)).not.toThrow();
    expect(() => assertEditable({ status: 'published', endsAt }, before)).not.toThrow();
    expect(() => assertEditable({ status: 'cancelled', endsAt }, before)).toThrow('FAIR_NOT_EDITABLE');
    expect(() => assertEditable({ status: 'closed', endsAt }, before)).toThrow('FAIR_NOT_EDITABLE');
    expect(() => assertEditable({ status: 'published', endsAt }, endsAt)).toThrow('FAIR_NOT_EDITABLE');
    expect(effectiveStatus({ status: 'published', endsAt }, endsAt)).toBe('closed');
  });

  it('wants a schedule set ahead: an end already gone, or a start when it is set', () => {
    const schedule = { startsAt: at('2026-12-18T01:00:00Z'), endsAt: at('2026-12-20T14:00:00Z') };
    const running = at('2026-12-19T00:00:00Z');
    expect(() => assertScheduleAhead(schedule, running, { startSet: true })).toThrow('FAIR_START_IN_PAST');
    expect(() => assertScheduleAhead(schedule, running, { startSet: false })).not.toThrow();
    expect(() => assertScheduleAhead(schedule, schedule.endsAt, { startSet: false })).toThrow(
      'FAIR_ALREADY_ENDED',
    );
    expect(() => assertScheduleAhead(schedule, at('2026-12-01T00:00:00Z'), { startSet: true })).not.toThrow();
  });
});

describe('fair days in Asia/Ho_Chi_Minh', () => {
  // 08:00 on 18 Dec to 21:00 on 20 Dec, Vietnam time.
  const fair = { startsAt: at('2026-12-18T01:00:00Z'), endsAt: at('2026-12-20T14:00:00Z') };

  it('allows check-in from the first morning to the last evening, not the day before or after', () => {
    expect(isOnFairDays(fair, at('2026-12-17T16:59:59Z'))).toBe(false); // 23:59:59 on the 17th
    expect(isOnFairDays(fair, at('2026-12-17T17:00:00Z'))).toBe(true); // 00:00 on the 18th
    expect(isOnFairDays(fair, at('2026-12-20T16:59:59Z'))).toBe(true); // 23:59:59 on the 20th
    expect(isOnFairDays(fair, at('2026-12-20T17:00:00Z'))).toBe(false);
  });

  it('lists the days a fair runs on within a range, a midnight end excluded', () => {
    expect(fairDaysWithin(fair, '2026-12-01', '2026-12-31')).toEqual([
      '2026-12-18',
      '2026-12-19',
      '2026-12-20',
    ]);
    expect(fairDaysWithin(fair, '2026-12-19', '2026-12-19')).toEqual(['2026-12-19']);
    const untilMidnight = { startsAt: vietnamDayStart('2026-12-30'), endsAt: vietnamDayStart('2027-01-02') };
    expect(fairDaysWithin(untilMidnight, '2026-12-01', '2026-12-31')).toEqual(['2026-12-30', '2026-12-31']);
    expect(fairDaysWithin(untilMidnight, '2027-01-01', '2027-01-31')).toEqual(['2027-01-01']);
  });
});
