import { Injectable } from '@nestjs/common';
import { Actor, canRead } from '@ocop/auth';
import { decodeCursor, Page, pageOf } from '@ocop/pagination';
import { Tx, UnitOfWork } from '@ocop/persistence';
import { OrganizationsFacade } from '../../organizations';
import { PaymentsFacade } from '../../payments';
import {
  PurchaseOrderView,
  SupplierOrderView,
  toPurchaseOrderView,
  toSupplierOrderView,
} from '../api/order.view';
import { OrderingErrors } from '../domain/ordering.errors';
import { SupplierOrder } from '../domain/orders';
import { PurchaseOrderStatus } from '../domain/supplier-order-state';
import { OrderRepository, SupplierOrderFilter } from '../persistence/order.repository';

/** Reads: a buyer sees its organization's purchase orders, a producer the supplier orders addressed to it. */
@Injectable()
export class OrderQueries {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly orders: OrderRepository,
    private readonly organizations: OrganizationsFacade,
    private readonly payments: PaymentsFacade,
  ) {}

  getPurchaseOrder(actor: Actor, id: string): Promise<PurchaseOrderView> {
    return this.uow.run(async (tx) => {
      const order = await this.orders.findPurchaseOrder(tx, id);
      if (!order || !canRead(actor, order.buyerId)) throw OrderingErrors.ORDER_NOT_FOUND();
      const view = toPurchaseOrderView(order, await this.orders.supplierOrdersOf(tx, [id]));
      const payable = {
        id: order.id,
        buyerId: order.buyerId,
        paymentMethod: order.paymentMethod,
        totalVnd: order.totalVnd,
        createdAt: order.createdAt,
      };
      const bankTransfer = await this.payments.bankTransferFor(tx, payable);
      return {
        ...view,
        payment: await this.payments.paymentStatusOf(tx, order.id),
        ...(bankTransfer ? { bankTransfer } : {}),
      };
    });
  }

  listPurchaseOrders(
    actor: Actor,
    query: { status?: PurchaseOrderStatus; limit: number; cursor?: string },
  ): Promise<Page<PurchaseOrderView>> {
    const position = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    return this.uow.run(async (tx) => {
      const rows = await this.orders.findPurchaseOrderPage(tx, {
        buyerId: actor.organizationId!,
        status: query.status,
        after: position && { createdAt: position[0], id: position[1] },
        limit: query.limit,
      });
      const supplierOrders = await this.orders.supplierOrdersOf(
        tx,
        rows.slice(0, query.limit).map((row) => row.id),
      );
      return pageOf(
        rows,
        query.limit,
        (row) => toPurchaseOrderView(row, supplierOrders),
        (row) => [row.createdAt.toISOString(), row.id],
      );
    });
  }

  getSupplierOrder(actor: Actor, id: string): Promise<SupplierOrderView> {
    return this.uow.run(async (tx) => {
      const order = await this.orders.findSupplierOrder(tx, id);
      if (!order || !(canRead(actor, order.producerId) || canRead(actor, order.buyerId))) {
        throw OrderingErrors.SUPPLIER_ORDER_NOT_FOUND();
      }
      return this.supplierOrderIn(tx, id);
    });
  }

  listSupplierOrders(
    actor: Actor,
    query: Omit<SupplierOrderFilter, 'producerId' | 'after'> & { cursor?: string },
  ): Promise<Page<SupplierOrderView>> {
    const position = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    return this.uow.run(async (tx) => {
      const rows = await this.orders.findSupplierOrderPage(tx, {
        ...query,
        producerId: actor.organizationId!,
        after: position && { createdAt: position[0], id: position[1] },
      });
      const views = await this.views(tx, rows.slice(0, query.limit));
      const byId = new Map(views.map((view) => [view.id, view]));
      return pageOf(
        rows,
        query.limit,
        (row) => byId.get(row.id)!,
        (row) => [row.createdAt.toISOString(), row.id],
      );
    });
  }

  /** The full view of one supplier order inside a running transaction (no access check). */
  async supplierOrderIn(tx: Tx, id: string): Promise<SupplierOrderView> {
    const order = await this.orders.findSupplierOrder(tx, id);
    if (!order) throw OrderingErrors.SUPPLIER_ORDER_NOT_FOUND();
    const [view] = await this.views(tx, [order]);
    return { ...view, history: toHistory(await this.orders.historyOf(tx, id)) };
  }

  private async views(tx: Tx, orders: SupplierOrder[]): Promise<SupplierOrderView[]> {
    if (orders.length === 0) return [];
    const purchaseOrders = new Map(
      (await this.orders.findPurchaseOrders(tx, [...new Set(orders.map((so) => so.purchaseOrderId))])).map(
        (po) => [po.id, po],
      ),
    );
    const buyers = new Map(
      (await this.organizations.findMany(tx, [...new Set(orders.map((so) => so.buyerId))])).map((org) => [
        org.id,
        { id: org.id, name: org.name, phone: org.phone },
      ]),
    );
    return orders.map((so) =>
      toSupplierOrderView(so, purchaseOrders.get(so.purchaseOrderId)!, buyers.get(so.buyerId)!),
    );
  }
}

function toHistory(changes: Awaited<ReturnType<OrderRepository['historyOf']>>) {
  return changes.map((change) => ({
    from: change.fromStatus,
    to: change.toStatus,
    actorUserId: change.actorUserId,
    reason: change.reason,
    at: change.changedAt.toISOString(),
  }));
}
