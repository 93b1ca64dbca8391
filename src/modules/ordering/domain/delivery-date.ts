import { addDays } from '@ocop/clock';
import { OrderingErrors } from './ordering.errors';

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * The delivery date is a day in Asia/Ho_Chi_Minh: not before today there, and at least the longest
 * lead time of the ordered listings ahead (a cooperative needs that long to prepare the goods).
 */
export function checkDeliveryDate(deliveryDate: string, today: string, leadTimeDays: number): void {
  if (deliveryDate < today) throw OrderingErrors.DELIVERY_DATE_IN_PAST({ deliveryDate, today });
  const earliestDate = addDays(today, leadTimeDays);
  if (deliveryDate < earliestDate) {
    throw OrderingErrors.DELIVERY_DATE_TOO_SOON({ deliveryDate, earliestDate, leadTimeDays });
  }
}
