import { OrderingErrors } from './ordering.errors';

export const SUPPLIER_ORDER_STATUSES = [
  'placed',
  'accepted',
  'shipped',
  'delivered',
  'rejected',
  'cancelled',
  'expired',
] as const;
export type SupplierOrderStatus = (typeof SUPPLIER_ORDER_STATUSES)[number];

export type SupplierOrderAction = 'accept' | 'reject' | 'ship' | 'deliver' | 'cancel' | 'expire';

/** Who may ask for a move: the producer works the order, the buyer confirms or cancels, time expires it. */
export const ACTION_PARTY: Record<SupplierOrderAction, 'producer' | 'buyer' | 'system'> = {
  accept: 'producer',
  reject: 'producer',
  ship: 'producer',
  deliver: 'buyer',
  cancel: 'buyer',
  expire: 'system',
};

/** The supplier order lifecycle as a table: from → action → to. Everything absent is illegal. */
export const SUPPLIER_ORDER_TRANSITIONS: Record<
  SupplierOrderStatus,
  Partial<Record<SupplierOrderAction, SupplierOrderStatus>>
> = {
  placed: { accept: 'accepted', reject: 'rejected', cancel: 'cancelled', expire: 'expired' },
  accepted: { ship: 'shipped', cancel: 'cancelled' },
  shipped: { deliver: 'delivered' },
  delivered: {},
  rejected: {},
  cancelled: {},
  expired: {},
};

const TARGET_OF: Record<SupplierOrderAction, SupplierOrderStatus> = {
  accept: 'accepted',
  reject: 'rejected',
  ship: 'shipped',
  deliver: 'delivered',
  cancel: 'cancelled',
  expire: 'expired',
};

export function canTransition(from: SupplierOrderStatus, action: SupplierOrderAction): boolean {
  return SUPPLIER_ORDER_TRANSITIONS[from][action] !== undefined;
}

/** The status after `action`, or 409 INVALID_TRANSITION. */
export function transition(from: SupplierOrderStatus, action: SupplierOrderAction): SupplierOrderStatus {
  const to = SUPPLIER_ORDER_TRANSITIONS[from][action];
  if (!to) throw OrderingErrors.INVALID_TRANSITION({ from, to: TARGET_OF[action] });
  return to;
}

/** States in which the order still holds reserved stock (released on reject/cancel/expire). */
export const HOLDS_RESERVATION: ReadonlySet<SupplierOrderStatus> = new Set(['placed', 'accepted']);

/** Orders that no longer count towards the purchase order's totals. */
export const DROPPED: ReadonlySet<SupplierOrderStatus> = new Set(['rejected', 'cancelled', 'expired']);

export const PURCHASE_ORDER_STATUSES = [
  'placed',
  'partially_accepted',
  'accepted',
  'shipped',
  'partially_delivered',
  'delivered',
  'cancelled',
  'rejected',
  'expired',
] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

/**
 * The purchase order's status follows from its supplier orders. Dropped supplier orders (rejected,
 * cancelled, expired) are ignored while any other remains; when all are dropped the buyer's own
 * cancellation wins, then rejection, then expiry.
 */
export function derivePurchaseOrderStatus(statuses: SupplierOrderStatus[]): PurchaseOrderStatus {
  const live = statuses.filter((status) => !DROPPED.has(status));
  if (live.length === 0) {
    if (statuses.includes('cancelled')) return 'cancelled';
    if (statuses.includes('rejected')) return 'rejected';
    return 'expired';
  }
  const count = (status: SupplierOrderStatus) => live.filter((s) => s === status).length;
  if (count('delivered') === live.length) return 'delivered';
  if (count('delivered') > 0 && count('delivered') + count('shipped') === live.length) {
    return 'partially_delivered';
  }
  if (count('shipped') + count('delivered') === live.length) return 'shipped';
  if (count('placed') === live.length) return 'placed';
  if (count('placed') > 0) return 'partially_accepted';
  return 'accepted';
}
