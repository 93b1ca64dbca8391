/**
 * What a member reads for each domain event, in Vietnamese (default) and English. Templates read the
 * event payload defensively: a field another module did not send renders as a neutral phrase rather
 * than "undefined", and an event type without a template gets the generic one (no emitted type
 * should: the event catalogue's spec checks that every deliverable type has its own).
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
type Pair = { vi: Render; en: Render };
type Phrases = Record<string, { vi: string; en: string }>;

/** Business dates and times are read in Asia/Ho_Chi_Minh, which has had no daylight saving since 1975. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whole đồng with '.' between thousands in both languages, built by hand rather than with Intl so
 * that the text does not depend on the ICU data the Node binary was built with.
 */
export function formatVnd(amount: number, locale: Locale): string {
  const grouped = String(Math.trunc(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return locale === 'vi' ? `${grouped} ₫` : `${grouped} VND`;
}

function vietnamParts(value: string): { date: string; time: string } | undefined {
  const calendar = CALENDAR_DATE.exec(value);
  if (calendar) return { date: `${calendar[3]}/${calendar[2]}/${calendar[1]}`, time: '' };
  const instant = Date.parse(value);
  if (Number.isNaN(instant)) return undefined;
  const [date, time] = new Date(instant + VIETNAM_OFFSET_MS).toISOString().split('T');
  const [year, month, day] = date.split('-');
  return { date: `${day}/${month}/${year}`, time: time.slice(0, 5) };
}

class Fields {
  constructor(private readonly input: TemplateInput) {}

  text(...names: string[]): string | undefined {
    for (const name of names) {
      const value = this.input.payload[name];
      if (typeof value === 'string' && value.trim()) return value;
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    }
    return undefined;
  }

  number(name: string): number | undefined {
    const value = this.input.payload[name];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    // pg hands bigint columns over as strings; a payload built from a row may carry one.
    if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
    return undefined;
  }

  /** A short human reference for the object: its number/code, else the first 8 characters of its id. */
  ref(): string {
    return (
      this.text('orderNumber', 'number', 'code', 'reference') ??
      `#${this.input.aggregateId.replace(/-/g, '').slice(0, 8).toUpperCase()}`
    );
  }

  vnd(locale: Locale, name: string): string | undefined {
    const value = this.number(name);
    return value === undefined ? undefined : formatVnd(value, locale);
  }

  /** dd/MM/yyyy of a calendar date, or of an instant's day in Vietnam. */
  date(name: string): string | undefined {
    const value = this.text(name);
    return value === undefined ? undefined : vietnamParts(value)?.date;
  }

  /** HH:mm dd/MM/yyyy in Vietnam, for deadlines within a day (stall holds, acceptance). */
  dateTime(name: string): string | undefined {
    const value = this.text(name);
    const parts = value === undefined ? undefined : vietnamParts(value);
    return parts && `${parts.time} ${parts.date}`.trim();
  }

  /** The fields of an object nested in the payload (a fair's previous dates). */
  nested(name: string): Fields | undefined {
    const value = this.input.payload[name];
    return value && typeof value === 'object'
      ? new Fields({ ...this.input, payload: value as Record<string, unknown> })
      : undefined;
  }

  get type(): string {
    return this.input.type;
  }
}

/** " Label: value." when the payload has the value, else nothing, so that sentences never dangle. */
const clause = (label: string, value: string | undefined) => (value ? ` ${label}: ${value}.` : '');

const phrase = (table: Phrases, key: string | undefined, locale: Locale) =>
  key === undefined ? undefined : (table[key]?.[locale] ?? key);

const orderNo = (p: Fields) => p.text('orderNumber', 'supplierOrderNumber', 'purchaseOrderNumber') ?? '';
const total = (p: Fields, locale: Locale) =>
  clause(locale === 'vi' ? 'Tổng tiền' : 'Total', p.vnd(locale, 'totalVnd'));
const reason = (p: Fields, locale: Locale) => clause(locale === 'vi' ? 'Lý do' : 'Reason', p.text('reason'));
const paymentReason = (p: Fields, locale: Locale) =>
  clause(locale === 'vi' ? 'Lý do' : 'Reason', phrase(PAYMENT_REASONS, p.text('reason'), locale));
const product = (p: Fields, locale: Locale) =>
  p.text('productName') ?? (locale === 'vi' ? 'sản phẩm OCOP' : 'OCOP product');
const fair = (p: Fields, locale: Locale) =>
  p.text('fairName', 'name') ?? (locale === 'vi' ? 'hội chợ' : 'the fair');
const stall = (p: Fields) => p.text('stallCode') ?? '';
const holdUntil = (p: Fields, locale: Locale) =>
  clause(locale === 'vi' ? 'Giữ chỗ đến' : 'Held until', p.dateTime('holdExpiresAt'));
const stars = (p: Fields, locale: Locale) => {
  const count = p.text('stars');
  return count ? (locale === 'vi' ? `${count} sao` : `${count}-star`) : '';
};
const stallFee = (p: Fields, locale: Locale) =>
  clause(locale === 'vi' ? 'Phí gian hàng' : 'Stall fee', p.vnd(locale, 'amountVnd'));
const fairDates = (p: Fields, start: string, end: string) => {
  const [from, to] = [p.date(start), p.date(end)];
  if (!from) return undefined;
  return to && to !== from ? `${from} – ${to}` : from;
};
const previousDates = (p: Fields) => {
  const previous = p.nested('previous');
  return previous && fairDates(previous, 'startsAt', 'endsAt');
};
const fairWhenWhere = (p: Fields, locale: Locale) =>
  clause(locale === 'vi' ? 'Thời gian' : 'Dates', fairDates(p, 'startsAt', 'endsAt')) +
  clause(locale === 'vi' ? 'Địa điểm' : 'Venue', p.text('venue'));

/** What a payment is for: the purchase order by number, or a stall fee. */
const paymentFor = (p: Fields, locale: Locale) => {
  const order = p.text('orderNumber');
  if (order) return locale === 'vi' ? `đơn hàng ${order}` : `order ${order}`;
  if (p.text('subjectType') === 'booking') return locale === 'vi' ? 'phí gian hàng' : 'the stall fee';
  return locale === 'vi' ? 'khoản thanh toán của bạn' : 'your payment';
};
const stillDue = (p: Fields, locale: Locale) => {
  const [due, paid] = [p.number('amountDueVnd'), p.number('paidVnd')];
  const left = due !== undefined && paid !== undefined ? due - paid : 0;
  return left > 0 ? clause(locale === 'vi' ? 'Còn phải trả' : 'Still due', formatVnd(left, locale)) : '';
};

/** Payment reasons are mostly codes written by the payments module; Stripe's free text is shown as it is. */
const PAYMENT_REASONS: Phrases = {
  payment_failed: { vi: 'giao dịch bị từ chối', en: 'the transaction was declined' },
  card_declined: { vi: 'thẻ bị từ chối', en: 'the card was declined' },
  order_cancelled: { vi: 'đơn hàng đã bị hủy', en: 'the order was cancelled' },
  order_rejected: { vi: 'nhà sản xuất từ chối đơn hàng', en: 'the supplier rejected the order' },
  order_expired: { vi: 'đơn hàng hết hạn xác nhận', en: 'the order expired unaccepted' },
  partially_accepted: {
    vi: 'nhà sản xuất chỉ nhận một phần đơn hàng',
    en: 'the supplier accepted only part of the order',
  },
  order_changed: { vi: 'đơn hàng đã thay đổi', en: 'the order changed' },
  order_changed_before_payment: {
    vi: 'đơn hàng đã thay đổi trước khi thanh toán hoàn tất',
    en: 'the order changed before the payment completed',
  },
  stall_hold_expired: {
    vi: 'giữ chỗ gian hàng đã hết hạn trước khi nhận được thanh toán',
    en: 'the stall hold expired before the payment arrived',
  },
  refunded_at_stripe: { vi: 'hoàn tiền qua cổng thanh toán thẻ', en: 'refunded through the card processor' },
};

const CANCELLED_BY: Phrases = {
  producer: { vi: 'Nhà sản xuất đã hủy đặt chỗ', en: 'The producer cancelled the booking' },
  organizer: { vi: 'Ban tổ chức đã hủy đặt chỗ', en: 'The organizer cancelled the booking' },
  fair_cancelled: { vi: 'Hội chợ đã bị hủy', en: 'The fair was cancelled' },
  system: { vi: 'Giữ chỗ hết hạn', en: 'The hold expired' },
};

const OCOP_LEVELS: Phrases = {
  district: { vi: 'cấp huyện', en: 'district level' },
  province: { vi: 'cấp tỉnh', en: 'provincial level' },
  national: { vi: 'cấp quốc gia', en: 'national level' },
};

/** The buyer and the producer are told the same of a delivery, of the whole order or of their part. */
const ORDER_DELIVERED: Pair = {
  vi: (p) => ({
    subject: `Đơn hàng ${orderNo(p)} đã giao`,
    body: `Đơn hàng ${orderNo(p)} đã được giao thành công.${total(p, 'vi')}`,
  }),
  en: (p) => ({
    subject: `Order ${orderNo(p)} delivered`,
    body: `Order ${orderNo(p)} has been delivered.${total(p, 'en')}`,
  }),
};

export const TEMPLATES: Record<string, Pair> = {
  'purchase_order.placed': {
    vi: (p) => ({
      subject: `Đã đặt đơn hàng ${orderNo(p)}`,
      body: `Đơn hàng ${orderNo(p)} đã được gửi tới các nhà sản xuất và đang chờ xác nhận.${total(p, 'vi')}${clause('Ngày giao mong muốn', p.date('deliveryDate'))}`,
    }),
    en: (p) => ({
      subject: `Order ${orderNo(p)} placed`,
      body: `Order ${orderNo(p)} was sent to the producers and awaits their acceptance.${total(p, 'en')}${clause('Requested delivery date', p.date('deliveryDate'))}`,
    }),
  },
  'purchase_order.accepted': {
    vi: (p) => ({
      subject: `Đơn hàng ${orderNo(p)} đã được xác nhận`,
      body: `Các nhà sản xuất đã xác nhận đơn hàng ${orderNo(p)}.${total(p, 'vi')}`,
    }),
    en: (p) => ({
      subject: `Order ${orderNo(p)} accepted`,
      body: `The producers accepted order ${orderNo(p)}.${total(p, 'en')}`,
    }),
  },
  'purchase_order.shipped': {
    vi: (p) => ({
      subject: `Đơn hàng ${orderNo(p)} đang được giao`,
      body: `Toàn bộ hàng của đơn hàng ${orderNo(p)} đã được gửi đi.`,
    }),
    en: (p) => ({
      subject: `Order ${orderNo(p)} shipped`,
      body: `All goods of order ${orderNo(p)} have been shipped.`,
    }),
  },
  'purchase_order.delivered': ORDER_DELIVERED,
  'purchase_order.cancelled': {
    vi: (p) => ({
      subject: `Đơn hàng ${orderNo(p)} đã bị hủy`,
      body: `Đơn hàng ${orderNo(p)} đã bị hủy; hàng giữ chỗ đã được trả lại kho.`,
    }),
    en: (p) => ({
      subject: `Order ${orderNo(p)} cancelled`,
      body: `Order ${orderNo(p)} was cancelled; reserved stock was released.`,
    }),
  },
  'purchase_order.rejected': {
    vi: (p) => ({
      subject: `Đơn hàng ${orderNo(p)} bị từ chối`,
      body: `Không nhà sản xuất nào nhận đơn hàng ${orderNo(p)}, nên đơn hàng đã bị từ chối.`,
    }),
    en: (p) => ({
      subject: `Order ${orderNo(p)} rejected`,
      body: `No producer accepted order ${orderNo(p)}, so it was rejected.`,
    }),
  },
  'purchase_order.expired': {
    vi: (p) => ({
      subject: `Đơn hàng ${orderNo(p)} đã hết hạn`,
      body: `Đơn hàng ${orderNo(p)} đã hết hạn vì không được nhà sản xuất xác nhận kịp thời; hàng giữ chỗ đã được trả lại kho.`,
    }),
    en: (p) => ({
      subject: `Order ${orderNo(p)} expired`,
      body: `Order ${orderNo(p)} expired because no producer accepted it in time; reserved stock was released.`,
    }),
  },
  'supplier_order.placed': {
    vi: (p) => ({
      subject: `Đơn hàng mới ${orderNo(p)}`,
      body: `Bạn có đơn đặt hàng mới ${orderNo(p)} từ ${p.text('buyerName') ?? 'người mua'}.${total(p, 'vi')}${clause('Ngày giao', p.date('deliveryDate'))} Vui lòng xác nhận trước ${p.dateTime('acceptBy') ?? 'khi hết hạn'}.`,
    }),
    en: (p) => ({
      subject: `New order ${orderNo(p)}`,
      body: `You have a new order ${orderNo(p)} from ${p.text('buyerName') ?? 'a buyer'}.${total(p, 'en')}${clause('Delivery date', p.date('deliveryDate'))} Please accept it by ${p.dateTime('acceptBy') ?? 'the deadline'}.`,
    }),
  },
  'supplier_order.accepted': {
    vi: (p) => ({
      subject: `Đơn hàng ${orderNo(p)} đã được nhận`,
      body: `Nhà sản xuất đã nhận đơn hàng ${orderNo(p)}.${total(p, 'vi')}`,
    }),
    en: (p) => ({
      subject: `Order ${orderNo(p)} accepted`,
      body: `The producer accepted order ${orderNo(p)}.${total(p, 'en')}`,
    }),
  },
  'supplier_order.rejected': {
    vi: (p) => ({
      subject: `Đơn hàng ${orderNo(p)} bị từ chối`,
      body: `Nhà sản xuất đã từ chối đơn hàng ${orderNo(p)}.${reason(p, 'vi')}`,
    }),
    en: (p) => ({
      subject: `Order ${orderNo(p)} rejected`,
      body: `The producer rejected order ${orderNo(p)}.${reason(p, 'en')}`,
    }),
  },
  'supplier_order.shipped': {
    vi: (p) => ({
      subject: `Đơn hàng ${orderNo(p)} đã được gửi đi`,
      body: `Nhà sản xuất đã gửi hàng của đơn hàng ${orderNo(p)}.${clause('Mã vận đơn', p.text('trackingRef'))}`,
    }),
    en: (p) => ({
      subject: `Order ${orderNo(p)} shipped`,
      body: `The producer shipped order ${orderNo(p)}.${clause('Tracking reference', p.text('trackingRef'))}`,
    }),
  },
  'supplier_order.delivered': ORDER_DELIVERED,
  'supplier_order.cancelled': {
    vi: (p) => ({
      subject: `Đơn hàng ${orderNo(p)} đã bị hủy`,
      body: `Đơn hàng ${orderNo(p)} đã bị hủy.${reason(p, 'vi')}`,
    }),
    en: (p) => ({
      subject: `Order ${orderNo(p)} cancelled`,
      body: `Order ${orderNo(p)} was cancelled.${reason(p, 'en')}`,
    }),
  },
  'supplier_order.expiring_soon': {
    vi: (p) => ({
      subject: `Đơn hàng ${orderNo(p)} sắp hết hạn xác nhận`,
      body: `Đơn hàng ${orderNo(p)} cần được nhận hoặc từ chối trước ${p.dateTime('acceptBy') ?? 'khi hết hạn'}, nếu không đơn sẽ tự hết hạn.`,
    }),
    en: (p) => ({
      subject: `Order ${orderNo(p)} expires soon`,
      body: `Order ${orderNo(p)} must be accepted or rejected by ${p.dateTime('acceptBy') ?? 'the deadline'}, or it expires.`,
    }),
  },
  'supplier_order.expired': {
    vi: (p) => ({
      subject: `Đơn hàng ${orderNo(p)} đã hết hạn`,
      body: `Đơn hàng ${orderNo(p)} đã hết hạn vì không được xác nhận kịp thời; hàng giữ chỗ đã được trả lại kho.`,
    }),
    en: (p) => ({
      subject: `Order ${orderNo(p)} expired`,
      body: `Order ${orderNo(p)} expired because it was not accepted in time; reserved stock was released.`,
    }),
  },
  'payment.received': {
    vi: (p) => ({
      subject: `Đã nhận thanh toán cho ${paymentFor(p, 'vi')}`,
      body: `Đã ghi nhận khoản thanh toán ${p.vnd('vi', 'amountVnd') ?? ''} cho ${paymentFor(p, 'vi')}.${stillDue(p, 'vi')}`,
    }),
    en: (p) => ({
      subject: `Payment received for ${paymentFor(p, 'en')}`,
      body: `A payment of ${p.vnd('en', 'amountVnd') ?? 'an amount'} for ${paymentFor(p, 'en')} was recorded.${stillDue(p, 'en')}`,
    }),
  },
  'payment.failed': {
    vi: (p) => ({
      subject: `Thanh toán cho ${paymentFor(p, 'vi')} không thành công`,
      body: `Khoản thanh toán ${p.vnd('vi', 'amountVnd') ?? ''} cho ${paymentFor(p, 'vi')} không thành công.${paymentReason(p, 'vi')} Vui lòng thử lại hoặc dùng phương thức khác.`,
    }),
    en: (p) => ({
      subject: `Payment for ${paymentFor(p, 'en')} failed`,
      body: `The payment of ${p.vnd('en', 'amountVnd') ?? 'an amount'} for ${paymentFor(p, 'en')} failed.${paymentReason(p, 'en')} Please try again or use another method.`,
    }),
  },
  'payment.refunded': {
    vi: (p) => ({
      subject: `Hoàn tiền cho ${paymentFor(p, 'vi')}`,
      body: `Đã hoàn lại ${p.vnd('vi', 'amountVnd') ?? 'một khoản'} cho ${paymentFor(p, 'vi')}.${paymentReason(p, 'vi')}`,
    }),
    en: (p) => ({
      subject: `Refund for ${paymentFor(p, 'en')}`,
      body: `${p.vnd('en', 'amountVnd') ?? 'An amount'} was refunded for ${paymentFor(p, 'en')}.${paymentReason(p, 'en')}`,
    }),
  },
  'payment.overdue': {
    vi: (p) => ({
      subject: `Thanh toán cho ${paymentFor(p, 'vi')} đã quá hạn`,
      body: `Khoản thanh toán cho ${paymentFor(p, 'vi')} đã quá hạn${p.date('dueDate') ? ` (hạn ${p.date('dueDate')})` : ''}.${clause('Số tiền còn phải trả', p.vnd('vi', 'amountVnd'))} Vui lòng thanh toán sớm.`,
    }),
    en: (p) => ({
      subject: `Payment for ${paymentFor(p, 'en')} is overdue`,
      body: `The payment for ${paymentFor(p, 'en')} is overdue${p.date('dueDate') ? ` (due ${p.date('dueDate')})` : ''}.${clause('Amount due', p.vnd('en', 'amountVnd'))} Please pay as soon as possible.`,
    }),
  },
  'booking.held': {
    vi: (p) => ({
      subject: `Giữ chỗ gian hàng ${stall(p)} tại ${fair(p, 'vi')}`,
      body: `Gian hàng ${stall(p)} tại ${fair(p, 'vi')} đang được giữ chỗ.${stallFee(p, 'vi')}${holdUntil(p, 'vi')} Vui lòng thanh toán phí gian hàng trước khi hết hạn giữ chỗ.`,
    }),
    en: (p) => ({
      subject: `Stall ${stall(p)} held at ${fair(p, 'en')}`,
      body: `Stall ${stall(p)} at ${fair(p, 'en')} is held.${stallFee(p, 'en')}${holdUntil(p, 'en')} Please pay the stall fee before the hold expires.`,
    }),
  },
  'booking.confirmed': {
    vi: (p) => ({
      subject: `Đặt gian hàng ${stall(p)} tại ${fair(p, 'vi')} đã được xác nhận`,
      body: `Gian hàng ${stall(p)} tại ${fair(p, 'vi')} đã được xác nhận.${clause('Hội chợ bắt đầu', p.date('fairStartsAt'))}`,
    }),
    en: (p) => ({
      subject: `Stall ${stall(p)} at ${fair(p, 'en')} confirmed`,
      body: `Stall ${stall(p)} at ${fair(p, 'en')} is confirmed.${clause('Fair starts', p.date('fairStartsAt'))}`,
    }),
  },
  'booking.expired': {
    vi: (p) => ({
      subject: `Giữ chỗ gian hàng ${stall(p)} tại ${fair(p, 'vi')} đã hết hạn`,
      body: `Giữ chỗ gian hàng ${stall(p)} tại ${fair(p, 'vi')} đã hết hạn vì chưa được thanh toán; gian hàng đã được mở lại.`,
    }),
    en: (p) => ({
      subject: `Stall hold ${stall(p)} at ${fair(p, 'en')} expired`,
      body: `The hold on stall ${stall(p)} at ${fair(p, 'en')} expired unpaid; the stall is available again.`,
    }),
  },
  'booking.cancelled': {
    vi: (p) => ({
      subject: `Đặt gian hàng ${stall(p)} tại ${fair(p, 'vi')} đã bị hủy`,
      body: `Đặt gian hàng ${stall(p)} tại ${fair(p, 'vi')} đã bị hủy.${phrase(CANCELLED_BY, p.text('by'), 'vi') ? ` ${phrase(CANCELLED_BY, p.text('by'), 'vi')}.` : ''}`,
    }),
    en: (p) => ({
      subject: `Stall booking ${stall(p)} at ${fair(p, 'en')} cancelled`,
      body: `The booking of stall ${stall(p)} at ${fair(p, 'en')} was cancelled.${phrase(CANCELLED_BY, p.text('by'), 'en') ? ` ${phrase(CANCELLED_BY, p.text('by'), 'en')}.` : ''}`,
    }),
  },
  'booking.checked_in': {
    vi: (p) => ({
      subject: `Đã nhận gian hàng ${stall(p)} tại ${fair(p, 'vi')}`,
      body: `Gian hàng ${stall(p)} tại ${fair(p, 'vi')} đã làm thủ tục nhận gian hàng (check-in). Chúc bạn bán hàng thành công!`,
    }),
    en: (p) => ({
      subject: `Checked in at stall ${stall(p)}, ${fair(p, 'en')}`,
      body: `Stall ${stall(p)} at ${fair(p, 'en')} is checked in. Have a good fair!`,
    }),
  },
  'booking.waitlist_offer': {
    vi: (p) => ({
      subject: `Có gian hàng trống tại ${fair(p, 'vi')}`,
      body: `Gian hàng ${stall(p)} tại ${fair(p, 'vi')} vừa trống và đang được giữ cho bạn.${stallFee(p, 'vi')}${holdUntil(p, 'vi')} Vui lòng thanh toán trước khi hết hạn giữ chỗ.`,
    }),
    en: (p) => ({
      subject: `A stall is free at ${fair(p, 'en')}`,
      body: `Stall ${stall(p)} at ${fair(p, 'en')} became free and is held for you.${stallFee(p, 'en')}${holdUntil(p, 'en')} Please pay before the hold expires.`,
    }),
  },
  'fair.published': {
    vi: (p) => ({
      subject: `${fair(p, 'vi')} đã được công bố`,
      body: `${fair(p, 'vi')} đã được công bố và mở đăng ký gian hàng.${fairWhenWhere(p, 'vi')}`,
    }),
    en: (p) => ({
      subject: `${fair(p, 'en')} is published`,
      body: `${fair(p, 'en')} is published and open for stall bookings.${fairWhenWhere(p, 'en')}`,
    }),
  },
  'fair.rescheduled': {
    vi: (p) => ({
      subject: `${fair(p, 'vi')} đổi lịch`,
      body: `${fair(p, 'vi')} đã đổi lịch sang ${fairDates(p, 'startsAt', 'endsAt') ?? 'ngày mới'}.${clause('Lịch cũ', previousDates(p))}${clause('Địa điểm', p.text('venue'))}`,
    }),
    en: (p) => ({
      subject: `${fair(p, 'en')} rescheduled`,
      body: `${fair(p, 'en')} moved to ${fairDates(p, 'startsAt', 'endsAt') ?? 'new dates'}.${clause('Previously', previousDates(p))}${clause('Venue', p.text('venue'))}`,
    }),
  },
  'fair.cancelled': {
    vi: (p) => ({
      subject: `${fair(p, 'vi')} đã bị hủy`,
      body: `${fair(p, 'vi')} đã bị hủy; các đặt gian hàng và danh sách chờ của hội chợ cũng bị hủy theo.${fairWhenWhere(p, 'vi')}`,
    }),
    en: (p) => ({
      subject: `${fair(p, 'en')} cancelled`,
      body: `${fair(p, 'en')} was cancelled, and with it its stall bookings and waiting list.${fairWhenWhere(p, 'en')}`,
    }),
  },
  'product.ocop_rated': {
    vi: (p) => ({
      subject: `${product(p, 'vi')} đạt OCOP ${stars(p, 'vi')}`,
      body: `${product(p, 'vi')} đã được công nhận sản phẩm OCOP ${stars(p, 'vi')} ${phrase(OCOP_LEVELS, p.text('level'), 'vi') ?? ''}.${clause('Giấy chứng nhận số', p.text('certificateNo'))}${clause('Hiệu lực đến hết ngày', p.date('expiresOn'))}`,
    }),
    en: (p) => ({
      subject: `${product(p, 'en')} rated ${stars(p, 'en')} OCOP`,
      body: `${product(p, 'en')} was rated a ${stars(p, 'en')} OCOP product ${phrase(OCOP_LEVELS, p.text('level'), 'en') ? `at ${phrase(OCOP_LEVELS, p.text('level'), 'en')}` : ''}.${clause('Certificate no.', p.text('certificateNo'))}${clause('Valid through', p.date('expiresOn'))}`,
    }),
  },
  'ocop.certificate_expiring': {
    vi: (p) => ({
      subject: `Chứng nhận OCOP của ${product(p, 'vi')} sắp hết hạn`,
      body: `Chứng nhận OCOP ${p.text('certificateNumber') ?? ''} của ${product(p, 'vi')} có hiệu lực đến hết ngày ${p.date('expiresOn') ?? '(không rõ)'}. Vui lòng chuẩn bị hồ sơ đánh giá lại.`,
    }),
    en: (p) => ({
      subject: `OCOP certificate of ${product(p, 'en')} expires soon`,
      body: `OCOP certificate ${p.text('certificateNumber') ?? ''} of ${product(p, 'en')} is valid through ${p.date('expiresOn') ?? '(unknown)'}. Please prepare the re-assessment.`,
    }),
  },
  'ocop.certificate_expired': {
    vi: (p) => ({
      subject: `Chứng nhận OCOP của ${product(p, 'vi')} đã hết hạn`,
      body: `Chứng nhận OCOP ${p.text('certificateNumber') ?? ''} của ${product(p, 'vi')} đã hết hiệu lực sau ngày ${p.date('expiresOn') ?? '(không rõ)'}. Vui lòng đăng ký đánh giá lại để giữ hạng sao.`,
    }),
    en: (p) => ({
      subject: `OCOP certificate of ${product(p, 'en')} expired`,
      body: `OCOP certificate ${p.text('certificateNumber') ?? ''} of ${product(p, 'en')} was valid through ${p.date('expiresOn') ?? '(unknown)'} and has expired. Please apply for re-assessment to keep the star rating.`,
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
  'organization.suspended': {
    vi: (p) => ({
      subject: `${p.text('name') ?? 'Tổ chức'} bị tạm ngừng hoạt động`,
      body: `Văn phòng OCOP tỉnh đã tạm ngừng hoạt động của ${p.text('name') ?? 'tổ chức của bạn'} trên sàn.${reason(p, 'vi')} Vui lòng liên hệ Văn phòng OCOP tỉnh để được hướng dẫn.`,
    }),
    en: (p) => ({
      subject: `${p.text('name') ?? 'Your organization'} is suspended`,
      body: `The provincial OCOP office suspended ${p.text('name') ?? 'your organization'} on the marketplace.${reason(p, 'en')} Please contact the office for guidance.`,
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

function hasTemplate(type: string): boolean {
  return Object.hasOwn(TEMPLATES, type);
}

export function renderNotification(input: TemplateInput, locale: Locale): RenderedMessage {
  const pair = hasTemplate(input.type) ? TEMPLATES[input.type] : GENERIC;
  const rendered = pair[locale === 'en' ? 'en' : 'vi'](new Fields(input));
  return { subject: tidy(rendered.subject), body: tidy(rendered.body) };
}

/** Optional parts left out leave doubled spaces or a space before punctuation; a sentence starts upper-case. */
function tidy(text: string): string {
  const collapsed = text
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,;)])/g, '$1')
    .trim();
  return collapsed.charAt(0).toUpperCase() + collapsed.slice(1);
}
