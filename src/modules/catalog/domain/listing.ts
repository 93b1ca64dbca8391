import { ProductCategory } from './ocop-rating';
import { PriceTier } from './pricing';

export const LISTING_STATUSES = ['active', 'paused'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];
export const VAT_RATES = [0, 5, 8, 10] as const;

export interface Listing {
  id: string;
  productId: string;
  producerId: string;
  producerName: string;
  sku: string;
  packSize: string | number;
  priceVnd: number;
  priceTiers: PriceTier[];
  minOrderQty: number;
  leadTimeDays: number;
  vatRate: number;
  status: ListingStatus;
  stockOnHand: number;
  stockReserved: number;
  productName: string;
  category: ProductCategory;
  unit: string;
  /** Stars of the product's current certificate, and the day it ends; see `effectiveStars`. */
  ocopStars: number | null;
  ocopExpiresOn: string | null;
  communeCode: string | null;
  communeName: string | null;
  provinceCode: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Who may see a listing: the public sees active listings of verified producers; owners see their own. */
export function isPublic(listing: Pick<Listing, 'status'>, producerVerified: boolean): boolean {
  return listing.status === 'active' && producerVerified;
}
