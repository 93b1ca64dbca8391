import { DataSource } from 'typeorm';
import { adminSession, registerUser, Session, verifiedUser } from '../support/factories';
import { aListing, aProduct } from '../support/catalog';
import { startTestApp, TestApp } from '../support/test-app';
import { UnitOfWork } from '@ocop/persistence';
import { CatalogFacade } from '../../src/modules/catalog';

describe('catalog: listings, stock and CSV import', () => {
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

  it('creates a listing with stock figures and the product’s fields', async () => {
    const product = await aProduct(t, producer);
    const response = await t.http.post(
      '/listings',
      {
        productId: product.id,
        sku: 'CHE-500',
        packSize: 'hộp 500 g',
        priceVnd: 45000,
        minOrderQty: 10,
        stockOnHand: 500,
        priceTiers: [
          { minQty: 100, priceVnd: 40000 },
          { minQty: 50, priceVnd: 42000 },
        ],
        leadTimeDays: 3,
        vatRate: 5,
      },
      { token: producer.token },
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      productId: product.id,
      producerId: producer.organizationId,
      sku: 'CHE-500',
      priceVnd: 45000,
      priceTiers: [
        { minQty: 50, priceVnd: 42000 },
        { minQty: 100, priceVnd: 40000 },
      ],
      minOrderQty: 10,
      leadTimeDays: 3,
      vatRate: 5,
      status: 'active',
      stockOnHand: 500,
      stockReserved: 0,
      stockAvailable: 500,
      productName: 'Chè đường Ba Chẽ',
      category: 'beverage',
      ocopStars: null,
      communeCode: '06970',
      provinceCode: '22',
    });
    const again = await t.http.post(
      '/listings',
      { productId: product.id, sku: 'CHE-500', packSize: 1, priceVnd: 1, minOrderQty: 1, stockOnHand: 0 },
      { token: producer.token },
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SKU_TAKEN');
  });

  it('validates listing input', async () => {
    const product = await aProduct(t, producer);
    const base = {
      productId: product.id,
      sku: 'V-1',
      packSize: 'gói',
      priceVnd: 1000,
      minOrderQty: 1,
      stockOnHand: 1,
    };
    for (const body of [
      { ...base, vatRate: 7 },
      { ...base, priceVnd: 10.5 },
      { ...base, priceVnd: '1000' },
      { ...base, minOrderQty: 0 },
      { ...base, stockOnHand: -1 },
      {
        ...base,
        priceTiers: [
          { minQty: 10, priceVnd: 900 },
          { minQty: 10, priceVnd: 800 },
        ],
      },
      { ...base, status: 'deleted' },
      { ...base, colour: 'red' },
      { ...base, priceTiers: null },
    ]) {
      const response = await t.http.post('/listings', body, { token: producer.token });
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    const created = await t.http.post('/listings', { ...base, sku: 'V-NULLS' }, { token: producer.token });
    expect(created.status).toBe(201);
    // Null is not "leave it as it is" (that is leaving the field out), nor a value these fields can take.
    for (const field of ['priceTiers', 'priceVnd', 'minOrderQty', 'status', 'leadTimeDays', 'vatRate']) {
      const response = await t.http.patch(
        `/listings/${created.body.id}`,
        { [field]: null },
        { token: producer.token },
      );
      expect({ field, status: response.status, errors: response.body.errors }).toEqual({
        field,
        status: 400,
        errors: expect.arrayContaining([{ field, message: `${field} must not be null` }]),
      });
    }
    const big = await t.http.post(
      '/listings',
      { ...base, sku: 'V-BIG', priceVnd: 10 ** 13 },
      { token: producer.token },
    );
    expect(big.status).toBe(201);
    expect(big.body.priceVnd).toBe(10 ** 13);
  });

  it('enforces roles and tenancy on every listing write', async () => {
    const product = await aProduct(t, producer);
    const listing = await aListing(t, producer, product.id);
    const create = {
      productId: product.id,
      sku: 'X-1',
      packSize: 1,
      priceVnd: 1,
      minOrderQty: 1,
      stockOnHand: 1,
    };
    expect((await t.http.post('/listings', create)).status).toBe(401);
    expect((await t.http.post('/listings', create, { token: buyer.token })).status).toBe(403);
    expect((await t.http.post('/listings', create, { token: otherProducer.token })).status).toBe(403);
    expect(
      (await t.http.patch(`/listings/${listing.id}`, { priceVnd: 1 }, { token: otherProducer.token })).status,
    ).toBe(403);
    expect(
      (await t.http.patch(`/listings/${listing.id}`, { priceVnd: 1 }, { token: buyer.token })).status,
    ).toBe(403);
    expect((await t.http.patch(`/listings/${listing.id}`, { priceVnd: 1 })).status).toBe(401);
    const adjust = { delta: 5, reason: 'kiểm kê' };
    expect(
      (await t.http.post(`/listings/${listing.id}/stock-adjustments`, adjust, { token: otherProducer.token }))
        .status,
    ).toBe(403);
    expect(
      (await t.http.post(`/listings/${listing.id}/stock-adjustments`, adjust, { token: buyer.token })).status,
    ).toBe(403);
    expect(
      (await t.http.get(`/listings/${listing.id}/stock-ledger`, { token: otherProducer.token })).status,
    ).toBe(404);
    expect((await t.http.get(`/listings/${listing.id}/stock-ledger`, { token: buyer.token })).status).toBe(
      403,
    );
    const csv = 'productId,sku,packSize,priceVnd\n' + `${product.id},CSV-1,1,1000`;
    const headers = { 'content-type': 'text/csv' };
    expect(
      (await t.http.request('POST', '/listings/import', { rawBody: csv, headers, token: buyer.token }))
        .status,
    ).toBe(403);
    const foreign = await t.http.request('POST', '/listings/import', {
      rawBody: csv,
      headers,
      token: otherProducer.token,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.rows).toEqual([{ line: 2, field: 'productId', message: expect.any(String) }]);
    // the owner's listing is untouched
    const read = await t.http.get(`/listings/${listing.id}`);
    expect(read.body).toMatchObject({ priceVnd: 45000, stockOnHand: 100 });
  });

  it('lets the owner change price, tiers, MOQ, status and lead time; paused listings are the owner’s alone', async () => {
    const product = await aProduct(t, producer);
    const listing = await aListing(t, producer, product.id);
    const patched = await t.http.patch(
      `/listings/${listing.id}`,
      {
        priceVnd: 47000,
        priceTiers: [{ minQty: 20, priceVnd: 44000 }],
        minOrderQty: 5,
        status: 'paused',
        leadTimeDays: 7,
      },
      { token: producer.token },
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      priceVnd: 47000,
      priceTiers: [{ minQty: 20, priceVnd: 44000 }],
      minOrderQty: 5,
      status: 'paused',
      leadTimeDays: 7,
    });
    expect((await t.http.get(`/listings/${listing.id}`, { token: producer.token })).status).toBe(200);
    expect((await t.http.get(`/listings/${listing.id}`, { token: buyer.token })).status).toBe(404);
    expect((await t.http.get(`/listings/${listing.id}`, { token: otherProducer.token })).status).toBe(404);
    expect((await t.http.get(`/listings/${listing.id}`)).status).toBe(404);
    await t.http.patch(`/listings/${listing.id}`, { status: 'active' }, { token: producer.token });
    expect((await t.http.get(`/listings/${listing.id}`)).status).toBe(200);
  });

  it('hides listings of unverified producers', async () => {
    const pending = await registerUser(t, 'producer');
    const product = await aProduct(t, pending);
    const listing = await aListing(t, pending, product.id);
    expect((await t.http.get(`/listings/${listing.id}`, { token: pending.token })).status).toBe(200);
    expect((await t.http.get(`/listings/${listing.id}`, { token: buyer.token })).status).toBe(404);
  });

  it('adjusts stock, never below what is reserved, and ledgers every movement', async () => {
    const product = await aProduct(t, producer);
    const listing = await aListing(t, producer, product.id, { stockOnHand: 20 });
    const uow = t.app.get(UnitOfWork);
    await uow.run((tx) =>
      t.app.get(CatalogFacade).reserve(tx, [{ listingId: listing.id, quantity: 15 }], {
        reason: 'order placed',
        refType: 'supplier_order',
        refId: 'SO-1',
      }),
    );
    const down = await t.http.post(
      `/listings/${listing.id}/stock-adjustments`,
      { delta: -5, reason: 'Kiểm kê: 5 hộp hỏng' },
      { token: producer.token },
    );
    expect(down.status).toBe(201);
    expect(down.body).toMatchObject({ stockOnHand: 15, stockReserved: 15, stockAvailable: 0 });
    expect(down.body.ledgerEntry).toMatchObject({ kind: 'adjustment', deltaOnHand: -5, onHandAfter: 15 });
    const below = await t.http.post(
      `/listings/${listing.id}/stock-adjustments`,
      { delta: -1, reason: 'thử' },
      { token: producer.token },
    );
    expect(below.status).toBe(409);
    expect(below.body.code).toBe('STOCK_BELOW_RESERVED');
    expect(
      (
        await t.http.post(
          `/listings/${listing.id}/stock-adjustments`,
          { delta: 0, reason: 'x' },
          { token: producer.token },
        )
      ).status,
    ).toBe(400);
    const up = await t.http.post(
      `/listings/${listing.id}/stock-adjustments`,
      { delta: 30, reason: 'Nhập kho' },
      { token: producer.token },
    );
    expect(up.body.stockAvailable).toBe(30);

    const ledger = await t.http.get(`/listings/${listing.id}/stock-ledger?limit=2`, {
      token: producer.token,
    });
    expect(ledger.status).toBe(200);
    expect(ledger.body.items.map((e: { kind: string }) => e.kind)).toEqual(['adjustment', 'adjustment']);
    const rest = await t.http.get(
      `/listings/${listing.id}/stock-ledger?limit=2&cursor=${ledger.body.nextCursor}`,
      {
        token: producer.token,
      },
    );
    expect(rest.body.items).toEqual([
      expect.objectContaining({
        kind: 'reservation',
        deltaReserved: 15,
        refType: 'supplier_order',
        refId: 'SO-1',
      }),
      expect.objectContaining({ kind: 'initial', deltaOnHand: 20, onHandAfter: 20 }),
    ]);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('pages the stock ledger newest first past ten entries (ids of two lengths)', async () => {
    const product = await aProduct(t, producer);
    // Ids from 99,995 on: the walk crosses from five digits to six, where text order and number differ.
    const [{ last }] = await t.app
      .get(DataSource)
      .query(`SELECT last_value AS last FROM stock_ledger_id_seq`);
    await t.app
      .get(DataSource)
      .query(`SELECT setval('stock_ledger_id_seq', greatest($1::bigint, 99994))`, [last]);
    const listing = await aListing(t, producer, product.id, { stockOnHand: 5 });
    for (let i = 1; i <= 12; i++) {
      const moved = await t.http.post(
        `/listings/${listing.id}/stock-adjustments`,
        { delta: i, reason: `Nhập lần ${i}` },
        { token: producer.token },
      );
      expect(moved.status).toBe(201);
    }
    const deltas: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ deltaOnHand: number }>; nextCursor: string | null } } =
        await t.http.get(`/listings/${listing.id}/stock-ledger?limit=5${cursor ? `&cursor=${cursor}` : ''}`, {
          token: producer.token,
        });
      deltas.push(...page.body.items.map((entry) => entry.deltaOnHand));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(deltas).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 5]);
    // Entries are named by UUIDs like every object; the ledger's own sequence stays inside.
    const first = await t.http.get(`/listings/${listing.id}/stock-ledger?limit=100`, {
      token: producer.token,
    });
    const ids = first.body.items.map((entry: { id: string }) => entry.id);
    expect(new Set(ids).size).toBe(13);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  describe('CSV import', () => {
    const headers = { 'content-type': 'text/csv; charset=utf-8' };
    const importCsv = (csv: string, token = producer.token) =>
      t.http.request('POST', '/listings/import', { rawBody: csv, headers, token });

    it('creates and updates listings from Vietnamese headers in one go', async () => {
      const product = await aProduct(t, producer, { name: 'Mật ong rừng Bình Liêu' });
      const existing = await aListing(t, producer, product.id, { sku: 'MO-EXIST', stockOnHand: 10 });
      const csv = [
        'Tên sản phẩm;Mã SKU;Quy cách;Giá (VNĐ);Số lượng tối thiểu;Tồn kho;Bậc giá;Thuế VAT;Trạng thái',
        'Mật ong rừng Bình Liêu;MO-500;chai 500 ml;250.000;2;40;10:240000;5;đang bán',
        `mat ong rung binh lieu;MO-EXIST;chai 1 l;480000;1;25;;10;tạm dừng`,
      ].join('\r\n');
      const response = await importCsv(csv);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ created: 1, updated: 1 });
      const updated = await t.http.get(`/listings/${existing.id}`, { token: producer.token });
      expect(updated.body).toMatchObject({
        priceVnd: 480000,
        stockOnHand: 25,
        status: 'paused',
        vatRate: 10,
      });
      const created = response.body.items.find((l: { sku: string }) => l.sku === 'MO-500');
      expect(created).toMatchObject({
        priceVnd: 250000,
        minOrderQty: 2,
        stockOnHand: 40,
        priceTiers: [{ minQty: 10, priceVnd: 240000 }],
        productId: product.id,
      });
    });

    it('changes nothing when one row among 500 is bad, and names it by line', async () => {
      const product = await aProduct(t, producer, { name: 'Chả mực Hạ Long' });
      const rows = Array.from(
        { length: 500 },
        (_, i) => `${product.id},BULK-${i},hộp 500 g,${i === 336 ? 'không rõ' : 150000 + i},1,${i}`,
      );
      const csv = ['productId,sku,packSize,priceVnd,minOrderQty,stockOnHand', ...rows].join('\n');
      const response = await importCsv(csv);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('CSV_IMPORT_INVALID');
      expect(response.body.rows).toEqual([{ line: 338, field: 'priceVnd', message: expect.any(String) }]);
      expect(response.body.errors).toEqual([{ field: 'line 338: priceVnd', message: expect.any(String) }]);
      const listed = await t.http.get(`/listings?producerId=${producer.organizationId}&q=cha muc`, {
        token: producer.token,
      });
      expect(listed.body.items).toEqual([]);

      const good = await importCsv(csv.replace('không rõ', '99000'));
      expect(good.status).toBe(201);
      expect(good.body.created).toBe(500);
    });

    it('reports every bad row, including unknown products and SKUs repeated in the file', async () => {
      const product = await aProduct(t, producer);
      const csv = [
        'productId,sku,packSize,priceVnd,minOrderQty,stockOnHand,vatRate',
        `${product.id},R-1,gói,1000,1,1,5`,
        `00000000-0000-4000-8000-000000000000,R-2,gói,1000,1,1,5`,
        `${product.id},R-1,gói,1000,1,1,5`,
        `${product.id},R-4,gói,1000,1,1,7`,
        `${product.id},R-5,,,1,1,0`,
      ].join('\n');
      const response = await importCsv(csv);
      expect(response.status).toBe(400);
      expect(response.body.rows.map((r: { line: number; field: string }) => [r.line, r.field])).toEqual([
        [4, 'sku'],
        [5, 'vatRate'],
      ]);
      const fixed = await importCsv(
        csv
          .split('\n')
          .filter((_, i) => i !== 3 && i !== 4)
          .join('\n'),
      );
      expect(fixed.status).toBe(400);
      expect(fixed.body.rows.map((r: { line: number; field: string }) => [r.line, r.field])).toEqual([
        [3, 'productId'],
        [4, 'packSize'],
        [4, 'priceVnd'],
      ]);
    });
  });
});
