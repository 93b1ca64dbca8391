import type { BookingEventPayload, FairEventPayload } from '../../fairs';
import type { PurchaseOrderChangedPayload, SupplierOrderChangedPayload } from '../../ordering';
import type { PaymentEventPayload } from '../../payments';
import { KNOWN_EVENT_TYPES, Locale, renderNotification } from '../domain/notification-templates';
import { DELIVERABLE_EVENT_TYPES } from './event-catalogue';

const AGGREGATE_ID = '3680859e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

// Payloads shaped as the emitting modules write them (typed where the module exports the type).
const purchaseOrder: PurchaseOrderChangedPayload = {
  orderNumber: 'PO-2026-000123',
  purchaseOrderId: AGGREGATE_ID,
  purchaseOrderNumber: 'PO-2026-000123',
  buyerId: 'b1',
  from: 'placed',
  to: 'cancelled',
  subtotalVnd: 11_500_000,
  vatVnd: 1_000_000,
  totalVnd: 12_500_000,
};
const supplierOrder: SupplierOrderChangedPayload = {
  orderNumber: 'SO-2026-000456',
  supplierOrderId: AGGREGATE_ID,
  supplierOrderNumber: 'SO-2026-000456',
  purchaseOrderId: 'po',
  purchaseOrderNumber: 'PO-2026-000123',
  producerId: 'p1',
  buyerId: 'b1',
  from: 'placed',
  to: 'rejected',
  actorUserId: null,
  reason: 'Hết hàng vụ này',
  trackingRef: 'VTP123',
  acceptBy: '2026-03-20T03:15:00.000Z',
  lines: [],
  subtotalVnd: 1_000_000,
  vatVnd: 80_000,
  totalVnd: 1_080_000,
};
const payment: PaymentEventPayload = {
  paymentId: 'pay',
  subjectType: 'purchase_order',
  subjectId: AGGREGATE_ID,
  subjectLabel: 'PO-2026-000123',
  orderNumber: 'PO-2026-000123',
  payerId: 'b1',
  method: 'card',
  state: 'paid',
  amountVnd: 1_250_000,
  paidVnd: 1_250_000,
  refundedVnd: 0,
  amountDueVnd: 2_000_000,
  reference: 'OCOP123',
  dueDate: '2026-04-30',
  reason: 'order_cancelled',
};
const booking: BookingEventPayload = {
  bookingId: AGGREGATE_ID,
  fairId: 'f1',
  fairName: 'Hội chợ OCOP Quảng Ninh 2026',
  stallId: 's1',
  stallCode: 'A-12',
  producerId: 'p1',
  organizerId: 'o1',
  status: 'held',
  amountVnd: 2_000_000,
  holdExpiresAt: '2026-03-20T03:15:00.000Z',
  fairStartsAt: '2026-04-01T01:00:00.000Z',
  by: 'organizer',
};
const fair: FairEventPayload = {
  fairId: AGGREGATE_ID,
  name: 'Hội chợ OCOP Quảng Ninh 2026',
  organizerId: 'o1',
  venue: 'Cung Quy hoạch, Hạ Long',
  communeCode: '06970',
  provinceCode: '22',
  startsAt: '2026-04-01T01:00:00.000Z',
  endsAt: '2026-04-05T10:00:00.000Z',
  status: 'published',
  previous: { startsAt: '2026-03-25T01:00:00.000Z', endsAt: '2026-03-29T10:00:00.000Z' },
};
const SAMPLES: Record<string, Record<string, unknown>> = {
  purchase_order: { ...purchaseOrder, buyerName: 'WinMart Hạ Long', deliveryDate: '2026-03-27' },
  supplier_order: { ...supplierOrder, buyerName: 'WinMart Hạ Long', deliveryDate: '2026-03-27' },
  payment: { ...payment },
  booking,
  fair,
  product: {
    productId: AGGREGATE_ID,
    productName: 'Chè đường Ba Chẽ',
    previousStars: null,
    stars: 4,
    certificateNo: 'QN-2026-0042',
    level: 'province',
    issuedOn: '2026-01-15',
    expiresOn: '2029-01-14',
  },
  ocop: {
    certificateId: AGGREGATE_ID,
    certificateNumber: 'QN-2026-0042',
    productId: 'pr1',
    productName: 'Chè đường Ba Chẽ',
    organizationId: 'p1',
    expiresOn: '2026-04-14',
    daysLeft: 25,
  },
  organization: {
    organizationId: AGGREGATE_ID,
    name: 'HTX Chè Ba Chẽ',
    from: 'pending',
    to: 'verified',
    reason: 'Hồ sơ hợp lệ',
  },
};

const render = (type: string, locale: Locale) => {
  const payload = SAMPLES[type.split('.')[0]];
  const message = renderNotification(
    { type, aggregateType: 'x', aggregateId: AGGREGATE_ID, payload },
    locale,
  );
  return `${message.subject}\n${message.body}`;
};

describe('event catalogue', () => {
  it('has a sample payload for every event family', () => {
    const families = new Set(DELIVERABLE_EVENT_TYPES.map((type) => type.split('.')[0]));
    expect([...families].filter((family) => !SAMPLES[family])).toEqual([]);
  });

  it('has a template for every deliverable type, and no template for a type nobody emits', () => {
    expect([...KNOWN_EVENT_TYPES].sort()).toEqual([...DELIVERABLE_EVENT_TYPES].sort());
  });

  it.each(DELIVERABLE_EVENT_TYPES.map((type) => [type]))(
    '%s reads as a sentence in Vietnamese and English, with the payload’s human fields',
    (type) => {
      const [vi, en] = [render(type, 'vi'), render(type, 'en')];
      for (const text of [vi, en]) {
        expect(text).not.toContain(type);
        expect(text).not.toMatch(/undefined|null|NaN|Invalid Date|\[object|[{}$]|#[0-9A-F]{8}|3680859E/i);
        expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}/);
        expect(text).not.toMatch(/ {2}| [.,]|\.\./);
      }
      expect(vi).not.toBe(en);
      expect(vi).toMatch(/[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i);
    },
  );
});
