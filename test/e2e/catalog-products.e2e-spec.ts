import { adminSession, registerUser, Session, verifiedUser } from '../support/factories';
import { aListing, aProduct, certificateNo, rate } from '../support/catalog';
import { startTestApp, TestApp } from '../support/test-app';

describe('catalog: products and OCOP ratings', () => {
  let t: TestApp;
  let admin: { token: string };
  let producer: Session;
  let otherProducer: Session;
  let buyer: Session;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await adminSession(t);
    producer = await verifiedUser(t, admin, 'producer');
    otherProducer = await verifiedUser(t, admin, 'producer');
    buyer = await verifiedUser(t, admin, 'buyer');
  });
  afterAll(() => t.close());

  it('creates an unrated product in the producer’s commune and province', async () => {
    const response = await t.http.post(
      '/products',
      { name: 'Chè đường Ba Chẽ', description: 'Chè xanh', category: 'beverage', unit: 'hộp' },
      { token: producer.token },
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.any(String),
      producerId: producer.organizationId,
      name: 'Chè đường Ba Chẽ',
      category: 'beverage',
      unit: 'hộp',
      ocop: null,
      communeCode: '06970',
      provinceCode: '22',
    });
  });

  it('rejects bad categories, unknown fields and any attempt of a producer to send stars', async () => {
    const base = { name: 'Mật ong', category: 'food', unit: 'chai' };
    for (const body of [
      { ...base, category: 'electronics' },
      { ...base, stars: 5 },
      { ...base, ocop: { stars: 5 } },
      { name: 'x', unit: 'chai' },
    ]) {
      const response = await t.http.post('/products', body, { token: producer.token });
      expect(response.status).toBe(400);
      expect(response.body.errors.length).toBeGreaterThan(0);
    }
    const product = await aProduct(t, producer);
    const patched = await t.http.patch(`/products/${product.id}`, { stars: 5 }, { token: producer.token });
    expect(patched.status).toBe(400);
    const listing = await t.http.post(
      '/listings',
      {
        productId: product.id,
        sku: 'S1',
        packSize: 1,
        priceVnd: 1,
        minOrderQty: 1,
        stockOnHand: 1,
        ocop: {},
      },
      { token: producer.token },
    );
    expect(listing.status).toBe(400);
  });

  it('enforces roles and tenancy on every product write', async () => {
    const product = await aProduct(t, producer);
    const body = { name: 'Tên mới', category: 'food', unit: 'gói' };
    expect((await t.http.post('/products', body)).status).toBe(401);
    expect((await t.http.post('/products', body, { token: buyer.token })).status).toBe(403);
    expect((await t.http.post('/products', body, { token: admin.token })).status).toBe(403);
    expect((await t.http.patch(`/products/${product.id}`, body, { token: otherProducer.token })).status).toBe(
      403,
    );
    expect((await t.http.patch(`/products/${product.id}`, body, { token: buyer.token })).status).toBe(403);
    const rating = {
      stars: 4,
      certificateNo: certificateNo(),
      level: 'province',
      issuedOn: '2026-01-01',
      expiresOn: '2028-12-31',
    };
    for (const token of [producer.token, buyer.token]) {
      const response = await t.http.post(`/admin/products/${product.id}/ocop-rating`, rating, { token });
      expect(response.status).toBe(403);
    }
    expect((await t.http.post(`/admin/products/${product.id}/ocop-rating`, rating)).status).toBe(401);
    const own = await t.http.patch(`/products/${product.id}`, body, { token: producer.token });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ name: 'Tên mới', category: 'food', unit: 'gói' });
  });

  it('hides products of unverified producers from everyone but their producer', async () => {
    const pending = await registerUser(t, 'producer');
    const product = await aProduct(t, pending);
    expect((await t.http.get(`/products/${product.id}`, { token: pending.token })).status).toBe(200);
    expect((await t.http.get(`/products/${product.id}`, { token: buyer.token })).status).toBe(404);
    expect((await t.http.get(`/products/${product.id}`)).status).toBe(404);
    expect((await t.http.get(`/products/${product.id}`, { token: admin.token })).status).toBe(200);
    const listed = await t.http.get(`/products?producerId=${pending.organizationId}`, { token: buyer.token });
    expect(listed.body.items).toEqual([]);
    const own = await t.http.get(`/products`, { token: pending.token });
    expect(own.body.items.map((p: { id: string }) => p.id)).toEqual([product.id]);
  });

  it('records ratings with history; a re-rating from 3 to 4 stars replaces the current one', async () => {
    const product = await aProduct(t, producer, { name: 'Ba kích tím Ba Chẽ', category: 'herbal' });
    const first = await rate(t, admin, product.id, {
      stars: 3,
      level: 'district',
      issuedOn: '2024-05-01',
      expiresOn: '2027-05-01',
    });
    expect(first.ocop).toMatchObject({
      stars: 3,
      level: 'district',
      issuedOn: '2024-05-01',
      expiresOn: '2027-05-01',
    });
    const second = await rate(t, admin, product.id, {
      stars: 4,
      issuedOn: '2026-06-01',
      expiresOn: '2029-06-01',
    });
    expect(second.ocop).toMatchObject({ stars: 4, level: 'province', expired: false });
    const read = await t.http.get(`/products/${product.id}`, { token: buyer.token });
    expect(read.status).toBe(200);
    expect(read.body.ocop.stars).toBe(4);
    expect(read.body.ocopHistory.map((r: { stars: number }) => r.stars)).toEqual([4, 3]);
  });

  it('follows the programme’s rating rules', async () => {
    const product = await aProduct(t, producer);
    const post = (body: Record<string, unknown>) =>
      t.http.post(
        `/admin/products/${product.id}/ocop-rating`,
        {
          stars: 4,
          certificateNo: certificateNo(),
          level: 'province',
          issuedOn: '2026-01-01',
          expiresOn: '2028-12-31',
          ...body,
        },
        { token: admin.token },
      );
    expect((await post({ stars: 5, level: 'province' })).status).toBe(400);
    expect((await post({ stars: 5, level: 'national' })).status).toBe(201);
    expect((await post({ level: 'district', issuedOn: '2025-07-01', expiresOn: '2028-06-30' })).status).toBe(
      400,
    );
    expect(
      (await post({ stars: 3, level: 'district', issuedOn: '2025-06-30', expiresOn: '2028-06-30' })).status,
    ).toBe(201);
    expect((await post({ issuedOn: '2026-01-01', expiresOn: '2029-01-02' })).status).toBe(400);
    expect((await post({ issuedOn: '2026-01-01', expiresOn: '2025-12-31' })).status).toBe(400);
    expect((await post({ stars: 6 })).status).toBe(400);
    expect((await post({ level: 'commune' })).status).toBe(400);
    const bad = await post({ stars: 5, level: 'district', issuedOn: '2026-01-01', expiresOn: '2030-01-01' });
    expect(bad.body.code).toBe('OCOP_RATING_INVALID');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['level', 'expiresOn']),
    );

    const cert = certificateNo();
    expect((await post({ certificateNo: cert })).status).toBe(201);
    const duplicate = await post({ certificateNo: cert });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('CERTIFICATE_NO_TAKEN');
    expect(
      (
        await t.http.post(
          `/admin/products/00000000-0000-4000-8000-000000000000/ocop-rating`,
          {
            stars: 4,
            certificateNo: certificateNo(),
            level: 'province',
            issuedOn: '2026-01-01',
            expiresOn: '2028-12-31',
          },
          { token: admin.token },
        )
      ).status,
    ).toBe(404);
  });

  it('shows a product with an expired certificate as unrated on its listings', async () => {
    const product = await aProduct(t, producer, { name: 'Nước mắm Cái Rồng' });
    await rate(t, admin, product.id, {
      stars: 3,
      level: 'district',
      issuedOn: '2023-01-10',
      expiresOn: '2025-12-31',
    });
    const listing = await aListing(t, producer, product.id);
    expect(listing.ocopStars).toBeNull();
    const read = await t.http.get(`/products/${product.id}`);
    expect(read.body.ocop).toMatchObject({ stars: 3, expired: true });
    expect(read.body.ocopStars).toBeNull();
  });
});
