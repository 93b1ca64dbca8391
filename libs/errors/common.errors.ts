import { defineErrors } from './domain-error';

/** Errors that belong to no module: the edge, the transport and the infrastructure. */
export const CommonErrors = defineErrors({
  VALIDATION_FAILED: { kind: 'invalid', vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request is invalid.' },
  MALFORMED_JSON: {
    kind: 'invalid',
    vi: 'Nội dung yêu cầu không phải JSON hợp lệ.',
    en: 'The request body is not valid JSON.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    kind: 'invalid',
    vi: 'Định dạng nội dung không được hỗ trợ; hãy gửi application/json.',
    en: 'Unsupported content type; send application/json.',
  },
  PAYLOAD_TOO_LARGE: {
    kind: 'invalid',
    vi: 'Nội dung yêu cầu vượt quá 1 MiB.',
    en: 'The request body is larger than 1 MiB.',
  },
  URI_TOO_LONG: {
    kind: 'invalid',
    vi: 'Đường dẫn yêu cầu quá dài.',
    en: 'The request path is too long.',
  },
  MALFORMED_REQUEST: {
    kind: 'invalid',
    vi: 'Yêu cầu HTTP không đúng định dạng (ví dụ: ký tự chưa mã hóa trong đường dẫn).',
    en: 'The HTTP request is malformed (for example, unencoded characters in the URL).',
  },
  HEADERS_TOO_LARGE: {
    kind: 'invalid',
    vi: 'Phần tiêu đề của yêu cầu quá lớn.',
    en: 'The request headers are too large.',
  },
  REQUEST_TIMEOUT: {
    kind: 'invalid',
    vi: 'Yêu cầu không được gửi hết trong thời gian cho phép.',
    en: 'The request was not received in time.',
  },
  UNAUTHENTICATED: {
    kind: 'unauthorized',
    vi: 'Bạn cần đăng nhập để thực hiện thao tác này.',
    en: 'You must be signed in to do this.',
  },
  FORBIDDEN: {
    kind: 'forbidden',
    vi: 'Bạn không có quyền thực hiện thao tác này.',
    en: 'You are not allowed to do this.',
  },
  NOT_FOUND: { kind: 'not_found', vi: 'Không tìm thấy tài nguyên.', en: 'The resource was not found.' },
  ROUTE_NOT_FOUND: {
    kind: 'not_found',
    vi: 'Không có đường dẫn {method} {path}.',
    en: 'There is no route {method} {path}.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    kind: 'unprocessable',
    vi: 'Khóa Idempotency-Key đã được dùng cho một yêu cầu khác.',
    en: 'This Idempotency-Key was already used with a different request.',
  },
  IDEMPOTENCY_KEY_INVALID: {
    kind: 'invalid',
    vi: 'Idempotency-Key phải dài từ 1 đến 255 ký tự.',
    en: 'Idempotency-Key must be 1 to 255 characters long.',
  },
  TOO_MANY_REQUESTS: {
    kind: 'too_many',
    vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau {retryAfterSeconds} giây.',
    en: 'Too many requests; try again in {retryAfterSeconds} seconds.',
  },
  CONFLICT: {
    kind: 'conflict',
    vi: 'Yêu cầu xung đột với dữ liệu hiện có.',
    en: 'The request conflicts with the current state.',
  },
  SERVICE_UNAVAILABLE: {
    kind: 'unavailable',
    vi: 'Dịch vụ tạm thời không sẵn sàng, vui lòng thử lại.',
    en: 'The service is temporarily unavailable; please retry.',
  },
  INTERNAL_ERROR: {
    kind: 'internal',
    vi: 'Đã có lỗi xảy ra. Vui lòng thử lại sau.',
    en: 'Something went wrong. Please try again later.',
  },
});
