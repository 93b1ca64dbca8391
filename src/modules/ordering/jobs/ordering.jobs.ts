import { createHash } from 'node:crypto';

/** The `ordering` queue and its jobs; the processor refuses names it does not know. */
export const ORDERING_QUEUE = 'ordering';

export interface OrderingJobs {
  /**
   * Expire each of these supplier orders that is still waiting for its producer (no-op for the
   * others): the orders placed within a few milliseconds of each other, whose windows close together.
   */
  'expire-supplier-orders': { supplierOrderIds: string[] };
  /** Expire every overdue order and warn producers 6 h before their window closes. */
  sweep: Record<string, never>;
}

export type OrderingJobName = keyof OrderingJobs;
export const ORDERING_JOB_NAMES: OrderingJobName[] = ['expire-supplier-orders', 'sweep'];

/** Deterministic, so that scheduling the same expiries twice leaves one job. */
export function expiryJobId(supplierOrderIds: string[]): string {
  const digest = createHash('sha256')
    .update([...supplierOrderIds].sort().join(','))
    .digest('hex');
  return `expire-${digest.slice(0, 32)}`;
}
