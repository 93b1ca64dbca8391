import { PurchaseOrderStatus, SupplierOrderStatus } from './supplier-order-state';

export type PaymentMethod = 'card' | 'invoice';

export interface OrderLine {
  id: string;
  supplierOrderId: string;
  position: number;
  listingId: string;
  productName: string;
  sku: string;
  unit: string;
  packSize: string | null;
  quantity: number;
  /** null until the producer accepts; then what it will deliver (≤ quantity). */
  acceptedQty: number | null;
  unitPriceVnd: number;
  vatRate: number;
  lineTotalVnd: number;
  vatVnd: number;
}

export interface SupplierOrder {
  id: string;
  number: string;
  purchaseOrderId: string;
  producerId: string;
  buyerId: string;
  status: SupplierOrderStatus;
  subtotalVnd: number;
  vatVnd: number;
  totalVnd: number;
  acceptBy: Date;
  expiringNotifiedAt: Date | null;
  trackingRef: string | null;
  reason: string | null;
  createdAt: Date;
  updatedAt: Date;
  lines: OrderLine[];
}

export interface PurchaseOrder {
  id: string;
  number: string;
  buyerId: string;
  placedByUserId: string;
  status: PurchaseOrderStatus;
  paymentMethod: PaymentMethod;
  deliveryDate: string;
  deliveryAddress: string;
  deliveryLocationId: string | null;
  note: string | null;
  subtotalVnd: number;
  vatVnd: number;
  totalVnd: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface StatusChange {
  fromStatus: SupplierOrderStatus | null;
  toStatus: SupplierOrderStatus;
  actorUserId: string | null;
  reason: string | null;
  changedAt: Date;
}

export interface DeliveryLocation {
  id: string;
  buyerId: string;
  name: string;
  address: string;
  communeCode: string | null;
  contactName: string | null;
  phone: string | null;
  createdAt: Date;
}

/** The quantity a line stands for now: what the producer accepted, or what was ordered until then. */
export function effectiveQuantity(line: Pick<OrderLine, 'quantity' | 'acceptedQty'>): number {
  return line.acceptedQty ?? line.quantity;
}
