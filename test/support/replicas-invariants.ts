import { DataSource } from 'typeorm';
// eslint-disable-next-line no-restricted-imports -- who receives the office's own events is the module's rule
import { ADMIN_FACING_EVENTS } from '../../src/modules/notifications/domain/delivery-policy';

/**
 * Database invariants that must hold whatever number of `api` and `worker` replicas wrote the
 * data. Each check returns the offending rows, so a failure names them.
 */

/** Per listing: stock on hand and reserved agree with the orders, and the ledger sums to both. */
export async function stockViolations(sql: DataSource): Promise<unknown[]> {
  return sql.query(
    `WITH orders AS (
       SELECT sol.listing_id,
              sum(CASE so.status WHEN 'placed' THEN sol.quantity WHEN 'accepted' THEN sol.accepted_qty ELSE 0 END)
                AS held,
              sum(CASE WHEN so.status IN ('shipped', 'delivered') THEN sol.accepted_qty ELSE 0 END) AS shipped
         FROM supplier_order_lines sol JOIN supplier_orders so ON so.id = sol.supplier_order_id
        GROUP BY sol.listing_id),
     ledger AS (
       SELECT listing_id,
              sum(delta_on_hand) FILTER (WHERE kind = 'initial') AS initial,
              sum(delta_on_hand) AS on_hand,
              sum(delta_reserved) AS reserved,
              (array_agg(on_hand_after ORDER BY id DESC))[1] AS last_on_hand,
              (array_agg(reserved_after ORDER BY id DESC))[1] AS last_reserved,
              count(*) FILTER (WHERE reserved_after > on_hand_after OR reserved_after < 0) AS impossible
         FROM stock_ledger GROUP BY listing_id)
     SELECT l.id, l.stock_on_hand, l.stock_reserved, o.held, o.shipped, g.initial, g.on_hand, g.reserved,
            g.last_on_hand, g.last_reserved, g.impossible
       FROM listings l
       LEFT JOIN orders o ON o.listing_id = l.id
       LEFT JOIN ledger g ON g.listing_id = l.id
      WHERE l.stock_reserved <> coalesce(o.held, 0)
         OR l.stock_on_hand <> g.initial - coalesce(o.shipped, 0)
         OR l.stock_on_hand <> g.on_hand OR l.stock_reserved <> g.reserved
         OR l.stock_on_hand <> g.last_on_hand OR l.stock_reserved <> g.last_reserved
         OR g.impossible > 0`,
  );
}

/**
 * Per order: the purchase order reserved exactly its lines; each supplier order released and shipped
 * exactly what its final status implies (a second expiry or rejection would release twice).
 */
export async function orderLedgerViolations(sql: DataSource): Promise<unknown[]> {
  const perSupplierOrder = await sql.query(
    `WITH lines AS (
       SELECT supplier_order_id, sum(quantity) AS quantity, sum(coalesce(accepted_qty, 0)) AS accepted
         FROM supplier_order_lines GROUP BY supplier_order_id),
     moves AS (
       SELECT ref_id,
              coalesce(sum(-delta_reserved) FILTER (WHERE kind = 'release'), 0) AS released,
              coalesce(sum(-delta_on_hand) FILTER (WHERE kind = 'shipment'), 0) AS shipped
         FROM stock_ledger WHERE ref_type = 'supplier_order' GROUP BY ref_id)
     SELECT so.id, so.status, l.quantity, l.accepted, coalesce(m.released, 0) AS released,
            coalesce(m.shipped, 0) AS shipped
       FROM supplier_orders so
       JOIN lines l ON l.supplier_order_id = so.id
       LEFT JOIN moves m ON m.ref_id = so.id::text
      WHERE coalesce(m.released, 0) <> CASE
              WHEN so.status IN ('expired', 'rejected', 'cancelled') THEN l.quantity
              WHEN so.status = 'placed' THEN 0
              ELSE l.quantity - l.accepted END
         OR coalesce(m.shipped, 0) <> CASE WHEN so.status IN ('shipped', 'delivered') THEN l.accepted ELSE 0 END`,
  );
  const perPurchaseOrder = await sql.query(
    `WITH lines AS (
       SELECT so.purchase_order_id, sum(sol.quantity) AS quantity
         FROM supplier_order_lines sol JOIN supplier_orders so ON so.id = sol.supplier_order_id
        GROUP BY so.purchase_order_id),
     reserved AS (
       SELECT ref_id, sum(delta_reserved) AS reserved FROM stock_ledger
        WHERE ref_type = 'purchase_order' AND kind = 'reservation' GROUP BY ref_id)
     SELECT po.id, l.quantity, r.reserved
       FROM purchase_orders po
       JOIN lines l ON l.purchase_order_id = po.id
       LEFT JOIN reserved r ON r.ref_id = po.id::text
      WHERE r.reserved IS DISTINCT FROM l.quantity`,
  );
  return [...perSupplierOrder, ...perPurchaseOrder];
}

const NEXT: Record<string, string[]> = {
  placed: ['accepted', 'rejected', 'cancelled', 'expired'],
  accepted: ['shipped', 'cancelled'],
  shipped: ['delivered'],
};

export interface LifecycleSummary {
  byStatus: Record<string, number>;
  violations: unknown[];
}

/**
 * Every supplier order's history is one legal path ending in its status, each move written once,
 * with exactly one outbox event per move (and at most one "expiring soon" reminder); every
 * purchase order announced each derived status at most once.
 */
export async function lifecycleViolations(sql: DataSource): Promise<LifecycleSummary> {
  const rows: Array<{ id: string; status: string; path: string[]; events: string[] }> = await sql.query(
    `SELECT so.id, so.status,
            (SELECT array_agg(h.to_status ORDER BY h.id) FROM supplier_order_status_history h
              WHERE h.supplier_order_id = so.id) AS path,
            coalesce((SELECT array_agg(o.event_type ORDER BY o.event_type) FROM outbox o
              WHERE o.aggregate_type = 'supplier_order' AND o.aggregate_id = so.id::text), '{}') AS events
       FROM supplier_orders so`,
  );
  const violations: unknown[] = [];
  const byStatus: Record<string, number> = {};
  for (const row of rows) {
    byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
    const path = row.path ?? [];
    const legal =
      path[0] === 'placed' &&
      path[path.length - 1] === row.status &&
      path.every((to, i) => i === 0 || (NEXT[path[i - 1]] ?? []).includes(to));
    const expected = path.map((to) => `supplier_order.${to}`);
    const reminders = row.events.filter((type) => type === 'supplier_order.expiring_soon').length;
    const moves = row.events.filter((type) => type !== 'supplier_order.expiring_soon');
    if (!legal || reminders > 1 || [...moves].sort().join() !== [...expected].sort().join()) {
      violations.push({ id: row.id, status: row.status, path, events: row.events });
    }
  }
  const repeatedPurchaseOrderEvents = await sql.query(
    `SELECT aggregate_id, event_type, count(*)::int AS times FROM outbox
      WHERE aggregate_type = 'purchase_order' GROUP BY aggregate_id, event_type HAVING count(*) > 1`,
  );
  const unannounced = await sql.query(
    `SELECT po.id FROM purchase_orders po
      WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.aggregate_type = 'purchase_order'
                          AND o.aggregate_id = po.id::text AND o.event_type = 'purchase_order.placed')`,
  );
  return { byStatus, violations: [...violations, ...repeatedPurchaseOrderEvents, ...unannounced] };
}

export interface NotificationSummary {
  events: number;
  inboxEntries: number;
  deliveries: Record<string, number>;
  violations: Record<string, unknown[]>;
}

/**
 * Every outbox event reached each recipient's inbox exactly once (recipients: the members of its
 * audience organizations, or the administrators for the office's own events), with one delivery row
 * per recipient × channel, every email and webhook delivery done, and every queued subscriber's
 * receipt handled.
 */
export async function notificationViolations(sql: DataSource): Promise<NotificationSummary> {
  const expected = `
    SELECT o.id AS event_id, u.id AS user_id FROM outbox o JOIN users u ON u.organization_id = ANY (o.audience)
     WHERE NOT (o.event_type = ANY ($1::text[]))
    UNION
    SELECT o.id, u.id FROM outbox o JOIN users u ON u.role = 'admin' WHERE o.event_type = ANY ($1::text[])`;
  const inbox = `SELECT event_id, user_id FROM notifications`;
  const inboxDeliveries = `SELECT event_id, recipient_id FROM notification_deliveries WHERE channel = 'inbox'`;
  const params = [[...ADMIN_FACING_EVENTS]];
  const [counts] = await sql.query(
    `SELECT (SELECT count(*) FROM outbox)::int AS events,
            (SELECT count(*) FROM notifications)::int AS inbox_entries`,
  );
  const deliveries: Array<{ channel: string; status: string; n: number }> = await sql.query(
    `SELECT channel, status, count(*)::int AS n FROM notification_deliveries GROUP BY channel, status`,
  );
  const violations: Record<string, unknown[]> = {
    unrelayed: await sql.query(`SELECT id, event_type FROM outbox WHERE relayed_at IS NULL`),
    missingInbox: await sql.query(`${expected} EXCEPT ${inbox}`, params),
    unexpectedInbox: await sql.query(`${inbox} EXCEPT ${expected}`, params),
    repeatedInbox: await sql.query(
      `SELECT event_id, user_id, count(*)::int FROM notifications GROUP BY 1, 2 HAVING count(*) > 1`,
    ),
    inboxWithoutDelivery: await sql.query(`${inbox} EXCEPT ${inboxDeliveries}`),
    deliveryWithoutInbox: await sql.query(`${inboxDeliveries} EXCEPT ${inbox}`),
    repeatedDeliveries: await sql.query(
      `SELECT event_id, recipient_id, channel, count(*)::int FROM notification_deliveries
        GROUP BY 1, 2, 3 HAVING count(*) > 1`,
    ),
    emailWithoutInbox: await sql.query(
      `SELECT event_id, recipient_id FROM notification_deliveries WHERE channel = 'email' EXCEPT ${inbox}`,
    ),
    undelivered: await sql.query(
      `SELECT id, channel, status, last_error FROM notification_deliveries WHERE status <> 'delivered'`,
    ),
    unhandledReceipts: await sql.query(
      `SELECT event_id, subscriber, attempts, last_error FROM domain_event_receipts WHERE handled_at IS NULL`,
    ),
  };
  return {
    events: counts.events,
    inboxEntries: counts.inbox_entries,
    deliveries: Object.fromEntries(deliveries.map((d) => [`${d.channel}:${d.status}`, d.n])),
    violations,
  };
}
