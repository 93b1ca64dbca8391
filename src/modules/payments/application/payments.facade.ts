import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';
import { BankTransferView, PaymentStatusView } from '../api/payments.view';
import { PaymentRepository } from '../persistence/payment.repository';
import { InvoicesService } from './invoices.service';
import { OrderForPayment } from './payables';

/** What other modules may ask of payments, inside their own transaction. */
@Injectable()
export class PaymentsFacade {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly invoices: InvoicesService,
  ) {}

  /** The payment state of a purchase order (`unpaid` until anything happened). */
  async paymentStatusOf(tx: Tx, orderId: string): Promise<PaymentStatusView> {
    const payment = await this.payments.findBySubject(tx, 'purchase_order', orderId);
    return {
      state: payment?.state ?? 'unpaid',
      paidVnd: payment?.paidVnd ?? 0,
      refundedVnd: payment?.refundedVnd ?? 0,
    };
  }

  /**
   * `bankTransfer` of `GET /orders/{id}` for an invoice order (undefined for card orders): the
   * platform's bank details, what is still owed, the transfer reference and the VietQR payload.
   */
  bankTransferFor(tx: Tx, order: OrderForPayment): Promise<BankTransferView | undefined> {
    return this.invoices.bankTransferFor(tx, order);
  }
}
