import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Session, verifiedUser } from './factories';
import { aListing, orderBody, TestListing } from './ordering';
import { TestApp } from './test-app';

/** One answer as a client with a deadline saw it: status 0 when the connection failed, -1 on timeout. */
export interface Answer {
  status: number;
  contentType: string;
  body: any;
  ms: number;
  error?: string;
}

/**
 * A request that gives up after `deadlineMs`: a fault suite must see a hanging request as a
 * failure of its own, not as a test timeout.
 */
export async function timedRequest(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; deadlineMs: number },
): Promise<Answer> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const started = Date.now();
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.deadlineMs),
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    let body: unknown = text;
    if (contentType.includes('json') && text) body = JSON.parse(text);
    return { status: response.status, contentType, body, ms: Date.now() - started };
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return {
      status: timedOut ? -1 : 0,
      contentType: '',
      body: undefined,
      ms: Date.now() - started,
      error: String(error),
    };
  }
}

/**
 * An order a buyer wants placed exactly once: the same Idempotency-Key and body on every attempt,
 * until one attempt answers 201 (or the client gave up on a lost answer).
 */
export interface OrderIntent {
  buyer: Session;
  key: string;
  body: ReturnType<typeof orderBody>;
  attempts: Answer[];
  orderId?: string;
}

export function newIntent(buyer: Session, lines: { listingId: string; quantity: number }[]): OrderIntent {
  return { buyer, key: `fault-${randomBytes(8).toString('hex')}`, body: orderBody(lines), attempts: [] };
}

export async function attempt(baseUrl: string, intent: OrderIntent, deadlineMs: number): Promise<Answer> {
  const answer = await timedRequest(baseUrl, 'POST', '/api/v1/orders', {
    token: intent.buyer.token,
    body: intent.body,
    headers: { 'Idempotency-Key': intent.key },
    deadlineMs,
  });
  intent.attempts.push(answer);
  if (answer.status === 201) {
    // A replay must name the order the first success named.
    if (intent.orderId !== undefined && intent.orderId !== answer.body.id) {
      throw new Error(`key ${intent.key} answered order ${answer.body.id} after ${intent.orderId}`);
    }
    intent.orderId = answer.body.id;
  }
  return answer;
}

/** A 503 as the contract wants it: a problem document, Vietnamese by default. */
export function isCleanUnavailable(answer: Answer, codes = ['SERVICE_UNAVAILABLE']): boolean {
  return (
    answer.status === 503 &&
    answer.contentType.startsWith('application/problem+json') &&
    codes.includes(answer.body?.code) &&
    answer.body?.status === 503 &&
    /[ạảãàáâậầấẩẫăắằặẳẵđêềếểễệôồốổỗộơờớởỡợưừứửữựìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i.test(answer.body?.detail ?? '')
  );
}

export interface Marketplace {
  producers: Session[];
  buyers: Session[];
  listings: TestListing[];
}

/**
 * Producers with listings of ample stock and verified buyers, made through the routes of any
 * running api (in process or forked) by an administrator.
 */
export async function aMarketplace(
  t: Pick<TestApp, 'http'>,
  admin: { token: string },
  shape: { producers: number; listingsPerProducer: number; buyers: number; stock: number },
): Promise<Marketplace> {
  const app = t as TestApp;
  const producers = await Promise.all(
    Array.from({ length: shape.producers }, () => verifiedUser(app, admin, 'producer')),
  );
  const buyers = await Promise.all(
    Array.from({ length: shape.buyers }, () => verifiedUser(app, admin, 'buyer')),
  );
  const listings: TestListing[] = [];
  for (const producer of producers) {
    for (let i = 0; i < shape.listingsPerProducer; i++) {
      listings.push(
        await aListing(app, producer, { stockOnHand: shape.stock, priceVnd: 35_000 + i * 1_000, vatRate: 8 }),
      );
    }
  }
  return { producers, buyers, listings };
}

/**
 * Two or three lines from different producers, so one purchase order splits into supplier orders;
 * `exclude` names listings to leave out.
 */
export function someLines(
  market: Marketplace,
  seed: number,
  exclude: string[] = [],
): { listingId: string; quantity: number }[] {
  const byProducer = market.producers.map((producer) =>
    market.listings.filter((l) => l.producerId === producer.organizationId && !exclude.includes(l.id)),
  );
  return Array.from({ length: Math.min(2 + (seed % 2), byProducer.length) }, (_, p) => ({
    listingId: byProducer[p][(seed + p) % byProducer[p].length].id,
    quantity: 1 + ((seed * 7 + p) % 5),
  }));
}

/** A connection straight to a suite's database, past any proxy, for checks and for killing backends. */
export async function directClient(databaseUrl: string): Promise<Client> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'ocop-fault-check' });
  // Dropping the database at the end ends this session too; that is no failure of the suite.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Ends every backend the application holds on its database, so transactions in flight really abort. */
export async function terminateAppBackends(client: Client): Promise<number> {
  const { rows } = await client.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = 'ocop'`,
  );
  for (const { pid } of rows) await client.query('SELECT pg_terminate_backend($1)', [pid]);
  return rows.length;
}

/**
 * What must hold in the database after any fault: each query returns the rows that break one
 * rule, so a failure names the rule and the orders. Orders here are all placed with an
 * Idempotency-Key, and none is accepted or shipped.
 */
export const ORDER_INVARIANTS: Record<string, string> = {
  'every purchase order has a supplier order': `
    SELECT po.id FROM purchase_orders po
     WHERE NOT EXISTS (SELECT 1 FROM supplier_orders so WHERE so.purchase_order_id = po.id)`,
  'every supplier order has lines': `
    SELECT so.id FROM supplier_orders so
     WHERE NOT EXISTS (SELECT 1 FROM supplier_order_lines l WHERE l.supplier_order_id = so.id)`,
  'every supplier order has its placed history row': `
    SELECT so.id FROM supplier_orders so
     WHERE NOT EXISTS (SELECT 1 FROM supplier_order_status_history h
                        WHERE h.supplier_order_id = so.id AND h.from_status IS NULL AND h.to_status = 'placed')`,
  'a live supplier order totals its lines': `
    SELECT so.id FROM supplier_orders so
      JOIN supplier_order_lines l ON l.supplier_order_id = so.id
     WHERE so.status = 'placed'
     GROUP BY so.id
    HAVING so.subtotal_vnd <> sum(l.line_total_vnd) OR so.vat_vnd <> sum(l.vat_vnd)
        OR so.total_vnd <> so.subtotal_vnd + so.vat_vnd`,
  'a purchase order totals its live supplier orders': `
    SELECT po.id FROM purchase_orders po
      JOIN supplier_orders so ON so.purchase_order_id = po.id
     GROUP BY po.id
    HAVING po.subtotal_vnd <> coalesce(sum(so.subtotal_vnd) FILTER (WHERE so.status NOT IN ('rejected', 'cancelled', 'expired')), 0)
        OR po.total_vnd <> coalesce(sum(so.total_vnd) FILTER (WHERE so.status NOT IN ('rejected', 'cancelled', 'expired')), 0)`,
  'reserved stock equals the live ordered quantities': `
    SELECT l.id, l.stock_reserved, coalesce(o.live, 0) AS live FROM listings l
      LEFT JOIN (SELECT ol.listing_id,
                        sum(CASE so.status WHEN 'placed' THEN ol.quantity
                                           WHEN 'accepted' THEN coalesce(ol.accepted_qty, ol.quantity) END) AS live
                   FROM supplier_order_lines ol JOIN supplier_orders so ON so.id = ol.supplier_order_id
                  GROUP BY ol.listing_id) o ON o.listing_id = l.id
     WHERE l.stock_reserved <> coalesce(o.live, 0)`,
  'stock is never negative nor over-reserved': `
    SELECT id FROM listings WHERE stock_reserved < 0 OR stock_reserved > stock_on_hand`,
  'the stock ledger sums to on-hand and reserved': `
    SELECT l.id FROM listings l
      LEFT JOIN (SELECT listing_id, sum(delta_on_hand) AS on_hand, sum(delta_reserved) AS reserved
                   FROM stock_ledger GROUP BY listing_id) s ON s.listing_id = l.id
     WHERE coalesce(s.on_hand, 0) <> l.stock_on_hand OR coalesce(s.reserved, 0) <> l.stock_reserved`,
  'the last ledger row shows the current stock': `
    SELECT l.id FROM listings l
      JOIN LATERAL (SELECT on_hand_after, reserved_after FROM stock_ledger s
                     WHERE s.listing_id = l.id ORDER BY s.id DESC LIMIT 1) last ON true
     WHERE last.on_hand_after <> l.stock_on_hand OR last.reserved_after <> l.stock_reserved`,
  'each order reserved exactly its lines': `
    SELECT coalesce(r.po, o.po) AS po, coalesce(r.listing_id, o.listing_id) AS listing_id
      FROM (SELECT ref_id AS po, listing_id, sum(delta_reserved) AS qty FROM stock_ledger
             WHERE kind = 'reservation' GROUP BY ref_id, listing_id) r
      FULL JOIN (SELECT so.purchase_order_id::text AS po, ol.listing_id, sum(ol.quantity) AS qty
                   FROM supplier_order_lines ol JOIN supplier_orders so ON so.id = ol.supplier_order_id
                  GROUP BY 1, 2) o ON o.po = r.po AND o.listing_id = r.listing_id
     WHERE r.qty IS DISTINCT FROM o.qty`,
  'each placed event is written once': `
    SELECT x.id FROM (SELECT id::text, 'supplier_order.placed' AS type FROM supplier_orders
                      UNION ALL SELECT id::text, 'purchase_order.placed' FROM purchase_orders) x
      LEFT JOIN outbox e ON e.aggregate_id = x.id AND e.event_type = x.type
     GROUP BY x.id HAVING count(e.id) <> 1`,
  'each idempotency key names one existing order, and each order one key': `
    SELECT coalesce(k.order_id, po.id::text) AS id FROM
      (SELECT response->>'id' AS order_id FROM idempotency_keys) k
      FULL JOIN purchase_orders po ON po.id::text = k.order_id
     WHERE k.order_id IS NULL OR po.id IS NULL
    UNION ALL
    SELECT response->>'id' FROM idempotency_keys GROUP BY response->>'id' HAVING count(*) > 1`,
};

/** Every invariant's violations (empty arrays when the database is sound). */
export async function orderInvariantViolations(client: Client): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(ORDER_INVARIANTS)) result[name] = (await client.query(sql)).rows;
  return result;
}

export function noViolations(): Record<string, unknown[]> {
  return Object.fromEntries(Object.keys(ORDER_INVARIANTS).map((name) => [name, []]));
}
