import { DataSource } from 'typeorm';
import { Session } from './factories';
import { FakeStripe } from './fake-stripe';
import { aListing, orderBody } from './ordering';
import { TestApp } from './test-app';

/** Delivers a signed Stripe event to the webhook route. */
export function deliverStripeEvent(t: TestApp, event: { payload: string; signature: string }) {
  return t.http.request('POST', '/payments/stripe/webhook', {
    rawBody: event.payload,
    headers: { 'stripe-signature': event.signature },
  });
}

/** Places an order for the buyer: one line per producer listing (price, vat, quantity). */
export async function placeOrder(
  t: TestApp,
  buyer: Session,
  lines: { producer: Session; priceVnd: number; vatRate?: number; quantity: number }[],
  paymentMethod: 'card' | 'invoice',
): Promise<any> {
  const listings = await Promise.all(
    lines.map((line) =>
      aListing(t, line.producer, { priceVnd: line.priceVnd, vatRate: line.vatRate ?? 0, stockOnHand: 1000 }),
    ),
  );
  const response = await t.http.post(
    '/orders',
    orderBody(
      listings.map((listing, index) => ({ listingId: listing.id, quantity: lines[index].quantity })),
      { paymentMethod },
    ),
    { token: buyer.token },
  );
  if (response.status !== 201) throw new Error(`order failed: ${response.status} ${response.text}`);
  return response.body;
}

/** Creates the order's intent and has Stripe report it paid; resolves once the payment is recorded. */
export async function payByCard(
  t: TestApp,
  fake: FakeStripe,
  buyer: Session,
  orderId: string,
  waitFor: (check: () => Promise<unknown>) => Promise<unknown>,
): Promise<string> {
  const intent = await t.http.post(`/orders/${orderId}/payment-intent`, {}, { token: buyer.token });
  if (intent.status !== 201) throw new Error(`intent failed: ${intent.status} ${intent.text}`);
  const event = fake.signedEvent('payment_intent.succeeded', fake.succeed(intent.body.paymentIntentId));
  const delivered = await deliverStripeEvent(t, event);
  if (delivered.status !== 200) throw new Error(`webhook failed: ${delivered.status} ${delivered.text}`);
  await waitFor(async () => {
    const payment = await t.http.get(`/orders/${orderId}/payment`, { token: buyer.token });
    return payment.body.state === 'paid' ? true : undefined;
  });
  return intent.body.paymentIntentId;
}

/** Every ledger entry ever posted sums to zero, and so does each transaction. */
export async function ledgerImbalance(
  t: TestApp,
): Promise<{ total: number; unbalancedTransactions: number }> {
  const db = t.app.get(DataSource);
  const [total] = await db.query(`SELECT coalesce(sum(amount_vnd), 0) AS sum FROM ledger_entries`);
  const [unbalanced] = await db.query(
    `SELECT count(*) AS n FROM (SELECT transaction_id FROM ledger_entries GROUP BY transaction_id HAVING sum(amount_vnd) <> 0) x`,
  );
  return { total: Number(total.sum), unbalancedTransactions: Number(unbalanced.n) };
}

export async function ledgerOf(t: TestApp, where: { purchaseOrderId?: string; supplierOrderId?: string }) {
  return t.app.get(DataSource).query(
    `SELECT t.kind, e.account, e.organization_id, e.amount_vnd::bigint AS amount
       FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
      WHERE ($1::uuid IS NULL OR t.purchase_order_id = $1) AND ($2::uuid IS NULL OR t.supplier_order_id = $2)
      ORDER BY t.created_at, e.account`,
    [where.purchaseOrderId ?? null, where.supplierOrderId ?? null],
  );
}
