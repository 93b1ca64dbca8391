import { defineErrors } from '@ocop/errors';

export const FairErrors = defineErrors({
  FAIR_NOT_FOUND: { kind: 'not_found', vi: 'Không tìm thấy hội chợ.', en: 'Fair not found.' },
  STALL_NOT_FOUND: {
    kind: 'not_found',
    vi: 'Không tìm thấy gian hàng trong hội chợ này.',
    en: 'Stall not found in this fair.',
  },
  BOOKING_NOT_FOUND: {
    kind: 'not_found',
    vi: 'Không tìm thấy lượt đặt gian hàng.',
    en: 'Booking not found.',
  },
  COMMUNE_UNKNOWN: {
    kind: 'invalid',
    vi: 'Mã xã/phường {communeCode} không có trong danh mục đơn vị hành chính hiện hành.',
    en: 'Commune code {communeCode} is not in the current list of administrative units.',
  },
  VENUE_CONFLICT: {
    kind: 'conflict',
    vi: 'Địa điểm này đã có một hội chợ khác trong khoảng thời gian đó.',
    en: 'Another fair is scheduled at this venue during those dates.',
  },
  FAIR_NOT_EDITABLE: {
    kind: 'conflict',
    vi: 'Hội chợ ở trạng thái {status} không thể thay đổi.',
    en: 'A fair in status {status} cannot be changed.',
  },
  INVALID_TRANSITION: {
    kind: 'conflict',
    vi: 'Không thể chuyển trạng thái từ {from} sang {to}.',
    en: 'Cannot move from {from} to {to}.',
  },
  FAIR_ALREADY_ENDED: {
    kind: 'unprocessable',
    vi: 'Hội chợ đã kết thúc.',
    en: 'The fair has already ended.',
  },
  FAIR_START_IN_PAST: {
    kind: 'unprocessable',
    vi: 'Thời điểm bắt đầu hội chợ ({startsAt}) đã qua.',
    en: 'The fair’s start ({startsAt}) has already passed.',
  },
  STALL_CODE_TAKEN: {
    kind: 'conflict',
    vi: 'Mã gian hàng đã tồn tại trong hội chợ: {list}.',
    en: 'Stall codes already used in this fair: {list}.',
  },
  FAIR_NOT_PUBLISHED: {
    kind: 'unprocessable',
    vi: 'Hội chợ chưa mở cho đặt gian hàng (trạng thái {status}).',
    en: 'The fair is not open for bookings (status {status}).',
  },
  BOOKING_CLOSED: {
    kind: 'unprocessable',
    vi: 'Ngoài thời gian nhận đặt gian hàng ({opensAt} – {closesAt}).',
    en: 'Outside the booking window ({opensAt} – {closesAt}).',
  },
  BOOKING_RULE_VIOLATED: {
    kind: 'unprocessable',
    vi: 'Không đáp ứng điều kiện tham gia hội chợ: {list}.',
    en: 'The fair’s rules are not met: {list}.',
  },
  STALL_TAKEN: {
    kind: 'conflict',
    vi: 'Gian hàng đã có đơn vị khác giữ chỗ hoặc đặt.',
    en: 'The stall is already held or booked.',
  },
  BOOKING_HOLD_EXPIRED: {
    kind: 'conflict',
    vi: 'Thời gian giữ chỗ đã hết.',
    en: 'The hold has expired.',
  },
  STALL_FEE_UNPAID: {
    kind: 'conflict',
    vi: 'Phí gian hàng ({amountVnd} đồng) chưa được thanh toán; lượt đặt sẽ được xác nhận khi nhà sản xuất thanh toán.',
    en: 'The stall fee ({amountVnd} VND) has not been paid; the booking is confirmed when the producer pays it.',
  },
  FAIR_HAS_CHECKED_IN: {
    kind: 'conflict',
    vi: 'Hội chợ đã có {checkedIn} đơn vị làm thủ tục vào gian hàng; không thể hủy hội chợ đang diễn ra.',
    en: '{checkedIn} exhibitors have already checked in; a fair under way cannot be cancelled.',
  },
  ALREADY_CHECKED_IN: {
    kind: 'conflict',
    vi: 'Đơn vị này đã làm thủ tục vào hội chợ lúc {checkedInAt}.',
    en: 'Already checked in at {checkedInAt}.',
  },
  CHECK_IN_OUTSIDE_FAIR_DATES: {
    kind: 'unprocessable',
    vi: 'Chỉ làm thủ tục vào hội chợ trong những ngày diễn ra hội chợ.',
    en: 'Check-in is possible only on the fair’s days.',
  },
  CHECK_IN_CODE_INVALID: {
    kind: 'unprocessable',
    vi: 'Mã check-in không hợp lệ cho lượt đặt này.',
    en: 'The check-in code is not valid for this booking.',
  },
  WAITLIST_ALREADY_JOINED: {
    kind: 'conflict',
    vi: 'Đơn vị đã có trong danh sách chờ của hội chợ với cùng yêu cầu.',
    en: 'Already on this fair’s waitlist with the same wish.',
  },
});
