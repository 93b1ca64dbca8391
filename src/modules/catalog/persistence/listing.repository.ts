import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';
import { Listing, ListingStatus } from '../domain/listing';
import { ProductCategory } from '../domain/ocop-rating';
import { PriceTier } from '../domain/pricing';

export interface ListingRow {
  id: string;
  product_id: string;
  producer_id: string;
  producer_name: string;
  sku: string;
  pack_size: string | number;
  price_vnd: string | number;
  price_tiers: PriceTier[];
  min_order_qty: number;
  lead_time_days: number;
  vat_rate: number;
  status: ListingStatus;
  stock_on_hand: number;
  stock_reserved: number;
  product_name: string;
  category: ProductCategory;
  unit: string;
  ocop_stars: number | null;
  ocop_expires_on: string | null;
  commune_code: string | null;
  commune_name: string | null;
  province_code: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export const listingColumnsOf = (
  a: string,
) => `${a}.id, ${a}.product_id, ${a}.producer_id, ${a}.producer_name,
  ${a}.sku, ${a}.pack_size, ${a}.price_vnd, ${a}.price_tiers, ${a}.min_order_qty, ${a}.lead_time_days,
  ${a}.vat_rate, ${a}.status, ${a}.stock_on_hand, ${a}.stock_reserved, ${a}.product_name, ${a}.category,
  ${a}.unit, ${a}.ocop_stars, ${a}.ocop_expires_on::text AS ocop_expires_on, ${a}.commune_code,
  ${a}.commune_name, ${a}.province_code, ${a}.created_at, ${a}.updated_at`;

const COLUMNS = listingColumnsOf('listings');

export function toListing(row: ListingRow): Listing {
  return {
    id: row.id,
    productId: row.product_id,
    producerId: row.producer_id,
    producerName: row.producer_name,
    sku: row.sku,
    packSize: row.pack_size,
    priceVnd: Number(row.price_vnd),
    priceTiers: row.price_tiers.map((t) => ({ minQty: Number(t.minQty), priceVnd: Number(t.priceVnd) })),
    minOrderQty: row.min_order_qty,
    leadTimeDays: row.lead_time_days,
    vatRate: row.vat_rate,
    status: row.status,
    stockOnHand: row.stock_on_hand,
    stockReserved: row.stock_reserved,
    productName: row.product_name,
    category: row.category,
    unit: row.unit,
    ocopStars: row.ocop_stars,
    ocopExpiresOn: row.ocop_expires_on,
    communeCode: row.commune_code,
    communeName: row.commune_name,
    provinceCode: row.province_code,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** A listing as created: its own fields plus the product and producer fields copied for search. */
export interface NewListing {
  productId: string;
  producerId: string;
  sku: string;
  packSize: string | number;
  priceVnd: number;
  priceTiers: PriceTier[];
  minOrderQty: number;
  leadTimeDays: number;
  vatRate: number;
  status: ListingStatus;
  stockOnHand: number;
  productName: string;
  productDescription: string | null;
  category: string;
  unit: string;
  producerName: string;
  communeCode: string | null;
  communeName: string | null;
  provinceCode: string | null;
  ocopStars: number | null;
  ocopExpiresOn: string | null;
}

export interface ListingChanges {
  priceVnd?: number;
  priceTiers?: PriceTier[];
  minOrderQty?: number;
  leadTimeDays?: number;
  vatRate?: number;
  status?: ListingStatus;
  packSize?: string | number;
}

@Injectable()
export class ListingRepository {
  /** Inserts many listings in one statement; `(producer_id, sku)` is unique (23505 on a clash). */
  async insertMany(tx: Tx, listings: NewListing[]): Promise<Listing[]> {
    if (listings.length === 0) return [];
    const rows = await tx.query<ListingRow>(
      `INSERT INTO listings (product_id, producer_id, sku, pack_size, price_vnd, price_tiers, min_order_qty,
                             lead_time_days, vat_rate, status, stock_on_hand, product_name, product_description,
                             category, unit, producer_name, commune_code, commune_name, province_code,
                             ocop_stars, ocop_expires_on)
       SELECT l.product_id, l.producer_id, l.sku, l.pack_size, l.price_vnd, l.price_tiers, l.min_order_qty,
              l.lead_time_days, l.vat_rate, l.status, l.stock_on_hand, l.product_name, l.product_description,
              l.category, l.unit, l.producer_name, l.commune_code, l.commune_name, l.province_code,
              l.ocop_stars, l.ocop_expires_on
         FROM jsonb_to_recordset($1::jsonb) AS l(product_id uuid, producer_id uuid, sku text,
              pack_size jsonb, price_vnd bigint, price_tiers jsonb, min_order_qty int, lead_time_days int,
              vat_rate smallint, status text, stock_on_hand int, product_name text, product_description text,
              category text, unit text, producer_name text, commune_code text, commune_name text,
              province_code text, ocop_stars smallint, ocop_expires_on date, ord bigint)
        ORDER BY l.ord
       RETURNING ${COLUMNS}`,
      [
        JSON.stringify(
          listings.map((l, ord) => ({
            ord,
            product_id: l.productId,
            producer_id: l.producerId,
            sku: l.sku,
            pack_size: l.packSize,
            price_vnd: l.priceVnd,
            price_tiers: l.priceTiers,
            min_order_qty: l.minOrderQty,
            lead_time_days: l.leadTimeDays,
            vat_rate: l.vatRate,
            status: l.status,
            stock_on_hand: l.stockOnHand,
            product_name: l.productName,
            product_description: l.productDescription,
            category: l.category,
            unit: l.unit,
            producer_name: l.producerName,
            commune_code: l.communeCode,
            commune_name: l.communeName,
            province_code: l.provinceCode,
            ocop_stars: l.ocopStars,
            ocop_expires_on: l.ocopExpiresOn,
          })),
        ),
      ],
    );
    return rows.map(toListing);
  }

  async findById(
    tx: Tx,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<(Listing & { producerVerified: boolean }) | undefined> {
    const row = await tx.one<ListingRow & { producer_verified: boolean }>(
      `SELECT ${listingColumnsOf('l')}, o.status = 'verified' AS producer_verified
         FROM listings l JOIN organizations o ON o.id = l.producer_id
        WHERE l.id = $1 ${options.lock ? 'FOR UPDATE OF l' : ''}`,
      [id],
    );
    return row && { ...toListing(row), producerVerified: row.producer_verified };
  }

  /** The producer's listings with these SKUs, locked: a CSV import updates them. */
  async lockBySkus(tx: Tx, producerId: string, skus: string[]): Promise<Listing[]> {
    const rows = await tx.query<ListingRow>(
      `SELECT ${COLUMNS} FROM listings WHERE producer_id = $1 AND sku = ANY($2::text[]) ORDER BY id FOR UPDATE`,
      [producerId, skus],
    );
    return rows.map(toListing);
  }

  async update(tx: Tx, id: string, changes: ListingChanges): Promise<Listing> {
    const row = await tx.one<ListingRow>(
      `UPDATE listings
          SET price_vnd = coalesce($2, price_vnd),
              price_tiers = coalesce($3::jsonb, price_tiers),
              min_order_qty = coalesce($4, min_order_qty),
              lead_time_days = coalesce($5, lead_time_days),
              vat_rate = coalesce($6, vat_rate),
              status = coalesce($7, status),
              pack_size = coalesce($8::jsonb, pack_size),
              updated_at = clock_timestamp()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        changes.priceVnd ?? null,
        changes.priceTiers === undefined ? null : JSON.stringify(changes.priceTiers),
        changes.minOrderQty ?? null,
        changes.leadTimeDays ?? null,
        changes.vatRate ?? null,
        changes.status ?? null,
        changes.packSize === undefined ? null : JSON.stringify(changes.packSize),
      ],
    );
    return toListing(row!);
  }

  /** Copies a product's changed fields onto its listings (the search document follows). */
  syncProduct(
    tx: Tx,
    product: { id: string; name: string; description: string | null; category: string; unit: string },
    ocop: { stars: number | null; expiresOn: string | null },
  ): Promise<number> {
    return tx.execute(
      `UPDATE listings SET product_name = $2, product_description = $3, category = $4, unit = $5,
                           ocop_stars = $6, ocop_expires_on = $7, updated_at = clock_timestamp()
        WHERE product_id = $1`,
      [
        product.id,
        product.name,
        product.description,
        product.category,
        product.unit,
        ocop.stars,
        ocop.expiresOn,
      ],
    );
  }
}
