import { formatVnd, KNOWN_EVENT_TYPES, renderNotification } from './notification-templates';

const event = (type: string, payload: Record<string, unknown> = {}) => ({
  type,
  aggregateType: type.split('.')[0],
  aggregateId: '0b8f6a9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  payload,
});

describe('notification templates', () => {
  it.each(KNOWN_EVENT_TYPES.map((type) => [type]))(
    '%s renders in both languages without gaps even from an empty payload',
    (type) => {
      for (const locale of ['vi', 'en'] as const) {
        const message = renderNotification(event(type), locale);
        expect(message.subject.length).toBeGreaterThan(3);
        expect(message.body.length).toBeGreaterThan(10);
        expect(`${message.subject} ${message.body}`).not.toMatch(/undefined|null|NaN|Invalid Date|\{|#0B8F/);
      }
      expect(renderNotification(event(type), 'vi').subject).not.toBe(
        renderNotification(event(type), 'en').subject,
      );
    },
  );

  it('tells a buyer which purchase order was cancelled, by its number', () => {
    const cancelled = event('purchase_order.cancelled', {
      orderNumber: 'PO-2026-000123',
      purchaseOrderNumber: 'PO-2026-000123',
      totalVnd: 0,
    });
    expect(renderNotification(cancelled, 'vi')).toEqual({
      subject: 'Đơn hàng PO-2026-000123 đã bị hủy',
      body: 'Đơn hàng PO-2026-000123 đã bị hủy; hàng giữ chỗ đã được trả lại kho.',
    });
    expect(renderNotification(cancelled, 'en').subject).toBe('Order PO-2026-000123 cancelled');
  });

  it('uses the payload: order number, VND with dots and deadlines in Vietnam time', () => {
    const placed = event('supplier_order.placed', {
      orderNumber: 'SO-2026-7',
      buyerName: 'WinMart',
      totalVnd: 12500000,
      deliveryDate: '2026-03-27',
      acceptBy: '2026-03-19T17:30:00.000Z',
    });
    expect(renderNotification(placed, 'vi')).toEqual({
      subject: 'Đơn hàng mới SO-2026-7',
      body: 'Bạn có đơn đặt hàng mới SO-2026-7 từ WinMart. Tổng tiền: 12.500.000 ₫. Ngày giao: 27/03/2026. Vui lòng xác nhận trước 00:30 20/03/2026.',
    });
    expect(renderNotification(placed, 'en').body).toBe(
      'You have a new order SO-2026-7 from WinMart. Total: 12.500.000 VND. Delivery date: 27/03/2026. Please accept it by 00:30 20/03/2026.',
    );
  });

  it('dates a fair by its day in Vietnam, not in UTC', () => {
    const published = event('fair.published', {
      name: 'Hội chợ OCOP Hạ Long',
      startsAt: '2026-03-31T18:00:00.000Z',
      endsAt: '2026-04-03T10:00:00.000Z',
    });
    expect(renderNotification(published, 'vi').body).toContain('Thời gian: 01/04/2026 – 03/04/2026.');
  });

  it('explains refund reasons written as codes, and shows free text as it is', () => {
    const refund = (reason: string) =>
      renderNotification(event('payment.refunded', { orderNumber: 'PO-1', amountVnd: 50000, reason }), 'vi')
        .body;
    expect(refund('stall_hold_expired')).toBe(
      'Đã hoàn lại 50.000 ₫ cho đơn hàng PO-1. Lý do: giữ chỗ gian hàng đã hết hạn trước khi nhận được thanh toán.',
    );
    expect(refund('Khách đổi ý')).toContain('Lý do: Khách đổi ý.');
  });

  it('formats whole đồng with a dot between thousands in both languages', () => {
    expect(formatVnd(0, 'vi')).toBe('0 ₫');
    expect(formatVnd(999, 'en')).toBe('999 VND');
    expect(formatVnd(1_000, 'vi')).toBe('1.000 ₫');
    expect(formatVnd(3_000_000_000, 'en')).toBe('3.000.000.000 VND');
  });

  it('falls back to a generic message for an event type nobody emits', () => {
    const message = renderNotification(event('no.such_event'), 'vi');
    expect(message.subject).toBe('Thông báo: no.such_event');
    expect(message.body).toContain('#0B8F6A9E');
  });
});
