import { Injectable } from '@nestjs/common';
import { prepared, Tx } from '@ocop/persistence';
import { OrderLine, PaymentMethod, PurchaseOrder, StatusChange, SupplierOrder } from '../domain/orders';
import { PurchaseOrderStatus, SupplierOrderStatus } from '../domain/supplier-order-state';

interface PurchaseOrderRow {
  id: string;
  number: string;
  buyer_id: string;
  placed_by_user_id: string;
  status: PurchaseOrderStatus;
  payment_method: PaymentMethod;
  delivery_date: string;
  delivery_address: string;
  delivery_location_id: string | null;
  note: string | null;
  subtotal_vnd: string;
  vat_vnd: string;
  total_vnd: string;
  created_at: Date;
  updated_at: Date;
}

interface SupplierOrderRow {
  id: string;
  number: string;
  purchase_order_id: string;
  producer_id: string;
  buyer_id: string;
  status: SupplierOrderStatus;
  subtotal_vnd: string;
  vat_vnd: string;
  total_vnd: string;
  accept_by: Date;
  expiring_notified_at: Date | null;
  tracking_ref: string | null;
  reason: string | null;
  created_at: Date;
  updated_at: Date;
}

interface LineRow {
  id: string;
  supplier_order_id: string;
  position: number;
  listing_id: string;
  product_name: string;
  sku: string;
  unit: string;
  pack_size: string | null;
  quantity: number;
  accepted_qty: number | null;
  unit_price_vnd: string;
  vat_rate: number;
  line_total_vnd: string;
  vat_vnd: string;
}

const PO_COLUMNS = `po.id, po.number, po.buyer_id, po.placed_by_user_id, po.status, po.payment_method,
  to_char(po.delivery_date, 'YYYY-MM-DD') AS delivery_date, po.delivery_address, po.delivery_location_id,
  po.note, po.subtotal_vnd, po.vat_vnd, po.total_vnd, po.created_at, po.updated_at`;
const SO_COLUMNS = `so.id, so.number, so.purchase_order_id, so.producer_id, so.buyer_id, so.status,
  so.subtotal_vnd, so.vat_vnd, so.total_vnd, so.accept_by, so.expiring_notified_at, so.tracking_ref,
  so.reason, so.created_at, so.updated_at`;
const LINE_COLUMNS = `id, supplier_order_id, position, listing_id, product_name, sku, unit, pack_size, quantity,
  accepted_qty, unit_price_vnd, vat_rate, line_total_vnd, vat_vnd`;

function toPurchaseOrder(row: PurchaseOrderRow): PurchaseOrder {
  return {
    id: row.id,
    number: row.number,
    buyerId: row.buyer_id,
    placedByUserId: row.placed_by_user_id,
    status: row.status,
    paymentMethod: row.payment_method,
    deliveryDate: row.delivery_date,
    deliveryAddress: row.delivery_address,
    deliveryLocationId: row.delivery_location_id,
    note: row.note,
    subtotalVnd: Number(row.subtotal_vnd),
    vatVnd: Number(row.vat_vnd),
    totalVnd: Number(row.total_vnd),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toLine(row: LineRow): OrderLine {
  return {
    id: row.id,
    supplierOrderId: row.supplier_order_id,
    position: row.position,
    listingId: row.listing_id,
    productName: row.product_name,
    sku: row.sku,
    unit: row.unit,
    packSize: row.pack_size,
    quantity: row.quantity,
    acceptedQty: row.accepted_qty,
    unitPriceVnd: Number(row.unit_price_vnd),
    vatRate: row.vat_rate,
    lineTotalVnd: Number(row.line_total_vnd),
    vatVnd: Number(row.vat_vnd),
  };
}

function toSupplierOrder(row: SupplierOrderRow, lines: OrderLine[]): SupplierOrder {
  return {
    id: row.id,
    number: row.number,
    purchaseOrderId: row.purchase_order_id,
    producerId: row.producer_id,
    buyerId: row.buyer_id,
    status: row.status,
    subtotalVnd: Number(row.subtotal_vnd),
    vatVnd: Number(row.vat_vnd),
    totalVnd: Number(row.total_vnd),
    acceptBy: row.accept_by,
    expiringNotifiedAt: row.expiring_notified_at,
    trackingRef: row.tracking_ref,
    reason: row.reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lines: lines.filter((line) => line.supplierOrderId === row.id),
  };
}

export interface NewPurchaseOrder {
  id: string;
  buyerId: string;
  placedByUserId: string;
  paymentMethod: PaymentMethod;
  deliveryDate: string;
  deliveryAddress: string;
  deliveryLocationId: string | null;
  note: string | null;
  subtotalVnd: number;
  vatVnd: number;
  totalVnd: number;
  createdAt: Date;
  acceptBy: Date;
  supplierOrders: {
    id: string;
    producerId: string;
    subtotalVnd: number;
    vatVnd: number;
    totalVnd: number;
    lines: Omit<OrderLine, 'supplierOrderId' | 'acceptedQty'>[];
  }[];
}

export interface SupplierOrderFilter {
  producerId: string;
  status?: SupplierOrderStatus;
  /** Placed on or after this calendar day (Asia/Ho_Chi_Minh), YYYY-MM-DD. */
  from?: string;
  /** Placed on or before this calendar day (Asia/Ho_Chi_Minh). */
  to?: string;
  deliveryFrom?: string;
  deliveryTo?: string;
  after?: { createdAt: string; id: string };
  limit: number;
}

// The hot path of order placement. Numbers are `PO-<year>-<6 digits>`; a rolled-back order leaves a gap.
const NEXT_NUMBER = prepared(
  'ordering.next-number',
  `SELECT 'PO-' || $1::text || '-' || lpad(nextval('purchase_order_number_seq')::text, 6, '0') AS number`,
);
const INSERT_PLACED = prepared(
  'ordering.insert-placed',
  `WITH po AS (
    INSERT INTO purchase_orders (id, number, buyer_id, placed_by_user_id, status, payment_method,
           delivery_date, delivery_address, delivery_location_id, note, subtotal_vnd, vat_vnd, total_vnd,
           created_at, updated_at)
    VALUES ($1, $2, $3, $4, 'placed', $5, $6::date, $7, $8, $9, $10, $11, $12, $13, $13)
    RETURNING number
  ), so AS (
    INSERT INTO supplier_orders (id, number, purchase_order_id, producer_id, buyer_id, status,
           subtotal_vnd, vat_vnd, total_vnd, accept_by, created_at, updated_at)
    SELECT s.id, (SELECT number FROM po) || '-' || s.seq, $1, s.producer_id, $3, 'placed', s.subtotal_vnd,
           s.vat_vnd, s.total_vnd, $14, $13, $13
      FROM jsonb_to_recordset($15::jsonb)
           AS s(id uuid, seq integer, producer_id uuid, subtotal_vnd bigint, vat_vnd bigint, total_vnd bigint)
  ), ln AS (
    INSERT INTO supplier_order_lines (id, supplier_order_id, position, listing_id, product_name, sku, unit,
           pack_size, quantity, unit_price_vnd, vat_rate, line_total_vnd, vat_vnd)
    SELECT l.id, l.supplier_order_id, l.position, l.listing_id, l.product_name, l.sku, l.unit, l.pack_size,
           l.quantity, l.unit_price_vnd, l.vat_rate, l.line_total_vnd, l.vat_vnd
      FROM jsonb_to_recordset($16::jsonb)
           AS l(id uuid, supplier_order_id uuid, position integer, listing_id uuid, product_name text,
                sku text, unit text, pack_size text, quantity integer, unit_price_vnd bigint,
                vat_rate integer, line_total_vnd bigint, vat_vnd bigint)
  ), history AS (
    INSERT INTO supplier_order_status_history (supplier_order_id, from_status, to_status, actor_user_id,
           changed_at)
    SELECT s.id, NULL, 'placed', $4, $13 FROM jsonb_to_recordset($15::jsonb) AS s(id uuid)
  )
  SELECT number FROM po`,
);

@Injectable()
export class OrderRepository {
  /** The next purchase order number of the year: taken before the order is written, with its reads. */
  async nextNumber(tx: Tx, year: string): Promise<string> {
    const [row] = await tx.query<{ number: string }>(NEXT_NUMBER, [year]);
    return row.number;
  }

  /**
   * The purchase order, its supplier orders, their lines and first history rows in one statement
   * (foreign keys are checked at the end of the statement, so parents and children go together),
   * sent without waiting for the answer (see `Tx.send`). Supplier orders are numbered `<number>-1`,
   * `-2`...
   */
  insertPlaced(tx: Tx, order: NewPurchaseOrder, number: string): void {
    const supplierOrders = order.supplierOrders.map((so, index) => ({
      id: so.id,
      seq: index + 1,
      producer_id: so.producerId,
      subtotal_vnd: so.subtotalVnd,
      vat_vnd: so.vatVnd,
      total_vnd: so.totalVnd,
    }));
    const lines = order.supplierOrders.flatMap((so) =>
      so.lines.map((line) => ({
        id: line.id,
        supplier_order_id: so.id,
        position: line.position,
        listing_id: line.listingId,
        product_name: line.productName,
        sku: line.sku,
        unit: line.unit,
        pack_size: line.packSize,
        quantity: line.quantity,
        unit_price_vnd: line.unitPriceVnd,
        vat_rate: line.vatRate,
        line_total_vnd: line.lineTotalVnd,
        vat_vnd: line.vatVnd,
      })),
    );
    tx.send(INSERT_PLACED, [
      order.id,
      number,
      order.buyerId,
      order.placedByUserId,
      order.paymentMethod,
      order.deliveryDate,
      order.deliveryAddress,
      order.deliveryLocationId,
      order.note,
      order.subtotalVnd,
      order.vatVnd,
      order.totalVnd,
      order.createdAt,
      order.acceptBy,
      JSON.stringify(supplierOrders),
      JSON.stringify(lines),
    ]);
  }

  async findPurchaseOrder(tx: Tx, id: string): Promise<PurchaseOrder | undefined> {
    const row = await tx.one<PurchaseOrderRow>(
      `SELECT ${PO_COLUMNS} FROM purchase_orders po WHERE po.id = $1`,
      [id],
    );
    return row && toPurchaseOrder(row);
  }

  /** Locks the purchase order first: every change to its supplier orders goes through this lock. */
  async lockPurchaseOrder(tx: Tx, id: string): Promise<PurchaseOrder | undefined> {
    const row = await tx.one<PurchaseOrderRow>(
      `SELECT ${PO_COLUMNS} FROM purchase_orders po WHERE po.id = $1 FOR UPDATE`,
      [id],
    );
    return row && toPurchaseOrder(row);
  }

  async purchaseOrderIdOf(tx: Tx, supplierOrderId: string): Promise<string | undefined> {
    const row = await tx.one<{ purchase_order_id: string }>(
      `SELECT purchase_order_id FROM supplier_orders WHERE id = $1`,
      [supplierOrderId],
    );
    return row?.purchase_order_id;
  }

  async findPurchaseOrderPage(
    tx: Tx,
    filter: {
      buyerId: string;
      status?: PurchaseOrderStatus;
      after?: { createdAt: string; id: string };
      limit: number;
    },
  ): Promise<PurchaseOrder[]> {
    const rows = await tx.query<PurchaseOrderRow>(
      `SELECT ${PO_COLUMNS} FROM purchase_orders po
        WHERE po.buyer_id = $1
          AND ($2::text IS NULL OR po.status = $2)
          AND ($3::timestamptz IS NULL OR (po.created_at, po.id) < ($3::timestamptz, $4::uuid))
        ORDER BY po.created_at DESC, po.id DESC
        LIMIT $5`,
      [
        filter.buyerId,
        filter.status ?? null,
        filter.after?.createdAt ?? null,
        filter.after?.id ?? null,
        filter.limit + 1,
      ],
    );
    return rows.map(toPurchaseOrder);
  }

  /** Supplier orders (with lines) of these purchase orders, ordered by number. */
  async supplierOrdersOf(tx: Tx, purchaseOrderIds: string[], lock = false): Promise<SupplierOrder[]> {
    if (purchaseOrderIds.length === 0) return [];
    const rows = await tx.query<SupplierOrderRow>(
      `SELECT ${SO_COLUMNS} FROM supplier_orders so
        WHERE so.purchase_order_id = ANY($1::uuid[]) ORDER BY so.number${lock ? ' FOR UPDATE' : ''}`,
      [purchaseOrderIds],
    );
    return this.withLines(tx, rows);
  }

  async findSupplierOrder(tx: Tx, id: string, lock = false): Promise<SupplierOrder | undefined> {
    const rows = await tx.query<SupplierOrderRow>(
      `SELECT ${SO_COLUMNS} FROM supplier_orders so WHERE so.id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return (await this.withLines(tx, rows))[0];
  }

  async findSupplierOrderPage(tx: Tx, filter: SupplierOrderFilter): Promise<SupplierOrder[]> {
    const rows = await tx.query<SupplierOrderRow>(
      `SELECT ${SO_COLUMNS} FROM supplier_orders so
         JOIN purchase_orders po ON po.id = so.purchase_order_id
        WHERE so.producer_id = $1
          AND ($2::text IS NULL OR so.status = $2)
          AND ($3::date IS NULL OR so.created_at >= ($3::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))
          AND ($4::date IS NULL OR so.created_at < (($4::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))
          AND ($5::date IS NULL OR po.delivery_date >= $5::date)
          AND ($6::date IS NULL OR po.delivery_date <= $6::date)
          AND ($7::timestamptz IS NULL OR (so.created_at, so.id) < ($7::timestamptz, $8::uuid))
        ORDER BY so.created_at DESC, so.id DESC
        LIMIT $9`,
      [
        filter.producerId,
        filter.status ?? null,
        filter.from ?? null,
        filter.to ?? null,
        filter.deliveryFrom ?? null,
        filter.deliveryTo ?? null,
        filter.after?.createdAt ?? null,
        filter.after?.id ?? null,
        filter.limit + 1,
      ],
    );
    return this.withLines(tx, rows);
  }

  async findPurchaseOrders(tx: Tx, ids: string[]): Promise<PurchaseOrder[]> {
    if (ids.length === 0) return [];
    const rows = await tx.query<PurchaseOrderRow>(
      `SELECT ${PO_COLUMNS} FROM purchase_orders po WHERE po.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map(toPurchaseOrder);
  }

  async historyOf(tx: Tx, supplierOrderId: string): Promise<StatusChange[]> {
    const rows = await tx.query<{
      from_status: SupplierOrderStatus | null;
      to_status: SupplierOrderStatus;
      actor_user_id: string | null;
      reason: string | null;
      changed_at: Date;
    }>(
      `SELECT from_status, to_status, actor_user_id, reason, changed_at FROM supplier_order_status_history
        WHERE supplier_order_id = $1 ORDER BY id`,
      [supplierOrderId],
    );
    return rows.map((row) => ({
      fromStatus: row.from_status,
      toStatus: row.to_status,
      actorUserId: row.actor_user_id,
      reason: row.reason,
      changedAt: row.changed_at,
    }));
  }

  /** Moves a supplier order and records who moved it, in one statement. */
  async changeStatus(
    tx: Tx,
    order: SupplierOrder,
    to: SupplierOrderStatus,
    change: { actorUserId: string | null; reason?: string | null; trackingRef?: string | null; at: Date },
  ): Promise<void> {
    await tx.query(
      `WITH moved AS (
         UPDATE supplier_orders
            SET status = $2, updated_at = $5,
                reason = coalesce($4, reason), tracking_ref = coalesce($6, tracking_ref)
          WHERE id = $1
       )
       INSERT INTO supplier_order_status_history (supplier_order_id, from_status, to_status, actor_user_id,
              reason, changed_at)
       VALUES ($1, $7, $2, $3, $4, $5)`,
      [
        order.id,
        to,
        change.actorUserId,
        change.reason ?? null,
        change.at,
        change.trackingRef ?? null,
        order.status,
      ],
    );
  }

  /** Records what the producer accepted per line and the supplier order's new amounts. */
  async saveAcceptance(
    tx: Tx,
    supplierOrderId: string,
    lines: { id: string; acceptedQty: number; lineTotalVnd: number; vatVnd: number }[],
    totals: { subtotalVnd: number; vatVnd: number; totalVnd: number },
  ): Promise<void> {
    await tx.query(
      `WITH changed AS (
         UPDATE supplier_order_lines l
            SET accepted_qty = c.accepted_qty, line_total_vnd = c.line_total_vnd, vat_vnd = c.vat_vnd
           FROM jsonb_to_recordset($2::jsonb) AS c(id uuid, accepted_qty integer, line_total_vnd bigint, vat_vnd bigint)
          WHERE l.id = c.id AND l.supplier_order_id = $1
       )
       UPDATE supplier_orders SET subtotal_vnd = $3, vat_vnd = $4, total_vnd = $5 WHERE id = $1`,
      [
        supplierOrderId,
        JSON.stringify(
          lines.map((line) => ({
            id: line.id,
            accepted_qty: line.acceptedQty,
            line_total_vnd: line.lineTotalVnd,
            vat_vnd: line.vatVnd,
          })),
        ),
        totals.subtotalVnd,
        totals.vatVnd,
        totals.totalVnd,
      ],
    );
  }

  async updatePurchaseOrderSummary(
    tx: Tx,
    id: string,
    summary: { status: PurchaseOrderStatus; subtotalVnd: number; vatVnd: number; totalVnd: number; at: Date },
  ): Promise<void> {
    await tx.query(
      `UPDATE purchase_orders SET status = $2, subtotal_vnd = $3, vat_vnd = $4, total_vnd = $5, updated_at = $6
        WHERE id = $1`,
      [id, summary.status, summary.subtotalVnd, summary.vatVnd, summary.totalVnd, summary.at],
    );
  }

  /** Placed supplier orders whose acceptance window has closed, oldest first. */
  async overdueIds(tx: Tx, now: Date, limit: number, buyerId?: string): Promise<string[]> {
    const rows = await tx.query<{ id: string }>(
      `SELECT id FROM supplier_orders
        WHERE status = 'placed' AND accept_by <= $1 AND ($3::uuid IS NULL OR buyer_id = $3)
        ORDER BY accept_by LIMIT $2`,
      [now, limit, buyerId ?? null],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Claims placed orders closing within `horizon` that were not yet warned, marking them warned
   * (SKIP LOCKED: two sweeps never warn the same order twice).
   */
  async claimExpiringSoon(
    tx: Tx,
    now: Date,
    horizon: Date,
    limit: number,
    buyerId?: string,
  ): Promise<SupplierOrder[]> {
    const rows = await tx.query<SupplierOrderRow>(
      `UPDATE supplier_orders so SET expiring_notified_at = $1
        WHERE so.id IN (
          SELECT id FROM supplier_orders
           WHERE status = 'placed' AND expiring_notified_at IS NULL AND accept_by > $1 AND accept_by <= $2
             AND ($4::uuid IS NULL OR buyer_id = $4)
           ORDER BY accept_by LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING ${SO_COLUMNS}`,
      [now, horizon, limit, buyerId ?? null],
    );
    return this.withLines(tx, rows);
  }

  private async withLines(tx: Tx, rows: SupplierOrderRow[]): Promise<SupplierOrder[]> {
    if (rows.length === 0) return [];
    const lines = await tx.query<LineRow>(
      `SELECT ${LINE_COLUMNS} FROM supplier_order_lines WHERE supplier_order_id = ANY($1::uuid[])
        ORDER BY supplier_order_id, position`,
      [rows.map((row) => row.id)],
    );
    const mapped = lines.map(toLine);
    return rows.map((row) => toSupplierOrder(row, mapped));
  }
}
