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
  if (!(await catalogRoutesExist(t))) return insertListing(t, producer, overrides);
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

let routesKnown: boolean | undefined;
async function catalogRoutesExist(t: TestApp): Promise<boolean> {
  if (process.env.ORDERING_FIXTURES_SQL === '1') return false;
  routesKnown ??= (await t.http.post('/products', {})).status !== 404;
  return routesKnown;
}

/** Until the catalog's routes exist: the same rows its POST /listings would write. */
async function insertListing(t: TestApp, producer: Session, o: ListingOverrides): Promise<TestListing> {
  const db = t.app.get(DataSource);
  const name = o.name ?? `Chè đường Ba Chẽ ${randomBytes(2).toString('hex')}`;
  const [org] = await db.query(`SELECT name FROM organizations WHERE id = $1`, [producer.organizationId]);
  const [product] = await db.query(
    `INSERT INTO products (producer_id, name, category, unit) VALUES ($1, $2, 'food', 'hộp') RETURNING id`,
    [producer.organizationId, name],
  );
  const [listing] = await db.query(
    `INSERT INTO listings (product_id, producer_id, sku, pack_size, price_vnd, price_tiers, min_order_qty,
            lead_time_days, vat_rate, stock_on_hand, product_name, category, unit, producer_name)
     VALUES ($1, $2, $3, '"hộp 500 g"', $4, $5, $6, $7, $8, $9, $10, 'food', 'hộp', $11) RETURNING id`,
    [
      product.id,
      producer.organizationId,
      `SKU-${randomBytes(4).toString('hex')}`,
      o.priceVnd ?? 100_000,
      JSON.stringify(o.priceTiers ?? []),
      o.minOrderQty ?? 1,
      o.leadTimeDays ?? 0,
      o.vatRate ?? 0,
      o.stockOnHand ?? 100,
      name,
      org.name,
    ],
  );
  return { id: listing.id, productId: product.id, producerId: producer.organizationId };
}

export async function pauseListing(t: TestApp, producer: Session, listingId: string): Promise<void> {
  const response = await t.http.patch(
    `/listings/${listingId}`,
    { status: 'paused' },
    { token: producer.token },
  );
  if (response.status === 200) return;
  await t.app.get(DataSource).query(`UPDATE listings SET status = 'paused' WHERE id = $1`, [listingId]);
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
