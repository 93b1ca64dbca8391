import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';
import { DROPPED, PurchaseOrderStatus, SupplierOrderStatus } from '../domain/supplier-order-state';
import { PaymentMethod } from '../domain/orders';
import { OrderRepository } from '../persistence/order.repository';
import { SupplierOrderLifecycle } from './supplier-order-lifecycle.service';

/** What payments needs to charge a purchase order. Amounts are whole VND, VAT included in totalVnd. */
export interface PurchaseOrderForPayment {
  id: string;
  number: string;
  buyerId: string;
  placedByUserId: string;
  status: PurchaseOrderStatus;
  paymentMethod: PaymentMethod;
  subtotalVnd: number;
  vatVnd: number;
  totalVnd: number;
  deliveryDate: string;
  createdAt: Date;
  supplierOrders: {
    id: string;
    number: string;
    producerId: string;
    status: SupplierOrderStatus;
    subtotalVnd: number;
    vatVnd: number;
    totalVnd: number;
    /** false for rejected, cancelled and expired supplier orders (not part of the totals). */
    counted: boolean;
  }[];
}

/** What other modules may ask of ordering, inside their own transaction. */
@Injectable()
export class OrderingFacade {
  constructor(
    private readonly orders: OrderRepository,
    private readonly lifecycle: SupplierOrderLifecycle,
  ) {}

  /**
   * Operations: expires one supplier order if its acceptance window has closed (own transaction;
   * a no-op otherwise). The queue's delayed job calls the same code.
   */
  expireSupplierOrder(supplierOrderId: string): Promise<boolean> {
    return this.lifecycle.expire(supplierOrderId);
  }

  /** Operations: the periodic expiry sweep, optionally narrowed to one buyer's orders. */
  sweepExpiries(scope: { buyerId?: string } = {}): Promise<{ expired: number; warned: number }> {
    return this.lifecycle.sweep(scope);
  }

  /**
   * The purchase order with its totals and supplier orders, or undefined. `lock` takes the same
   * row lock every ordering change takes first, so the totals cannot move until the caller commits.
   */
  async getPurchaseOrderForPayment(
    tx: Tx,
    orderId: string,
    options: { lock?: boolean } = {},
  ): Promise<PurchaseOrderForPayment | undefined> {
    const order = options.lock
      ? await this.orders.lockPurchaseOrder(tx, orderId)
      : await this.orders.findPurchaseOrder(tx, orderId);
    if (!order) return undefined;
    const supplierOrders = await this.orders.supplierOrdersOf(tx, [orderId]);
    return {
      id: order.id,
      number: order.number,
      buyerId: order.buyerId,
      placedByUserId: order.placedByUserId,
      status: order.status,
      paymentMethod: order.paymentMethod,
      subtotalVnd: order.subtotalVnd,
      vatVnd: order.vatVnd,
      totalVnd: order.totalVnd,
      deliveryDate: order.deliveryDate,
      createdAt: order.createdAt,
      supplierOrders: supplierOrders.map((so) => ({
        id: so.id,
        number: so.number,
        producerId: so.producerId,
        status: so.status,
        subtotalVnd: so.subtotalVnd,
        vatVnd: so.vatVnd,
        totalVnd: so.totalVnd,
        counted: !DROPPED.has(so.status),
      })),
    };
  }
}
