import { defineErrors } from '@ocop/errors';

export const CatalogErrors = defineErrors({
  PRODUCT_NOT_FOUND: { kind: 'not_found', vi: 'Không tìm thấy sản phẩm.', en: 'Product not found.' },
  LISTING_NOT_FOUND: { kind: 'not_found', vi: 'Không tìm thấy mặt hàng chào bán.', en: 'Listing not found.' },
  INSUFFICIENT_STOCK: {
    kind: 'conflict',
    vi: 'Không đủ hàng tồn kho cho một số mặt hàng.',
    en: 'Not enough stock for some listings.',
  },
  STOCK_BELOW_RESERVED: {
    kind: 'conflict',
    vi: 'Tồn kho không thể thấp hơn số lượng đã giữ cho đơn hàng ({reserved}).',
    en: 'Stock on hand cannot go below the quantity reserved for orders ({reserved}).',
  },
  STOCK_RELEASE_EXCEEDS_RESERVED: {
    kind: 'conflict',
    vi: 'Số lượng giải phóng hoặc xuất kho vượt quá số lượng đang giữ.',
    en: 'The quantity released or shipped exceeds what is reserved.',
  },
  SKU_TAKEN: {
    kind: 'conflict',
    vi: 'Mã SKU {sku} đã được dùng cho một mặt hàng khác của bạn.',
    en: 'SKU {sku} is already used by another of your listings.',
  },
  CERTIFICATE_NO_TAKEN: {
    kind: 'conflict',
    vi: 'Số giấy chứng nhận OCOP {certificateNo} đã được ghi nhận.',
    en: 'OCOP certificate number {certificateNo} is already recorded.',
  },
  OCOP_RATING_INVALID: {
    kind: 'invalid',
    vi: 'Xếp hạng OCOP không đúng quy định của Chương trình.',
    en: 'The OCOP rating does not follow the programme’s rules.',
  },
  PRICE_TIERS_INVALID: {
    kind: 'invalid',
    vi: 'Bậc giá không hợp lệ.',
    en: 'The price tiers are invalid.',
  },
  CSV_IMPORT_INVALID: {
    kind: 'invalid',
    vi: 'Tệp CSV có {count} dòng lỗi; không có thay đổi nào được ghi nhận.',
    en: 'The CSV file has {count} invalid rows; nothing was changed.',
  },
});
