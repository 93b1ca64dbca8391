import { Inject, Injectable } from '@nestjs/common';
import { UnitOfWork } from '@ocop/persistence';
import { DomainEventEnvelope, OnDomainEvent } from '@ocop/queue';
import { APP_CONFIG, AppConfig } from '../../../config';
import { deliveryEntries } from '../domain/ledger';
import { invoiceState } from '../domain/payment-state';
import { LedgerRepository } from '../persistence/ledger.repository';
import { PaymentRepository } from '../persistence/payment.repository';
import { CardPaymentsService } from './card-payments.service';
import { MoneyMovements } from './money-movements';
import { Payables } from './payables';

interface SupplierOrderEventPayload {
  supplierOrderId: string;
  purchaseOrderId: string;
  purchaseOrderNumber?: string;
  producerId: string;
  buyerId: string;
  subtotalVnd: number;
}

const REFUND_REASON: Record<string, string> = {
  'supplier_order.cancelled': 'order_cancelled',
  'supplier_order.rejected': 'order_rejected',
  'supplier_order.expired': 'order_expired',
  'supplier_order.accepted': 'partially_accepted',
};

/**
 * Reactions to ordering's committed events, delivered at least once by the outbox relay: each one
 * re-reads the current order and converges (refund up to what is no longer owed, post the delivery
 * once by its source key), so a repeat changes nothing.
 */
@Injectable()
export class OrderReactions {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly payments: PaymentRepository,
    private readonly payables: Payables,
    private readonly card: CardPaymentsService,
    private readonly movements: MoneyMovements,
    private readonly ledger: LedgerRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every order gets its payment row (and, on invoice terms, its due date and transfer reference) at once. */
  @OnDomainEvent('purchase_order.placed')
  async orderPlaced(event: DomainEventEnvelope<{ purchaseOrderId: string }>): Promise<void> {
    await this.uow.run(async (tx) => {
      const order = await this.payables.order(tx, event.payload.purchaseOrderId ?? event.aggregateId);
      if (order) await this.card.ensureOrderPayment(tx, order);
    });
  }

  /**
   * The amount owed changed: keep the due amount current, with an invoice order's state measured
   * against it, and refund a paid card order's difference.
   */
  @OnDomainEvent(
    'supplier_order.cancelled',
    'supplier_order.rejected',
    'supplier_order.expired',
    'supplier_order.accepted',
  )
  async orderChanged(event: DomainEventEnvelope<SupplierOrderEventPayload>): Promise<void> {
    await this.uow.run(async (tx) => {
      const order = await this.payables.order(tx, event.payload.purchaseOrderId);
      if (!order) return;
      const payment = await this.card.ensureOrderPayment(tx, order);
      const state =
        payment.method === 'invoice' ? invoiceState(payment.paidVnd, order.totalVnd) : payment.state;
      const current =
        payment.amountDueVnd === order.totalVnd && payment.state === state
          ? payment
          : await this.movements.change(tx, payment, { amountDueVnd: order.totalVnd, state });
      await this.card.reconcileRefund(
        tx,
        current,
        order.totalVnd,
        REFUND_REASON[event.type] ?? 'order_changed',
        [order.buyerId, ...order.producerIds],
        order.number,
      );
    });
  }

  /** A delivered supplier order: the producer is owed its subtotal less the platform commission. */
  @OnDomainEvent('supplier_order.delivered')
  async orderDelivered(event: DomainEventEnvelope<SupplierOrderEventPayload>): Promise<void> {
    const { supplierOrderId, purchaseOrderId, producerId, buyerId, subtotalVnd } = event.payload;
    const { entries, commissionVnd } = deliveryEntries(
      buyerId,
      producerId,
      subtotalVnd,
      this.config.platformCommissionBps,
    );
    await this.uow.run(async (tx) => {
      const payment = await this.payments.findBySubject(tx, 'purchase_order', purchaseOrderId);
      await this.ledger.post(
        tx,
        {
          kind: 'delivery',
          sourceKey: `delivery:${supplierOrderId}`,
          memo: `Giao hàng ${event.payload.purchaseOrderNumber ?? purchaseOrderId}: ${subtotalVnd} đ, phí sàn ${commissionVnd} đ`,
          paymentId: payment?.id,
          purchaseOrderId,
          supplierOrderId,
        },
        entries,
      );
    });
  }
}
