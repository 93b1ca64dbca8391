import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Listing } from '../domain/listing';
import { effectiveStars } from '../domain/ocop-rating';
import { Product, RecordedRating } from '../domain/product';
import { LedgerEntryRow } from '../persistence/stock.repository';

export class OcopView {
  @ApiProperty({ minimum: 1, maximum: 5, example: 4 }) stars: number;
  @ApiProperty({ example: 'QN-OCOP-2026-0142' }) certificateNo: string;
  @ApiProperty({ enum: ['district', 'province', 'national'], example: 'province' }) level: string;
  @ApiProperty({ example: '2026-03-15' }) issuedOn: string;
  @ApiProperty({ example: '2029-03-15' }) expiresOn: string;
  @ApiProperty({ description: 'An expired certificate counts as unrated in search', example: false })
  expired: boolean;
}

export class OcopHistoryView extends OcopView {
  @ApiProperty({ example: '2026-03-16T02:00:00.000Z' }) ratedAt: string;
}

export class ProductView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) producerId: string;
  @ApiProperty({ example: 'Chè đường Ba Chẽ' }) name: string;
  @ApiPropertyOptional({ nullable: true, example: 'Chè xanh trồng trên đồi Ba Chẽ.' }) description:
    string | null;
  @ApiProperty({ enum: ['food', 'beverage', 'herbal', 'textile', 'handicraft', 'tourism'] }) category: string;
  @ApiProperty({ example: 'hộp' }) unit: string;
  @ApiPropertyOptional({ nullable: true, example: '06970' }) communeCode: string | null;
  @ApiPropertyOptional({ nullable: true, example: '22' }) provinceCode: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: OcopView,
    description: 'The current certificate; null if never rated',
  })
  ocop: OcopView | null;
  @ApiPropertyOptional({
    nullable: true,
    example: 4,
    description: 'Stars of a valid certificate, null if unrated or expired',
  })
  ocopStars: number | null;
  @ApiPropertyOptional({
    type: [OcopHistoryView],
    description: 'Every rating, newest first (single-product answers only)',
  })
  ocopHistory?: OcopHistoryView[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ProductPageView {
  @ApiProperty({ type: [ProductView] }) items: ProductView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export function toProductView(product: Product, today: string, history?: RecordedRating[]): ProductView {
  return {
    id: product.id,
    producerId: product.producerId,
    name: product.name,
    description: product.description,
    category: product.category,
    unit: product.unit,
    communeCode: product.communeCode,
    provinceCode: product.provinceCode,
    ocop: product.ocop && { ...product.ocop, expired: product.ocop.expiresOn < today },
    ocopStars: effectiveStars(product.ocop, today),
    ...(history
      ? {
          ocopHistory: history.map((r) => ({
            stars: r.stars,
            certificateNo: r.certificateNo,
            level: r.level,
            issuedOn: r.issuedOn,
            expiresOn: r.expiresOn,
            expired: r.expiresOn < today,
            ratedAt: r.ratedAt.toISOString(),
          })),
        }
      : {}),
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}

export class PriceTierView {
  @ApiProperty({ example: 50 }) minQty: number;
  @ApiProperty({ example: 42000 }) priceVnd: number;
}

export class ListingView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty({ format: 'uuid' }) producerId: string;
  @ApiProperty({ example: 'HTX Chè Đường Ba Chẽ' }) producerName: string;
  @ApiProperty({ example: 'CHE-BC-500' }) sku: string;
  @ApiProperty({ example: 'hộp 500 g', oneOf: [{ type: 'string' }, { type: 'number' }] }) packSize:
    string | number;
  @ApiProperty({ example: 45000 }) priceVnd: number;
  @ApiProperty({ type: [PriceTierView] }) priceTiers: PriceTierView[];
  @ApiProperty({ example: 10 }) minOrderQty: number;
  @ApiProperty({ example: 3 }) leadTimeDays: number;
  @ApiProperty({ enum: [0, 5, 8, 10], example: 5 }) vatRate: number;
  @ApiProperty({ enum: ['active', 'paused'] }) status: string;
  @ApiProperty({ example: 500 }) stockOnHand: number;
  @ApiProperty({ example: 20 }) stockReserved: number;
  @ApiProperty({ example: 480, description: 'stockOnHand − stockReserved' }) stockAvailable: number;
  @ApiProperty({ example: 'Chè đường Ba Chẽ' }) productName: string;
  @ApiProperty({ example: 'beverage' }) category: string;
  @ApiProperty({ example: 'hộp' }) unit: string;
  @ApiPropertyOptional({
    nullable: true,
    example: 4,
    description: 'null when unrated or the certificate expired',
  })
  ocopStars: number | null;
  @ApiPropertyOptional({ nullable: true, example: '06970' }) communeCode: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'Xã Ba Chẽ' }) communeName: string | null;
  @ApiPropertyOptional({ nullable: true, example: '22' }) provinceCode: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export function toListingView(listing: Listing, today: string): ListingView {
  return {
    id: listing.id,
    productId: listing.productId,
    producerId: listing.producerId,
    producerName: listing.producerName,
    sku: listing.sku,
    packSize: listing.packSize,
    priceVnd: listing.priceVnd,
    priceTiers: listing.priceTiers,
    minOrderQty: listing.minOrderQty,
    leadTimeDays: listing.leadTimeDays,
    vatRate: listing.vatRate,
    status: listing.status,
    stockOnHand: listing.stockOnHand,
    stockReserved: listing.stockReserved,
    stockAvailable: listing.stockOnHand - listing.stockReserved,
    productName: listing.productName,
    category: listing.category,
    unit: listing.unit,
    ocopStars:
      listing.ocopStars === null || listing.ocopExpiresOn === null
        ? null
        : effectiveStars({ stars: listing.ocopStars, expiresOn: listing.ocopExpiresOn }, today),
    communeCode: listing.communeCode,
    communeName: listing.communeName,
    provinceCode: listing.provinceCode,
    createdAt: listing.createdAt.toISOString(),
    updatedAt: listing.updatedAt.toISOString(),
  };
}

export class FacetCountView {
  @ApiProperty({ example: 'beverage', description: 'For stars: "0" means unrated', nullable: true }) value:
    string | null;
  @ApiPropertyOptional({ example: 'Xã Ba Chẽ', nullable: true }) label?: string | null;
  @ApiProperty({ example: 12 }) count: number;
}

export class SearchFacetsView {
  @ApiProperty({ type: [FacetCountView] }) category: FacetCountView[];
  @ApiProperty({ type: [FacetCountView] }) stars: FacetCountView[];
  @ApiProperty({ type: [FacetCountView] }) commune: FacetCountView[];
}

export class ListingPageView {
  @ApiProperty({ type: [ListingView] }) items: ListingView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({
    type: SearchFacetsView,
    description:
      'Counts over all results of the query (the same on every page and sort). Cached for 10 s per distinct ' +
      'query and filter set, so they may lag recent changes by up to 10 s.',
  })
  facets: SearchFacetsView;
}

export class LedgerEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) listingId: string;
  @ApiProperty({ enum: ['initial', 'adjustment', 'import', 'reservation', 'release', 'shipment'] })
  kind: string;
  @ApiProperty({ example: -5 }) deltaOnHand: number;
  @ApiProperty({ example: 0 }) deltaReserved: number;
  @ApiProperty({ example: 495 }) onHandAfter: number;
  @ApiProperty({ example: 20 }) reservedAfter: number;
  @ApiProperty({ example: 'Kiểm kê cuối tháng' }) reason: string;
  @ApiPropertyOptional({ nullable: true, example: 'supplier_order' }) refType: string | null;
  @ApiPropertyOptional({ nullable: true }) refId: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) actorUserId: string | null;
  @ApiProperty() occurredAt: string;
}

export class StockAdjustmentView extends ListingView {
  @ApiProperty({ description: 'The ledger entry this adjustment wrote' }) ledgerEntry: LedgerEntryView;
}

export class LedgerPageView {
  @ApiProperty({ type: [LedgerEntryView] }) items: LedgerEntryView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export function toLedgerEntryView(row: LedgerEntryRow): LedgerEntryView {
  return {
    id: row.entry_id,
    listingId: row.listing_id,
    kind: row.kind,
    deltaOnHand: row.delta_on_hand,
    deltaReserved: row.delta_reserved,
    onHandAfter: row.on_hand_after,
    reservedAfter: row.reserved_after,
    reason: row.reason,
    refType: row.ref_type,
    refId: row.ref_id,
    actorUserId: row.actor_user_id,
    occurredAt: new Date(row.occurred_at).toISOString(),
  };
}

export class ImportResultView {
  @ApiProperty({ example: 480 }) created: number;
  @ApiProperty({ example: 20 }) updated: number;
  @ApiProperty({ type: [ListingView] }) items: ListingView[];
}
