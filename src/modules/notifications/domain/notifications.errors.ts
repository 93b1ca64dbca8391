import { defineErrors } from '@ocop/errors';

export const NotificationErrors = defineErrors({
  NOTIFICATION_NOT_FOUND: {
    kind: 'not_found',
    vi: 'Không tìm thấy thông báo.',
    en: 'Notification not found.',
  },
  WEBHOOK_NOT_FOUND: {
    kind: 'not_found',
    vi: 'Không tìm thấy địa chỉ webhook.',
    en: 'Webhook endpoint not found.',
  },
  WEBHOOK_URL_INVALID: {
    kind: 'invalid',
    vi: 'Địa chỉ webhook không hợp lệ: {reason}.',
    en: 'Invalid webhook URL: {reason}.',
  },
  WEBHOOK_TARGET_FORBIDDEN: {
    kind: 'unprocessable',
    vi: 'Địa chỉ webhook trỏ tới mạng nội bộ hoặc không phân giải được ({reason}); không được phép.',
    en: 'The webhook URL resolves to a private, loopback or link-local address, or not at all ({reason}); refused.',
  },
  DELIVERY_NOT_FOUND: {
    kind: 'not_found',
    vi: 'Không tìm thấy lượt gửi thông báo.',
    en: 'Notification delivery not found.',
  },
  DELIVERY_NOT_FAILED: {
    kind: 'conflict',
    vi: 'Chỉ gửi lại được lượt gửi đã thất bại (trạng thái hiện tại: {status}).',
    en: 'Only a failed delivery can be retried (current status: {status}).',
  },
  UNKNOWN_EVENT_TYPE: {
    kind: 'invalid',
    vi: 'Loại sự kiện không xác định: {eventType}.',
    en: 'Unknown event type: {eventType}.',
  },
});
