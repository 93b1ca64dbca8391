import { Inject, Injectable, Logger } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import { Clock, vietnamDate } from '@ocop/clock';
import { CommonErrors } from '@ocop/errors';
import { decodeCursor, pageOf } from '@ocop/pagination';
import { Tx, UnitOfWork } from '@ocop/persistence';
import { APP_CONFIG, AppConfig } from '../../../config';
import {
  BankTransferView,
  OrderPaymentView,
  OverdueInvoicePageView,
  OverdueInvoiceView,
} from '../api/payments.view';
import { checkBankSignature, referenceInNote } from '../domain/bank-signature';
import { invoiceState } from '../domain/payment-state';
import { PaymentErrors } from '../domain/payments.errors';
import { vietQrPayload } from '../domain/vietqr';
import { Payment, PaymentRepository } from '../persistence/payment.repository';
import { PaymentRecordsRepository, RecordedTransfer } from '../persistence/payment-records.repository';
import { WebhookEventRepository } from '../persistence/webhook-event.repository';
import { CardPaymentsService } from './card-payments.service';
import { MoneyMovements } from './money-movements';
import { OrderForPayment, PayableOrder, Payables } from './payables';

export interface BankNotification {
  eventId: string;
  amountVnd: number;
  /** The transfer note as the payer's bank passed it on; our reference is found inside it. */
  description: string;
  /** The bank's own reference of the transfer: with it, a transfer is counted once however it is reported. */
  bankTransactionId?: string;
}

interface Receipt {
  amountVnd: number;
  source: 'admin' | 'bank';
  reference: string;
  transferRef: string | null;
  externalId: string | null;
  recordedBy: string | null;
}

/** Invoice terms: bank transfer details with VietQR, recorded payments, the bank's notifications, overdue orders. */
@Injectable()
export class InvoicesService {
  private readonly logger = new Logger(InvoicesService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly payments: PaymentRepository,
    private readonly records: PaymentRecordsRepository,
    private readonly events: WebhookEventRepository,
    private readonly payables: Payables,
    private readonly card: CardPaymentsService,
    private readonly movements: MoneyMovements,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The platform's bank details and VietQR for what is still owed on an invoice order; undefined for card orders. */
  async bankTransferFor(tx: Tx, order: OrderForPayment): Promise<BankTransferView | undefined> {
    if (order.paymentMethod !== 'invoice') return undefined;
    const payment = await this.card.ensureOrderPayment(tx, order);
    const amountVnd = Math.max(0, order.totalVnd - payment.paidVnd);
    const { bin, accountNo, accountName } = this.config.bank;
    return {
      bankBin: bin,
      accountNo,
      accountName,
      amountVnd,
      reference: payment.reference,
      vietQr: vietQrPayload({ bankBin: bin, accountNo, amountVnd, reference: payment.reference }),
      dueDate: payment.dueDate,
      paidVnd: payment.paidVnd,
    };
  }

  orderPayment(actor: Actor, orderId: string): Promise<OrderPaymentView> {
    return this.uow.run(async (tx) => {
      const order = await this.payables.order(tx, orderId);
      if (
        !order ||
        (actor.role !== 'admin' &&
          actor.organizationId !== order.buyerId &&
          !order.producerIds.includes(actor.organizationId ?? ''))
      ) {
        throw CommonErrors.NOT_FOUND();
      }
      const payment = await this.card.ensureOrderPayment(tx, order);
      return this.paymentView(tx, payment, order);
    });
  }

  /**
   * An administrator records a transfer seen on the bank statement. Its reference identifies that one
   * transfer: recording it again (a retry, a double click, two colleagues) answers the payment as it
   * stands without counting it twice, and the same reference with another amount or for another
   * order is a conflict. The unique transfer reference decides, so parallel requests agree too.
   */
  recordPayment(
    actor: Actor,
    orderId: string,
    input: { amountVnd: number; reference: string },
  ): Promise<OrderPaymentView> {
    return this.uow.run(async (tx) => {
      const order = await this.payables.order(tx, orderId);
      if (!order) throw CommonErrors.NOT_FOUND();
      if (order.paymentMethod !== 'invoice')
        throw PaymentErrors.PAYMENT_METHOD_MISMATCH({ paymentMethod: order.paymentMethod });
      const payment = await this.card.ensureOrderPayment(tx, order);
      const updated = await this.receive(tx, payment, order, {
        amountVnd: input.amountVnd,
        source: 'admin',
        reference: input.reference,
        transferRef: input.reference,
        externalId: null,
        recordedBy: actor.userId,
      });
      if (!updated) {
        const recorded = await this.records.findTransfer(tx, input.reference);
        if (!isSameTransfer(recorded, payment, input.amountVnd)) {
          throw PaymentErrors.TRANSFER_REFERENCE_CONFLICT({
            reference: input.reference,
            recordedAmountVnd: recorded?.amountVnd,
            recordedOrderId: recorded?.orderId,
          });
        }
      }
      return this.paymentView(tx, updated ?? payment, order);
    });
  }

  /**
   * A signed bank notification: the signature covers the timestamp, so a replay is stale; the event
   * id is stored once, so a repeat changes nothing; the payment is found by the reference in the note.
   * A transfer already recorded under the same bank reference (the bank re-sending it under a new
   * event id, or the office having entered it) is not counted again.
   */
  receiveBankNotification(
    rawBody: Buffer | undefined,
    signature: string | undefined,
  ): Promise<{ received: true; matched: boolean; duplicate: boolean }> {
    const secret = this.config.bankWebhookSecret;
    if (!secret) throw PaymentErrors.BANK_WEBHOOK_NOT_CONFIGURED();
    const body = rawBody ?? Buffer.alloc(0);
    const check = checkBankSignature(secret, signature, body, Math.floor(this.clock.now().getTime() / 1000));
    if (check !== 'valid') throw PaymentErrors.WEBHOOK_SIGNATURE_INVALID({ reason: check });
    const notification = parseNotification(body);
    return this.uow.run(async (tx) => {
      const recorded = await this.events.record(
        tx,
        'bank',
        notification.eventId,
        'transfer.received',
        notification,
      );
      if (!recorded.isNew) return { received: true as const, matched: false, duplicate: true };
      const reference = referenceInNote(notification.description);
      const payment = reference ? await this.payments.lockByReference(tx, reference) : undefined;
      const order =
        payment?.subjectType === 'purchase_order'
          ? await this.payables.order(tx, payment.subjectId)
          : undefined;
      const outcome =
        payment && order
          ? await this.applyNotification(tx, payment, order, notification, reference!)
          : 'unmatched';
      await this.events.markProcessed(tx, 'bank', notification.eventId, outcome);
      return {
        received: true as const,
        matched: outcome === 'matched' || outcome === 'repeated_transfer',
        duplicate: outcome === 'repeated_transfer',
      };
    });
  }

  listOverdue(query: { limit?: number; cursor?: string }): Promise<OverdueInvoicePageView> {
    const limit = query.limit ?? 20;
    const position = decodeCursor(query.cursor, ['date', 'uuid']);
    const after = position && { dueDate: position[0], id: position[1] };
    const today = vietnamDate(this.clock.now());
    return this.uow.run(async (tx) => {
      const rows = await this.payments.findOverdue(tx, today, limit + 1, after);
      return pageOf(
        rows,
        limit,
        (payment) => this.overdueView(payment, today),
        (payment) => [payment.dueDate, payment.id],
      );
    });
  }

  /** Emits `payment.overdue` once per overdue invoice order (run by a repeatable job). */
  sweepOverdue(): Promise<number> {
    const today = vietnamDate(this.clock.now());
    return this.uow.run(async (tx) => {
      const overdue = await this.payments.lockOverdueToNotify(tx, today, 200);
      for (const payment of overdue) {
        const order = await this.payables.order(tx, payment.subjectId);
        const updated = await this.movements.change(tx, payment, { overdueNotifiedAt: this.clock.now() });
        await this.movements.emit(
          tx,
          'payment.overdue',
          updated,
          payment.amountDueVnd - payment.paidVnd,
          [payment.payerOrgId],
          order?.number ?? payment.subjectId,
          `due ${payment.dueDate}`,
        );
      }
      return overdue.length;
    });
  }

  /**
   * A bank that already notified this transfer, or an office that entered it, has it counted; a
   * clash (same bank reference, other amount or order) is kept on the event for the office, and the
   * bank gets its 200 all the same: sending it again would not change the answer.
   */
  private async applyNotification(
    tx: Tx,
    payment: Payment,
    order: PayableOrder,
    notification: BankNotification,
    reference: string,
  ): Promise<'matched' | 'repeated_transfer' | 'transfer_reference_conflict'> {
    const transferRef = notification.bankTransactionId ?? null;
    const updated = await this.receive(tx, payment, order, {
      amountVnd: notification.amountVnd,
      source: 'bank',
      reference,
      transferRef,
      externalId: `bank:${notification.eventId}`,
      recordedBy: null,
    });
    if (updated) return 'matched';
    const recorded = transferRef ? await this.records.findTransfer(tx, transferRef) : undefined;
    if (isSameTransfer(recorded, payment, notification.amountVnd)) return 'repeated_transfer';
    this.logger.warn(
      { eventId: notification.eventId, transferRef, orderId: order.id, recordedOrderId: recorded?.orderId },
      'bank notification clashes with a transfer recorded under the same reference; not counted',
    );
    return 'transfer_reference_conflict';
  }

  private async receive(
    tx: Tx,
    payment: Payment,
    order: PayableOrder,
    receipt: Receipt,
  ): Promise<Payment | undefined> {
    return this.movements.receive(
      tx,
      { ...payment, amountDueVnd: order.totalVnd },
      {
        ...receipt,
        state: invoiceState(payment.paidVnd + receipt.amountVnd, order.totalVnd),
        audience: [order.buyerId, ...order.producerIds],
        label: order.number,
      },
    );
  }

  private async paymentView(tx: Tx, payment: Payment, order: PayableOrder): Promise<OrderPaymentView> {
    const receipts = await this.records.receiptsOf(tx, payment.id);
    const refunds = await this.records.refundsOf(tx, payment.id);
    const dueVnd = order.totalVnd;
    return {
      orderId: order.id,
      paymentMethod: payment.method,
      state: payment.state,
      amountDueVnd: dueVnd,
      paidVnd: payment.paidVnd,
      refundedVnd: payment.refundedVnd,
      outstandingVnd: Math.max(0, dueVnd - (payment.paidVnd - payment.refundedVnd)),
      overpaidVnd: Math.max(0, payment.paidVnd - payment.refundedVnd - dueVnd),
      overpaid: payment.paidVnd - payment.refundedVnd > dueVnd,
      reference: payment.reference,
      dueDate: payment.dueDate,
      paymentIntentId: payment.stripePaymentIntentId,
      receipts: receipts.map((receipt) => ({
        id: receipt.id,
        amountVnd: receipt.amountVnd,
        source: receipt.source,
        reference: receipt.reference,
        createdAt: receipt.createdAt.toISOString(),
      })),
      refunds: refunds.map((refund) => ({
        id: refund.id,
        amountVnd: refund.amountVnd,
        stripeRefundId: refund.stripeRefundId,
        reason: refund.reason,
        createdAt: refund.createdAt.toISOString(),
      })),
    };
  }

  private overdueView(payment: Payment, today: string): OverdueInvoiceView {
    const days = Math.round((Date.parse(today) - Date.parse(payment.dueDate!)) / 86_400_000);
    return {
      orderId: payment.subjectId,
      buyerId: payment.payerOrgId,
      dueDate: payment.dueDate!,
      daysOverdue: days,
      amountDueVnd: payment.amountDueVnd,
      paidVnd: payment.paidVnd,
      outstandingVnd: payment.amountDueVnd - payment.paidVnd,
      reference: payment.reference,
      notifiedAt: payment.overdueNotifiedAt?.toISOString() ?? null,
    };
  }
}

function parseNotification(body: Buffer): BankNotification {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw CommonErrors.MALFORMED_JSON();
  }
  const errors = [];
  if (typeof parsed.eventId !== 'string' || parsed.eventId.length < 1 || parsed.eventId.length > 200) {
    errors.push({ field: 'eventId', message: 'must be a string of 1–200 characters' });
  }
  if (!Number.isSafeInteger(parsed.amountVnd) || (parsed.amountVnd as number) <= 0) {
    errors.push({ field: 'amountVnd', message: 'must be a positive whole number of đồng' });
  }
  if (typeof parsed.description !== 'string')
    errors.push({ field: 'description', message: 'must be a string' });
  const transactionId = parsed.bankTransactionId ?? undefined;
  if (
    transactionId !== undefined &&
    (typeof transactionId !== 'string' || transactionId.length < 1 || transactionId.length > 200)
  ) {
    errors.push({ field: 'bankTransactionId', message: 'must be a string of 1–200 characters' });
  }
  if (errors.length) throw CommonErrors.VALIDATION_FAILED({}, errors);
  return {
    eventId: parsed.eventId as string,
    amountVnd: parsed.amountVnd as number,
    description: parsed.description as string,
    bankTransactionId: transactionId as string | undefined,
  };
}

/** The receipt under this transfer reference is the same transfer: same order, same amount. */
function isSameTransfer(
  recorded: RecordedTransfer | undefined,
  payment: Payment,
  amountVnd: number,
): boolean {
  return recorded !== undefined && recorded.paymentId === payment.id && recorded.amountVnd === amountVnd;
}
