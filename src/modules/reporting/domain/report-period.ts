import { addDays } from '@ocop/clock';
import { ReportingErrors } from './reporting.errors';

/** Sales are reported by calendar day in Asia/Ho_Chi_Minh, both ends included. */
export interface ReportPeriod {
  from: string;
  to: string;
}

/** The longest range a sales report covers in one request (a little over a year and a quarter). */
export const MAX_PERIOD_DAYS = 500;

/**
 * The period asked for, defaulting to the current month so far (in Vietnam) when a bound is
 * missing; `to` before `from` or a range longer than MAX_PERIOD_DAYS is refused.
 */
export function resolvePeriod(today: string, from?: string, to?: string): ReportPeriod {
  const start = from ?? (to ? `${to.slice(0, 7)}-01` : `${today.slice(0, 7)}-01`);
  const end = to ?? (from && from > today ? from : today);
  if (end < start) {
    throw ReportingErrors.REPORT_PERIOD_INVALID({ from: start, to: end }, [
      { field: 'to', message: 'must not be before from' },
    ]);
  }
  if (addDays(start, MAX_PERIOD_DAYS) < end) {
    throw ReportingErrors.REPORT_PERIOD_INVALID({ from: start, to: end }, [
      { field: 'to', message: `must be within ${MAX_PERIOD_DAYS} days of from` },
    ]);
  }
  return { from: start, to: end };
}

/** The certificate watch window: from today through today + days, the last day included. */
export function expiryWindow(today: string, days: number): { first: string; last: string } {
  return { first: today, last: addDays(today, days) };
}
