import { DataSource } from 'typeorm';
import { adminSession, registerUser, Session, verifiedUser } from '../support/factories';
import {
  aListing,
  deliveryInDays,
  orderBody,
  outboxEvents,
  pauseListing,
  stockOf,
  TestListing,
} from '../support/ordering';
import { startTestApp, TestApp } from '../support/test-app';

describe('ordering: placing purchase orders', () => {
  let t: TestApp;
  let admin: { token: string };
  let buyer: Session;
  let producerA: Session;
  let producerB: Session;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await adminSession(t);
    [buyer, producerA, producerB] = await Promise.all([
      verifiedUser(t, admin, 'buyer'),
      verifiedUser(t, admin, 'producer'),
      verifiedUser(t, admin, 'producer'),
    ]);
  });
  afterAll(() => t.close());

  const place = (body: unknown, session: Session = buyer, headers: Record<string, string> = {}) =>
    t.http.post('/orders', body, { token: session.token, headers });

  it('splits a multi-producer order per producer, prices by tier and adds VAT per line', async () => {
    const tea = await aListing(t, producerA, {
      priceVnd: 50_000,
      priceTiers: [
        { minQty: 10, priceVnd: 45_000 },
        { minQty: 50, priceVnd: 40_000 },
      ],
      vatRate: 8,
      stockOnHand: 100,
    });
    const honey = await aListing(t, producerA, { priceVnd: 33_335, vatRate: 5, stockOnHand: 20 });
    const wine = await aListing(t, producerB, { priceVnd: 120_000, vatRate: 10, stockOnHand: 10 });

    const response = await place(
      orderBody(
        [
          { listingId: tea.id, quantity: 12 },
          { listingId: wine.id, quantity: 3 },
          { listingId: honey.id, quantity: 3 },
        ],
        { note: 'Giao buổi sáng' },
      ),
    );
    expect(response.status).toBe(201);
    const order = response.body;
    expect(order).toMatchObject({
      buyerId: buyer.organizationId,
      status: 'placed',
      paymentMethod: 'invoice',
      note: 'Giao buổi sáng',
      deliveryDate: deliveryInDays(7),
    });
    expect(order.number).toMatch(/^PO-\d{4}-\d{6}$/);
    expect(order.supplierOrders).toHaveLength(2);
    const [soA, soB] = order.supplierOrders;
    expect(soA).toMatchObject({ producerId: producerA.organizationId, status: 'placed' });
    expect(soB).toMatchObject({ producerId: producerB.organizationId, status: 'placed' });
    // tea: tier 45,000 × 12 = 540,000, VAT 8 % = 43,200; honey: 33,335 × 3 = 100,005, VAT 5 % = 5,000.25 → 5,000
    expect(soA.lines).toEqual([
      expect.objectContaining({
        listingId: tea.id,
        quantity: 12,
        unitPriceVnd: 45_000,
        lineTotalVnd: 540_000,
        vatVnd: 43_200,
      }),
      expect.objectContaining({
        listingId: honey.id,
        quantity: 3,
        unitPriceVnd: 33_335,
        lineTotalVnd: 100_005,
        vatVnd: 5_000,
      }),
    ]);
    expect(soA.subtotalVnd).toBe(640_005);
    // wine: 120,000 × 3 = 360,000, VAT 36,000
    expect(soB.lines).toEqual([
      expect.objectContaining({
        listingId: wine.id,
        quantity: 3,
        unitPriceVnd: 120_000,
        lineTotalVnd: 360_000,
      }),
    ]);
    expect(soB.subtotalVnd).toBe(360_000);
    expect(order.vatVnd).toBe(43_200 + 5_000 + 36_000);
    expect(order.totalVnd).toBe(640_005 + 360_000 + 84_200);
    expect(order.lines.map((line: { listingId: string }) => line.listingId)).toEqual([
      tea.id,
      wine.id,
      honey.id,
    ]);
    for (const so of order.supplierOrders) {
      for (const line of so.lines) {
        expect(Object.keys(line)).toEqual(
          expect.arrayContaining(['id', 'listingId', 'quantity', 'unitPriceVnd', 'lineTotalVnd']),
        );
      }
    }

    expect(await stockOf(t, tea.id)).toEqual({ onHand: 100, reserved: 12 });
    expect(await stockOf(t, honey.id)).toEqual({ onHand: 20, reserved: 3 });
    expect(await stockOf(t, wine.id)).toEqual({ onHand: 10, reserved: 3 });

    const events = await outboxEvents(t, [order.id, soA.id, soB.id]);
    const placedA = events.find(
      (e: any) => e.event_type === 'supplier_order.placed' && e.aggregate_id === soA.id,
    );
    expect(placedA.audience).toEqual([producerA.organizationId]);
    expect(placedA.payload).toMatchObject({
      purchaseOrderNumber: order.number,
      supplierOrderNumber: soA.number,
      deliveryDate: deliveryInDays(7),
      totalVnd: 640_005 + 48_200,
      lines: [
        expect.objectContaining({ listingId: tea.id, quantity: 12 }),
        expect.objectContaining({ listingId: honey.id }),
      ],
    });
    expect(typeof placedA.payload.buyerName).toBe('string');
    expect(events.filter((e: any) => e.event_type === 'supplier_order.placed')).toHaveLength(2);
    const poEvent = events.find((e: any) => e.event_type === 'purchase_order.placed');
    expect(poEvent.audience).toEqual([buyer.organizationId]);

    const history = await t.app
      .get(DataSource)
      .query(
        `SELECT to_status, actor_user_id FROM supplier_order_status_history WHERE supplier_order_id = $1`,
        [soA.id],
      );
    expect(history).toEqual([{ to_status: 'placed', actor_user_id: buyer.userId }]);

    const read = await t.http.get(`/orders/${order.id}`, { token: buyer.token });
    expect(read.status).toBe(200);
    const { payment, bankTransfer, ...rest } = read.body;
    expect(rest).toEqual(order);
    expect(payment).toMatchObject({ state: 'unpaid' });
    // An invoice order says where to pay: the whole total, with a reference for the transfer note.
    expect(bankTransfer).toMatchObject({ amountVnd: order.totalVnd, reference: expect.any(String) });
  });

  describe('refuses bad orders without reserving anything', () => {
    let listing: TestListing;
    beforeAll(async () => {
      listing = await aListing(t, producerA, { stockOnHand: 10, minOrderQty: 3, leadTimeDays: 2 });
    });

    it.each([
      [{ quantity: 0 }, 'lines[0].quantity'],
      [{ quantity: -2 }, 'lines[0].quantity'],
      [{ quantity: 2.5 }, 'lines[0].quantity'],
      [{ quantity: '4' }, 'lines[0].quantity'],
      [{ listingId: 'not-a-uuid' }, 'lines[0].listingId'],
    ])('400 for line %j naming %s', async (override, field) => {
      const response = await place(orderBody([{ listingId: listing.id, quantity: 4, ...override } as never]));
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('400 for a duplicate listing line, naming the second line', async () => {
      const response = await place(
        orderBody([
          { listingId: listing.id, quantity: 4 },
          { listingId: listing.id, quantity: 5 },
        ]),
      );
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'lines[1].listingId' })]);
    });

    it.each([
      [{ lines: [] }, 'lines'],
      [{ paymentMethod: 'cash' }, 'paymentMethod'],
      [{ deliveryDate: '2026-02-30' }, 'deliveryDate'],
      [{ deliveryAddress: undefined }, 'deliveryAddress'],
      [{ discountVnd: 1000 }, 'discountVnd'],
    ])('400 for %j naming %s', async (override, field) => {
      const response = await place(orderBody([{ listingId: listing.id, quantity: 4 }], override));
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('422 BELOW_MIN_ORDER_QTY, 422 LISTING_UNAVAILABLE for unknown listings, 409 INSUFFICIENT_STOCK', async () => {
      const below = await place(orderBody([{ listingId: listing.id, quantity: 2 }]));
      expect(below.status).toBe(422);
      expect(below.body).toMatchObject({ code: 'BELOW_MIN_ORDER_QTY', listingIds: [listing.id] });
      expect(below.body.errors).toEqual([expect.objectContaining({ field: 'lines[0].quantity' })]);

      const unknown = '00000000-0000-4000-8000-000000000000';
      const missing = await place(
        orderBody([
          { listingId: listing.id, quantity: 3 },
          { listingId: unknown, quantity: 3 },
        ]),
      );
      expect(missing.status).toBe(422);
      expect(missing.body).toMatchObject({ code: 'LISTING_UNAVAILABLE', listingIds: [unknown] });
      expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'lines[1].listingId' })]);

      const short = await place(orderBody([{ listingId: listing.id, quantity: 11 }]));
      expect(short.status).toBe(409);
      expect(short.body).toMatchObject({ code: 'INSUFFICIENT_STOCK', listingIds: [listing.id] });
      expect(await stockOf(t, listing.id)).toEqual({ onHand: 10, reserved: 0 });
    });

    it('422 LISTING_UNAVAILABLE for a paused listing and for a producer that is not verified', async () => {
      const paused = await aListing(t, producerB);
      await pauseListing(t, producerB, paused.id);
      const response = await place(orderBody([{ listingId: paused.id, quantity: 1 }]));
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'LISTING_UNAVAILABLE', listingIds: [paused.id] });

      const suspended = await verifiedUser(t, admin, 'producer');
      const theirs = await aListing(t, suspended);
      await t.http.post(
        `/admin/organizations/${suspended.organizationId}/suspend`,
        {},
        { token: admin.token },
      );
      const refused = await place(orderBody([{ listingId: theirs.id, quantity: 1 }]));
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('LISTING_UNAVAILABLE');
      expect(await stockOf(t, theirs.id)).toMatchObject({ reserved: 0 });
    });

    it('422 for a delivery date in the past or closer than the longest lead time', async () => {
      const past = await place(
        orderBody([{ listingId: listing.id, quantity: 3 }], { deliveryDate: deliveryInDays(-1) }),
      );
      expect(past.status).toBe(422);
      expect(past.body.code).toBe('DELIVERY_DATE_IN_PAST');
      const soon = await place(
        orderBody([{ listingId: listing.id, quantity: 3 }], { deliveryDate: deliveryInDays(1) }),
      );
      expect(soon.status).toBe(422);
      expect(soon.body).toMatchObject({ code: 'DELIVERY_DATE_TOO_SOON', earliestDate: deliveryInDays(2) });
      const ok = await place(
        orderBody([{ listingId: listing.id, quantity: 3 }], { deliveryDate: deliveryInDays(2) }),
      );
      expect(ok.status).toBe(201);
    });

    it('401 without a token, 403 for a producer, 422 for a buyer whose organization is not verified', async () => {
      const body = orderBody([{ listingId: listing.id, quantity: 3 }]);
      expect((await t.http.post('/orders', body)).status).toBe(401);
      expect((await place(body, producerA)).status).toBe(403);
      const pending = await registerUser(t, 'buyer');
      const response = await place(body, pending);
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('ORGANIZATION_NOT_VERIFIED');
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first answer for the same key and body and reserves nothing more', async () => {
      const listing = await aListing(t, producerA, { stockOnHand: 10 });
      const body = orderBody([{ listingId: listing.id, quantity: 2 }]);
      const first = await place(body, buyer, { 'Idempotency-Key': 'po-retry-1' });
      const second = await place(body, buyer, { 'Idempotency-Key': 'po-retry-1' });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(await stockOf(t, listing.id)).toEqual({ onHand: 10, reserved: 2 });

      const other = await place({ ...body, note: 'khác' }, buyer, { 'Idempotency-Key': 'po-retry-1' });
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('replays the first answer even when the order could no longer be placed', async () => {
      const listing = await aListing(t, producerA, { stockOnHand: 5 });
      const soonSuspended = await verifiedUser(t, admin, 'buyer');
      const body = orderBody([{ listingId: listing.id, quantity: 5 }]);
      const first = await place(body, soonSuspended, { 'Idempotency-Key': 'po-retry-suspended' });
      expect(first.status).toBe(201);
      // Sold out, paused and its buyer suspended: a new order is refused, the retry is not.
      const paused = await t.http.patch(
        `/listings/${listing.id}`,
        { status: 'paused' },
        { token: producerA.token },
      );
      expect(paused.status).toBe(200);
      const suspended = await t.http.post(
        `/admin/organizations/${soonSuspended.organizationId}/suspend`,
        { reason: 'Kiểm tra hồ sơ' },
        { token: admin.token },
      );
      expect(suspended.status).toBe(200);
      expect((await place(body, soonSuspended)).body.code).toBe('ORGANIZATION_NOT_VERIFIED');
      const retry = await place(body, soonSuspended, { 'Idempotency-Key': 'po-retry-suspended' });
      expect({ status: retry.status, body: retry.body }).toEqual({ status: 201, body: first.body });
      expect(await stockOf(t, listing.id)).toEqual({ onHand: 5, reserved: 5 });
    });

    it('answers a refusal again for its key, byte for byte, even once the order could be placed', async () => {
      const listing = await aListing(t, producerA, { stockOnHand: 2 });
      const body = orderBody([{ listingId: listing.id, quantity: 3 }]);
      const headers = { 'Idempotency-Key': 'po-refused-1', 'accept-language': 'en' };
      const first = await place(body, buyer, headers);
      expect(first.status).toBe(409);
      expect(first.body).toMatchObject({ code: 'INSUFFICIENT_STOCK', listingIds: [listing.id] });
      const restocked = await t.http.post(
        `/listings/${listing.id}/stock-adjustments`,
        { delta: 10, reason: 'Nhập thêm' },
        { token: producerA.token },
      );
      expect(restocked.status).toBe(201);
      const again = await place(body, buyer, headers);
      expect({ status: again.status, text: again.text }).toEqual({ status: 409, text: first.text });
      expect(await stockOf(t, listing.id)).toEqual({ onHand: 12, reserved: 0 });
      const other = await place(orderBody([{ listingId: listing.id, quantity: 4 }]), buyer, headers);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect((await place(body, buyer, { 'Idempotency-Key': 'po-refused-2' })).status).toBe(201);
    });

    it('leaves a key unused by a body refused by validation, and refuses an empty key', async () => {
      const listing = await aListing(t, producerA, { stockOnHand: 10 });
      const invalid = await place(orderBody([{ listingId: listing.id, quantity: 0 }]), buyer, {
        'Idempotency-Key': 'po-invalid-first',
      });
      expect(invalid.body.code).toBe('VALIDATION_FAILED');
      const valid = await place(orderBody([{ listingId: listing.id, quantity: 1 }]), buyer, {
        'Idempotency-Key': 'po-invalid-first',
      });
      expect(valid.status).toBe(201);
      const empty = await place(orderBody([{ listingId: listing.id, quantity: 1 }]), buyer, {
        'Idempotency-Key': '',
      });
      expect({ status: empty.status, code: empty.body.code }).toEqual({
        status: 400,
        code: 'IDEMPOTENCY_KEY_INVALID',
      });
    });

    it('replays a success byte for byte', async () => {
      const listing = await aListing(t, producerA, { stockOnHand: 10 });
      const body = orderBody([{ listingId: listing.id, quantity: 1 }], { note: 'Giao sáng' });
      const first = await place(body, buyer, { 'Idempotency-Key': 'po-bytes-1' });
      const second = await place(body, buyer, { 'Idempotency-Key': 'po-bytes-1' });
      expect(first.status).toBe(201);
      expect(second.text).toBe(first.text);
    });

    it('gives parallel requests with one key one answer when the first is a refusal', async () => {
      const listing = await aListing(t, producerA, { stockOnHand: 1 });
      const body = orderBody([{ listingId: listing.id, quantity: 2 }]);
      const responses = await Promise.all(
        Array.from({ length: 10 }, () => place(body, buyer, { 'Idempotency-Key': 'po-parallel-refused' })),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(409));
      const stored = await t.app
        .get(DataSource)
        .query(`SELECT failure->>'code' AS code FROM idempotency_keys WHERE key = 'po-parallel-refused'`);
      expect(stored).toEqual([{ code: 'INSUFFICIENT_STOCK' }]);
    });

    it('creates one order for parallel requests with the same key', async () => {
      const listing = await aListing(t, producerA, { stockOnHand: 100 });
      const body = orderBody([{ listingId: listing.id, quantity: 3 }]);
      const responses = await Promise.all(
        Array.from({ length: 12 }, () => place(body, buyer, { 'Idempotency-Key': 'po-parallel-1' })),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(12).fill(201));
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      expect(await stockOf(t, listing.id)).toEqual({ onHand: 100, reserved: 3 });
    });

    it('lets another user use the same key independently', async () => {
      const listing = await aListing(t, producerA, { stockOnHand: 10 });
      const otherBuyer = await verifiedUser(t, admin, 'buyer');
      const body = orderBody([{ listingId: listing.id, quantity: 1 }]);
      const a = await place(body, buyer, { 'Idempotency-Key': 'shared-key' });
      const b = await place(body, otherBuyer, { 'Idempotency-Key': 'shared-key' });
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(a.body.id).not.toBe(b.body.id);
    });
  });

  it('documents every ordering route in the OpenAPI document', async () => {
    const document = await t.http.get('/docs-json');
    const paths = document.body.paths;
    for (const [path, method] of [
      ['/api/v1/orders', 'post'],
      ['/api/v1/orders', 'get'],
      ['/api/v1/orders/{id}', 'get'],
      ['/api/v1/orders/{id}/cancel', 'post'],
      ['/api/v1/supplier-orders', 'get'],
      ['/api/v1/supplier-orders/{id}', 'get'],
      ['/api/v1/supplier-orders/{id}/accept', 'post'],
      ['/api/v1/supplier-orders/{id}/reject', 'post'],
      ['/api/v1/supplier-orders/{id}/ship', 'post'],
      ['/api/v1/supplier-orders/{id}/deliver', 'post'],
      ['/api/v1/delivery-locations', 'post'],
      ['/api/v1/delivery-locations', 'get'],
    ]) {
      expect(paths[path]?.[method]).toMatchObject({ tags: ['orders'], summary: expect.any(String) });
    }
    expect(document.body.components.schemas.PurchaseOrderView.properties).toHaveProperty('supplierOrders');
  });

  describe('delivery locations', () => {
    it('saves named locations, lists them and uses one for an order', async () => {
      const created = await t.http.post(
        '/delivery-locations',
        { name: 'Kho Cẩm Phả', address: '12 Lý Thường Kiệt, Cẩm Phả', phone: '0912345678' },
        { token: buyer.token },
      );
      expect(created.status).toBe(201);
      const duplicate = await t.http.post(
        '/delivery-locations',
        { name: 'Kho Cẩm Phả', address: 'khác' },
        { token: buyer.token },
      );
      expect(duplicate.status).toBe(409);
      const listed = await t.http.get('/delivery-locations', { token: buyer.token });
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((l: { id: string }) => l.id)).toContain(created.body.id);

      const listing = await aListing(t, producerA);
      const { deliveryAddress: _omitted, ...body } = orderBody([{ listingId: listing.id, quantity: 1 }]);
      const order = await place({ ...body, deliveryLocationId: created.body.id });
      expect(order.status).toBe(201);
      expect(order.body.deliveryLocationId).toBe(created.body.id);
      expect(order.body.deliveryAddress).toContain('12 Lý Thường Kiệt');

      const stranger = await verifiedUser(t, admin, 'buyer');
      expect((await t.http.get('/delivery-locations', { token: stranger.token })).body.items).toEqual([]);
      const refused = await place({ ...body, deliveryLocationId: created.body.id }, stranger);
      expect(refused.status).toBe(404);
    });

    it('takes a current commune code only', async () => {
      const unknown = await t.http.post(
        '/delivery-locations',
        { name: 'Kho không tồn tại', address: 'Đâu đó', communeCode: '99999' },
        { token: buyer.token },
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body).toMatchObject({
        code: 'COMMUNE_UNKNOWN',
        errors: [{ field: 'communeCode', message: 'unknown commune code' }],
      });
      const known = await t.http.post(
        '/delivery-locations',
        { name: 'Kho Ba Chẽ', address: 'Thị trấn Ba Chẽ', communeCode: '06970' },
        { token: buyer.token },
      );
      expect(known.status).toBe(201);
      expect(known.body.communeCode).toBe('06970');
    });
  });

  it('refuses an order whose amount would pass the exact range of money with a 422', async () => {
    const dear = await aListing(t, producerA, { priceVnd: 9_999_999_999_999, stockOnHand: 1000 });
    const refused = await place(orderBody([{ listingId: dear.id, quantity: 900 }]));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('ORDER_AMOUNT_TOO_LARGE');
    expect(await stockOf(t, dear.id)).toEqual({ onHand: 1000, reserved: 0 });
  });
});
