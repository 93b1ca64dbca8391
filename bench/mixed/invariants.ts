import { Client } from 'pg';
import { Answers } from './actors';
import { WebhookReceiver } from './webhook-receiver';

export interface InvariantResult {
  ok: boolean;
  [figure: string]: unknown;
}

/**
 * Event types addressed to the OCOP office rather than to the organization's members; the same set
 * as ADMIN_FACING_EVENTS in src/modules/notifications/domain/delivery-policy.ts (a benchmark
 * compiles on its own and cannot import it).
 */
const ADMIN_FACING = ['organization.registered', 'organization.verification_requested'];
/** How late the worker may be with background work (relay, hold and order expiry) before it is a failure. */
const GRACE = "interval '30 seconds'";

type Row = Record<string, string | number | null>;

async function one(db: Client, sql: string, params: unknown[] = []): Promise<Record<string, number>> {
  const { rows } = await db.query<Row>(sql, params);
  return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([key, value]) => [key, Number(value ?? 0)]));
}

function zeroes(figures: Record<string, number>, mustBeZero: string[]): InvariantResult {
  return { ok: mustBeZero.every((key) => figures[key] === 0), mustBeZero, ...figures };
}

/**
 * Every promise the platform makes, checked in one REPEATABLE READ snapshot of the database after
 * the load (rolled back: the only write is a temporary table): stock, orders, stalls and
 * notifications. Each result is ok when its `mustBeZero` figures are zero.
 */
export async function checkInvariants(
  db: Client,
  receiver: WebhookReceiver,
  answers: Answers,
): Promise<Record<string, InvariantResult>> {
  await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
  try {
    const results: Record<string, InvariantResult> = {};

    // The ledger is the history of every listing's stock: its deltas sum to the current figures,
    // each entry starts where the previous one ended, and the last one is the current state.
    results.stockLedgerSums = zeroes(
      await one(
        db,
        `WITH sums AS (
           SELECT listing_id, sum(delta_on_hand) AS on_hand, sum(delta_reserved) AS reserved, count(*) AS entries
             FROM stock_ledger GROUP BY listing_id),
         last AS (
           SELECT DISTINCT ON (listing_id) listing_id, on_hand_after, reserved_after
             FROM stock_ledger ORDER BY listing_id, id DESC),
         chain AS (
           SELECT count(*) AS breaks FROM (
             SELECT on_hand_after - delta_on_hand AS on_hand_before, reserved_after - delta_reserved AS reserved_before,
                    lag(on_hand_after, 1, 0) OVER w AS previous_on_hand, lag(reserved_after, 1, 0) OVER w AS previous_reserved
               FROM stock_ledger WINDOW w AS (PARTITION BY listing_id ORDER BY id)) c
            WHERE on_hand_before <> previous_on_hand OR reserved_before <> previous_reserved)
         SELECT count(*) AS listings, coalesce(sum(s.entries), 0) AS ledger_entries,
                count(*) FILTER (WHERE s.on_hand IS DISTINCT FROM l.stock_on_hand
                                    OR s.reserved IS DISTINCT FROM l.stock_reserved) AS sum_mismatches,
                count(*) FILTER (WHERE la.on_hand_after IS DISTINCT FROM l.stock_on_hand
                                    OR la.reserved_after IS DISTINCT FROM l.stock_reserved) AS last_entry_mismatches,
                (SELECT breaks FROM chain) AS chain_breaks
           FROM listings l LEFT JOIN sums s ON s.listing_id = l.id LEFT JOIN last la ON la.listing_id = l.id`,
      ),
      ['sum_mismatches', 'last_entry_mismatches', 'chain_breaks'],
    );

    // Reserved stock is exactly what live supplier orders hold (placed: ordered, accepted: accepted),
    // what left on hand is exactly what shipped, and nothing is oversold.
    results.stockMatchesOrders = zeroes(
      await one(
        db,
        `WITH lines AS (
           SELECT sol.listing_id,
                  sum(CASE so.status WHEN 'placed' THEN sol.quantity
                                     WHEN 'accepted' THEN coalesce(sol.accepted_qty, sol.quantity) ELSE 0 END) AS live,
                  sum(CASE WHEN so.status IN ('shipped', 'delivered')
                           THEN coalesce(sol.accepted_qty, sol.quantity) ELSE 0 END) AS shipped
             FROM supplier_order_lines sol JOIN supplier_orders so ON so.id = sol.supplier_order_id
            GROUP BY sol.listing_id),
         ledger AS (
           SELECT listing_id, -sum(delta_on_hand) AS shipped FROM stock_ledger WHERE kind = 'shipment' GROUP BY listing_id)
         SELECT coalesce(sum(l.stock_reserved), 0) AS reserved_total, coalesce(sum(x.live), 0) AS live_ordered_total,
                coalesce(sum(x.shipped), 0) AS shipped_total,
                count(*) FILTER (WHERE l.stock_reserved <> coalesce(x.live, 0)) AS reserved_mismatches,
                count(*) FILTER (WHERE coalesce(g.shipped, 0) <> coalesce(x.shipped, 0)) AS shipped_mismatches,
                count(*) FILTER (WHERE l.stock_reserved > l.stock_on_hand OR l.stock_on_hand < 0) AS oversold_listings
           FROM listings l LEFT JOIN lines x ON x.listing_id = l.id LEFT JOIN ledger g ON g.listing_id = l.id`,
      ),
      ['reserved_mismatches', 'shipped_mismatches', 'oversold_listings'],
    );

    // Supplier order totals are the sums of their lines; a purchase order's totals are the sums of
    // its supplier orders that were not dropped, and its status is derived from theirs (the rules
    // of derivePurchaseOrderStatus in src/modules/ordering/domain/supplier-order-state.ts); each
    // status it reached, but the partial ones, was announced once.
    results.purchaseOrdersDerived = zeroes(
      await one(
        db,
        `WITH line_sums AS (
           SELECT supplier_order_id, sum(line_total_vnd) AS subtotal, sum(vat_vnd) AS vat
             FROM supplier_order_lines GROUP BY supplier_order_id),
         live AS (
           SELECT purchase_order_id, sum(subtotal_vnd) AS subtotal, sum(vat_vnd) AS vat, sum(total_vnd) AS total
             FROM supplier_orders WHERE status NOT IN ('rejected', 'cancelled', 'expired') GROUP BY purchase_order_id),
         counts AS (
           SELECT purchase_order_id,
                  count(*) FILTER (WHERE status NOT IN ('rejected', 'cancelled', 'expired')) AS live,
                  count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
                  count(*) FILTER (WHERE status = 'rejected') AS rejected,
                  count(*) FILTER (WHERE status = 'placed') AS placed,
                  count(*) FILTER (WHERE status = 'shipped') AS shipped,
                  count(*) FILTER (WHERE status = 'delivered') AS delivered
             FROM supplier_orders GROUP BY purchase_order_id),
         derived AS (
           SELECT purchase_order_id,
                  CASE WHEN live = 0 THEN CASE WHEN cancelled > 0 THEN 'cancelled'
                                               WHEN rejected > 0 THEN 'rejected' ELSE 'expired' END
                       WHEN delivered = live THEN 'delivered'
                       WHEN delivered > 0 AND delivered + shipped = live THEN 'partially_delivered'
                       WHEN shipped + delivered = live THEN 'shipped'
                       WHEN placed = live THEN 'placed'
                       WHEN placed > 0 THEN 'partially_accepted'
                       ELSE 'accepted' END AS status
             FROM counts)
         SELECT (SELECT count(*) FROM purchase_orders) AS purchase_orders,
                (SELECT count(*) FROM supplier_orders) AS supplier_orders,
                (SELECT count(*) FROM supplier_orders so JOIN line_sums s ON s.supplier_order_id = so.id
                  WHERE so.subtotal_vnd <> s.subtotal OR so.vat_vnd <> s.vat
                     OR so.total_vnd <> so.subtotal_vnd + so.vat_vnd) AS supplier_order_total_mismatches,
                (SELECT count(*) FROM purchase_orders po LEFT JOIN live t ON t.purchase_order_id = po.id
                  WHERE po.subtotal_vnd <> coalesce(t.subtotal, 0) OR po.vat_vnd <> coalesce(t.vat, 0)
                     OR po.total_vnd <> coalesce(t.total, 0)) AS total_mismatches,
                (SELECT count(*) FROM purchase_orders po LEFT JOIN derived d ON d.purchase_order_id = po.id
                  WHERE po.status IS DISTINCT FROM d.status) AS status_mismatches,
                (SELECT count(*) FROM purchase_orders po
                  WHERE po.status NOT IN ('partially_accepted', 'partially_delivered')
                    AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.aggregate_id = po.id::text
                                       AND o.event_type = 'purchase_order.' || po.status)) AS status_unannounced,
                (SELECT count(*) FROM (SELECT 1 FROM outbox WHERE event_type LIKE 'purchase\\_order.%'
                                        GROUP BY aggregate_id, event_type HAVING count(*) > 1) d) AS status_announced_twice`,
      ),
      [
        'supplier_order_total_mismatches',
        'total_mismatches',
        'status_mismatches',
        'status_unannounced',
        'status_announced_twice',
      ],
    );

    // Every supplier order move is one history row and one event; the history ends in the current
    // status; the expiry reminder goes out at most once; nothing stays placed past its window.
    results.supplierOrderHistory = zeroes(
      await one(
        db,
        `WITH h AS (
           SELECT supplier_order_id::text AS id, to_status, count(*) AS n
             FROM supplier_order_status_history GROUP BY 1, 2),
         e AS (
           SELECT aggregate_id AS id, substr(event_type, length('supplier_order.') + 1) AS to_status, count(*) AS n
             FROM outbox WHERE event_type LIKE 'supplier\\_order.%' AND event_type <> 'supplier_order.expiring_soon'
            GROUP BY 1, 2)
         SELECT (SELECT coalesce(sum(n), 0) FROM h) AS transitions,
                (SELECT count(*) FROM h FULL JOIN e USING (id, to_status) WHERE h.n IS DISTINCT FROM e.n) AS event_mismatches,
                (SELECT count(*) FROM supplier_orders so
                  WHERE so.status IS DISTINCT FROM (SELECT to_status FROM supplier_order_status_history
                                                     WHERE supplier_order_id = so.id ORDER BY id DESC LIMIT 1))
                  AS status_mismatches,
                (SELECT count(*) FROM (SELECT 1 FROM outbox WHERE event_type = 'supplier_order.expiring_soon'
                                        GROUP BY aggregate_id HAVING count(*) > 1) d) AS repeated_reminders,
                (SELECT count(*) FROM supplier_orders WHERE status = 'expired') AS expired,
                (SELECT count(*) FROM supplier_orders WHERE status = 'placed' AND accept_by < now() - ${GRACE})
                  AS overdue_placed`,
      ),
      ['event_mismatches', 'status_mismatches', 'repeated_reminders', 'overdue_placed'],
    );

    // One live booking per stall; the fairs' rules hold for every live booking; waitlist offers and
    // their holds agree; no hold outlives its expiry; every booking's story is told once in events.
    results.stallBookings = zeroes(
      await one(
        db,
        `WITH e AS (
           SELECT aggregate_id AS id,
                  count(*) FILTER (WHERE event_type IN ('booking.held', 'booking.waitlist_offer')) AS started,
                  count(*) FILTER (WHERE event_type = 'booking.confirmed') AS confirmed,
                  count(*) FILTER (WHERE event_type = 'booking.cancelled') AS cancelled,
                  count(*) FILTER (WHERE event_type = 'booking.expired') AS expired
             FROM outbox WHERE aggregate_type = 'fair_booking' GROUP BY aggregate_id)
         SELECT (SELECT count(*) FROM fair_bookings) AS bookings,
                (SELECT count(*) FROM fair_bookings WHERE status IN ('held', 'confirmed')) AS live_bookings,
                (SELECT count(*) FROM fair_bookings WHERE waitlist_entry_id IS NOT NULL) AS waitlist_offers,
                (SELECT count(*) FROM (SELECT stall_id FROM fair_bookings WHERE status IN ('held', 'confirmed')
                                        GROUP BY stall_id HAVING count(*) > 1) d) AS stalls_with_two_live_bookings,
                (SELECT count(*) FROM (
                   SELECT 1 FROM fair_bookings b JOIN fairs f ON f.id = b.fair_id
                    WHERE b.status IN ('held', 'confirmed') AND f.max_stalls_per_producer IS NOT NULL
                    GROUP BY b.fair_id, b.producer_id, f.max_stalls_per_producer
                   HAVING count(*) > f.max_stalls_per_producer) d) AS producers_over_limit,
                (SELECT count(*) FROM fair_bookings b JOIN fairs f ON f.id = b.fair_id
                  WHERE b.status IN ('held', 'confirmed') AND f.min_stars IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM products p
                                     WHERE p.producer_id = b.producer_id AND p.ocop_stars >= f.min_stars
                                       AND p.ocop_expires_on >= current_date)) AS below_min_stars,
                (SELECT count(*) FROM fair_waitlist_entries w LEFT JOIN fair_bookings b ON b.id = w.offered_booking_id
                  WHERE w.status = 'offered' AND b.status IS DISTINCT FROM 'held') AS offers_without_hold,
                (SELECT count(*) FROM fair_bookings b JOIN fair_waitlist_entries w ON w.id = b.waitlist_entry_id
                  WHERE b.status = 'held' AND w.status <> 'offered') AS holds_without_offer,
                (SELECT count(*) FROM fair_bookings WHERE status = 'held' AND hold_expires_at < now() - ${GRACE})
                  AS overdue_holds,
                (SELECT count(*) FROM fair_bookings b LEFT JOIN e ON e.id = b.id::text
                  WHERE coalesce(e.started, 0) <> 1
                     OR coalesce(e.confirmed, 0) <> (b.confirmed_at IS NOT NULL)::int
                     OR coalesce(e.cancelled, 0) <> (b.status = 'cancelled')::int
                     OR coalesce(e.expired, 0) <> (b.status = 'expired')::int) AS event_mismatches`,
      ),
      [
        'stalls_with_two_live_bookings',
        'producers_over_limit',
        'below_min_stars',
        'offers_without_hold',
        'holds_without_offer',
        'overdue_holds',
        'event_mismatches',
      ],
    );

    // Notifications. Recipients of a relayed event: the members of its audience organizations
    // (administrators for admin-facing types); each gets exactly one inbox entry and one `inbox`
    // delivery, an `email` delivery when their preferences (the type's row, else '*', else the
    // defaults inbox + email) include email, and each endpoint of an audience organization that
    // subscribed to the type gets one `webhook` delivery.
    await db.query(
      `CREATE TEMP TABLE expected_recipients ON COMMIT DROP AS
       SELECT DISTINCT o.id AS event_id, o.event_type, u.id AS user_id
         FROM outbox o JOIN users u
           ON (o.event_type = ANY($1::text[]) AND u.role = 'admin')
           OR (o.event_type <> ALL($1::text[]) AND u.organization_id = ANY(o.audience))
        WHERE o.relayed_at IS NOT NULL`,
      [ADMIN_FACING],
    );
    results.notificationInbox = zeroes(
      await one(
        db,
        `SELECT (SELECT count(*) FROM outbox) AS events,
                (SELECT count(*) FROM outbox WHERE relayed_at IS NULL) AS unrelayed,
                (SELECT count(*) FROM outbox WHERE relayed_at IS NULL AND occurred_at < now() - ${GRACE}) AS unrelayed_late,
                (SELECT count(*) FROM expected_recipients) AS expected_entries,
                (SELECT count(*) FROM notifications) AS inbox_entries,
                (SELECT count(*) FROM expected_recipients e
                  WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.event_id = e.event_id AND n.user_id = e.user_id))
                  AS missing,
                (SELECT count(*) FROM notifications n
                  WHERE NOT EXISTS (SELECT 1 FROM expected_recipients e WHERE e.event_id = n.event_id AND e.user_id = n.user_id))
                  AS unexpected,
                (SELECT count(*) FROM (SELECT 1 FROM notifications GROUP BY event_id, user_id HAVING count(*) > 1) d)
                  AS duplicates,
                (SELECT count(*) FROM domain_event_receipts WHERE handled_at IS NULL AND created_at < now() - ${GRACE})
                  AS receipts_unhandled_late`,
      ),
      ['unrelayed_late', 'missing', 'unexpected', 'duplicates', 'receipts_unhandled_late'],
    );

    results.notificationDeliveries = zeroes(
      await one(
        db,
        `WITH expected AS (
           SELECT event_id, user_id AS recipient_id, 'inbox' AS channel FROM expected_recipients
           UNION ALL
           SELECT e.event_id, e.user_id, 'email' FROM expected_recipients e
            WHERE 'email' = ANY(coalesce(
                    (SELECT channels FROM notification_preferences p WHERE p.user_id = e.user_id AND p.event_type = e.event_type),
                    (SELECT channels FROM notification_preferences p WHERE p.user_id = e.user_id AND p.event_type = '*'),
                    ARRAY['inbox', 'email']))
           UNION ALL
           SELECT o.id, w.id, 'webhook' FROM outbox o
             JOIN webhook_endpoints w ON w.organization_id = ANY(o.audience) AND w.deleted_at IS NULL
            WHERE o.relayed_at IS NOT NULL AND o.event_type <> ALL($1::text[])
              AND EXISTS (SELECT 1 FROM unnest(w.events) pattern
                           WHERE pattern = '*' OR pattern = o.event_type
                              OR (pattern LIKE '%.*' AND starts_with(o.event_type, left(pattern, -1)))))
         SELECT (SELECT count(*) FROM expected) AS expected_deliveries,
                (SELECT count(*) FROM notification_deliveries) AS deliveries,
                (SELECT count(*) FROM expected e
                  WHERE NOT EXISTS (SELECT 1 FROM notification_deliveries d
                                     WHERE d.event_id = e.event_id AND d.recipient_id = e.recipient_id AND d.channel = e.channel))
                  AS missing,
                (SELECT count(*) FROM notification_deliveries d
                  WHERE NOT EXISTS (SELECT 1 FROM expected e
                                     WHERE d.event_id = e.event_id AND d.recipient_id = e.recipient_id AND d.channel = e.channel))
                  AS unexpected,
                (SELECT count(*) FROM (SELECT 1 FROM notification_deliveries
                                        GROUP BY event_id, recipient_id, channel HAVING count(*) > 1) d) AS duplicates,
                (SELECT count(*) FROM notification_deliveries WHERE channel = 'email' AND status = 'delivered') AS emails_delivered,
                (SELECT count(*) FROM notification_deliveries WHERE channel = 'webhook' AND status = 'delivered') AS webhooks_delivered,
                (SELECT count(*) FROM notification_deliveries WHERE status = 'pending') AS pending,
                (SELECT count(*) FROM notification_deliveries WHERE status = 'pending' AND created_at < now() - ${GRACE})
                  AS pending_late,
                (SELECT count(*) FROM notification_deliveries WHERE status = 'failed') AS failed`,
        [ADMIN_FACING],
      ),
      ['missing', 'unexpected', 'duplicates', 'pending_late', 'failed'],
    );

    // What the ERPs saw: every webhook delivery recorded as delivered arrived, correctly signed;
    // repeats (allowed: at-least-once) are counted.
    const { rows } = await db.query<{ event_id: string; target: string }>(
      `SELECT event_id, target FROM notification_deliveries WHERE channel = 'webhook' AND status = 'delivered'`,
    );
    const keyOf = (target: string) => target.slice(target.indexOf('/hook/') + '/hook/'.length);
    const recorded = new Set(rows.map((row) => `${keyOf(row.target)} ${row.event_id}`));
    let received = 0;
    let repeats = 0;
    let notRecorded = 0;
    for (const [key, events] of receiver.received) {
      for (const [eventId, times] of events) {
        received++;
        repeats += times - 1;
        if (!recorded.has(`${key} ${eventId}`)) notRecorded++;
      }
    }
    const missing = rows.filter((row) => !receiver.received.get(keyOf(row.target))?.has(row.event_id)).length;
    results.webhooksReceived = {
      ok: missing === 0 && receiver.badSignatures === 0 && receiver.unknownEndpoints === 0,
      delivered: rows.length,
      received,
      missing,
      repeats,
      // Sent after the snapshot, or not confirmed yet when it was taken.
      receivedNotYetRecorded: notRecorded,
      badSignatures: receiver.badSignatures,
      unknownEndpoints: receiver.unknownEndpoints,
    };
    // What the clients were told is what the database holds: every order and hold answered 201
    // exists, nothing else was created (stall holds offered from the waitlist are the system's), and
    // two requests sent at once with one Idempotency-Key were answered with one object.
    const stored = await one(
      db,
      `SELECT (SELECT count(*) FROM purchase_orders) AS orders,
              (SELECT count(*) FROM purchase_orders WHERE id = ANY($1::uuid[])) AS orders_answered_found,
              (SELECT count(*) FROM fair_bookings WHERE waitlist_entry_id IS NULL) AS holds,
              (SELECT count(*) FROM fair_bookings WHERE id = ANY($2::uuid[])) AS holds_answered_found`,
      [[...answers.orders], [...answers.holds]],
    );
    results.answersMatchDatabase = {
      ok:
        stored.orders === answers.orders.size &&
        stored.orders_answered_found === answers.orders.size &&
        stored.holds === answers.holds.size &&
        stored.holds_answered_found === answers.holds.size &&
        answers.sameKeyPairsDiverged === 0,
      ordersAnswered: answers.orders.size,
      ordersStored: stored.orders,
      ordersAnsweredFound: stored.orders_answered_found,
      holdsAnswered: answers.holds.size,
      holdsStored: stored.holds,
      holdsAnsweredFound: stored.holds_answered_found,
      sameKeyPairs: answers.sameKeyPairs,
      sameKeyPairsDiverged: answers.sameKeyPairsDiverged,
    };
    return results;
  } finally {
    await db.query('ROLLBACK');
  }
}
