/** Where the money of one payable subject (a purchase order or a stall booking) stands. */
export const PAYMENT_STATES = [
  'unpaid',
  'partially_paid',
  'pending',
  'paid',
  'partially_refunded',
  'refunded',
  'failed',
] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

export type PaymentSignal = 'intent_created' | 'succeeded' | 'failed' | 'refunded_part' | 'refunded_all';

/**
 * The payment lifecycle as a table: from → signal → to. Absent entries are ignored rather than
 * refused, because Stripe delivers events late and out of order: a `payment_failed` that arrives
 * after `succeeded` must not move a paid order back, and a retried card can still succeed after a
 * failure.
 */
export const PAYMENT_TRANSITIONS: Record<PaymentState, Partial<Record<PaymentSignal, PaymentState>>> = {
  unpaid: { intent_created: 'pending', succeeded: 'paid', failed: 'failed' },
  // Invoice orders only: their state follows the amounts received (`invoiceState`), never a card signal.
  partially_paid: {},
  pending: { succeeded: 'paid', failed: 'failed' },
  failed: { intent_created: 'pending', succeeded: 'paid' },
  paid: { refunded_part: 'partially_refunded', refunded_all: 'refunded' },
  partially_refunded: { refunded_part: 'partially_refunded', refunded_all: 'refunded' },
  refunded: {},
};

/** The next state, or undefined when the signal must change nothing (late or repeated event). */
export function nextPaymentState(from: PaymentState, signal: PaymentSignal): PaymentState | undefined {
  return PAYMENT_TRANSITIONS[from][signal];
}

/**
 * An invoice order's state from what was received against what is owed now: transfers add up, so
 * part of the amount is `partially_paid`, and an order whose total fell below what was already paid
 * is `paid` (the surplus shows as overpaid).
 */
export function invoiceState(paidVnd: number, owedVnd: number): PaymentState {
  if (paidVnd <= 0) return 'unpaid';
  return paidVnd >= owedVnd ? 'paid' : 'partially_paid';
}

/** States in which the platform holds the buyer's money (refunds are possible). */
export function holdsFunds(state: PaymentState): boolean {
  return state === 'paid' || state === 'partially_refunded';
}

/**
 * What must be refunded in total so that the payer keeps paying only what is still owed: never
 * negative, never more than was paid.
 */
export function refundTarget(paidVnd: number, owedVnd: number): number {
  return Math.max(0, paidVnd - Math.max(0, owedVnd));
}
