import { defineErrors } from '@ocop/errors';

export const PaymentErrors = defineErrors({
  PAYMENTS_NOT_CONFIGURED: {
    kind: 'unavailable',
    vi: 'Thanh toán bằng thẻ chưa được cấu hình; vui lòng thanh toán bằng chuyển khoản.',
    en: 'Card payments are not configured; pay by bank transfer instead.',
  },
  PAYMENT_METHOD_MISMATCH: {
    kind: 'unprocessable',
    vi: 'Đơn hàng này được thanh toán bằng phương thức {paymentMethod}.',
    en: 'This order is paid by {paymentMethod}.',
  },
  ORDER_NOT_PAYABLE: {
    kind: 'unprocessable',
    vi: 'Đơn hàng không còn khoản nào cần thanh toán.',
    en: 'Nothing is left to pay on this order.',
  },
  BOOKING_NOT_PAYABLE: {
    kind: 'unprocessable',
    vi: 'Chỉ có thể thanh toán một lượt giữ chỗ còn hiệu lực (trạng thái hiện tại: {status}).',
    en: 'Only a live stall hold can be paid (current status: {status}).',
  },
  PAYMENT_PROVIDER_ERROR: {
    kind: 'unavailable',
    vi: 'Cổng thanh toán tạm thời không phản hồi, vui lòng thử lại.',
    en: 'The payment provider did not answer; please retry.',
  },
  TRANSFER_REFERENCE_CONFLICT: {
    kind: 'conflict',
    vi: 'Giao dịch chuyển khoản {reference} đã được ghi nhận với {recordedAmountVnd} đồng cho đơn hàng {recordedOrderId}.',
    en: 'Bank transfer {reference} is already recorded as {recordedAmountVnd} VND for order {recordedOrderId}.',
  },
  WEBHOOK_SIGNATURE_INVALID: {
    kind: 'invalid',
    vi: 'Chữ ký webhook không hợp lệ hoặc đã quá hạn.',
    en: 'The webhook signature is missing, invalid or too old.',
  },
  BANK_WEBHOOK_NOT_CONFIGURED: {
    kind: 'unavailable',
    vi: 'Chưa cấu hình nhận thông báo chuyển khoản từ ngân hàng.',
    en: 'Bank notifications are not configured.',
  },
  PAYOUT_BATCH_NOT_FOUND: {
    kind: 'not_found',
    vi: 'Không tìm thấy đợt chi trả.',
    en: 'Payout batch not found.',
  },
  PAYOUT_BATCH_EMPTY: {
    kind: 'unprocessable',
    vi: 'Không có nhà sản xuất nào có số dư dương để chi trả.',
    en: 'No producer has a positive balance to pay out.',
  },
  PAYOUT_BATCH_ALREADY_PAID: {
    kind: 'conflict',
    vi: 'Đợt chi trả đã được đánh dấu đã thanh toán.',
    en: 'The payout batch is already marked paid.',
  },
  NOT_A_PRODUCER: {
    kind: 'unprocessable',
    vi: 'Chỉ tổ chức sản xuất mới có tài khoản nhận tiền.',
    en: 'Only producer organizations receive payouts.',
  },
});
