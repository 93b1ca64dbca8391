import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addDays, vietnamDate } from '@ocop/clock';
import { UnitOfWork } from '@ocop/persistence';
import { decodeVietQr, PaymentsFacade, signBankPayload } from '../../src/modules/payments';
import { adminSession, eventually, Session, verifiedUser } from '../support/factories';
import { ManualClock } from '../support/manual-clock';
import { ledgerImbalance, placeOrder } from '../support/payments';
import { InvoicesServiceForTests } from '../support/payments-internals';
import { startTestApp, TestApp } from '../support/test-app';

const BANK_SECRET = 'bank-webhook-secret-for-tests-0123';

describe('payments: invoice terms, VietQR and bank notifications (card payments not configured)', () => {
  const clock = new ManualClock();
  let t: TestApp;
  let admin: { token: string };
  let buyer: Session;
  let producer: Session;

  beforeAll(async () => {
    t = await startTestApp(
      {
        STRIPE_SECRET_KEY: '',
        STRIPE_WEBHOOK_SECRET: '',
        BANK_WEBHOOK_SECRET: BANK_SECRET,
        PLATFORM_BANK_BIN: '970436',
      },
      { clock, ownDatabase: true },
    );
    admin = await adminSession(t);
    [buyer, producer] = await Promise.all([
      verifiedUser(t, admin, 'buyer'),
      verifiedUser(t, admin, 'producer'),
    ]);
  });
  afterAll(() => t?.close());

  const db = () => t.app.get(DataSource);
  const paymentOf = async (orderId: string) =>
    (await t.http.get(`/orders/${orderId}/payment`, { token: buyer.token })).body;
  const recordTransfer = (orderId: string, body: { amountVnd: number; reference: string }) =>
    t.http.post(`/orders/${orderId}/payments`, body, { token: admin.token });
  const transferRef = () => `FT${randomBytes(5).toString('hex').toUpperCase()}`;
  const countOf = async (sql: string, params: unknown[]) => (await db().query(sql, params))[0].n as number;
  const notifyBank = (
    body: Record<string, unknown>,
    options: { secret?: string; at?: number; signature?: string } = {},
  ) => {
    const raw = JSON.stringify(body);
    const at = options.at ?? Math.floor(clock.now().getTime() / 1000);
    return t.http.request('POST', '/payments/bank/webhook', {
      rawBody: raw,
      headers: {
        'x-bank-signature': options.signature ?? signBankPayload(options.secret ?? BANK_SECRET, at, raw),
      },
    });
  };

  it('answers 503 PAYMENTS_NOT_CONFIGURED for card payment while invoices keep working', async () => {
    const order = await placeOrder(t, buyer, [{ producer, priceVnd: 50_000, quantity: 1 }], 'card');
    const response = await t.http.post(`/orders/${order.id}/payment-intent`, {}, { token: buyer.token });
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('PAYMENTS_NOT_CONFIGURED');
    const webhook = await t.http.request('POST', '/payments/stripe/webhook', {
      rawBody: '{}',
      headers: { 'stripe-signature': 't=1,v1=x' },
    });
    expect(webhook.status).toBe(503);
  });

  it('shows bank details and a VietQR that decodes to the amount and reference, due within the buyer’s terms', async () => {
    const patched = await t.http.patch(
      `/admin/organizations/${buyer.organizationId}`,
      { paymentTermsDays: 45 },
      { token: admin.token },
    );
    expect(patched.status).toBe(200);
    const order = await placeOrder(
      t,
      buyer,
      [{ producer, priceVnd: 123_456, vatRate: 8, quantity: 10 }],
      'invoice',
    );
    const transfer = await t.app
      .get(UnitOfWork)
      .run(async (tx) =>
        t.app.get(PaymentsFacade).bankTransferFor(tx, { ...order, createdAt: new Date(order.createdAt) }),
      );
    expect(transfer).toMatchObject({
      bankBin: '970436',
      accountNo: t.config.bank.accountNo,
      accountName: t.config.bank.accountName,
      amountVnd: order.totalVnd,
      reference: expect.stringMatching(/^OCOP[0-9A-F]{12}$/),
      dueDate: addDays(vietnamDate(new Date(order.createdAt)), 45),
    });
    const decoded = decodeVietQr(transfer!.vietQr);
    expect(decoded).toMatchObject({
      crcValid: true,
      guid: 'A000000727',
      service: 'QRIBFTTA',
      bankBin: '970436',
      accountNo: t.config.bank.accountNo,
      amountVnd: order.totalVnd,
      reference: transfer!.reference,
      currency: '704',
      country: 'VN',
    });
    const shown = await t.http.get(`/orders/${order.id}`, { token: buyer.token });
    expect(shown.status).toBe(200);
    if (shown.body.bankTransfer)
      expect(shown.body.bankTransfer).toMatchObject({
        amountVnd: order.totalVnd,
        reference: transfer!.reference,
      });
  });

  it('adds up partial payments from the office and the bank, flags an overpayment and applies each bank event once', async () => {
    const order = await placeOrder(t, buyer, [{ producer, priceVnd: 100_000, quantity: 10 }], 'invoice');
    const total = order.totalVnd;
    expect(total).toBe(1_000_000);
    const first = await t.http.post(
      `/orders/${order.id}/payments`,
      { amountVnd: 400_000, reference: 'FT26333000001' },
      { token: admin.token },
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      state: 'partially_paid',
      paidVnd: 400_000,
      outstandingVnd: 600_000,
      overpaid: false,
    });
    const forbidden = await t.http.post(
      `/orders/${order.id}/payments`,
      { amountVnd: 1, reference: 'x' },
      { token: buyer.token },
    );
    expect(forbidden.status).toBe(403);
    const invalid = await t.http.post(
      `/orders/${order.id}/payments`,
      { amountVnd: 1.5, reference: '' },
      { token: admin.token },
    );
    expect(invalid.status).toBe(400);

    const reference = first.body.reference;
    const note = `CT DEN:123 ${reference.toLowerCase()} thanh toan don hang`;
    const bankEvent = { eventId: `bank-${reference}-1`, amountVnd: 600_000, description: note };
    const deliveries = await Promise.all([
      notifyBank(bankEvent),
      notifyBank(bankEvent),
      notifyBank(bankEvent),
    ]);
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    expect(deliveries.filter((d) => d.body.duplicate === false)).toHaveLength(1);
    expect(await paymentOf(order.id)).toMatchObject({
      state: 'paid',
      paidVnd: 1_000_000,
      outstandingVnd: 0,
      overpaid: false,
    });

    const extra = await notifyBank({
      eventId: `bank-${reference}-2`,
      amountVnd: 50_000,
      description: reference,
    });
    expect(extra.body).toMatchObject({ matched: true, duplicate: false });
    const payment = await paymentOf(order.id);
    expect(payment).toMatchObject({ paidVnd: 1_050_000, overpaid: true, overpaidVnd: 50_000 });
    expect(payment.receipts.map((r: any) => [r.source, r.amountVnd])).toEqual([
      ['admin', 400_000],
      ['bank', 600_000],
      ['bank', 50_000],
    ]);
    const received = await db().query(
      `SELECT count(*)::int AS n FROM outbox WHERE event_type = 'payment.received' AND aggregate_id = $1`,
      [order.id],
    );
    expect(received[0].n).toBe(3);
    expect(await ledgerImbalance(t)).toEqual({ total: 0, unbalancedTransactions: 0 });

    const unmatched = await notifyBank({
      eventId: `bank-unmatched-${reference}`,
      amountVnd: 10_000,
      description: 'no reference',
    });
    expect(unmatched.body).toMatchObject({ matched: false, duplicate: false });
  });

  it('changes nothing for a bank notification with a bad, missing or stale signature', async () => {
    const order = await placeOrder(t, buyer, [{ producer, priceVnd: 70_000, quantity: 2 }], 'invoice');
    const { reference } = await paymentOf(order.id);
    const event = { eventId: `bank-forged-${reference}`, amountVnd: 140_000, description: reference };
    const now = Math.floor(clock.now().getTime() / 1000);
    for (const response of [
      await notifyBank(event, { secret: 'not-the-bank-secret-000000' }),
      await notifyBank(event, { at: now - 301 }),
      await notifyBank(event, { signature: '' }),
      await notifyBank(event, { signature: `t=${now},v1=${'0'.repeat(64)}` }),
    ]) {
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    }
    const recorded = await db().query(`SELECT 1 FROM payment_webhook_events WHERE event_id = $1`, [
      event.eventId,
    ]);
    expect(recorded).toHaveLength(0);
    expect(await paymentOf(order.id)).toMatchObject({ state: 'unpaid', paidVnd: 0 });
  });

  it('says partially_paid after part of the amount, the same on the order, and paid once the rest arrives', async () => {
    const order = await placeOrder(t, buyer, [{ producer, priceVnd: 82_000, quantity: 10 }], 'invoice');
    expect(order.totalVnd).toBe(820_000);
    const part = await recordTransfer(order.id, { amountVnd: 500_000, reference: transferRef() });
    expect(part.status).toBe(201);
    expect(part.body).toMatchObject({ state: 'partially_paid', paidVnd: 500_000, outstandingVnd: 320_000 });
    const shown = await t.http.get(`/orders/${order.id}`, { token: buyer.token });
    expect(shown.body.payment).toEqual({ state: 'partially_paid', paidVnd: 500_000, refundedVnd: 0 });
    expect(shown.body.bankTransfer).toMatchObject({ amountVnd: 320_000, paidVnd: 500_000 });

    const rest = await recordTransfer(order.id, { amountVnd: 320_000, reference: transferRef() });
    expect(rest.body).toMatchObject({ state: 'paid', paidVnd: 820_000, outstandingVnd: 0 });
    expect((await t.http.get(`/orders/${order.id}`, { token: buyer.token })).body.payment.state).toBe('paid');

    const doc = (await t.http.get('/docs-json')).body;
    for (const view of ['OrderPaymentView', 'PaymentStatusView'])
      expect(doc.components.schemas[view].properties.state.enum).toContain('partially_paid');
  });

  it('measures a partial payment against the order as it changes: a rejected supplier order can complete it', async () => {
    const other = await verifiedUser(t, admin, 'producer');
    const order = await placeOrder(
      t,
      buyer,
      [
        { producer, priceVnd: 100_000, quantity: 3 },
        { producer: other, priceVnd: 100_000, quantity: 2 },
      ],
      'invoice',
    );
    const part = await recordTransfer(order.id, { amountVnd: 300_000, reference: transferRef() });
    expect(part.body).toMatchObject({ state: 'partially_paid', outstandingVnd: 200_000 });
    const dropped = order.supplierOrders.find((so: any) => so.producerId === other.organizationId);
    const rejected = await t.http.post(
      `/supplier-orders/${dropped.id}/reject`,
      { reason: 'Hết hàng' },
      { token: other.token },
    );
    expect(rejected.status).toBe(200);
    const payment = await eventually(async () => {
      const current = await paymentOf(order.id);
      return current.state === 'paid' ? current : undefined;
    }, 15_000);
    expect(payment).toMatchObject({ amountDueVnd: 300_000, paidVnd: 300_000, outstandingVnd: 0 });
    expect((await t.http.get(`/orders/${order.id}`, { token: buyer.token })).body.payment.state).toBe('paid');
  });

  it('counts a transfer reference once: the same transfer again answers the same, another amount or order is 409', async () => {
    const order = await placeOrder(t, buyer, [{ producer, priceVnd: 82_000, quantity: 10 }], 'invoice');
    const reference = transferRef();
    const first = await recordTransfer(order.id, { amountVnd: 500_000, reference });
    expect(first.status).toBe(201);
    const again = await recordTransfer(order.id, { amountVnd: 500_000, reference });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    // Banks print references in capitals; typed in lower case it is still the same transfer.
    const lowered = await recordTransfer(order.id, {
      amountVnd: 500_000,
      reference: reference.toLowerCase(),
    });
    expect(lowered.status).toBe(201);
    expect(lowered.body.paidVnd).toBe(500_000);

    const otherAmount = await recordTransfer(order.id, { amountVnd: 320_000, reference });
    expect(otherAmount.status).toBe(409);
    expect(otherAmount.body).toMatchObject({
      code: 'TRANSFER_REFERENCE_CONFLICT',
      reference,
      recordedAmountVnd: 500_000,
      recordedOrderId: order.id,
    });
    const otherOrder = await placeOrder(t, buyer, [{ producer, priceVnd: 50_000, quantity: 10 }], 'invoice');
    const elsewhere = await recordTransfer(otherOrder.id, { amountVnd: 500_000, reference });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([409, 'TRANSFER_REFERENCE_CONFLICT']);

    expect(await paymentOf(order.id)).toMatchObject({ paidVnd: 500_000, receipts: [expect.anything()] });
    expect(await paymentOf(otherOrder.id)).toMatchObject({ state: 'unpaid', paidVnd: 0, receipts: [] });
    expect(await ledgerImbalance(t)).toEqual({ total: 0, unbalancedTransactions: 0 });
  });

  it('records a transfer once under 20 parallel requests with its reference, and for one order only', async () => {
    const order = await placeOrder(t, buyer, [{ producer, priceVnd: 100_000, quantity: 10 }], 'invoice');
    const reference = transferRef();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => recordTransfer(order.id, { amountVnd: 400_000, reference })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201));
    for (const response of responses) expect(response.body).toEqual(responses[0].body);
    expect(responses[0].body).toMatchObject({ state: 'partially_paid', paidVnd: 400_000 });
    expect(
      await countOf(`SELECT count(*)::int AS n FROM payment_receipts WHERE transfer_ref = $1`, [reference]),
    ).toBe(1);
    const [row] = await db().query(
      `SELECT paid_vnd::bigint AS paid FROM payments WHERE subject_type = 'purchase_order' AND subject_id = $1`,
      [order.id],
    );
    expect(Number(row.paid)).toBe(400_000);
    expect(
      await countOf(
        `SELECT count(*)::int AS n FROM ledger_transactions WHERE kind = 'payment_received' AND purchase_order_id = $1`,
        [order.id],
      ),
    ).toBe(1);
    expect(
      await countOf(
        `SELECT count(*)::int AS n FROM outbox WHERE event_type = 'payment.received' AND aggregate_id = $1`,
        [order.id],
      ),
    ).toBe(1);

    // The same reference raced for two orders: one order has it, every request for the other is 409.
    const [a, b] = await Promise.all([
      placeOrder(t, buyer, [{ producer, priceVnd: 100_000, quantity: 2 }], 'invoice'),
      placeOrder(t, buyer, [{ producer, priceVnd: 100_000, quantity: 2 }], 'invoice'),
    ]);
    const contested = transferRef();
    const raced = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const orderId = i % 2 ? a.id : b.id;
        return recordTransfer(orderId, { amountVnd: 150_000, reference: contested }).then((response) => ({
          orderId,
          status: response.status,
        }));
      }),
    );
    const winners = new Set(raced.filter((r) => r.status === 201).map((r) => r.orderId));
    expect(winners.size).toBe(1);
    const [winner] = winners;
    expect(raced.filter((r) => r.orderId === winner).every((r) => r.status === 201)).toBe(true);
    expect(raced.filter((r) => r.orderId !== winner).every((r) => r.status === 409)).toBe(true);
    const paid = await db().query(
      `SELECT subject_id, paid_vnd::bigint AS paid FROM payments WHERE subject_id = ANY($1)`,
      [[a.id, b.id]],
    );
    expect(paid.map((p: any) => [p.subject_id, Number(p.paid)]).sort()).toEqual(
      [
        [winner, 150_000],
        [winner === a.id ? b.id : a.id, 0],
      ].sort(),
    );
    expect(
      await countOf(`SELECT count(*)::int AS n FROM payment_receipts WHERE transfer_ref = $1`, [contested]),
    ).toBe(1);
    expect(await ledgerImbalance(t)).toEqual({ total: 0, unbalancedTransactions: 0 });
  });

  it('counts a transfer the bank reports again, or the office already entered, once by its bank reference', async () => {
    const order = await placeOrder(t, buyer, [{ producer, priceVnd: 100_000, quantity: 6 }], 'invoice');
    const { reference } = await paymentOf(order.id);
    const [entered, notified] = [transferRef(), transferRef()];
    const tag = randomBytes(4).toString('hex');

    expect((await recordTransfer(order.id, { amountVnd: 200_000, reference: entered })).status).toBe(201);
    const sameAsEntered = await notifyBank({
      eventId: `bank-${tag}-1`,
      amountVnd: 200_000,
      description: reference,
      bankTransactionId: entered,
    });
    expect(sameAsEntered.body).toEqual({ received: true, matched: true, duplicate: true });

    const transfer = { amountVnd: 400_000, description: reference, bankTransactionId: notified };
    const fresh = await notifyBank({ eventId: `bank-${tag}-2`, ...transfer });
    expect(fresh.body).toEqual({ received: true, matched: true, duplicate: false });
    const resent = await notifyBank({ eventId: `bank-${tag}-3`, ...transfer });
    expect(resent.body).toEqual({ received: true, matched: true, duplicate: true });
    const officeToo = await recordTransfer(order.id, { amountVnd: 400_000, reference: notified });
    expect(officeToo.status).toBe(201);
    expect(officeToo.body).toMatchObject({ state: 'paid', paidVnd: 600_000 });

    const clash = await notifyBank({ eventId: `bank-${tag}-4`, ...transfer, amountVnd: 1_000 });
    expect(clash.body).toEqual({ received: true, matched: false, duplicate: false });
    const outcomes = await db().query(
      `SELECT event_id, outcome FROM payment_webhook_events WHERE event_id LIKE $1 ORDER BY event_id`,
      [`bank-${tag}-%`],
    );
    expect(outcomes.map((row: any) => row.outcome)).toEqual([
      'repeated_transfer',
      'matched',
      'repeated_transfer',
      'transfer_reference_conflict',
    ]);
    const payment = await paymentOf(order.id);
    expect(payment).toMatchObject({ state: 'paid', paidVnd: 600_000, overpaid: false });
    expect(payment.receipts.map((r: any) => [r.source, r.amountVnd])).toEqual([
      ['admin', 200_000],
      ['bank', 400_000],
    ]);

    const malformed = await notifyBank({ eventId: `bank-${tag}-5`, ...transfer, bankTransactionId: 42 });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'bankTransactionId' })]);
    expect(await ledgerImbalance(t)).toEqual({ total: 0, unbalancedTransactions: 0 });
  });

  it('lists overdue invoice orders and notifies each once', async () => {
    const lateBuyer = await verifiedUser(t, admin, 'buyer');
    await t.http.patch(
      `/admin/organizations/${lateBuyer.organizationId}`,
      { paymentTermsDays: 0 },
      { token: admin.token },
    );
    const order = await placeOrder(t, lateBuyer, [{ producer, priceVnd: 90_000, quantity: 3 }], 'invoice');
    await t.http.post(
      `/orders/${order.id}/payments`,
      { amountVnd: 70_000, reference: 'FT-PART' },
      { token: admin.token },
    );
    const listed = async () =>
      (await t.http.get('/admin/invoices/overdue?limit=100', { token: admin.token })).body.items;
    expect((await listed()).some((item: any) => item.orderId === order.id)).toBe(false);

    clock.advance(2 * 86_400_000);
    try {
      const overdue = (await listed()).find((item: any) => item.orderId === order.id);
      expect(overdue).toMatchObject({
        buyerId: lateBuyer.organizationId,
        outstandingVnd: 270_000 - 70_000,
        daysOverdue: 2,
      });
      const invoices = t.app.get(InvoicesServiceForTests);
      await Promise.all([invoices.sweepOverdue(), invoices.sweepOverdue()]);
      await invoices.sweepOverdue();
      const events = await db().query(
        `SELECT audience, payload FROM outbox WHERE event_type = 'payment.overdue' AND aggregate_id = $1`,
        [order.id],
      );
      expect(events).toHaveLength(1);
      expect(events[0].audience).toEqual([lateBuyer.organizationId]);
      expect((await t.http.get('/admin/invoices/overdue', { token: buyer.token })).status).toBe(403);
      expect((await t.http.get('/admin/invoices/overdue?limit=101', { token: admin.token })).status).toBe(
        400,
      );
    } finally {
      clock.advance(-2 * 86_400_000);
    }
  });
});
