import { DataSource } from 'typeorm';
import { addDays, vietnamDate } from '@ocop/clock';
import { UnitOfWork } from '@ocop/persistence';
import { decodeVietQr, PaymentsFacade, signBankPayload } from '../../src/modules/payments';
import { adminSession, Session, verifiedUser } from '../support/factories';
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
      state: 'unpaid',
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
