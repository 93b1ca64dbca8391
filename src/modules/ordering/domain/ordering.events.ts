import { PurchaseOrderStatus, SupplierOrderStatus } from './supplier-order-state';

/**
 * Domain events of ordering as written to the outbox (`event_type`, `payload`). Audience: supplier
 * order events go to the producer and the buyer; purchase order events to the buyer.
 */
export const ORDERING_EVENT_TYPES = [
  'purchase_order.placed',
  'purchase_order.accepted',
  'purchase_order.shipped',
  'purchase_order.delivered',
  'purchase_order.cancelled',
  'purchase_order.rejected',
  'purchase_order.expired',
  'supplier_order.placed',
  'supplier_order.accepted',
  'supplier_order.rejected',
  'supplier_order.shipped',
  'supplier_order.delivered',
  'supplier_order.cancelled',
  'supplier_order.expired',
  'supplier_order.expiring_soon',
] as const;
export type OrderingEventType = (typeof ORDERING_EVENT_TYPES)[number];

export interface SupplierOrderLinePayload {
  lineId: string;
  listingId: string;
  productName: string;
  sku: string;
  unit: string;
  quantity: number;
  acceptedQty: number | null;
  unitPriceVnd: number;
  vatRate: number;
  lineTotalVnd: number;
  vatVnd: number;
}

/** `supplier_order.placed`: a new order for a producer (audience [producerId]). */
export interface SupplierOrderPlacedPayload {
  /** The number people use for this event's order (here the supplier order's), for messages. */
  orderNumber: string;
  supplierOrderId: string;
  supplierOrderNumber: string;
  purchaseOrderId: string;
  purchaseOrderNumber: string;
  producerId: string;
  buyerId: string;
  buyerName: string;
  deliveryDate: string;
  deliveryAddress: string;
  note: string | null;
  paymentMethod: 'card' | 'invoice';
  acceptBy: string;
  lines: SupplierOrderLinePayload[];
  subtotalVnd: number;
  vatVnd: number;
  totalVnd: number;
}

/**
 * `supplier_order.accepted|rejected|shipped|delivered|cancelled|expired|expiring_soon`
 * (audience [producerId, buyerId]).
 */
export interface SupplierOrderChangedPayload {
  /** = supplierOrderNumber, for messages. */
  orderNumber: string;
  supplierOrderId: string;
  supplierOrderNumber: string;
  purchaseOrderId: string;
  purchaseOrderNumber: string;
  producerId: string;
  buyerId: string;
  from: SupplierOrderStatus;
  to: SupplierOrderStatus;
  actorUserId: string | null;
  reason: string | null;
  trackingRef: string | null;
  acceptBy: string;
  lines: SupplierOrderLinePayload[];
  subtotalVnd: number;
  vatVnd: number;
  totalVnd: number;
}

/** `purchase_order.placed` (audience [buyerId]). */
export interface PurchaseOrderPlacedPayload {
  /** = purchaseOrderNumber, for messages. */
  orderNumber: string;
  purchaseOrderId: string;
  purchaseOrderNumber: string;
  buyerId: string;
  buyerName: string;
  paymentMethod: 'card' | 'invoice';
  deliveryDate: string;
  supplierOrders: {
    supplierOrderId: string;
    supplierOrderNumber: string;
    producerId: string;
    totalVnd: number;
  }[];
  subtotalVnd: number;
  vatVnd: number;
  totalVnd: number;
}

/** `purchase_order.<status>` when the derived status changes (audience [buyerId]). */
export interface PurchaseOrderChangedPayload {
  /** = purchaseOrderNumber, for messages. */
  orderNumber: string;
  purchaseOrderId: string;
  purchaseOrderNumber: string;
  buyerId: string;
  from: PurchaseOrderStatus;
  to: PurchaseOrderStatus;
  subtotalVnd: number;
  vatVnd: number;
  totalVnd: number;
}
