/** The payments queue and its typed job names; every job is idempotent (it checks before it acts). */
export const PAYMENTS_QUEUE = 'payments';

export interface PaymentJobs {
  /** Apply one recorded Stripe event (jobId = the event id). */
  'stripe-event': { eventId: string };
  /** Make the Stripe Connect transfers of a payout batch. */
  'payout-transfers': { batchId: string };
  /** Notify overdue invoice orders once each. */
  'overdue-sweep': Record<string, never>;
  /** Re-enqueue webhook events recorded while Redis was away. */
  'webhook-sweep': Record<string, never>;
}

export type PaymentJobName = keyof PaymentJobs;
export const PAYMENT_JOB_NAMES: PaymentJobName[] = [
  'stripe-event',
  'payout-transfers',
  'overdue-sweep',
  'webhook-sweep',
];
