import { PriceTier } from './pricing';

/** What ordering needs to price and check a line; read under a row lock. */
export interface OrderableListing {
  id: string;
  productId: string;
  producerId: string;
  producerStatus: 'pending' | 'verified' | 'suspended';
  sku: string;
  productName: string;
  category: string;
  unit: string;
  packSize: string | number;
  priceVnd: number;
  priceTiers: PriceTier[];
  minOrderQty: number;
  leadTimeDays: number;
  vatRate: number;
  status: 'active' | 'paused';
  stockOnHand: number;
  stockReserved: number;
  stockAvailable: number;
  ocopStars: number | null;
  communeCode: string | null;
  provinceCode: string | null;
}

export interface StockItem {
  listingId: string;
  quantity: number;
}

/** A quantity of a listing as it was read: reserved only while the listing still sells on these terms. */
export interface QuotedLine {
  listing: OrderableListing;
  quantity: number;
}

/** Why stock moved, recorded on every ledger row. */
export interface StockRef {
  reason: string;
  refType: string;
  refId: string;
  actorUserId?: string;
}

export type StockMovementKind = 'initial' | 'adjustment' | 'import' | 'reservation' | 'release' | 'shipment';

/**
 * Sums quantities per listing and orders by id: one conditional update per listing, taken in a
 * fixed order so that two transactions touching the same listings never deadlock.
 */
export function mergeStockItems(items: readonly StockItem[]): StockItem[] {
  const totals = new Map<string, number>();
  for (const item of items) {
    if (!Number.isSafeInteger(item.quantity) || item.quantity <= 0) {
      throw new RangeError(`Stock quantity must be a positive integer, got ${item.quantity}`);
    }
    totals.set(item.listingId, (totals.get(item.listingId) ?? 0) + item.quantity);
  }
  return [...totals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([listingId, quantity]) => ({ listingId, quantity }));
}
