import { DataSource } from 'typeorm';
import { adminSession, eventually, Session, verifiedUser } from '../support/factories';
import { FakeStripe, startFakeStripe } from '../support/fake-stripe';
import { deliverStripeEvent, ledgerImbalance, payByCard, placeOrder } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { PayoutsServiceForTests } from '../support/payments-internals';

describe('payments: payout ledger, batches and Stripe Connect', () => {
  let fake: FakeStripe;
  let t: TestApp;
  let admin: { token: string };
  let buyer: Session;

  beforeAll(async () => {
    fake = await startFakeStripe();
    t = await startTestApp({ ...fake.env, PLATFORM_COMMISSION_BPS: '750' }, { ownDatabase: true });
    admin = await adminSession(t);
    buyer = await verifiedUser(t, admin, 'buyer');
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });

  const db = () => t.app.get(DataSource);

  /** Places, pays, accepts, ships and delivers a card order from one producer. */
  async function deliveredOrder(producer: Session, priceVnd: number, quantity: number) {
    const order = await placeOrder(t, buyer, [{ producer, priceVnd, vatRate: 10, quantity }], 'card');
    await payByCard(t, fake, buyer, order.id, (check) => eventually(check as never));
    const so = order.supplierOrders[0];
    for (const [session, action] of [
      [producer, 'accept'],
      [producer, 'ship'],
      [buyer, 'deliver'],
    ] as const) {
      const response = await t.http.post(`/supplier-orders/${so.id}/${action}`, {}, { token: session.token });
      expect(response.status).toBe(200);
    }
    return { order, so };
  }

  const balanceOf = async (producer: Session) =>
    (await t.http.get(`/organizations/${producer.organizationId}/balance`, { token: producer.token })).body;

  it('owes the producer subtotal less commission on delivery, batches it, exports it and settles it — always balanced', async () => {
    const producer = await verifiedUser(t, admin, 'producer');
    const { order, so } = await deliveredOrder(producer, 123_450, 8);
    const subtotal = 123_450 * 8;
    const commission = Math.round((subtotal * 750) / 10_000);
    const balance = await eventually(async () => {
      const current = await balanceOf(producer);
      return current.balanceVnd > 0 ? current : undefined;
    }, 15_000);
    expect(balance).toEqual({
      organizationId: producer.organizationId,
      earnedVnd: subtotal - commission,
      payoutsVnd: 0,
      balanceVnd: subtotal - commission,
      currency: 'vnd',
    });
    const statement = await t.http.get(`/organizations/${producer.organizationId}/statement`, {
      token: producer.token,
    });
    expect(statement.status).toBe(200);
    expect(statement.body.items).toEqual([
      expect.objectContaining({
        kind: 'delivery',
        amountVnd: subtotal - commission,
        purchaseOrderId: order.id,
        supplierOrderId: so.id,
      }),
    ]);
    expect(await ledgerImbalance(t)).toEqual({ total: 0, unbalancedTransactions: 0 });

    // Another producer cannot see it; the buyer neither.
    const stranger = await verifiedUser(t, admin, 'producer');
    expect(
      (await t.http.get(`/organizations/${producer.organizationId}/balance`, { token: stranger.token }))
        .status,
    ).toBe(404);
    expect(
      (await t.http.get(`/organizations/${producer.organizationId}/balance`, { token: buyer.token })).status,
    ).toBe(403);

    const bank = await t.http.request('PUT', `/organizations/${producer.organizationId}/bank-account`, {
      body: { bankBin: '970405', accountNo: '1500201234567', accountName: 'HTX Chè Đường, Ba Chẽ' },
      token: producer.token,
    });
    expect(bank.status).toBe(200);
    const invalidBank = await t.http.request(
      'PUT',
      `/organizations/${producer.organizationId}/bank-account`,
      {
        body: { bankBin: '97', accountNo: '1', accountName: 'x', extra: 1 },
        token: producer.token,
      },
    );
    expect(invalidBank.status).toBe(400);

    const batch = await t.http.post('/admin/payout-batches', {}, { token: admin.token });
    expect(batch.status).toBe(201);
    const line = batch.body.lines.find((l: any) => l.organizationId === producer.organizationId);
    expect(line).toMatchObject({
      amountVnd: subtotal - commission,
      method: 'bank_transfer',
      bankBin: '970405',
      status: 'pending',
    });
    expect(await balanceOf(producer)).toMatchObject({ balanceVnd: 0, payoutsVnd: subtotal - commission });

    // A second batch right away has nothing new for this producer.
    const second = await t.http.post('/admin/payout-batches', {}, { token: admin.token });
    if (second.status === 201) {
      expect(second.body.lines.some((l: any) => l.organizationId === producer.organizationId)).toBe(false);
    } else {
      expect(second.status).toBe(422);
    }

    const csv = await t.http.get(`/admin/payout-batches/${batch.body.id}/export`, { token: admin.token });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(
      await (
        await fetch(`${t.baseUrl}/api/v1/admin/payout-batches/${batch.body.id}/export`, {
          headers: { authorization: `Bearer ${admin.token}` },
        })
      ).arrayBuffer(),
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text).toContain(
      `970405,1500201234567,"HTX Chè Đường, Ba Chẽ",${subtotal - commission},${line.reference}`,
    );

    const paid = await t.http.post(
      `/admin/payout-batches/${batch.body.id}/mark-paid`,
      {},
      { token: admin.token },
    );
    expect(paid.status).toBe(200);
    expect(paid.body.status).toBe('paid');
    expect(paid.body.lines.every((l: any) => l.status === 'paid')).toBe(true);
    const again = await t.http.post(
      `/admin/payout-batches/${batch.body.id}/mark-paid`,
      {},
      { token: admin.token },
    );
    expect(again.status).toBe(409);

    const kinds = await db().query(
      `SELECT t.kind, sum(e.amount_vnd)::bigint AS sum FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
        WHERE t.supplier_order_id = $1 OR t.payout_line_id = $2 GROUP BY t.kind ORDER BY t.kind`,
      [so.id, line.id],
    );
    expect(kinds.map((k: any) => [k.kind, Number(k.sum)])).toEqual([
      ['delivery', 0],
      ['payout', 0],
      ['payout_settled', 0],
    ]);
    expect(await ledgerImbalance(t)).toEqual({ total: 0, unbalancedTransactions: 0 });
    const forbidden = await t.http.post('/admin/payout-batches', {}, { token: producer.token });
    expect(forbidden.status).toBe(403);
  });

  it('refuses an unbalanced ledger transaction and any change to posted entries', async () => {
    await expect(
      db().transaction(async (manager) => {
        const [tx] = await manager.query(
          `INSERT INTO ledger_transactions (kind, source_key, memo, supplier_order_id) VALUES ('delivery', $1, 'x', gen_random_uuid()) RETURNING id`,
          [`test:${Date.now()}`],
        );
        await manager.query(
          `INSERT INTO ledger_entries (transaction_id, account, amount_vnd) VALUES ($1, 'platform_cash', 5)`,
          [tx.id],
        );
      }),
    ).rejects.toThrow(/does not balance/);
    await expect(db().query(`UPDATE ledger_entries SET amount_vnd = amount_vnd`)).rejects.toThrow(
      /append-only/,
    );
  });

  it('pays a Connect-enabled producer by one transfer even when the payout job runs twice', async () => {
    const producer = await verifiedUser(t, admin, 'producer');
    const account = await t.http.post(
      `/organizations/${producer.organizationId}/stripe-account`,
      {},
      { token: producer.token },
    );
    expect(account.status).toBe(201);
    expect(account.body).toEqual({
      accountId: expect.stringMatching(/^acct_/),
      onboardingUrl: expect.stringMatching(/^https:\/\//),
      payoutsEnabled: false,
    });
    const repeat = await t.http.post(
      `/organizations/${producer.organizationId}/stripe-account`,
      {},
      { token: producer.token },
    );
    expect(repeat.body.accountId).toBe(account.body.accountId);
    expect(
      fake.created('account').filter((a) => a.metadata.organizationId === producer.organizationId),
    ).toHaveLength(1);

    const updated = fake.signedEvent('account.updated', {
      id: account.body.accountId,
      object: 'account',
      payouts_enabled: true,
    });
    expect((await deliverStripeEvent(t, updated)).status).toBe(200);
    await eventually(async () => {
      const [row] = await db().query(`SELECT payouts_enabled FROM stripe_accounts WHERE account_id = $1`, [
        account.body.accountId,
      ]);
      return row?.payouts_enabled ? true : undefined;
    });

    await deliveredOrder(producer, 200_000, 5);
    const owed = 1_000_000 - Math.round((1_000_000 * 750) / 10_000);
    await eventually(
      async () => ((await balanceOf(producer)).balanceVnd === owed ? true : undefined),
      15_000,
    );

    const batch = await t.http.post('/admin/payout-batches', {}, { token: admin.token });
    expect(batch.status).toBe(201);
    const line = batch.body.lines.find((l: any) => l.organizationId === producer.organizationId);
    expect(line).toMatchObject({
      method: 'stripe_connect',
      stripeAccountId: account.body.accountId,
      amountVnd: owed,
    });

    // The queued job and two manual re-runs race; one transfer results.
    const payouts = t.app.get(PayoutsServiceForTests);
    await Promise.all([payouts.runTransfers(batch.body.id), payouts.runTransfers(batch.body.id)]);
    await payouts.runTransfers(batch.body.id);
    const settled = await eventually(async () => {
      const current = await t.http.get(`/admin/payout-batches/${batch.body.id}`, { token: admin.token });
      const l = current.body.lines.find((x: any) => x.id === line.id);
      return l.status === 'paid' ? l : undefined;
    });
    const transfers = fake
      .created('transfer')
      .filter((transfer) => transfer.destination === account.body.accountId);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ amount: owed, currency: 'vnd' });
    expect(settled.stripeTransferId).toBe(transfers[0].id);
    const keys = new Set(
      fake
        .requestsTo('POST', '/v1/transfers')
        .filter((r) => r.body.destination === account.body.accountId)
        .map((r) => r.idempotencyKey),
    );
    expect(keys.size).toBe(1);
    expect(await ledgerImbalance(t)).toEqual({ total: 0, unbalancedTransactions: 0 });
  });
});
