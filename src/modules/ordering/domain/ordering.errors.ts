import { defineErrors } from '@ocop/errors';

export const OrderingErrors = defineErrors({
  ORDER_NOT_FOUND: { kind: 'not_found', vi: 'Không tìm thấy đơn hàng.', en: 'Order not found.' },
  SUPPLIER_ORDER_NOT_FOUND: {
    kind: 'not_found',
    vi: 'Không tìm thấy đơn hàng của nhà cung cấp.',
    en: 'Supplier order not found.',
  },
  DELIVERY_LOCATION_NOT_FOUND: {
    kind: 'not_found',
    vi: 'Không tìm thấy địa điểm giao hàng.',
    en: 'Delivery location not found.',
  },
  DELIVERY_LOCATION_NAME_TAKEN: {
    kind: 'conflict',
    vi: 'Đã có địa điểm giao hàng tên "{name}".',
    en: 'A delivery location named "{name}" already exists.',
  },
  // Same code and kind as in organizations: one machine code for every illegal state change.
  INVALID_TRANSITION: {
    kind: 'conflict',
    vi: 'Không thể chuyển trạng thái từ {from} sang {to}.',
    en: 'Cannot move from {from} to {to}.',
  },
  LISTING_UNAVAILABLE: {
    kind: 'unprocessable',
    vi: 'Sản phẩm không còn được chào bán: {listingIds}.',
    en: 'These listings are not available for ordering: {listingIds}.',
  },
  COMMUNE_UNKNOWN: {
    kind: 'invalid',
    vi: 'Mã xã/phường {communeCode} không có trong danh mục đơn vị hành chính hiện hành.',
    en: 'Commune code {communeCode} is not in the current list of administrative units.',
  },
  ORDER_AMOUNT_TOO_LARGE: {
    kind: 'unprocessable',
    vi: 'Giá trị đơn hàng vượt quá mức tối đa {maxVnd} đồng; hãy chia thành nhiều đơn.',
    en: 'The order amount exceeds the maximum of {maxVnd} VND; split it into several orders.',
  },
  BELOW_MIN_ORDER_QTY: {
    kind: 'unprocessable',
    vi: 'Số lượng đặt thấp hơn số lượng tối thiểu của sản phẩm: {listingIds}.',
    en: 'The quantity is below the listing’s minimum order quantity: {listingIds}.',
  },
  DELIVERY_DATE_IN_PAST: {
    kind: 'unprocessable',
    vi: 'Ngày giao hàng {deliveryDate} đã qua (hôm nay là {today}).',
    en: 'The delivery date {deliveryDate} is in the past (today is {today}).',
  },
  DELIVERY_DATE_TOO_SOON: {
    kind: 'unprocessable',
    vi: 'Ngày giao hàng sớm nhất có thể là {earliestDate} (thời gian chuẩn bị {leadTimeDays} ngày).',
    en: 'The earliest possible delivery date is {earliestDate} (lead time {leadTimeDays} days).',
  },
  ACCEPTED_QTY_INVALID: {
    kind: 'invalid',
    vi: 'Số lượng chấp nhận không hợp lệ.',
    en: 'The accepted quantities are invalid.',
  },
});
