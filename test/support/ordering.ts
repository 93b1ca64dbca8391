import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addDays, vietnamDate } from '@ocop/clock';
import { Session } from './factories';
import { TestApp } from './test-app';

export interface ListingOverrides {
  priceVnd?: number;
  minOrderQty?: number;
  stockOnHand?: number;
  priceTiers?: { minQty: number; priceVnd: number }[];
  leadTimeDays?: number;
  vatRate?: number;
  name?: string;
}

export interface TestListing {
  id: string;
  productId: string;
  producerId: string;
}

/** A product and one listing of it, created through the catalog's HTTP routes by a verified producer. */
export async function aListing(
  t: TestApp,
  producer: Session,
  overrides: ListingOverrides = {},
): Promise<TestListing> {
  const product = await t.http.post(
    '/products',
    {
      name: overrides.name ?? `Chè đường Ba Chẽ ${randomBytes(2).toString('hex')}`,
      category: 'food',
      unit: 'hộp',
    },
    { token: producer.token },
  );
  if (product.status !== 201) throw new Error(`product failed: ${product.status} ${product.text}`);
  const listing = await t.http.post(
    '/listings',
    {
      productId: product.body.id,
      sku: `SKU-${randomBytes(4).toString('hex')}`,
      packSize: 'hộp 500 g',
      priceVnd: overrides.priceVnd ?? 100_000,
      minOrderQty: overrides.minOrderQty ?? 1,
      stockOnHand: overrides.stockOnHand ?? 100,
      ...(overrides.priceTiers ? { priceTiers: overrides.priceTiers } : {}),
      leadTimeDays: overrides.leadTimeDays ?? 0,
      vatRate: overrides.vatRate ?? 0,
    },
    { token: producer.token },
  );
  if (listing.status !== 201) throw new Error(`listing failed: ${listing.status} ${listing.text}`);
  return { id: listing.body.id, productId: product.body.id, producerId: producer.organizationId };
}

export async function pauseListing(t: TestApp, producer: Session, listingId: string): Promise<void> {
  const response = await t.http.patch(
    `/listings/${listingId}`,
    { status: 'paused' },
    { token: producer.token },
  );
  if (response.status !== 200) throw new Error(`pause failed: ${response.status} ${response.text}`);
}

export async function stockOf(t: TestApp, listingId: string): Promise<{ onHand: number; reserved: number }> {
  const [row] = await t.app
    .get(DataSource)
    .query(`SELECT stock_on_hand, stock_reserved FROM listings WHERE id = $1`, [listingId]);
  return { onHand: Number(row.stock_on_hand), reserved: Number(row.stock_reserved) };
}

/** A delivery date comfortably ahead (Asia/Ho_Chi_Minh calendar). */
export function deliveryInDays(days: number, now = new Date()): string {
  return addDays(vietnamDate(now), days);
}

export function orderBody(
  lines: { listingId: string; quantity: number }[],
  extra: Record<string, unknown> = {},
) {
  return {
    deliveryDate: deliveryInDays(7),
    deliveryAddress: 'WinMart Hạ Long, 1 Trần Hưng Đạo, Hạ Long, Quảng Ninh',
    paymentMethod: 'invoice',
    lines,
    ...extra,
  };
}

export async function outboxEvents(t: TestApp, aggregateIds: string[]) {
  return t.app
    .get(DataSource)
    .query(
      `SELECT event_type, aggregate_id, audience, payload FROM outbox WHERE aggregate_id = ANY($1) ORDER BY occurred_at`,
      [aggregateIds],
    );
}
