/** The `ordering` queue and its jobs; the processor refuses names it does not know. */
export const ORDERING_QUEUE = 'ordering';

export interface OrderingJobs {
  /** Expire one supplier order if it is still waiting for the producer (no-op otherwise). */
  'expire-supplier-order': { supplierOrderId: string };
  /** Expire every overdue order and warn producers 6 h before their window closes. */
  sweep: Record<string, never>;
}

export type OrderingJobName = keyof OrderingJobs;
export const ORDERING_JOB_NAMES: OrderingJobName[] = ['expire-supplier-order', 'sweep'];

/** Deterministic, so that scheduling the same expiry twice leaves one job. */
export function expiryJobId(supplierOrderId: string): string {
  return `expire-${supplierOrderId}`;
}
