import { addDays } from '@ocop/clock';
import { OrderingErrors } from './ordering.errors';

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
