import { Injectable } from '@nestjs/common';
import { OutboxWriter, Tx } from '@ocop/persistence';
import { paymentReceivedEntries, refundEntries } from '../domain/ledger';
import { PaymentEventPayload, PaymentEventType } from '../domain/payment-events';
import { PaymentState } from '../domain/payment-state';
import { Payment, PaymentChanges, PaymentRepository } from '../persistence/payment.repository';
import { PaymentRecordsRepository } from '../persistence/payment-records.repository';
import { LedgerRepository } from '../persistence/ledger.repository';

/**
 * Money in and out of one payment: the receipt or refund row, its balanced ledger transaction, the
 * payment's new figures and the outbox event, all in the caller's transaction.
 */
@Injectable()
export class MoneyMovements {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly records: PaymentRecordsRepository,
    private readonly ledger: LedgerRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Returns the updated payment, or undefined when this external id or transfer was already recorded. */
  async receive(
    tx: Tx,
    payment: Payment,
    input: {
      amountVnd: number;
      source: 'card' | 'admin' | 'bank';
      reference: string | null;
      transferRef: string | null;
      externalId: string | null;
      recordedBy: string | null;
      state: PaymentState;
      audience: string[];
      label: string;
    },
  ): Promise<Payment | undefined> {
    const receiptId = await this.records.insertReceipt(tx, { ...input, paymentId: payment.id });
    if (!receiptId) return undefined;
    await this.ledger.post(
      tx,
      {
        kind: 'payment_received',
        sourceKey: `receipt:${receiptId}`,
        memo: `Thanh toán ${input.label} (${input.source})`,
        paymentId: payment.id,
        purchaseOrderId: payment.subjectType === 'purchase_order' ? payment.subjectId : undefined,
        receiptId,
      },
      paymentReceivedEntries(payment.payerOrgId, input.amountVnd),
    );
    const updated = await this.change(tx, payment, {
      paidVnd: payment.paidVnd + input.amountVnd,
      state: input.state,
    });
    await this.emit(tx, 'payment.received', updated, input.amountVnd, input.audience, input.label, null);
    return updated;
  }

  async refund(
    tx: Tx,
    payment: Payment,
    input: {
      amountVnd: number;
      stripeRefundId: string | null;
      reason: string;
      audience: string[];
      label: string;
    },
  ): Promise<Payment> {
    const cumulativeVnd = payment.refundedVnd + input.amountVnd;
    const refundId = await this.records.insertRefund(tx, {
      paymentId: payment.id,
      amountVnd: input.amountVnd,
      cumulativeVnd,
      stripeRefundId: input.stripeRefundId,
      reason: input.reason,
    });
    if (!refundId) return payment;
    await this.ledger.post(
      tx,
      {
        kind: 'refund',
        sourceKey: `refund:${refundId}`,
        memo: `Hoàn tiền ${input.label}: ${input.reason}`,
        paymentId: payment.id,
        purchaseOrderId: payment.subjectType === 'purchase_order' ? payment.subjectId : undefined,
        refundId,
      },
      refundEntries(payment.payerOrgId, input.amountVnd),
    );
    const state: PaymentState = cumulativeVnd >= payment.paidVnd ? 'refunded' : 'partially_refunded';
    const updated = await this.change(tx, payment, { refundedVnd: cumulativeVnd, state });
    await this.emit(
      tx,
      'payment.refunded',
      updated,
      input.amountVnd,
      input.audience,
      input.label,
      input.reason,
    );
    return updated;
  }

  async change(tx: Tx, payment: Payment, changes: PaymentChanges): Promise<Payment> {
    await this.payments.update(tx, payment.id, changes);
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    return { ...payment, ...defined } as Payment;
  }

  async emit(
    tx: Tx,
    type: PaymentEventType,
    payment: Payment,
    amountVnd: number,
    audience: string[],
    label: string,
    reason: string | null,
  ): Promise<void> {
    const payload: PaymentEventPayload = {
      paymentId: payment.id,
      subjectType: payment.subjectType,
      subjectId: payment.subjectId,
      subjectLabel: label,
      orderNumber: payment.subjectType === 'purchase_order' ? label : null,
      payerId: payment.payerOrgId,
      method: payment.method,
      state: payment.state,
      amountVnd,
      paidVnd: payment.paidVnd,
      refundedVnd: payment.refundedVnd,
      amountDueVnd: payment.amountDueVnd,
      reference: payment.reference,
      dueDate: payment.dueDate,
      reason,
    };
    this.outbox.add(tx, [
      {
        type,
        aggregateType: payment.subjectType,
        aggregateId: payment.subjectId,
        audience: [...new Set(audience)],
        payload: payload as unknown as Record<string, unknown>,
      },
    ]);
  }
}
