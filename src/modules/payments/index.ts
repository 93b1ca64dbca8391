export { PaymentsModule } from './payments.module';
export { PaymentsFacade } from './application/payments.facade';
export type { OrderForPayment } from './application/payables';
export { BankTransferView, PaymentIntentView, PaymentStatusView } from './api/payments.view';
export { PAYMENT_EVENT_TYPES } from './domain/payment-events';
export type { PaymentEventPayload, PaymentEventType } from './domain/payment-events';
export type { PaymentState } from './domain/payment-state';
export { decodeVietQr, vietQrPayload } from './domain/vietqr';
export { signBankPayload } from './domain/bank-signature';
