import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PAYMENT_STATES } from '../domain/payment-state';

const PAYMENT_STATE_PROPERTY = {
  enum: PAYMENT_STATES,
  description:
    'unpaid: nothing received; partially_paid: an invoice order with part of its amount received ' +
    '(transfers add up); pending: a card payment started; paid: everything owed received; ' +
    'failed: the last card attempt failed; partially_refunded / refunded: money returned',
};

export class PaymentIntentView {
  @ApiProperty({ example: 'pi_3QxYz2LkdIwHu7ix0abc1234' }) paymentIntentId: string;
  @ApiProperty({
    example: 'pi_3QxYz2LkdIwHu7ix0abc1234_secret_9f8e7d',
    description: 'For Stripe.js confirmCardPayment',
  })
  clientSecret: string;
  @ApiProperty({
    example: 3672000,
    description: 'Whole đồng: VND is zero-decimal in Stripe, so this equals totalVnd',
  })
  amount: number;
  @ApiProperty({ enum: ['vnd'], example: 'vnd' }) currency: 'vnd';
}

export class BankTransferView {
  @ApiProperty({ example: '970436', description: 'NAPAS bank identification number of the platform’s bank' })
  bankBin: string;
  @ApiProperty({ example: '0011004567890' }) accountNo: string;
  @ApiProperty({ example: 'CONG TY OCOP LINK' }) accountName: string;
  @ApiProperty({ example: 3672000, description: 'What is still to pay on this order' }) amountVnd: number;
  @ApiProperty({
    example: 'OCOP1A2B3C4D5E6F',
    description: 'Put this in the transfer note; payments are matched by it',
  })
  reference: string;
  @ApiProperty({
    example:
      '00020101021238570010A00000072701270006970436011300110045678900208QRIBFTTA530370454073672000' +
      '5802VN62200816OCOP1A2B3C4D5E6F6304ABCD',
    description: 'NAPAS 247 VietQR (EMVCo merchant-presented) payload: render as a QR code',
  })
  vietQr: string;
  @ApiPropertyOptional({
    nullable: true,
    example: '2026-12-29',
    description: 'Last day of the buyer’s payment terms',
  })
  dueDate: string | null;
  @ApiProperty({ example: 0 }) paidVnd: number;
}

export class ReceiptView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 1000000 }) amountVnd: number;
  @ApiProperty({ enum: ['card', 'admin', 'bank'] }) source: string;
  @ApiPropertyOptional({
    nullable: true,
    example: 'FT26333123456',
    description:
      'admin: the bank transfer reference; bank: the order reference found in the note; card: the intent',
  })
  reference: string | null;
  @ApiProperty() createdAt: string;
}

export class RefundView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 272000 }) amountVnd: number;
  @ApiPropertyOptional({ nullable: true, example: 're_3QxYz2LkdIwHu7ix1' }) stripeRefundId: string | null;
  @ApiProperty({ example: 'partially_accepted' }) reason: string;
  @ApiProperty() createdAt: string;
}

export class OrderPaymentView {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ enum: ['card', 'invoice'] }) paymentMethod: string;
  @ApiProperty({ ...PAYMENT_STATE_PROPERTY, example: 'partially_paid' }) state: string;
  @ApiProperty({ example: 3672000, description: 'What the order costs now' }) amountDueVnd: number;
  @ApiProperty({ example: 1000000 }) paidVnd: number;
  @ApiProperty({ example: 0 }) refundedVnd: number;
  @ApiProperty({ example: 2672000 }) outstandingVnd: number;
  @ApiProperty({ example: 0, description: 'Paid beyond what is owed (to be returned by the office)' })
  overpaidVnd: number;
  @ApiProperty({ example: false }) overpaid: boolean;
  @ApiProperty({ example: 'OCOP1A2B3C4D5E6F' }) reference: string;
  @ApiPropertyOptional({ nullable: true, example: '2026-12-29' }) dueDate: string | null;
  @ApiPropertyOptional({ nullable: true }) paymentIntentId: string | null;
  @ApiProperty({ type: [ReceiptView] }) receipts: ReceiptView[];
  @ApiProperty({ type: [RefundView] }) refunds: RefundView[];
}

export class OverdueInvoiceView {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ format: 'uuid' }) buyerId: string;
  @ApiProperty({ example: '2026-11-20' }) dueDate: string;
  @ApiProperty({ example: 9 }) daysOverdue: number;
  @ApiProperty({ example: 3672000 }) amountDueVnd: number;
  @ApiProperty({ example: 1000000 }) paidVnd: number;
  @ApiProperty({ example: 2672000 }) outstandingVnd: number;
  @ApiProperty({ example: 'OCOP1A2B3C4D5E6F' }) reference: string;
  @ApiPropertyOptional({ nullable: true, description: 'When payment.overdue was emitted' }) notifiedAt:
    string | null;
}

export class OverdueInvoicePageView {
  @ApiProperty({ type: [OverdueInvoiceView] }) items: OverdueInvoiceView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class BalanceView {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ example: 9500000, description: 'Delivered orders less commission, ever' }) earnedVnd: number;
  @ApiProperty({ example: 5000000, description: 'Put into payout batches, ever' }) payoutsVnd: number;
  @ApiProperty({ example: 4500000, description: 'Owed now and not yet batched' }) balanceVnd: number;
  @ApiProperty({ enum: ['vnd'] }) currency: 'vnd';
}

export class StatementEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) transactionId: string;
  @ApiProperty({ enum: ['delivery', 'refund', 'payout'] }) kind: string;
  @ApiProperty({ example: 'Giao hàng PO-2026-000123: 1000000 đ, phí sàn 50000 đ' }) memo: string;
  @ApiProperty({ example: 950000, description: 'Positive: owed to the producer; negative: paid out' })
  amountVnd: number;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) purchaseOrderId: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) supplierOrderId: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) refundId: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) payoutLineId: string | null;
  @ApiProperty() createdAt: string;
}

export class StatementPageView {
  @ApiProperty({ type: [StatementEntryView] }) items: StatementEntryView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class BankAccountView {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ example: '970405' }) bankBin: string;
  @ApiProperty({ example: '1500201234567' }) accountNo: string;
  @ApiProperty({ example: 'HTX CHE DUONG BA CHE' }) accountName: string;
  @ApiProperty() updatedAt: string;
}

export class StripeAccountView {
  @ApiProperty({ example: 'acct_1QxYz2LkdIwHu7ix' }) accountId: string;
  @ApiProperty({ example: 'https://connect.stripe.com/setup/e/acct_1QxYz2LkdIwHu7ix/abc' })
  onboardingUrl: string;
  @ApiProperty({ example: false, description: 'Kept current by account.updated' }) payoutsEnabled: boolean;
}

export class PayoutLineView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ example: 4500000 }) amountVnd: number;
  @ApiProperty({ enum: ['bank_transfer', 'stripe_connect'] }) method: string;
  @ApiPropertyOptional({ nullable: true }) bankBin: string | null;
  @ApiPropertyOptional({ nullable: true }) accountNo: string | null;
  @ApiPropertyOptional({ nullable: true }) accountName: string | null;
  @ApiPropertyOptional({ nullable: true }) stripeAccountId: string | null;
  @ApiPropertyOptional({ nullable: true }) stripeTransferId: string | null;
  @ApiProperty({ example: 'OCOPPAY1A2B3C4D0001' }) reference: string;
  @ApiProperty({ enum: ['pending', 'paid'] }) status: string;
}

export class PayoutBatchView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['created', 'paid'] }) status: string;
  @ApiProperty({ example: 4500000 }) totalVnd: number;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true }) paidAt: string | null;
  @ApiProperty({ type: [PayoutLineView] }) lines: PayoutLineView[];
  @ApiProperty({
    type: [String],
    description: 'Producers with a balance but no payout method (no bank account)',
  })
  skippedOrganizationIds: string[];
}

export class WebhookAckView {
  @ApiProperty({ example: true }) received: true;
  @ApiProperty({ example: false }) duplicate: boolean;
  @ApiPropertyOptional({ example: true }) matched?: boolean;
}

export class PaymentStatusView {
  @ApiProperty(PAYMENT_STATE_PROPERTY) state: string;
  @ApiProperty() paidVnd: number;
  @ApiProperty() refundedVnd: number;
}
