import { DataSource } from 'typeorm';
import { adminSession, Session, verifiedUser } from '../support/factories';
import { aListing, orderBody, outboxEvents, stockOf, TestListing } from '../support/ordering';
import { startTestApp, TestApp } from '../support/test-app';

describe('ordering: supplier order lifecycle', () => {
  let t: TestApp;
  let buyer: Session;
  let otherBuyer: Session;
  let producerA: Session;
  let producerB: Session;
  let otherProducer: Session;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await adminSession(t);
    [buyer, otherBuyer, producerA, producerB, otherProducer] = await Promise.all([
      verifiedUser(t, admin, 'buyer'),
      verifiedUser(t, admin, 'buyer'),
      verifiedUser(t, admin, 'producer'),
      verifiedUser(t, admin, 'producer'),
      verifiedUser(t, admin, 'producer'),
    ]);
  });
  afterAll(() => t.close());

  /** An order with two lines from producer A (10 + 4) and one from producer B (5). */
  async function twoProducerOrder(): Promise<{
    order: any;
    soA: any;
    soB: any;
    tea: TestListing;
    honey: TestListing;
    wine: TestListing;
  }> {
    const [tea, honey, wine] = await Promise.all([
      aListing(t, producerA, { priceVnd: 10_000, vatRate: 10, stockOnHand: 50 }),
      aListing(t, producerA, { priceVnd: 25_000, vatRate: 5, stockOnHand: 50 }),
      aListing(t, producerB, { priceVnd: 40_000, vatRate: 8, stockOnHand: 50 }),
    ]);
    const response = await t.http.post(
      '/orders',
      orderBody([
        { listingId: tea.id, quantity: 10 },
        { listingId: honey.id, quantity: 4 },
        { listingId: wine.id, quantity: 5 },
      ]),
      { token: buyer.token },
    );
    expect(response.status).toBe(201);
    const order = response.body;
    const soA = order.supplierOrders.find((so: any) => so.producerId === producerA.organizationId);
    const soB = order.supplierOrders.find((so: any) => so.producerId === producerB.organizationId);
    return { order, soA, soB, tea, honey, wine };
  }

  const act = (session: Session, id: string, action: string, body: unknown = {}) =>
    t.http.post(`/supplier-orders/${id}/${action}`, body, { token: session.token });
  const getOrder = async (id: string) => (await t.http.get(`/orders/${id}`, { token: buyer.token })).body;

  it('walks placed → accepted (partly) → shipped → delivered with stock, totals, history and events', async () => {
    const { order, soA, soB, tea, honey } = await twoProducerOrder();
    const teaLine = soA.lines.find((l: any) => l.listingId === tea.id);

    // Producer A accepts 6 of 10 tea and all honey: 4 tea go back to available stock.
    const accepted = await act(producerA, soA.id, 'accept', {
      lines: [{ lineId: teaLine.id, acceptedQty: 6 }],
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect(accepted.body.lines.map((l: any) => [l.quantity, l.acceptedQty])).toEqual([
      [10, 6],
      [4, 4],
    ]);
    // 6 × 10,000 = 60,000 (+6,000 VAT); 4 × 25,000 = 100,000 (+5,000 VAT)
    expect(accepted.body).toMatchObject({ subtotalVnd: 160_000, vatVnd: 11_000, totalVnd: 171_000 });
    expect(await stockOf(t, tea.id)).toEqual({ onHand: 50, reserved: 6 });
    expect(await stockOf(t, honey.id)).toEqual({ onHand: 50, reserved: 4 });

    let purchase = await getOrder(order.id);
    expect(purchase.status).toBe('partially_accepted');
    // B: 5 × 40,000 = 200,000 + 16,000 VAT
    expect(purchase).toMatchObject({ subtotalVnd: 360_000, vatVnd: 27_000, totalVnd: 387_000 });

    expect((await act(producerB, soB.id, 'accept')).status).toBe(200);
    expect((await getOrder(order.id)).status).toBe('accepted');

    const shipped = await act(producerA, soA.id, 'ship', { trackingRef: 'VTP123' });
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ status: 'shipped', trackingRef: 'VTP123' });
    expect(await stockOf(t, tea.id)).toEqual({ onHand: 44, reserved: 0 });
    expect(await stockOf(t, honey.id)).toEqual({ onHand: 46, reserved: 0 });

    expect((await act(producerB, soB.id, 'ship')).status).toBe(200);
    expect((await getOrder(order.id)).status).toBe('shipped');

    const delivered = await act(buyer, soA.id, 'deliver');
    expect(delivered.status).toBe(200);
    expect(delivered.body.status).toBe('delivered');
    expect((await getOrder(order.id)).status).toBe('partially_delivered');
    expect((await act(buyer, soB.id, 'deliver')).status).toBe(200);
    purchase = await getOrder(order.id);
    expect(purchase.status).toBe('delivered');

    const detail = await t.http.get(`/supplier-orders/${soA.id}`, { token: producerA.token });
    expect(detail.status).toBe(200);
    expect(detail.body.history.map((h: any) => [h.from, h.to])).toEqual([
      [null, 'placed'],
      ['placed', 'accepted'],
      ['accepted', 'shipped'],
      ['shipped', 'delivered'],
    ]);
    expect(detail.body.history.map((h: any) => h.actorUserId)).toEqual([
      buyer.userId,
      producerA.userId,
      producerA.userId,
      buyer.userId,
    ]);
    expect(detail.body).toMatchObject({
      purchaseOrderNumber: order.number,
      deliveryAddress: order.deliveryAddress,
      deliveryDate: order.deliveryDate,
      buyer: { id: buyer.organizationId },
    });

    const events = await outboxEvents(t, [order.id, soA.id, soB.id]);
    const types = events.map((e: any) => e.event_type);
    expect(types).toEqual(
      expect.arrayContaining([
        'supplier_order.accepted',
        'supplier_order.shipped',
        'supplier_order.delivered',
        'purchase_order.accepted',
        'purchase_order.shipped',
        'purchase_order.delivered',
      ]),
    );
    const acceptedEvent = events.find(
      (e: any) => e.event_type === 'supplier_order.accepted' && e.aggregate_id === soA.id,
    );
    expect(acceptedEvent.audience.sort()).toEqual([producerA.organizationId, buyer.organizationId].sort());
    expect(acceptedEvent.payload).toMatchObject({ from: 'placed', to: 'accepted', totalVnd: 171_000 });
  });

  it('reject and cancel release the reserved stock; totals exclude dropped supplier orders', async () => {
    const { order, soA, soB, tea, honey, wine } = await twoProducerOrder();
    const rejected = await act(producerB, soB.id, 'reject', { reason: 'Hết hàng vụ này' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'Hết hàng vụ này' });
    expect(await stockOf(t, wine.id)).toEqual({ onHand: 50, reserved: 0 });
    let purchase = await getOrder(order.id);
    expect(purchase.status).toBe('placed');
    expect(purchase.totalVnd).toBe(soA.totalVnd);

    expect((await act(producerA, soA.id, 'accept')).status).toBe(200);
    const cancelled = await t.http.post(
      `/orders/${order.id}/cancel`,
      { reason: 'Đổi kế hoạch' },
      { token: buyer.token },
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.supplierOrders.map((so: any) => so.status).sort()).toEqual([
      'cancelled',
      'rejected',
    ]);
    expect(cancelled.body.totalVnd).toBe(0);
    expect(await stockOf(t, tea.id)).toEqual({ onHand: 50, reserved: 0 });
    expect(await stockOf(t, honey.id)).toEqual({ onHand: 50, reserved: 0 });

    const events = (await outboxEvents(t, [order.id, soA.id, soB.id])).map((e: any) => e.event_type);
    expect(events).toEqual(
      expect.arrayContaining([
        'supplier_order.rejected',
        'supplier_order.cancelled',
        'purchase_order.cancelled',
      ]),
    );
    purchase = await getOrder(order.id);
    expect(purchase.status).toBe('cancelled');
  });

  it('cancel leaves shipped supplier orders alone and is 409 when nothing is left to cancel', async () => {
    const { order, soA, soB, wine } = await twoProducerOrder();
    await act(producerA, soA.id, 'accept');
    await act(producerA, soA.id, 'ship');
    const cancelled = await t.http.post(`/orders/${order.id}/cancel`, {}, { token: buyer.token });
    expect(cancelled.status).toBe(200);
    const statuses = Object.fromEntries(cancelled.body.supplierOrders.map((so: any) => [so.id, so.status]));
    expect(statuses).toEqual({ [soA.id]: 'shipped', [soB.id]: 'cancelled' });
    expect(cancelled.body.status).toBe('shipped');
    expect(await stockOf(t, wine.id)).toEqual({ onHand: 50, reserved: 0 });
    const again = await t.http.post(`/orders/${order.id}/cancel`, {}, { token: buyer.token });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_TRANSITION');
  });

  it('refuses every illegal transition with 409 INVALID_TRANSITION and changes nothing', async () => {
    const { order, soA, soB, tea } = await twoProducerOrder();
    // placed: ship and deliver are illegal
    for (const [session, action] of [
      [producerA, 'ship'],
      [buyer, 'deliver'],
    ] as const) {
      const response = await act(session, soA.id, action);
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'INVALID_TRANSITION', from: 'placed' });
    }
    await act(producerA, soA.id, 'accept');
    // accepted: accept, reject, deliver are illegal
    for (const [session, action, body] of [
      [producerA, 'accept', {}],
      [producerA, 'reject', { reason: 'x' }],
      [buyer, 'deliver', {}],
    ] as const) {
      const response = await act(session, soA.id, action, body);
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('INVALID_TRANSITION');
    }
    await act(producerA, soA.id, 'ship');
    // shipped: accept, reject, ship are illegal
    for (const [action, body] of [
      ['accept', {}],
      ['reject', { reason: 'x' }],
      ['ship', {}],
    ] as const) {
      expect((await act(producerA, soA.id, action, body)).status).toBe(409);
    }
    await act(buyer, soA.id, 'deliver');
    // delivered: everything is illegal
    for (const [session, action, body] of [
      [producerA, 'accept', {}],
      [producerA, 'reject', { reason: 'x' }],
      [producerA, 'ship', {}],
      [buyer, 'deliver', {}],
    ] as const) {
      expect((await act(session, soA.id, action, body)).status).toBe(409);
    }
    // rejected: accept, ship, deliver, reject are illegal
    await act(producerB, soB.id, 'reject', { reason: 'Hết hàng' });
    for (const [session, action, body] of [
      [producerB, 'accept', {}],
      [producerB, 'ship', {}],
      [producerB, 'reject', { reason: 'x' }],
      [buyer, 'deliver', {}],
    ] as const) {
      expect((await act(session, soB.id, action, body)).status).toBe(409);
    }
    // cancelled (whole order): nothing moves it again
    const { order: second, soA: secondA } = await twoProducerOrder();
    expect((await t.http.post(`/orders/${second.id}/cancel`, {}, { token: buyer.token })).status).toBe(200);
    for (const [session, action] of [
      [producerA, 'accept'],
      [producerA, 'ship'],
      [buyer, 'deliver'],
    ] as const) {
      expect((await act(session, secondA.id, action)).status).toBe(409);
    }
    expect((await t.http.post(`/orders/${second.id}/cancel`, {}, { token: buyer.token })).status).toBe(409);
    expect(await stockOf(t, tea.id)).toEqual({ onHand: 40, reserved: 0 });
    expect((await getOrder(order.id)).status).toBe('delivered');
  });

  it('validates partial acceptance quantities', async () => {
    const { soA } = await twoProducerOrder();
    const line = soA.lines[0];
    for (const body of [
      { lines: [{ lineId: line.id, acceptedQty: line.quantity + 1 }] },
      { lines: [{ lineId: line.id, acceptedQty: -1 }] },
      { lines: [{ lineId: '00000000-0000-4000-8000-000000000000', acceptedQty: 1 }] },
      { lines: [{ lineId: line.id, acceptedQty: 1.5 }] },
      // A client bug sending null must not accept everything, as leaving `lines` out does.
      { lines: null },
    ]) {
      const response = await act(producerA, soA.id, 'accept', body);
      expect(response.status).toBe(400);
      expect(response.body.errors.length).toBeGreaterThan(0);
    }
    expect((await t.http.get(`/supplier-orders/${soA.id}`, { token: producerA.token })).body.status).toBe(
      'placed',
    );
  });

  it('keeps tenants apart: other tenants get 404 reading and 403 acting, wrong roles 403', async () => {
    const { order, soA } = await twoProducerOrder();
    expect((await t.http.get(`/orders/${order.id}`, { token: otherBuyer.token })).status).toBe(404);
    expect((await t.http.get(`/orders/${order.id}`, { token: producerA.token })).status).toBe(404);
    expect((await t.http.post(`/orders/${order.id}/cancel`, {}, { token: otherBuyer.token })).status).toBe(
      403,
    );
    expect((await t.http.get(`/supplier-orders/${soA.id}`, { token: otherProducer.token })).status).toBe(404);
    expect((await t.http.get(`/supplier-orders/${soA.id}`, { token: producerB.token })).status).toBe(404);
    expect((await t.http.get(`/supplier-orders/${soA.id}`, { token: otherBuyer.token })).status).toBe(404);
    for (const action of ['accept', 'ship']) {
      expect((await act(otherProducer, soA.id, action)).status).toBe(403);
    }
    expect((await act(otherProducer, soA.id, 'reject', { reason: 'x' })).status).toBe(403);
    expect((await act(producerB, soA.id, 'accept')).status).toBe(403);
    expect((await act(buyer, soA.id, 'accept')).status).toBe(403);
    expect((await act(producerA, soA.id, 'deliver')).status).toBe(403);
    await act(producerA, soA.id, 'accept');
    await act(producerA, soA.id, 'ship');
    expect((await act(otherBuyer, soA.id, 'deliver')).status).toBe(403);
    expect((await t.http.get(`/supplier-orders/${soA.id}`, { token: producerA.token })).body.status).toBe(
      'shipped',
    );

    const mine = await t.http.get('/orders', { token: otherBuyer.token });
    expect(mine.body.items.map((o: any) => o.id)).not.toContain(order.id);
    const theirs = await t.http.get('/supplier-orders', { token: otherProducer.token });
    expect(theirs.body.items).toEqual([]);
    expect((await t.http.get('/supplier-orders', { token: buyer.token })).status).toBe(403);
    expect((await t.http.get('/orders', { token: producerA.token })).status).toBe(403);
    const missing = await t.http.get('/orders/00000000-0000-4000-8000-000000000000', { token: buyer.token });
    expect(missing.status).toBe(404);
  });

  it('lists purchase orders and supplier orders in cursor pages with filters', async () => {
    const buyer2 = await verifiedUser(t, await adminSession(t), 'buyer');
    const listing = await aListing(t, producerB, { stockOnHand: 100 });
    const placed: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await t.http.post('/orders', orderBody([{ listingId: listing.id, quantity: 1 }]), {
        token: buyer2.token,
      });
      placed.push(response.body.id);
    }
    const first = await t.http.get('/orders?limit=2', { token: buyer2.token });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    const second = await t.http.get(`/orders?limit=2&cursor=${first.body.nextCursor}`, {
      token: buyer2.token,
    });
    const third = await t.http.get(`/orders?limit=2&cursor=${second.body.nextCursor}`, {
      token: buyer2.token,
    });
    expect(third.body.nextCursor).toBeNull();
    const seen = [...first.body.items, ...second.body.items, ...third.body.items].map((o: any) => o.id);
    expect(seen).toEqual([...placed].reverse());
    expect((await t.http.get('/orders?limit=101', { token: buyer2.token })).status).toBe(400);
    expect((await t.http.get('/orders?status=delivered', { token: buyer2.token })).body.items).toEqual([]);

    const supplier = await t.http.get('/supplier-orders?status=placed&limit=100', { token: producerB.token });
    expect(supplier.status).toBe(200);
    const item = supplier.body.items.find((so: any) => so.purchaseOrderId === placed[0]);
    expect(item).toMatchObject({
      status: 'placed',
      buyer: { id: buyer2.organizationId },
      deliveryAddress: expect.any(String),
      deliveryDate: expect.any(String),
    });
    const future = await t.http.get('/supplier-orders?from=2099-01-01', { token: producerB.token });
    expect(future.body.items).toEqual([]);
    const db = t.app.get(DataSource);
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM supplier_orders WHERE producer_id = $1 AND status = 'placed'`,
      [producerB.organizationId],
    );
    expect(supplier.body.items.length).toBe(Math.min(count, 100));
  });
});
