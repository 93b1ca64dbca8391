import { vietnamDate } from '@ocop/clock';
import { CommonErrors, FieldError } from '@ocop/errors';
import { FairErrors } from './fairs.errors';

export type FairStatus = 'draft' | 'published' | 'closed' | 'cancelled';
export const FAIR_STATUSES: readonly FairStatus[] = ['draft', 'published', 'closed', 'cancelled'];

/** Statuses that occupy their venue and may still change. */
export const LIVE_FAIR_STATUSES: readonly FairStatus[] = ['draft', 'published'];
/** Statuses anyone may see; a draft is visible only to its organizer. */
export const PUBLIC_FAIR_STATUSES: readonly FairStatus[] = ['published', 'closed', 'cancelled'];

export interface FairRules {
  minStars: number | null;
  maxStallsPerProducer: number | null;
}

export interface FairSchedule {
  startsAt: Date;
  endsAt: Date;
  bookingOpensAt: Date;
  bookingClosesAt: Date;
}

export interface Fair extends FairSchedule {
  id: string;
  organizerId: string;
  name: string;
  venue: string;
  communeCode: string;
  provinceCode: string;
  rules: FairRules;
  status: FairStatus;
  publishedAt: Date | null;
  cancelledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A fair may run at most this long: a longer one would block its venue for no real event. */
export const MAX_FAIR_DAYS = 90;

/**
 * The schedule's own consistency (400 with every bad field named): the fair ends after it starts,
 * the booking window opens before it closes and closes no later than the fair ends.
 */
export function validateSchedule(schedule: FairSchedule): void {
  const errors: FieldError[] = [];
  const { startsAt, endsAt, bookingOpensAt, bookingClosesAt } = schedule;
  if (endsAt <= startsAt) errors.push({ field: 'endsAt', message: 'endsAt must be after startsAt' });
  if (endsAt.getTime() - startsAt.getTime() > MAX_FAIR_DAYS * 86_400_000) {
    errors.push({ field: 'endsAt', message: `a fair lasts at most ${MAX_FAIR_DAYS} days` });
  }
  if (bookingClosesAt <= bookingOpensAt) {
    errors.push({ field: 'bookingClosesAt', message: 'bookingClosesAt must be after bookingOpensAt' });
  }
  if (bookingClosesAt > endsAt) {
    errors.push({ field: 'bookingClosesAt', message: 'bookingClosesAt must not be after endsAt' });
  }
  if (errors.length > 0) throw CommonErrors.VALIDATION_FAILED({}, errors);
}

/** Fair lifecycle: which moves the organizer (or time, for `closed`) may make. */
const FAIR_TRANSITIONS: Record<FairStatus, readonly FairStatus[]> = {
  draft: ['published', 'cancelled'],
  published: ['cancelled', 'closed'],
  closed: [],
  cancelled: [],
};

export function canMoveFair(from: FairStatus, to: FairStatus): boolean {
  return FAIR_TRANSITIONS[from].includes(to);
}

export function assertFairMove(from: FairStatus, to: FairStatus): void {
  if (!canMoveFair(from, to)) throw FairErrors.INVALID_TRANSITION({ from, to });
}

/**
 * A published fair whose end has passed is over, even before the periodic job records it as
 * `closed`: every write must answer as it will once the job has run.
 */
export function effectiveStatus(fair: Pick<Fair, 'status' | 'endsAt'>, now: Date): FairStatus {
  return fair.status === 'published' && fair.endsAt <= now ? 'closed' : fair.status;
}

/** Renaming, rescheduling and moving bookings are for fairs that have not ended or been called off. */
export function assertEditable(fair: Pick<Fair, 'status' | 'endsAt'>, now: Date): void {
  const status = effectiveStatus(fair, now);
  if (!LIVE_FAIR_STATUSES.includes(status)) throw FairErrors.FAIR_NOT_EDITABLE({ status });
}

/**
 * A fair's dates must lie ahead when they are set: a start already gone could never be honoured
 * (producers booked for the announced days), and a fair already over is no fair at all.
 */
export function assertScheduleAhead(
  schedule: Pick<FairSchedule, 'startsAt' | 'endsAt'>,
  now: Date,
  options: { startSet: boolean },
): void {
  if (schedule.endsAt <= now) throw FairErrors.FAIR_ALREADY_ENDED();
  if (options.startSet && schedule.startsAt <= now) {
    throw FairErrors.FAIR_START_IN_PAST({ startsAt: schedule.startsAt.toISOString() }, [
      { field: 'startsAt', message: 'startsAt must be in the future' },
    ]);
  }
}

export function isBookingWindowOpen(
  fair: Pick<FairSchedule, 'bookingOpensAt' | 'bookingClosesAt'>,
  now: Date,
): boolean {
  return now >= fair.bookingOpensAt && now < fair.bookingClosesAt;
}

/**
 * Check-in happens on the fair's calendar days in Asia/Ho_Chi_Minh (producers arrive before the
 * opening hour to set up), from the first day to the last.
 */
export function isOnFairDays(fair: Pick<FairSchedule, 'startsAt' | 'endsAt'>, now: Date): boolean {
  const today = vietnamDate(now);
  // The end instant is exclusive: a fair ending at midnight does not run on the next day.
  const lastDay = vietnamDate(new Date(fair.endsAt.getTime() - 1));
  return today >= vietnamDate(fair.startsAt) && today <= lastDay;
}

/** Vietnam calendar days (YYYY-MM-DD) a fair runs on, limited to those within [fromDay, toDay]. */
export function fairDaysWithin(
  fair: Pick<FairSchedule, 'startsAt' | 'endsAt'>,
  fromDay: string,
  toDay: string,
): string[] {
  const first = vietnamDate(fair.startsAt);
  const last = vietnamDate(new Date(fair.endsAt.getTime() - 1));
  const days: string[] = [];
  const cursor = new Date(`${first > fromDay ? first : fromDay}T00:00:00.000Z`);
  const end = last < toDay ? last : toDay;
  while (cursor.toISOString().slice(0, 10) <= end) {
    days.push(cursor.toISOString().slice(0, 10));
    cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  return days;
}

/** The instant a Vietnam calendar day starts (UTC+7, no daylight saving). */
export function vietnamDayStart(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000+07:00`);
}
