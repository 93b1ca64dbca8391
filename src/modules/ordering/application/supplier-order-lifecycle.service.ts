import { Injectable, Logger } from '@nestjs/common';
import { Actor, assertMemberOf } from '@ocop/auth';
import { Clock } from '@ocop/clock';
import { DomainEvent, OutboxWriter, Tx, UnitOfWork } from '@ocop/persistence';
import { CatalogFacade } from '../../catalog';
import { PurchaseOrderView, SupplierOrderView, toPurchaseOrderView } from '../api/order.view';
import { resolveAcceptance } from '../domain/acceptance';
import { OrderingErrors } from '../domain/ordering.errors';
import { PurchaseOrderChangedPayload, SupplierOrderChangedPayload } from '../domain/ordering.events';
import { effectiveQuantity, PurchaseOrder, SupplierOrder } from '../domain/orders';
import { lineAmounts, totalsOf } from '../domain/pricing';
import {
  ACTION_PARTY,
  derivePurchaseOrderStatus,
  DROPPED,
  SupplierOrderAction,
  SupplierOrderStatus,
  transition,
} from '../domain/supplier-order-state';
import { OrderRepository } from '../persistence/order.repository';
import { linePayloads } from './place-order.service';
import { OrderQueries } from './order-queries.service';

/** 6 hours before the acceptance window closes, the producer is reminded once. */
export const EXPIRING_SOON_MS = 6 * 3_600_000;
const SWEEP_BATCH = 200;

export interface TransitionInput {
  acceptLines?: { lineId: string; acceptedQty: number }[];
  reason?: string;
  trackingRef?: string;
}

/**
 * Every move of a supplier order: one state machine, one lock order (purchase order, then its
 * supplier orders, then — inside the catalog — listings by id), one history row and one outbox
 * event per move, and the purchase order's status and totals derived again afterwards.
 */
@Injectable()
export class SupplierOrderLifecycle {
  private readonly logger = new Logger(SupplierOrderLifecycle.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly orders: OrderRepository,
    private readonly catalog: CatalogFacade,
    private readonly outbox: OutboxWriter,
    private readonly queries: OrderQueries,
    private readonly clock: Clock,
  ) {}

  act(
    actor: Actor,
    supplierOrderId: string,
    action: Exclude<SupplierOrderAction, 'expire'>,
    input: TransitionInput = {},
  ): Promise<SupplierOrderView> {
    return this.uow.run(async (tx) => {
      const { purchaseOrder, order } = await this.lock(tx, supplierOrderId);
      const party = ACTION_PARTY[action] === 'producer' ? order.producerId : order.buyerId;
      // An action on another tenant's order is refused (403); only reading it answers 404.
      assertMemberOf(actor, party);
      await this.move(tx, purchaseOrder, [order], action, actor.userId, input);
      return this.queries.supplierOrderIn(tx, supplierOrderId);
    });
  }

  /** The buyer cancels every supplier order not yet shipped; nothing cancellable is 409. */
  cancelPurchaseOrder(actor: Actor, purchaseOrderId: string, reason?: string): Promise<PurchaseOrderView> {
    return this.uow.run(async (tx) => {
      const purchaseOrder = await this.orders.lockPurchaseOrder(tx, purchaseOrderId);
      if (!purchaseOrder) throw OrderingErrors.ORDER_NOT_FOUND();
      assertMemberOf(actor, purchaseOrder.buyerId);
      const supplierOrders = await this.orders.supplierOrdersOf(tx, [purchaseOrderId], true);
      const cancellable = supplierOrders.filter((so) => so.status === 'placed' || so.status === 'accepted');
      if (cancellable.length === 0) {
        throw OrderingErrors.INVALID_TRANSITION({ from: purchaseOrder.status, to: 'cancelled' });
      }
      await this.move(tx, purchaseOrder, cancellable, 'cancel', actor.userId, { reason });
      const fresh = await this.orders.findPurchaseOrder(tx, purchaseOrderId);
      return toPurchaseOrderView(fresh!, await this.orders.supplierOrdersOf(tx, [purchaseOrderId]));
    });
  }

  /**
   * Expires the order if it is still placed and its window has closed by the Clock; otherwise does
   * nothing, so a job that fires twice, late or early is harmless. Returns whether it expired it.
   */
  expire(supplierOrderId: string): Promise<boolean> {
    return this.uow.run(async (tx) => {
      const purchaseOrderId = await this.orders.purchaseOrderIdOf(tx, supplierOrderId);
      if (!purchaseOrderId) return false;
      const { purchaseOrder, order } = await this.lock(tx, supplierOrderId);
      if (order.status !== 'placed' || order.acceptBy.getTime() > this.clock.now().getTime()) return false;
      await this.move(tx, purchaseOrder, [order], 'expire', null, {});
      return true;
    });
  }

  /**
   * `expire` for each order, one transaction each. One that fails does not stop the others; the first
   * failure is thrown at the end, so that the job runs again (the expired ones are then no-ops).
   */
  async expireEach(supplierOrderIds: string[]): Promise<{ expired: number }> {
    let expired = 0;
    let failure: { error: unknown } | undefined;
    for (const id of supplierOrderIds) {
      try {
        if (await this.expire(id)) expired++;
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
    return { expired };
  }

  /**
   * The periodic repair: expires every overdue placed order (one transaction each) and sends the
   * "expiring soon" reminder once per order. `buyerId` narrows it (tests share one database).
   */
  async sweep(scope: { buyerId?: string } = {}): Promise<{ expired: number; warned: number }> {
    let expired = 0;
    for (;;) {
      const ids = await this.uow.run((tx) =>
        this.orders.overdueIds(tx, this.clock.now(), SWEEP_BATCH, scope.buyerId),
      );
      let progressed = 0;
      for (const id of ids) {
        try {
          if (await this.expire(id)) progressed++;
        } catch (error) {
          this.logger.warn({ err: error, supplierOrderId: id }, 'could not expire supplier order');
        }
      }
      expired += progressed;
      if (ids.length < SWEEP_BATCH || progressed === 0) break;
    }
    const warned = await this.uow.run(async (tx) => {
      const now = this.clock.now();
      const soon = await this.orders.claimExpiringSoon(
        tx,
        now,
        new Date(now.getTime() + EXPIRING_SOON_MS),
        1000,
        scope.buyerId,
      );
      if (soon.length === 0) return 0;
      const numbers = new Map(
        (await this.orders.findPurchaseOrders(tx, [...new Set(soon.map((so) => so.purchaseOrderId))])).map(
          (po) => [po.id, po.number],
        ),
      );
      this.outbox.add(
        tx,
        soon.map((so) => ({
          type: 'supplier_order.expiring_soon',
          aggregateType: 'supplier_order',
          aggregateId: so.id,
          audience: [so.producerId, so.buyerId],
          payload: changedPayload(so, numbers.get(so.purchaseOrderId)!, so.status, null, {}) as never,
        })),
      );
      return soon.length;
    });
    return { expired, warned };
  }

  private async lock(
    tx: Tx,
    supplierOrderId: string,
  ): Promise<{ purchaseOrder: PurchaseOrder; order: SupplierOrder }> {
    const purchaseOrderId = await this.orders.purchaseOrderIdOf(tx, supplierOrderId);
    const purchaseOrder = purchaseOrderId && (await this.orders.lockPurchaseOrder(tx, purchaseOrderId));
    const order = purchaseOrder && (await this.orders.findSupplierOrder(tx, supplierOrderId, true));
    if (!purchaseOrder || !order) throw OrderingErrors.SUPPLIER_ORDER_NOT_FOUND();
    return { purchaseOrder, order };
  }

  /** Applies one action to supplier orders of one (locked) purchase order, then re-derives it. */
  private async move(
    tx: Tx,
    purchaseOrder: PurchaseOrder,
    targets: SupplierOrder[],
    action: SupplierOrderAction,
    actorUserId: string | null,
    input: TransitionInput,
  ): Promise<void> {
    const now = this.clock.now();
    const events: DomainEvent[] = [];
    for (const order of targets) {
      const to = transition(order.status, action);
      let current = order;
      if (action === 'accept') current = await this.accept(tx, order, input.acceptLines, actorUserId);
      const ref = { refType: 'supplier_order', refId: order.id, actorUserId: actorUserId ?? undefined };
      const held = current.lines
        .map((line) => ({ listingId: line.listingId, quantity: effectiveQuantity(line) }))
        .filter((item) => item.quantity > 0);
      if ((action === 'reject' || action === 'cancel' || action === 'expire') && held.length > 0) {
        await this.catalog.release(tx, held, { ...ref, reason: `supplier order ${to}` });
      }
      if (action === 'ship' && held.length > 0) {
        await this.catalog.ship(tx, held, { ...ref, reason: 'supplier order shipped' });
      }
      const change = {
        actorUserId,
        reason: action === 'reject' || action === 'cancel' ? (input.reason ?? null) : null,
        trackingRef: action === 'ship' ? (input.trackingRef ?? null) : null,
        at: now,
      };
      await this.orders.changeStatus(tx, current, to, change);
      events.push({
        type: `supplier_order.${to}`,
        aggregateType: 'supplier_order',
        aggregateId: order.id,
        audience: [order.producerId, order.buyerId],
        payload: changedPayload(
          { ...current, status: to, trackingRef: change.trackingRef ?? current.trackingRef },
          purchaseOrder.number,
          order.status,
          actorUserId,
          change,
        ) as never,
      });
    }
    events.push(...(await this.rederive(tx, purchaseOrder, now)));
    this.outbox.add(tx, events);
  }

  /** Records accepted quantities (all of each line unless told otherwise) and releases the rest. */
  private async accept(
    tx: Tx,
    order: SupplierOrder,
    requested: TransitionInput['acceptLines'],
    actorUserId: string | null,
  ): Promise<SupplierOrder> {
    const resolved = resolveAcceptance(order.lines, requested);
    const released = resolved
      .filter((line) => line.releasedQty > 0)
      .map((line) => ({ listingId: line.listingId, quantity: line.releasedQty }));
    if (released.length > 0) {
      await this.catalog.release(tx, released, {
        reason: 'partially accepted',
        refType: 'supplier_order',
        refId: order.id,
        actorUserId: actorUserId ?? undefined,
      });
    }
    const lines = order.lines.map((line) => {
      const acceptedQty = resolved.find((r) => r.id === line.id)!.acceptedQty;
      return { ...line, acceptedQty, ...lineAmounts(line.unitPriceVnd, acceptedQty, line.vatRate) };
    });
    const totals = totalsOf(lines);
    await this.orders.saveAcceptance(tx, order.id, lines, totals);
    return { ...order, ...totals, lines };
  }

  /** The purchase order's status and totals follow from its supplier orders (dropped ones excluded). */
  private async rederive(tx: Tx, purchaseOrder: PurchaseOrder, now: Date): Promise<DomainEvent[]> {
    const supplierOrders = await this.orders.supplierOrdersOf(tx, [purchaseOrder.id]);
    const counted = supplierOrders.filter((so) => !DROPPED.has(so.status));
    const totals = {
      subtotalVnd: counted.reduce((sum, so) => sum + so.subtotalVnd, 0),
      vatVnd: counted.reduce((sum, so) => sum + so.vatVnd, 0),
      totalVnd: counted.reduce((sum, so) => sum + so.totalVnd, 0),
    };
    const status = derivePurchaseOrderStatus(supplierOrders.map((so) => so.status));
    await this.orders.updatePurchaseOrderSummary(tx, purchaseOrder.id, { status, ...totals, at: now });
    if (
      status === purchaseOrder.status ||
      status === 'partially_accepted' ||
      status === 'partially_delivered'
    ) {
      return [];
    }
    const payload: PurchaseOrderChangedPayload = {
      orderNumber: purchaseOrder.number,
      purchaseOrderId: purchaseOrder.id,
      purchaseOrderNumber: purchaseOrder.number,
      buyerId: purchaseOrder.buyerId,
      from: purchaseOrder.status,
      to: status,
      ...totals,
    };
    return [
      {
        type: `purchase_order.${status}`,
        aggregateType: 'purchase_order',
        aggregateId: purchaseOrder.id,
        audience: [purchaseOrder.buyerId],
        payload: payload as never,
      },
    ];
  }
}

function changedPayload(
  order: SupplierOrder,
  purchaseOrderNumber: string,
  from: SupplierOrderStatus,
  actorUserId: string | null,
  change: { reason?: string | null; trackingRef?: string | null },
): SupplierOrderChangedPayload {
  return {
    orderNumber: order.number,
    supplierOrderId: order.id,
    supplierOrderNumber: order.number,
    purchaseOrderId: order.purchaseOrderId,
    purchaseOrderNumber,
    producerId: order.producerId,
    buyerId: order.buyerId,
    from,
    to: order.status,
    actorUserId,
    reason: change.reason ?? null,
    trackingRef: change.trackingRef ?? null,
    acceptBy: order.acceptBy.toISOString(),
    lines: linePayloads(order),
    subtotalVnd: order.subtotalVnd,
    vatVnd: order.vatVnd,
    totalVnd: order.totalVnd,
  };
}
