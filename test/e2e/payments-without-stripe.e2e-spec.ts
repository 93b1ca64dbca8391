import { randomUUID } from 'node:crypto';
import { Clock } from '@ocop/clock';
import { DataSource } from 'typeorm';
import { adminSession, Session, verifiedUser } from '../support/factories';
import { publishedFair } from '../support/fairs';
import { placeOrder } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * An instance without STRIPE_* keys still answers who may pay what: only a request that would
 * reach Stripe learns that card payments are off.
 */
describe('payments without Stripe keys: refusals that need no Stripe come before 503', () => {
  let t: TestApp;
  let buyer: Session;
  let otherBuyer: Session;
  let producer: Session;
  let otherProducer: Session;
  let organizer: Session;

  beforeAll(async () => {
    t = await startTestApp({ STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '' }, { ownDatabase: true });
    const admin = await adminSession(t);
    [buyer, otherBuyer, producer, otherProducer, organizer] = await Promise.all([
      verifiedUser(t, admin, 'buyer'),
      verifiedUser(t, admin, 'buyer'),
      verifiedUser(t, admin, 'producer'),
      verifiedUser(t, admin, 'producer'),
      verifiedUser(t, admin, 'organizer'),
    ]);
  });
  afterAll(() => t?.close());

  const db = () => t.app.get(DataSource);
  const orderIntent = (orderId: string, session: Session) =>
    t.http.post(`/orders/${orderId}/payment-intent`, {}, { token: session.token });
  const bookingIntent = (bookingId: string, session: Session) =>
    t.http.post(`/bookings/${bookingId}/payment-intent`, {}, { token: session.token });

  it('order intent: 404 unknown order, 403 another buyer or a producer, 422 invoice order, then 503', async () => {
    const order = await placeOrder(t, buyer, [{ producer, priceVnd: 50_000, quantity: 2 }], 'card');
    const invoiceOrder = await placeOrder(t, buyer, [{ producer, priceVnd: 50_000, quantity: 1 }], 'invoice');

    const unknown = await orderIntent(randomUUID(), buyer);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'NOT_FOUND']);
    const stranger = await orderIntent(order.id, otherBuyer);
    expect([stranger.status, stranger.body.code]).toEqual([403, 'FORBIDDEN']);
    const notABuyer = await orderIntent(order.id, producer);
    expect(notABuyer.status).toBe(403);
    const invoice = await orderIntent(invoiceOrder.id, buyer);
    expect([invoice.status, invoice.body.code]).toEqual([422, 'PAYMENT_METHOD_MISMATCH']);

    const own = await orderIntent(order.id, buyer);
    expect([own.status, own.body.code]).toEqual([503, 'PAYMENTS_NOT_CONFIGURED']);
    expect(own.headers.get('content-type')).toContain('application/problem+json');
    const payment = await t.http.get(`/orders/${order.id}/payment`, { token: buyer.token });
    expect(payment.body).toMatchObject({ state: 'unpaid', paymentIntentId: null, receipts: [] });
  });

  it('order intent: 422 ORDER_NOT_PAYABLE when nothing is left to pay', async () => {
    const order = await placeOrder(t, buyer, [{ producer, priceVnd: 40_000, quantity: 1 }], 'card');
    const rejected = await t.http.post(
      `/supplier-orders/${order.supplierOrders[0].id}/reject`,
      { reason: 'Hết hàng' },
      { token: producer.token },
    );
    expect(rejected.status).toBe(200);
    const response = await orderIntent(order.id, buyer);
    expect([response.status, response.body.code]).toEqual([422, 'ORDER_NOT_PAYABLE']);
  });

  it('booking intent: 404 unknown, 403 another producer or a buyer, 422 a cancelled hold, then 503', async () => {
    const { fair, stalls } = await publishedFair(t, organizer, t.app.get(Clock), { count: 2 });
    const hold = async (stallId: string) => {
      const booking = await t.http.post(`/fairs/${fair.id}/bookings`, { stallId }, { token: producer.token });
      expect(booking.status).toBe(201);
      return booking.body;
    };
    const held = await hold(stalls[0].id);
    const cancelled = await hold(stalls[1].id);
    expect(
      (await t.http.post(`/bookings/${cancelled.id}/cancel`, {}, { token: producer.token })).status,
    ).toBe(200);

    const unknown = await bookingIntent(randomUUID(), producer);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'NOT_FOUND']);
    const stranger = await bookingIntent(held.id, otherProducer);
    expect([stranger.status, stranger.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await bookingIntent(held.id, buyer)).status).toBe(403);
    const lapsed = await bookingIntent(cancelled.id, producer);
    expect([lapsed.status, lapsed.body.code]).toEqual([422, 'BOOKING_NOT_PAYABLE']);

    const own = await bookingIntent(held.id, producer);
    expect([own.status, own.body.code]).toEqual([503, 'PAYMENTS_NOT_CONFIGURED']);
    const [row] = await db().query(
      `SELECT count(*)::int AS n FROM payments WHERE subject_type = 'booking' AND subject_id = $1`,
      [held.id],
    );
    expect(row.n).toBe(0);
  });

  it('Stripe Connect account: 403 for anyone but the producer’s members, then 503', async () => {
    const path = `/organizations/${producer.organizationId}/stripe-account`;
    const stranger = await t.http.post(path, {}, { token: otherProducer.token });
    expect([stranger.status, stranger.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await t.http.post(path, {}, { token: buyer.token })).status).toBe(403);
    const own = await t.http.post(path, {}, { token: producer.token });
    expect([own.status, own.body.code]).toEqual([503, 'PAYMENTS_NOT_CONFIGURED']);
    const accounts = await db().query(`SELECT 1 FROM stripe_accounts WHERE organization_id = $1`, [
      producer.organizationId,
    ]);
    expect(accounts).toHaveLength(0);
  });

  it('Stripe webhook: 503 without a webhook secret, recording nothing', async () => {
    const response = await t.http.request('POST', '/payments/stripe/webhook', {
      rawBody: JSON.stringify({ id: 'evt_without_secret', type: 'payment_intent.succeeded' }),
      headers: { 'stripe-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
    });
    expect([response.status, response.body.code]).toEqual([503, 'PAYMENTS_NOT_CONFIGURED']);
    const recorded = await db().query(
      `SELECT 1 FROM payment_webhook_events WHERE event_id = 'evt_without_secret'`,
    );
    expect(recorded).toHaveLength(0);
  });
});
