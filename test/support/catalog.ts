import { randomBytes } from 'node:crypto';
import { Session } from './factories';
import { TestApp } from './test-app';

/** A product of the producer, created over HTTP; fields may be overridden. */
export async function aProduct(
  t: TestApp,
  producer: Session,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; [key: string]: any }> {
  const response = await t.http.post(
    '/products',
    { name: 'Chè đường Ba Chẽ', category: 'beverage', unit: 'hộp', ...overrides },
    { token: producer.token },
  );
  if (response.status !== 201) throw new Error(`product failed: ${response.status} ${response.text}`);
  return response.body;
}

/** A listing of the product, created over HTTP; fields may be overridden. */
export async function aListing(
  t: TestApp,
  producer: Session,
  productId: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; [key: string]: any }> {
  const response = await t.http.post(
    '/listings',
    {
      productId,
      sku: `SKU-${randomBytes(4).toString('hex')}`,
      packSize: 'hộp 500 g',
      priceVnd: 45000,
      minOrderQty: 1,
      stockOnHand: 100,
      ...overrides,
    },
    { token: producer.token },
  );
  if (response.status !== 201) throw new Error(`listing failed: ${response.status} ${response.text}`);
  return response.body;
}

/** A unique OCOP certificate number. */
export function certificateNo(): string {
  return `QN-OCOP-${randomBytes(5).toString('hex').toUpperCase()}`;
}

export async function rate(
  t: TestApp,
  admin: { token: string },
  productId: string,
  rating: { stars: number; level?: string; issuedOn?: string; expiresOn?: string },
): Promise<any> {
  const response = await t.http.post(
    `/admin/products/${productId}/ocop-rating`,
    {
      certificateNo: certificateNo(),
      level: rating.stars === 5 ? 'national' : 'province',
      issuedOn: '2026-01-10',
      expiresOn: '2029-01-10',
      ...rating,
    },
    { token: admin.token },
  );
  if (response.status !== 201) throw new Error(`rating failed: ${response.status} ${response.text}`);
  return response.body;
}
