/**
 * What a member reads for each domain event, in Vietnamese (default) and English. Templates read the
 * event payload defensively: a field another module did not send renders as a neutral phrase rather
 * than "undefined", and an event type without a template gets the generic one.
 */
export type Locale = 'vi' | 'en';

export interface RenderedMessage {
  subject: string;
  body: string;
}

export interface TemplateInput {
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
}

type Render = (p: Fields) => RenderedMessage;

// Built once: constructing an Intl formatter costs far more than formatting with it.
const VI_NUMBER = new Intl.NumberFormat('vi-VN');
const EN_NUMBER = new Intl.NumberFormat('en-US');

class Fields {
  constructor(private readonly input: TemplateInput) {}

  text(...names: string[]): string | undefined {
    for (const name of names) {
      const value = this.input.payload[name];
      if (typeof value === 'string' && value.trim()) return value;
      if (typeof value === 'number') return String(value);
    }
    return undefined;
  }

  /** A short human reference for the object: its number/code, else the first 8 characters of its id. */
  ref(...names: string[]): string {
    return (
      this.text(...names, 'number', 'code', 'reference') ??
      `#${this.input.aggregateId.replace(/-/g, '').slice(0, 8).toUpperCase()}`
    );
  }

  vnd(locale: Locale, ...names: string[]): string | undefined {
    for (const name of names) {
      const value = this.input.payload[name];
      if (typeof value === 'number' && Number.isFinite(value)) {
        return locale === 'vi' ? `${VI_NUMBER.format(value)} ₫` : `VND ${EN_NUMBER.format(value)}`;
      }
    }
    return undefined;
  }

  get type(): string {
    return this.input.type;
  }
}

const amount = (p: Fields, locale: Locale) => {
  const value = p.vnd(locale, 'amountVnd', 'totalVnd', 'grandTotalVnd');
  return value ? (locale === 'vi' ? ` Số tiền: ${value}.` : ` Amount: ${value}.`) : '';
};
const reason = (p: Fields, locale: Locale) => {
  const value = p.text('reason');
  return value ? (locale === 'vi' ? ` Lý do: ${value}.` : ` Reason: ${value}.`) : '';
};
const product = (p: Fields, locale: Locale) =>
  p.text('productName', 'name') ?? (locale === 'vi' ? 'sản phẩm OCOP' : 'OCOP product');
const fair = (p: Fields, locale: Locale) =>
  p.text('fairName', 'fairTitle') ?? (locale === 'vi' ? 'hội chợ' : 'the fair');
const stall = (p: Fields) => p.text('stallCode', 'stallLabel', 'stallNumber') ?? '';

type Pair = { vi: Render; en: Render };

export const TEMPLATES: Record<string, Pair> = {
  'supplier_order.placed': {
    vi: (p) => ({
      subject: `Đơn hàng mới ${p.ref('orderNumber')}`,
      body: `Bạn có đơn đặt hàng mới ${p.ref('orderNumber')} từ ${p.text('buyerName') ?? 'người mua'}.${amount(p, 'vi')} Vui lòng xác nhận trước khi hết hạn.`,
    }),
    en: (p) => ({
      subject: `New order ${p.ref('orderNumber')}`,
      body: `You have a new order ${p.ref('orderNumber')} from ${p.text('buyerName') ?? 'a buyer'}.${amount(p, 'en')} Please accept it before it expires.`,
    }),
  },
  'supplier_order.accepted': {
    vi: (p) => ({
      subject: `Đơn hàng ${p.ref('orderNumber')} đã được nhận`,
      body: `Nhà cung cấp đã nhận đơn hàng ${p.ref('orderNumber')}.`,
    }),
    en: (p) => ({
      subject: `Order ${p.ref('orderNumber')} accepted`,
      body: `The supplier accepted order ${p.ref('orderNumber')}.`,
    }),
  },
  'supplier_order.rejected': {
    vi: (p) => ({
      subject: `Đơn hàng ${p.ref('orderNumber')} bị từ chối`,
      body: `Nhà cung cấp đã từ chối đơn hàng ${p.ref('orderNumber')}.${reason(p, 'vi')}`,
    }),
    en: (p) => ({
      subject: `Order ${p.ref('orderNumber')} rejected`,
      body: `The supplier rejected order ${p.ref('orderNumber')}.${reason(p, 'en')}`,
    }),
  },
  'supplier_order.cancelled': {
    vi: (p) => ({
      subject: `Đơn hàng ${p.ref('orderNumber')} đã bị hủy`,
      body: `Đơn hàng ${p.ref('orderNumber')} đã bị hủy.${reason(p, 'vi')}`,
    }),
    en: (p) => ({
      subject: `Order ${p.ref('orderNumber')} cancelled`,
      body: `Order ${p.ref('orderNumber')} was cancelled.${reason(p, 'en')}`,
    }),
  },
  'supplier_order.expiring_soon': {
    vi: (p) => ({
      subject: `Đơn hàng ${p.ref('orderNumber')} sắp hết hạn xác nhận`,
      body: `Đơn hàng ${p.ref('orderNumber')} sẽ hết hạn xác nhận trong khoảng 6 giờ nữa. Vui lòng nhận hoặc từ chối đơn.`,
    }),
    en: (p) => ({
      subject: `Order ${p.ref('orderNumber')} expires soon`,
      body: `Order ${p.ref('orderNumber')} must be accepted within about 6 hours or it expires.`,
    }),
  },
  'supplier_order.expired': {
    vi: (p) => ({
      subject: `Đơn hàng ${p.ref('orderNumber')} đã hết hạn`,
      body: `Đơn hàng ${p.ref('orderNumber')} đã hết hạn vì không được xác nhận kịp thời; hàng giữ chỗ đã được trả lại kho.`,
    }),
    en: (p) => ({
      subject: `Order ${p.ref('orderNumber')} expired`,
      body: `Order ${p.ref('orderNumber')} expired because it was not accepted in time; reserved stock was released.`,
    }),
  },
  'purchase_order.shipped': {
    vi: (p) => ({
      subject: `Đơn hàng ${p.ref('orderNumber')} đang được giao`,
      body: `Đơn hàng ${p.ref('orderNumber')} đã được gửi đi.`,
    }),
    en: (p) => ({
      subject: `Order ${p.ref('orderNumber')} shipped`,
      body: `Order ${p.ref('orderNumber')} has been shipped.`,
    }),
  },
  'purchase_order.delivered': {
    vi: (p) => ({
      subject: `Đơn hàng ${p.ref('orderNumber')} đã giao`,
      body: `Đơn hàng ${p.ref('orderNumber')} đã được giao thành công.`,
    }),
    en: (p) => ({
      subject: `Order ${p.ref('orderNumber')} delivered`,
      body: `Order ${p.ref('orderNumber')} has been delivered.`,
    }),
  },
  'payment.received': {
    vi: (p) => ({
      subject: `Đã nhận thanh toán ${p.ref('orderNumber')}`,
      body: `Thanh toán cho ${p.ref('orderNumber')} đã được ghi nhận.${amount(p, 'vi')}`,
    }),
    en: (p) => ({
      subject: `Payment received ${p.ref('orderNumber')}`,
      body: `Payment for ${p.ref('orderNumber')} was received.${amount(p, 'en')}`,
    }),
  },
  'payment.failed': {
    vi: (p) => ({
      subject: `Thanh toán ${p.ref('orderNumber')} không thành công`,
      body: `Thanh toán cho ${p.ref('orderNumber')} không thành công.${reason(p, 'vi')}`,
    }),
    en: (p) => ({
      subject: `Payment failed ${p.ref('orderNumber')}`,
      body: `Payment for ${p.ref('orderNumber')} failed.${reason(p, 'en')}`,
    }),
  },
  'payment.refunded': {
    vi: (p) => ({
      subject: `Đã hoàn tiền ${p.ref('orderNumber')}`,
      body: `Khoản thanh toán cho ${p.ref('orderNumber')} đã được hoàn lại.${amount(p, 'vi')}`,
    }),
    en: (p) => ({
      subject: `Refund ${p.ref('orderNumber')}`,
      body: `The payment for ${p.ref('orderNumber')} was refunded.${amount(p, 'en')}`,
    }),
  },
  'booking.held': {
    vi: (p) => ({
      subject: `Giữ chỗ gian hàng ${stall(p)} tại ${fair(p, 'vi')}`,
      body: `Gian hàng ${stall(p)} tại ${fair(p, 'vi')} đang được giữ cho bạn. Vui lòng thanh toán phí gian hàng trước khi hết hạn giữ chỗ.`,
    }),
    en: (p) => ({
      subject: `Stall ${stall(p)} held at ${fair(p, 'en')}`,
      body: `Stall ${stall(p)} at ${fair(p, 'en')} is held for you. Please pay the stall fee before the hold expires.`,
    }),
  },
  'booking.confirmed': {
    vi: (p) => ({
      subject: `Đặt gian hàng tại ${fair(p, 'vi')} đã được xác nhận`,
      body: `Gian hàng ${stall(p)} tại ${fair(p, 'vi')} đã được xác nhận.`,
    }),
    en: (p) => ({
      subject: `Stall booking at ${fair(p, 'en')} confirmed`,
      body: `Stall ${stall(p)} at ${fair(p, 'en')} is confirmed.`,
    }),
  },
  'booking.expired': {
    vi: (p) => ({
      subject: `Giữ chỗ gian hàng tại ${fair(p, 'vi')} đã hết hạn`,
      body: `Giữ chỗ gian hàng ${stall(p)} tại ${fair(p, 'vi')} đã hết hạn vì chưa được thanh toán.`,
    }),
    en: (p) => ({
      subject: `Stall hold at ${fair(p, 'en')} expired`,
      body: `The hold on stall ${stall(p)} at ${fair(p, 'en')} expired unpaid.`,
    }),
  },
  'booking.cancelled': {
    vi: (p) => ({
      subject: `Đặt gian hàng tại ${fair(p, 'vi')} đã bị hủy`,
      body: `Đặt gian hàng ${stall(p)} tại ${fair(p, 'vi')} đã bị hủy.${reason(p, 'vi')}`,
    }),
    en: (p) => ({
      subject: `Stall booking at ${fair(p, 'en')} cancelled`,
      body: `The booking of stall ${stall(p)} at ${fair(p, 'en')} was cancelled.${reason(p, 'en')}`,
    }),
  },
  'booking.waitlist_offer': {
    vi: (p) => ({
      subject: `Có gian hàng trống tại ${fair(p, 'vi')}`,
      body: `Một gian hàng ${stall(p)} tại ${fair(p, 'vi')} vừa trống và đang được giữ cho bạn. Vui lòng xác nhận trước khi hết hạn giữ chỗ.`,
    }),
    en: (p) => ({
      subject: `A stall is free at ${fair(p, 'en')}`,
      body: `Stall ${stall(p)} at ${fair(p, 'en')} became free and is held for you. Please confirm before the hold expires.`,
    }),
  },
  'ocop.certificate_expiring': {
    vi: (p) => ({
      subject: `Chứng nhận OCOP của ${product(p, 'vi')} sắp hết hạn`,
      body: `Chứng nhận OCOP ${p.text('certificateNumber') ?? ''} của ${product(p, 'vi')} sẽ hết hạn vào ngày ${p.text('expiresOn') ?? '(không rõ)'}. Vui lòng chuẩn bị hồ sơ đánh giá lại.`,
    }),
    en: (p) => ({
      subject: `OCOP certificate of ${product(p, 'en')} expires soon`,
      body: `OCOP certificate ${p.text('certificateNumber') ?? ''} of ${product(p, 'en')} expires on ${p.text('expiresOn') ?? '(unknown)'}. Please prepare the re-assessment.`,
    }),
  },
  'ocop.certificate_expired': {
    vi: (p) => ({
      subject: `Chứng nhận OCOP của ${product(p, 'vi')} đã hết hạn`,
      body: `Chứng nhận OCOP ${p.text('certificateNumber') ?? ''} của ${product(p, 'vi')} đã hết hạn ngày ${p.text('expiresOn') ?? '(không rõ)'}.`,
    }),
    en: (p) => ({
      subject: `OCOP certificate of ${product(p, 'en')} expired`,
      body: `OCOP certificate ${p.text('certificateNumber') ?? ''} of ${product(p, 'en')} expired on ${p.text('expiresOn') ?? '(unknown)'}.`,
    }),
  },
  'organization.verified': {
    vi: (p) => ({
      subject: `${p.text('name') ?? 'Tổ chức'} đã được xác minh`,
      body: `Văn phòng OCOP tỉnh đã xác minh ${p.text('name') ?? 'tổ chức của bạn'}. Sản phẩm của bạn nay hiển thị với người mua.`,
    }),
    en: (p) => ({
      subject: `${p.text('name') ?? 'Your organization'} is verified`,
      body: `The provincial OCOP office verified ${p.text('name') ?? 'your organization'}. Your products are now visible to buyers.`,
    }),
  },
};

const GENERIC: Pair = {
  vi: (p) => ({
    subject: `Thông báo: ${p.type}`,
    body: `Có cập nhật mới (${p.type}) liên quan đến ${p.ref()}.`,
  }),
  en: (p) => ({
    subject: `Notification: ${p.type}`,
    body: `There is an update (${p.type}) about ${p.ref()}.`,
  }),
};

/** Event types with their own template, in a stable order (what preferences list). */
export const KNOWN_EVENT_TYPES: readonly string[] = Object.keys(TEMPLATES);

export function renderNotification(input: TemplateInput, locale: Locale): RenderedMessage {
  const pair = TEMPLATES[input.type] ?? GENERIC;
  const rendered = pair[locale === 'en' ? 'en' : 'vi'](new Fields(input));
  return {
    subject: rendered.subject.replace(/\s+/g, ' ').trim(),
    body: rendered.body.replace(/\s+/g, ' ').trim(),
  };
}
