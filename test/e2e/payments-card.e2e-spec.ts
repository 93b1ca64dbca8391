import { DataSource } from 'typeorm';
import { adminSession, eventually, Session, verifiedUser } from '../support/factories';
import { FakeStripe, startFakeStripe } from '../support/fake-stripe';
import { deliverStripeEvent, ledgerImbalance, payByCard, placeOrder } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';

describe('payments: card orders through Stripe', () => {
  let fake: FakeStripe;
  let t: TestApp;
  let buyer: Session;
  let otherBuyer: Session;
  let producerA: Session;
  let producerB: Session;

  beforeAll(async () => {
    fake = await startFakeStripe();
    t = await startTestApp(fake.env, { ownDatabase: true });
    const admin = await adminSession(t);
    [buyer, otherBuyer, producerA, producerB] = await Promise.all([
      verifiedUser(t, admin, 'buyer'),
      verifiedUser(t, admin, 'buyer'),
      verifiedUser(t, admin, 'producer'),
      verifiedUser(t, admin, 'producer'),
    ]);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });

  const paymentOf = async (orderId: string) =>
    (await t.http.get(`/orders/${orderId}/payment`, { token: buyer.token })).body;
  const db = () => t.app.get(DataSource);

  it('creates one PaymentIntent in VND for the order total, even for parallel calls', async () => {
    const order = await placeOrder(
      t,
      buyer,
      [{ producer: producerA, priceVnd: 123_457, vatRate: 8, quantity: 7 }],
      'card',
    );
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        t.http.post(`/orders/${order.id}/payment-intent`, {}, { token: buyer.token }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(12).fill(201));
    const ids = new Set(responses.map((response) => response.body.paymentIntentId));
    expect(ids.size).toBe(1);
    expect(responses[0].body).toEqual({
      paymentIntentId: expect.stringMatching(/^pi_/),
      clientSecret: expect.stringContaining('_secret_'),
      amount: order.totalVnd,
      currency: 'vnd',
    });
    // zero-decimal: the order total in đồng, never × 100
    expect(order.totalVnd).toBe(123_457 * 7 + Math.round((123_457 * 7 * 8) / 100));
    const intents = fake.created('payment_intent').filter((intent) => intent.metadata.subjectId === order.id);
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({ amount: order.totalVnd, currency: 'vnd' });
    expect((await paymentOf(order.id)).state).toBe('pending');
  });

  it('honours Idempotency-Key and refuses other tenants and invoice orders', async () => {
    const order = await placeOrder(
      t,
      buyer,
      [{ producer: producerA, priceVnd: 50_000, quantity: 2 }],
      'card',
    );
    const headers = { 'idempotency-key': `pay-${order.id}` };
    const first = await t.http.post(
      `/orders/${order.id}/payment-intent`,
      {},
      { token: buyer.token, headers },
    );
    const again = await t.http.post(
      `/orders/${order.id}/payment-intent`,
      {},
      { token: buyer.token, headers },
    );
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);

    // Paying another tenant's order is an action: refused (403), where reading it is 404.
    const stranger = await t.http.post(`/orders/${order.id}/payment-intent`, {}, { token: otherBuyer.token });
    expect(stranger.status).toBe(403);
    const producer = await t.http.post(`/orders/${order.id}/payment-intent`, {}, { token: producerA.token });
    expect(producer.status).toBe(403);

    const invoiceOrder = await placeOrder(
      t,
      buyer,
      [{ producer: producerA, priceVnd: 50_000, quantity: 1 }],
      'invoice',
    );
    const mismatch = await t.http.post(
      `/orders/${invoiceOrder.id}/payment-intent`,
      {},
      { token: buyer.token },
    );
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe('PAYMENT_METHOD_MISMATCH');
  });

  it('applies success once however often it is delivered, and ignores a late failure', async () => {
    const order = await placeOrder(
      t,
      buyer,
      [{ producer: producerA, priceVnd: 80_000, quantity: 3 }],
      'card',
    );
    const intent = await t.http.post(`/orders/${order.id}/payment-intent`, {}, { token: buyer.token });
    const succeeded = fake.signedEvent('payment_intent.succeeded', fake.succeed(intent.body.paymentIntentId));
    const deliveries = await Promise.all([1, 2, 3].map(() => deliverStripeEvent(t, succeeded)));
    expect(deliveries.map((response) => response.status)).toEqual([200, 200, 200]);
    await eventually(async () => ((await paymentOf(order.id)).state === 'paid' ? true : undefined));
    const again = await deliverStripeEvent(t, succeeded);
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);

    const failed = fake.signedEvent('payment_intent.payment_failed', fake.fail(intent.body.paymentIntentId));
    expect((await deliverStripeEvent(t, failed)).status).toBe(200);
    await eventually(async () => {
      const [row] = await db().query(`SELECT processed_at FROM payment_webhook_events WHERE event_id = $1`, [
        failed.id,
      ]);
      return row?.processed_at ? true : undefined;
    });

    const payment = await paymentOf(order.id);
    expect(payment).toMatchObject({ state: 'paid', paidVnd: order.totalVnd, outstandingVnd: 0 });
    expect(payment.receipts).toHaveLength(1);
    const [events] = await db().query(
      `SELECT count(*)::int AS n FROM payment_webhook_events WHERE event_id = $1`,
      [succeeded.id],
    );
    expect(events.n).toBe(1);
    const [received] = await db().query(
      `SELECT count(*)::int AS n FROM ledger_transactions WHERE kind = 'payment_received' AND purchase_order_id = $1`,
      [order.id],
    );
    expect(received.n).toBe(1);
  });

  it('moves a failed payment to failed, and a retried card to paid', async () => {
    const order = await placeOrder(
      t,
      buyer,
      [{ producer: producerA, priceVnd: 60_000, quantity: 1 }],
      'card',
    );
    const intent = await t.http.post(`/orders/${order.id}/payment-intent`, {}, { token: buyer.token });
    await deliverStripeEvent(
      t,
      fake.signedEvent('payment_intent.payment_failed', fake.fail(intent.body.paymentIntentId)),
    );
    await eventually(async () => ((await paymentOf(order.id)).state === 'failed' ? true : undefined));
    const failedEvents = await db().query(
      `SELECT payload FROM outbox WHERE event_type = 'payment.failed' AND aggregate_id = $1`,
      [order.id],
    );
    expect(failedEvents).toHaveLength(1);
    await deliverStripeEvent(
      t,
      fake.signedEvent('payment_intent.succeeded', fake.succeed(intent.body.paymentIntentId)),
    );
    await eventually(async () => ((await paymentOf(order.id)).state === 'paid' ? true : undefined));
  });

  it('answers 400 to a missing, forged or stale signature and records nothing', async () => {
    const order = await placeOrder(
      t,
      buyer,
      [{ producer: producerA, priceVnd: 70_000, quantity: 1 }],
      'card',
    );
    const intent = await t.http.post(`/orders/${order.id}/payment-intent`, {}, { token: buyer.token });
    const object = {
      ...fake.objects.get(intent.body.paymentIntentId)!,
      status: 'succeeded',
      amount_received: order.totalVnd,
    };
    const forged = fake.signedEvent('payment_intent.succeeded', object, { secret: 'whsec_not_the_real_one' });
    const stale = fake.signedEvent('payment_intent.succeeded', object, {
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    const genuine = fake.signedEvent('payment_intent.succeeded', object);
    const tampered = {
      payload: genuine.payload.replace(`"amount":${order.totalVnd}`, '"amount":1'),
      signature: genuine.signature,
    };
    for (const attempt of [
      forged,
      stale,
      tampered,
      { payload: genuine.payload, signature: '' },
      { payload: genuine.payload, signature: 't=1,v1=deadbeef' },
    ]) {
      const response = await deliverStripeEvent(t, attempt);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    }
    const recorded = await db().query(`SELECT 1 FROM payment_webhook_events WHERE event_id = ANY($1)`, [
      [forged.id, stale.id, genuine.id],
    ]);
    expect(recorded).toHaveLength(0);
    expect((await paymentOf(order.id)).state).toBe('pending');
  });

  it('acknowledges unknown event types and ignores them', async () => {
    const response = await deliverStripeEvent(
      t,
      fake.signedEvent('customer.created', { id: 'cus_1', object: 'customer' }),
    );
    expect(response.status).toBe(200);
  });

  it('refunds the whole amount once when a paid order is cancelled', async () => {
    const order = await placeOrder(
      t,
      buyer,
      [{ producer: producerA, priceVnd: 90_000, vatRate: 10, quantity: 5 }],
      'card',
    );
    const intentId = await payByCard(t, fake, buyer, order.id, (check) => eventually(check as never));
    const cancelled = await t.http.post(`/orders/${order.id}/cancel`, {}, { token: buyer.token });
    expect(cancelled.status).toBe(200);
    const payment = await eventually(async () => {
      const current = await paymentOf(order.id);
      return current.state === 'refunded' ? current : undefined;
    }, 15_000);
    expect(payment.refundedVnd).toBe(order.totalVnd);
    expect(payment.refunds).toEqual([
      expect.objectContaining({ amountVnd: order.totalVnd, stripeRefundId: expect.stringMatching(/^re_/) }),
    ]);
    const refunds = fake.created('refund').filter((refund) => refund.payment_intent === intentId);
    expect(refunds.map((refund) => refund.amount)).toEqual([order.totalVnd]);
    const refundedEvents = await db().query(
      `SELECT audience FROM outbox WHERE event_type = 'payment.refunded' AND aggregate_id = $1`,
      [order.id],
    );
    expect(refundedEvents).toHaveLength(1);
    expect(refundedEvents[0].audience).toEqual(
      expect.arrayContaining([buyer.organizationId, producerA.organizationId]),
    );
    expect(await ledgerImbalance(t)).toEqual({ total: 0, unbalancedTransactions: 0 });
  });

  it('refunds exactly what partial acceptance and rejection release, once each', async () => {
    const order = await placeOrder(
      t,
      buyer,
      [
        { producer: producerA, priceVnd: 33_333, vatRate: 8, quantity: 10 },
        { producer: producerB, priceVnd: 41_000, vatRate: 5, quantity: 3 },
      ],
      'card',
    );
    const intentId = await payByCard(t, fake, buyer, order.id, (check) => eventually(check as never));
    const soA = order.supplierOrders.find((so: any) => so.producerId === producerA.organizationId);
    const soB = order.supplierOrders.find((so: any) => so.producerId === producerB.organizationId);
    const accepted = await t.http.post(
      `/supplier-orders/${soA.id}/accept`,
      { lines: [{ lineId: soA.lines[0].id, acceptedQty: 6 }] },
      { token: producerA.token },
    );
    expect(accepted.status).toBe(200);
    const acceptedTotal = accepted.body.totalVnd;
    const firstRefund = soA.totalVnd - acceptedTotal;
    expect(firstRefund).toBe(
      4 * 33_333 + Math.round((10 * 33_333 * 8) / 100) - Math.round((6 * 33_333 * 8) / 100),
    );
    await eventually(
      async () => ((await paymentOf(order.id)).refundedVnd === firstRefund ? true : undefined),
      15_000,
    );
    expect((await paymentOf(order.id)).state).toBe('partially_refunded');

    const rejected = await t.http.post(
      `/supplier-orders/${soB.id}/reject`,
      { reason: 'Hết hàng' },
      { token: producerB.token },
    );
    expect(rejected.status).toBe(200);
    const payment = await eventually(async () => {
      const current = await paymentOf(order.id);
      return current.refundedVnd === firstRefund + soB.totalVnd ? current : undefined;
    }, 15_000);
    expect(payment.refunds.map((refund: any) => refund.amountVnd)).toEqual([firstRefund, soB.totalVnd]);
    expect(payment.state).toBe('partially_refunded');
    expect(payment.paidVnd - payment.refundedVnd).toBe(acceptedTotal);
    expect(
      fake
        .created('refund')
        .filter((refund) => refund.payment_intent === intentId)
        .map((refund) => refund.amount),
    ).toEqual([firstRefund, soB.totalVnd]);

    // Stripe then reports the refunds on the charge: already recorded, nothing changes.
    await deliverStripeEvent(
      t,
      fake.signedEvent('charge.refunded', {
        id: 'ch_x',
        object: 'charge',
        payment_intent: intentId,
        amount: order.totalVnd,
        amount_refunded: firstRefund + soB.totalVnd,
        refunds: { data: [] },
      }),
    );
    await eventually(async () => {
      const [row] = await db().query(
        `SELECT count(*)::int AS n FROM payment_webhook_events WHERE event_type = 'charge.refunded' AND processed_at IS NOT NULL`,
      );
      return row.n > 0 ? true : undefined;
    });
    expect((await paymentOf(order.id)).refunds).toHaveLength(2);
    expect(await ledgerImbalance(t)).toEqual({ total: 0, unbalancedTransactions: 0 });
  });

  it('charges the new total after a change before payment, and refunds a superseded intent that was paid too', async () => {
    const order = await placeOrder(
      t,
      buyer,
      [{ producer: producerA, priceVnd: 10_000, quantity: 10 }],
      'card',
    );
    const first = await t.http.post(`/orders/${order.id}/payment-intent`, {}, { token: buyer.token });
    const so = order.supplierOrders[0];
    const accepted = await t.http.post(
      `/supplier-orders/${so.id}/accept`,
      { lines: [{ lineId: so.lines[0].id, acceptedQty: 6 }] },
      { token: producerA.token },
    );
    expect(accepted.status).toBe(200);
    const second = await t.http.post(`/orders/${order.id}/payment-intent`, {}, { token: buyer.token });
    expect(second.body.paymentIntentId).not.toBe(first.body.paymentIntentId);
    expect(second.body.amount).toBe(60_000);

    await deliverStripeEvent(
      t,
      fake.signedEvent('payment_intent.succeeded', fake.succeed(second.body.paymentIntentId)),
    );
    await eventually(async () => ((await paymentOf(order.id)).state === 'paid' ? true : undefined));
    await deliverStripeEvent(
      t,
      fake.signedEvent('payment_intent.succeeded', fake.succeed(first.body.paymentIntentId)),
    );
    const refunds = await eventually(async () => {
      const made = fake
        .created('refund')
        .filter((refund) => refund.payment_intent === first.body.paymentIntentId);
      return made.length ? made : undefined;
    });
    expect(refunds).toHaveLength(1);
    expect(await paymentOf(order.id)).toMatchObject({ state: 'paid', paidVnd: 60_000, refundedVnd: 0 });
  });
});
