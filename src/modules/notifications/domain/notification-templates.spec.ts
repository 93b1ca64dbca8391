import { KNOWN_EVENT_TYPES, renderNotification } from './notification-templates';

const event = (type: string, payload: Record<string, unknown> = {}) => ({
  type,
  aggregateType: type.split('.')[0],
  aggregateId: '0b8f6a9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  payload,
});

describe('notification templates', () => {
  it('covers every event the programme notifies about', () => {
    expect([...KNOWN_EVENT_TYPES].sort()).toEqual(
      [
        'supplier_order.placed',
        'supplier_order.accepted',
        'supplier_order.rejected',
        'supplier_order.cancelled',
        'supplier_order.expiring_soon',
        'supplier_order.expired',
        'purchase_order.shipped',
        'purchase_order.delivered',
        'payment.received',
        'payment.failed',
        'payment.refunded',
        'booking.held',
        'booking.confirmed',
        'booking.expired',
        'booking.cancelled',
        'booking.waitlist_offer',
        'ocop.certificate_expiring',
        'ocop.certificate_expired',
        'organization.verified',
      ].sort(),
    );
  });

  it.each(KNOWN_EVENT_TYPES.map((type) => [type]))('%s renders in both languages without gaps', (type) => {
    for (const locale of ['vi', 'en'] as const) {
      const message = renderNotification(event(type), locale);
      expect(message.subject.length).toBeGreaterThan(3);
      expect(message.body.length).toBeGreaterThan(10);
      expect(`${message.subject} ${message.body}`).not.toMatch(/undefined|null|NaN|\{/);
    }
    expect(renderNotification(event(type), 'vi').subject).not.toBe(
      renderNotification(event(type), 'en').subject,
    );
  });

  it('uses the payload: order number and VND amounts formatted per language', () => {
    const placed = event('supplier_order.placed', {
      orderNumber: 'SO-2026-7',
      buyerName: 'WinMart',
      totalVnd: 12500000,
    });
    expect(renderNotification(placed, 'vi')).toEqual({
      subject: 'Đơn hàng mới SO-2026-7',
      body: 'Bạn có đơn đặt hàng mới SO-2026-7 từ WinMart. Số tiền: 12.500.000 ₫. Vui lòng xác nhận trước khi hết hạn.',
    });
    expect(renderNotification(placed, 'en').body).toContain('Amount: VND 12,500,000.');
  });

  it('falls back to a generic message for other event types', () => {
    const message = renderNotification(event('fair.published'), 'vi');
    expect(message.subject).toBe('Thông báo: fair.published');
    expect(message.body).toContain('#0B8F6A9E');
  });
});
