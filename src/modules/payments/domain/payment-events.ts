/** Domain events of payments as written to the outbox (audience: the payer, and producers where relevant). */
export const PAYMENT_EVENT_TYPES = [
  'payment.received',
  'payment.failed',
  'payment.refunded',
  'payment.overdue',
] as const;
export type PaymentEventType = (typeof PAYMENT_EVENT_TYPES)[number];

export interface PaymentEventPayload {
  paymentId: string;
  subjectType: 'purchase_order' | 'booking';
  subjectId: string;
  /** The purchase order number or the booking id, for messages. */
  subjectLabel: string;
  /** The purchase order number (null for stall bookings), as notification templates show it. */
  orderNumber: string | null;
  payerId: string;
  method: 'card' | 'invoice';
  state: string;
  amountVnd: number;
  paidVnd: number;
  refundedVnd: number;
  amountDueVnd: number;
  reference: string;
  dueDate: string | null;
  reason: string | null;
}
