import { DataSource } from 'typeorm';
import { adminSession, Session, verifiedUser } from '../support/factories';
import { aListing, orderBody, stockOf } from '../support/ordering';
import { startTestApp, TestApp } from '../support/test-app';

describe('ordering: concurrency', () => {
  let t: TestApp;
  let buyers: Session[];
  let producer: Session;

  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_SIZE: '20' });
    const admin = await adminSession(t);
    producer = await verifiedUser(t, admin, 'producer');
    buyers = await Promise.all(Array.from({ length: 4 }, () => verifiedUser(t, admin, 'buyer')));
  });
  afterAll(() => t.close());

  it('200 parallel orders for a listing with stock 50 reserve exactly 50 and answer 150 clean 409s', async () => {
    const listing = await aListing(t, producer, { stockOnHand: 50 });
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        t.http.post('/orders', orderBody([{ listingId: listing.id, quantity: 1 }]), {
          token: buyers[i % buyers.length].token,
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s === 409)).toHaveLength(150);
    for (const refused of responses.filter((r) => r.status === 409)) {
      // The same answer whether the shortage showed when reading or only when reserving.
      expect(refused.body).toMatchObject({
        code: 'INSUFFICIENT_STOCK',
        listingIds: [listing.id],
        errors: [{ field: 'lines[0].quantity' }],
      });
    }
    expect(await stockOf(t, listing.id)).toEqual({ onHand: 50, reserved: 50 });
    const [{ ordered }] = await t.app
      .get(DataSource)
      .query(
        `SELECT coalesce(sum(quantity), 0)::int AS ordered FROM supplier_order_lines WHERE listing_id = $1`,
        [listing.id],
      );
    expect(ordered).toBe(50);
  });

  it('orders naming the same listings in opposite order never deadlock', async () => {
    const [first, second] = await Promise.all([
      aListing(t, producer, { stockOnHand: 1000 }),
      aListing(t, producer, { stockOnHand: 1000 }),
    ]);
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        t.http.post(
          '/orders',
          orderBody(
            i % 2 === 0
              ? [
                  { listingId: first.id, quantity: 2 },
                  { listingId: second.id, quantity: 3 },
                ]
              : [
                  { listingId: second.id, quantity: 3 },
                  { listingId: first.id, quantity: 2 },
                ],
          ),
          { token: buyers[i % 2].token },
        ),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(60).fill(201));
    expect(await stockOf(t, first.id)).toEqual({ onHand: 1000, reserved: 120 });
    expect(await stockOf(t, second.id)).toEqual({ onHand: 1000, reserved: 180 });
  });

  it('an order failing on its last line leaves the earlier lines’ stock untouched and no order behind', async () => {
    const [a, b, c] = await Promise.all([
      aListing(t, producer, { stockOnHand: 10 }),
      aListing(t, producer, { stockOnHand: 10 }),
      aListing(t, producer, { stockOnHand: 2 }),
    ]);
    const db = t.app.get(DataSource);
    const count = async () =>
      (
        await db.query(`SELECT count(*)::int AS n FROM purchase_orders WHERE buyer_id = $1`, [
          buyers[3].organizationId,
        ])
      )[0].n;
    const before = await count();
    const response = await t.http.post(
      '/orders',
      orderBody([
        { listingId: a.id, quantity: 5 },
        { listingId: b.id, quantity: 5 },
        { listingId: c.id, quantity: 3 },
      ]),
      { token: buyers[3].token, headers: { 'Idempotency-Key': 'fails-on-last-line' } },
    );
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'INSUFFICIENT_STOCK', listingIds: [c.id] });
    expect(await stockOf(t, a.id)).toEqual({ onHand: 10, reserved: 0 });
    expect(await stockOf(t, b.id)).toEqual({ onHand: 10, reserved: 0 });
    expect(await stockOf(t, c.id)).toEqual({ onHand: 2, reserved: 0 });
    expect(await count()).toBe(before);
    // The key keeps its refusal; the corrected order is another request and needs a key of its own.
    const corrected = orderBody([
      { listingId: a.id, quantity: 5 },
      { listingId: b.id, quantity: 5 },
      { listingId: c.id, quantity: 2 },
    ]);
    const reused = await t.http.post('/orders', corrected, {
      token: buyers[3].token,
      headers: { 'Idempotency-Key': 'fails-on-last-line' },
    });
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const retry = await t.http.post('/orders', corrected, {
      token: buyers[3].token,
      headers: { 'Idempotency-Key': 'fails-on-last-line-2' },
    });
    expect(retry.status).toBe(201);
  });

  it('concurrent accept and cancel of one order serialize: it ends cancelled with nothing left reserved', async () => {
    const listing = await aListing(t, producer, { stockOnHand: 100 });
    for (let round = 0; round < 5; round++) {
      const placed = await t.http.post('/orders', orderBody([{ listingId: listing.id, quantity: 4 }]), {
        token: buyers[0].token,
      });
      const so = placed.body.supplierOrders[0];
      const [accept, cancel] = await Promise.all([
        t.http.post(`/supplier-orders/${so.id}/accept`, {}, { token: producer.token }),
        t.http.post(`/orders/${placed.body.id}/cancel`, {}, { token: buyers[0].token }),
      ]);
      // cancel may come after accept (cancelling the accepted order) — both 200 — or before (accept 409).
      expect(cancel.status).toBe(200);
      expect([200, 409]).toContain(accept.status);
      const after = await t.http.get(`/orders/${placed.body.id}`, { token: buyers[0].token });
      expect(after.body.status).toBe('cancelled');
    }
    expect(await stockOf(t, listing.id)).toEqual({ onHand: 100, reserved: 0 });
  });
});
