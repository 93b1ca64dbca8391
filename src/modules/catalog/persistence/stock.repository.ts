import { Injectable } from '@nestjs/common';
import { prepared, Tx } from '@ocop/persistence';
import { OrderableListing, StockItem, StockMovementKind, StockRef } from '../domain/stock';

/** A kind of movement and what it does to on hand and reserved per unit moved. */
export interface StockMovement {
  kind: StockMovementKind;
  onHand: -1 | 0;
  reserved: -1 | 1;
}

interface StockRow {
  id: string;
  stock_on_hand: number;
  stock_reserved: number;
}

export interface LedgerEntryRow {
  /** The ledger's order (bigint as text), for cursors; never shown. */
  id: string;
  entry_id: string;
  listing_id: string;
  kind: StockMovementKind;
  delta_on_hand: number;
  delta_reserved: number;
  on_hand_after: number;
  reserved_after: number;
  reason: string;
  ref_type: string | null;
  ref_id: string | null;
  actor_user_id: string | null;
  occurred_at: Date;
}

interface OrderableRow {
  id: string;
  product_id: string;
  producer_id: string;
  producer_status: OrderableListing['producerStatus'];
  sku: string;
  product_name: string;
  category: string;
  unit: string;
  pack_size: string | number;
  price_vnd: string;
  price_tiers: Array<{ minQty: number; priceVnd: number }>;
  min_order_qty: number;
  lead_time_days: number;
  vat_rate: number;
  status: OrderableListing['status'];
  stock_on_hand: number;
  stock_reserved: number;
  ocop_stars: number | null;
  ocop_expires_on: string | null;
  commune_code: string | null;
  province_code: string | null;
}

// Read by every order placement, without locks: MOVE_ALL checks the terms again when it reserves. The
// organization is looked up per listing so that even a generic plan reads it by index.
const ORDERABLE = prepared(
  'catalog.orderable',
  `SELECT l.id, l.product_id, l.producer_id,
        (SELECT o.status FROM organizations o WHERE o.id = l.producer_id) AS producer_status,
        l.sku, l.product_name, l.category, l.unit, l.pack_size, l.price_vnd, l.price_tiers, l.min_order_qty,
        l.lead_time_days, l.vat_rate, l.status, l.stock_on_hand, l.stock_reserved,
        l.ocop_stars, l.ocop_expires_on::text AS ocop_expires_on, l.commune_code, l.province_code
   FROM listings l
  WHERE l.id = ANY($1::uuid[])
  ORDER BY l.id`,
);

// Every reservation, release and shipment. With quoted terms ($11.. arrays), an item moves only if
// its listing is still active and still sells on those terms. NO KEY UPDATE: order lines inserted
// by other transactions hold KEY SHARE locks on their listings, which FOR UPDATE would wait for.
// Unnest pads the terms arrays with NULLs when they are empty (a move without terms). The id list
// is repeated as a condition on listings so that even a generic plan over a small table reads it by
// index rather than scanning it.
const MOVE_ITEMS = `WITH locked AS MATERIALIZED (
    SELECT id FROM listings WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE
  ), moved AS (
    UPDATE listings l
       SET stock_on_hand = l.stock_on_hand + $3::int * i.q,
           stock_reserved = l.stock_reserved + $4::int * i.q,
           updated_at = clock_timestamp()
      FROM unnest($1::uuid[], $2::int[], $11::bigint[], $12::text[], $13::int[], $14::int[])
           AS i(id, q, price_vnd, price_tiers, vat_rate, lead_time_days)
     WHERE l.id = i.id AND l.id IN (SELECT id FROM locked) AND l.id = ANY($1::uuid[])
       AND l.stock_reserved + $4 * i.q >= 0
       AND l.stock_on_hand + $3 * i.q >= l.stock_reserved + $4 * i.q
       AND (i.price_vnd IS NULL
            OR (l.status = 'active' AND l.price_vnd = i.price_vnd AND l.price_tiers = i.price_tiers::jsonb
                AND l.vat_rate = i.vat_rate AND l.lead_time_days = i.lead_time_days
                AND l.min_order_qty <= i.q))
    RETURNING l.id, l.stock_on_hand, l.stock_reserved, i.q
  ), ledgered AS (
    INSERT INTO stock_ledger (listing_id, kind, delta_on_hand, delta_reserved, on_hand_after,
                              reserved_after, reason, ref_type, ref_id, actor_user_id, occurred_at)
    SELECT m.id, $5::text, $3 * m.q, $4 * m.q, m.stock_on_hand, m.stock_reserved, $6::text, $7::text,
           $8::text, $9::uuid, $10::timestamptz
      FROM moved m
  )
`;
const MOVE_MANY = prepared(
  'catalog.move-many',
  `${MOVE_ITEMS}  SELECT id, stock_on_hand, stock_reserved FROM moved`,
);
// The same, failing with 40001 (the unit of work then runs the transaction again) unless every item moved.
const MOVE_ALL = prepared(
  'catalog.move-all',
  `${MOVE_ITEMS}  SELECT ocop_require((SELECT count(*) FROM moved) = cardinality($1::uuid[]), '40001',
                      'a quoted listing fell short or changed before it could be reserved')`,
);

/**
 * Stock moves only through conditional updates, so that the database — not an application check
 * made before the write — decides whether enough is available, under any concurrency.
 */
@Injectable()
export class StockRepository {
  async orderable(tx: Tx, listingIds: string[], today: string): Promise<OrderableListing[]> {
    if (listingIds.length === 0) return [];
    const rows = await tx.query<OrderableRow>(ORDERABLE, [[...new Set(listingIds)]]);
    return rows.map((row) => ({
      id: row.id,
      productId: row.product_id,
      producerId: row.producer_id,
      producerStatus: row.producer_status,
      sku: row.sku,
      productName: row.product_name,
      category: row.category,
      unit: row.unit,
      packSize: row.pack_size,
      priceVnd: Number(row.price_vnd),
      priceTiers: row.price_tiers.map((t) => ({ minQty: Number(t.minQty), priceVnd: Number(t.priceVnd) })),
      minOrderQty: row.min_order_qty,
      leadTimeDays: row.lead_time_days,
      vatRate: row.vat_rate,
      status: row.status,
      stockOnHand: row.stock_on_hand,
      stockReserved: row.stock_reserved,
      stockAvailable: row.stock_on_hand - row.stock_reserved,
      ocopStars: row.ocop_expires_on !== null && row.ocop_expires_on >= today ? row.ocop_stars : null,
      communeCode: row.commune_code,
      provinceCode: row.province_code,
    }));
  }

  /**
   * Moves every item and writes its ledger entry in one statement, each row only where the result
   * keeps 0 ≤ reserved ≤ on hand. Rows are locked in ascending id order first, so two transactions
   * moving the same listings never wait on each other in a cycle. Returns the rows moved, by id;
   * a missing id did not have enough.
   */
  async moveMany(
    tx: Tx,
    movement: StockMovement,
    items: StockItem[],
    ref: StockRef,
    occurredAt: Date,
  ): Promise<Map<string, StockRow>> {
    const rows = await tx.query<StockRow>(MOVE_MANY, moveParams(movement, items, ref, occurredAt, []));
    return new Map(rows.map((row) => [row.id, row]));
  }

  /**
   * `moveMany` for every item or none, each only while its listing is still active and sells on the
   * quoted terms (`quoted`: one listing per item, in the same order). Sent without waiting for the
   * answer (see `Tx.send`): if an item could not move, the statement fails with SQLSTATE 40001 and
   * the transaction with it, at its commit at the latest.
   */
  sendMoveAll(
    tx: Tx,
    movement: StockMovement,
    items: StockItem[],
    ref: StockRef,
    occurredAt: Date,
    quoted: OrderableListing[],
  ): void {
    tx.send(MOVE_ALL, moveParams(movement, items, ref, occurredAt, quoted));
  }

  /** on hand += delta only where the result still covers what is reserved. */
  adjustOnHand(tx: Tx, listingId: string, delta: number): Promise<StockRow | undefined> {
    return tx.one<StockRow>(
      `UPDATE listings SET stock_on_hand = stock_on_hand + $2, updated_at = clock_timestamp()
        WHERE id = $1 AND stock_on_hand + $2 >= stock_reserved
        RETURNING id, stock_on_hand, stock_reserved`,
      [listingId, delta],
    );
  }

  async appendLedger(
    tx: Tx,
    entries: Array<{
      listingId: string;
      kind: StockMovementKind;
      deltaOnHand: number;
      deltaReserved: number;
      onHandAfter: number;
      reservedAfter: number;
      reason: string;
      refType?: string | null;
      refId?: string | null;
      actorUserId?: string | null;
    }>,
    occurredAt: Date,
  ): Promise<LedgerEntryRow[]> {
    if (entries.length === 0) return [];
    return tx.query<LedgerEntryRow>(
      `INSERT INTO stock_ledger (listing_id, kind, delta_on_hand, delta_reserved, on_hand_after,
                                 reserved_after, reason, ref_type, ref_id, actor_user_id, occurred_at)
       SELECT e.listing_id, e.kind, e.delta_on_hand, e.delta_reserved, e.on_hand_after, e.reserved_after,
              e.reason, e.ref_type, e.ref_id, e.actor_user_id, $2
         FROM jsonb_to_recordset($1::jsonb) AS e(listing_id uuid, kind text, delta_on_hand int,
              delta_reserved int, on_hand_after int, reserved_after int, reason text, ref_type text,
              ref_id text, actor_user_id uuid)
       RETURNING id::text, entry_id, listing_id, kind, delta_on_hand, delta_reserved, on_hand_after, reserved_after,
                 reason, ref_type, ref_id, actor_user_id, occurred_at`,
      [
        JSON.stringify(
          entries.map((e) => ({
            listing_id: e.listingId,
            kind: e.kind,
            delta_on_hand: e.deltaOnHand,
            delta_reserved: e.deltaReserved,
            on_hand_after: e.onHandAfter,
            reserved_after: e.reservedAfter,
            reason: e.reason,
            ref_type: e.refType ?? null,
            ref_id: e.refId ?? null,
            actor_user_id: e.actorUserId ?? null,
          })),
        ),
        occurredAt,
      ],
    );
  }

  ledgerPage(
    tx: Tx,
    listingId: string,
    beforeId: string | undefined,
    limit: number,
  ): Promise<LedgerEntryRow[]> {
    return tx.query<LedgerEntryRow>(
      `SELECT id::text, entry_id, listing_id, kind, delta_on_hand, delta_reserved, on_hand_after, reserved_after,
              reason, ref_type, ref_id, actor_user_id, occurred_at
         FROM stock_ledger
        WHERE listing_id = $1 AND ($2::bigint IS NULL OR id < $2::bigint)
        -- Qualified: a bare "id" here would sort by the text output column ("9" after "10").
        ORDER BY stock_ledger.id DESC
        LIMIT $3`,
      [listingId, beforeId ?? null, limit],
    );
  }

  /** The highest stars among the producer's products whose certificate is valid on `onDate`. */
  async bestOcopStarsOf(tx: Tx, producerId: string, onDate: string): Promise<number | null> {
    const row = await tx.one<{ stars: number | null }>(
      `SELECT max(ocop_stars)::int AS stars FROM products
        WHERE producer_id = $1 AND ocop_stars IS NOT NULL
          AND ocop_issued_on <= $2::date AND ocop_expires_on >= $2::date`,
      [producerId, onDate],
    );
    return row?.stars ?? null;
  }

  /** The current certificates (those on the product) whose last valid day is `onDate`. */
  async certificatesExpiringBetween(tx: Tx, from: string, to: string): Promise<ExpiringCertificateRow[]> {
    return tx.query<ExpiringCertificateRow>(
      `SELECT ocop_rating_id AS "certificateId", ocop_certificate_no AS "certificateNumber", id AS "productId",
              name AS "productName", producer_id AS "organizationId", to_char(ocop_expires_on, 'YYYY-MM-DD') AS "expiresOn",
              ocop_stars::int AS stars
         FROM products
        WHERE ocop_stars IS NOT NULL AND ocop_expires_on BETWEEN $1::date AND $2::date
        ORDER BY ocop_expires_on, producer_id, id`,
      [from, to],
    );
  }
}

function moveParams(
  movement: StockMovement,
  items: StockItem[],
  ref: StockRef,
  occurredAt: Date,
  quoted: OrderableListing[],
): unknown[] {
  return [
    items.map((item) => item.listingId),
    items.map((item) => item.quantity),
    movement.onHand,
    movement.reserved,
    movement.kind,
    ref.reason,
    ref.refType,
    ref.refId,
    ref.actorUserId ?? null,
    occurredAt,
    quoted.map((listing) => listing.priceVnd),
    quoted.map((listing) => JSON.stringify(listing.priceTiers)),
    quoted.map((listing) => listing.vatRate),
    quoted.map((listing) => listing.leadTimeDays),
  ];
}

export interface ExpiringCertificateRow {
  certificateId: string;
  certificateNumber: string;
  productId: string;
  productName: string;
  organizationId: string;
  expiresOn: string;
  stars: number;
}
