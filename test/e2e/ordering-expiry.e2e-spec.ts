import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OrderingFacade } from '../../src/modules/ordering';
import { adminSession, eventually, Session, verifiedUser } from '../support/factories';
import { ManualClock } from '../support/manual-clock';
import { aListing, deliveryInDays, orderBody, outboxEvents, stockOf } from '../support/ordering';
import { startTestApp, TestApp } from '../support/test-app';

const HOUR = 3600;

/** Own Redis prefix (under the run's, so teardown removes it): no other suite's worker takes these jobs. */
const ownPrefix = () => `${process.env.REDIS_PREFIX}:isolated-${randomBytes(3).toString('hex')}`;

describe('ordering: expiry driven by the clock', () => {
  let t: TestApp;
  let clock: ManualClock;
  let buyer: Session;
  let producer: Session;
  let ordering: OrderingFacade;

  beforeAll(async () => {
    clock = new ManualClock();
    t = await startTestApp({ REDIS_PREFIX: ownPrefix(), ORDER_SWEEP_INTERVAL_SECONDS: '0' }, { clock });
    const admin = await adminSession(t);
    [buyer, producer] = await Promise.all([
      verifiedUser(t, admin, 'buyer'),
      verifiedUser(t, admin, 'producer'),
    ]);
    ordering = t.app.get(OrderingFacade);
  });
  afterAll(() => t.close());

  const place = async (quantity: number, listingId: string) => {
    const response = await t.http.post(
      '/orders',
      orderBody([{ listingId, quantity }], { deliveryDate: deliveryInDays(7, clock.now()) }),
      { token: buyer.token },
    );
    expect(response.status).toBe(201);
    return response.body;
  };
  const statusOf = async (supplierOrderId: string) =>
    (await t.http.get(`/supplier-orders/${supplierOrderId}`, { token: producer.token })).body.status;
  const sweep = () => ordering.sweepExpiries({ buyerId: buyer.organizationId });

  it('warns once 6 h before the window closes, then expires, releases stock and derives the order', async () => {
    const listing = await aListing(t, producer, { stockOnHand: 20 });
    const order = await place(7, listing.id);
    const so = order.supplierOrders[0];
    expect(new Date(so.acceptBy).getTime() - new Date(order.createdAt).getTime()).toBe(48 * HOUR * 1000);

    clock.advanceSeconds(41 * HOUR);
    expect(await sweep()).toEqual({ expired: 0, warned: 0 });

    clock.advanceSeconds(2 * HOUR); // 5 h left
    expect(await sweep()).toEqual({ expired: 0, warned: 1 });
    expect(await sweep()).toEqual({ expired: 0, warned: 0 });
    expect(await statusOf(so.id)).toBe('placed');
    expect(await ordering.expireSupplierOrder(so.id)).toBe(false); // early: nothing happens

    clock.advanceSeconds(5 * HOUR + 1);
    expect(await sweep()).toEqual({ expired: 1, warned: 0 });
    expect(await statusOf(so.id)).toBe('expired');
    expect(await stockOf(t, listing.id)).toEqual({ onHand: 20, reserved: 0 });
    const purchase = await t.http.get(`/orders/${order.id}`, { token: buyer.token });
    expect(purchase.body).toMatchObject({ status: 'expired', totalVnd: 0 });

    // A job firing again (or late) changes nothing.
    expect(await ordering.expireSupplierOrder(so.id)).toBe(false);
    expect(await sweep()).toEqual({ expired: 0, warned: 0 });
    expect(await stockOf(t, listing.id)).toEqual({ onHand: 20, reserved: 0 });

    const events = (await outboxEvents(t, [order.id, so.id])).map((e: any) => e.event_type);
    expect(events.filter((type: string) => type === 'supplier_order.expiring_soon')).toHaveLength(1);
    expect(events.filter((type: string) => type === 'supplier_order.expired')).toHaveLength(1);
    expect(events).toContain('purchase_order.expired');

    const history = await t.app
      .get(DataSource)
      .query(
        `SELECT to_status, actor_user_id FROM supplier_order_status_history WHERE supplier_order_id = $1 ORDER BY id`,
        [so.id],
      );
    expect(history).toEqual([
      { to_status: 'placed', actor_user_id: buyer.userId },
      { to_status: 'expired', actor_user_id: null },
    ]);
  });

  it('never expires an order the producer accepted in time, however late the job fires', async () => {
    const listing = await aListing(t, producer, { stockOnHand: 20 });
    const order = await place(3, listing.id);
    const so = order.supplierOrders[0];
    clock.advanceSeconds(47 * HOUR);
    expect(
      (await t.http.post(`/supplier-orders/${so.id}/accept`, {}, { token: producer.token })).status,
    ).toBe(200);
    clock.advanceSeconds(30 * 24 * HOUR);
    expect(await ordering.expireSupplierOrder(so.id)).toBe(false);
    await sweep();
    expect(await statusOf(so.id)).toBe('accepted');
    expect(await stockOf(t, listing.id)).toEqual({ onHand: 20, reserved: 3 });
    // Accepting after the window has closed is refused once it expired.
    const late = await place(2, listing.id);
    clock.advanceSeconds(49 * HOUR);
    await sweep();
    const refused = await t.http.post(
      `/supplier-orders/${late.supplierOrders[0].id}/accept`,
      {},
      { token: producer.token },
    );
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'INVALID_TRANSITION', from: 'expired' });
  });
});

describe('ordering: expiry through the delayed BullMQ job', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      REDIS_PREFIX: ownPrefix(),
      ORDER_ACCEPT_WINDOW_SECONDS: '1',
      ORDER_SWEEP_INTERVAL_SECONDS: '0',
    });
  });
  afterAll(() => t.close());

  it('expires a supplier order not accepted within a 1-second window, without any sweep', async () => {
    const admin = await adminSession(t);
    const [buyer, producer] = await Promise.all([
      verifiedUser(t, admin, 'buyer'),
      verifiedUser(t, admin, 'producer'),
    ]);
    const listing = await aListing(t, producer, { stockOnHand: 5 });
    const placed = await t.http.post('/orders', orderBody([{ listingId: listing.id, quantity: 5 }]), {
      token: buyer.token,
    });
    expect(placed.status).toBe(201);
    const soId = placed.body.supplierOrders[0].id;
    const status = await eventually(async () => {
      const response = await t.http.get(`/supplier-orders/${soId}`, { token: producer.token });
      return response.body.status === 'expired' ? response.body.status : undefined;
    }, 15_000);
    expect(status).toBe('expired');
    expect(await stockOf(t, listing.id)).toEqual({ onHand: 5, reserved: 0 });
  });

  it('expires every supplier order of orders placed together through their shared job, each once', async () => {
    const admin = await adminSession(t);
    const [buyer, ...producers] = await Promise.all([
      verifiedUser(t, admin, 'buyer'),
      verifiedUser(t, admin, 'producer'),
      verifiedUser(t, admin, 'producer'),
    ]);
    const listings = await Promise.all(producers.map((p) => aListing(t, p, { stockOnHand: 10 })));
    const placed = await Promise.all(
      [1, 2, 3].map((quantity) =>
        t.http.post('/orders', orderBody(listings.map((listing) => ({ listingId: listing.id, quantity }))), {
          token: buyer.token,
        }),
      ),
    );
    expect(placed.map((response) => response.status)).toEqual([201, 201, 201]);
    const supplierOrderIds: string[] = placed.flatMap((response) =>
      response.body.supplierOrders.map((so: { id: string }) => so.id),
    );
    expect(supplierOrderIds).toHaveLength(6);
    const sql = t.app.get(DataSource);
    const expired = await eventually(async () => {
      const rows: { supplier_order_id: string; n: number }[] = await sql.query(
        `SELECT supplier_order_id, count(*)::int AS n FROM supplier_order_status_history
          WHERE to_status = 'expired' AND supplier_order_id = ANY($1::uuid[]) GROUP BY 1`,
        [supplierOrderIds],
      );
      return rows.length === supplierOrderIds.length ? rows : undefined;
    }, 15_000);
    expect(expired.every((row) => row.n === 1)).toBe(true);
    for (const listing of listings) expect(await stockOf(t, listing.id)).toEqual({ onHand: 10, reserved: 0 });
  });
});
