import { Clock } from '@ocop/clock';
import { adminSession, eventually, Session, verifiedUser } from '../support/factories';
import { FakeStripe, startFakeStripe } from '../support/fake-stripe';
import { outboxOf, publishedFair } from '../support/fairs';
import { deliverStripeEvent } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';

const FEE_VND = 100_000;

/**
 * Who confirms a stall booking: the fair's organizer a free stall, the payment a stall with a fee.
 * The app has a fake Stripe, so it has a database of its own.
 */
describe('fairs: confirming stall bookings', () => {
  const clock = new Clock();
  let fake: FakeStripe;
  let t: TestApp;
  let admin: { token: string };
  let organizer: Session;

  beforeAll(async () => {
    fake = await startFakeStripe();
    t = await startTestApp(fake.env, { ownDatabase: true });
    admin = await adminSession(t);
    organizer = await verifiedUser(t, admin, 'organizer');
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });

  /** A fresh producer holding the only stall of a new fair priced `priceVnd`. */
  async function held(priceVnd: number) {
    const producer = await verifiedUser(t, admin, 'producer');
    const { fair, stalls } = await publishedFair(t, organizer, clock, { count: 1, priceVnd });
    const booking = await t.http.post(
      `/fairs/${fair.id}/bookings`,
      { stallId: stalls[0].id },
      { token: producer.token },
    );
    expect(booking.status).toBe(201);
    return { producer, fair, booking: booking.body };
  }
  const confirm = (id: string, who: { token: string }, headers?: Record<string, string>) =>
    t.http.post(`/bookings/${id}/confirm`, {}, { token: who.token, headers });
  const summaryOf = async (fairId: string) =>
    (await t.http.get(`/fairs/${fairId}/summary`, { token: organizer.token })).body;
  const stallSalesOf = async (producer: Session) => {
    const report = await t.http.get('/reports/sales?groupBy=producer', { token: producer.token });
    expect(report.status).toBe(200);
    return { bookings: report.body.totals.fairBookings, vnd: report.body.totals.fairStallsVnd };
  };

  it('lets the fair’s organizer confirm a free stall, once; not the producer holding it', async () => {
    const { producer, fair, booking } = await held(0);
    expect((await confirm(booking.id, producer)).status).toBe(403);

    const confirmed = await confirm(booking.id, organizer);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', amountVnd: 0, holdExpiresAt: null });
    const again = await confirm(booking.id, organizer);
    expect(again.status).toBe(200);
    expect(again.body.confirmedAt).toBe(confirmed.body.confirmedAt);
    const events = await outboxOf(t, booking.id);
    expect(events.map((e) => e.type)).toEqual(['booking.held', 'booking.confirmed']);
    expect(events[1].payload).toMatchObject({ by: 'organizer', paymentRef: null });
    expect(await summaryOf(fair.id)).toMatchObject({ booked: 1, held: 0, revenueVnd: 0 });

    // Free stalls are the organizer's to give: the OCOP office oversees, it does not confirm or cancel.
    const other = await held(0);
    const byAdmin = await confirm(other.booking.id, admin);
    expect({ status: byAdmin.status, code: byAdmin.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    const cancelByAdmin = await t.http.post(
      `/bookings/${other.booking.id}/cancel`,
      {},
      { token: admin.token },
    );
    expect(cancelByAdmin.status).toBe(403);
    const current = await t.http.get(`/bookings/${other.booking.id}`, { token: admin.token });
    expect(current.body.status).toBe('held');
  });

  it('refuses to confirm a stall whose fee is unpaid, to the organizer (and the administrator may not at all)', async () => {
    const { producer, fair, booking } = await held(FEE_VND);

    const byOrganizer = await confirm(booking.id, organizer);
    expect(byOrganizer.status).toBe(409);
    expect(byOrganizer.headers.get('content-type')).toContain('application/problem+json');
    expect(byOrganizer.body).toMatchObject({
      status: 409,
      code: 'STALL_FEE_UNPAID',
      detail:
        'Phí gian hàng (100000 đồng) chưa được thanh toán; lượt đặt sẽ được xác nhận khi nhà sản xuất thanh toán.',
    });
    const inEnglish = await confirm(booking.id, organizer, { 'Accept-Language': 'en' });
    expect(inEnglish.body).toMatchObject({
      code: 'STALL_FEE_UNPAID',
      detail:
        'The stall fee (100000 VND) has not been paid; the booking is confirmed when the producer pays it.',
    });
    expect((await confirm(booking.id, admin)).status).toBe(403);
    expect((await confirm(booking.id, producer)).status).toBe(403);

    // Nothing moved: the stall is still only held and no fee counts as revenue anywhere.
    const current = await t.http.get(`/bookings/${booking.id}`, { token: producer.token });
    expect(current.body).toMatchObject({ status: 'held', confirmedAt: null });
    expect((await outboxOf(t, booking.id)).map((e) => e.type)).toEqual(['booking.held']);
    expect(await summaryOf(fair.id)).toMatchObject({
      booked: 0,
      held: 1,
      revenueVnd: 0,
      pendingVnd: FEE_VND,
    });
    expect(await stallSalesOf(producer)).toEqual({ bookings: 0, vnd: 0 });
  });

  it('confirms a stall with a fee when the fee is paid by card; confirming it then changes nothing', async () => {
    const { producer, fair, booking } = await held(FEE_VND);
    const intent = await t.http.post(`/bookings/${booking.id}/payment-intent`, {}, { token: producer.token });
    expect(intent.status).toBe(201);
    expect(intent.body).toMatchObject({ amount: FEE_VND, currency: 'vnd' });
    expect((await confirm(booking.id, organizer)).body.code).toBe('STALL_FEE_UNPAID');

    const paid = fake.signedEvent('payment_intent.succeeded', fake.succeed(intent.body.paymentIntentId));
    expect((await deliverStripeEvent(t, paid)).status).toBe(200);
    const confirmed = await eventually(async () => {
      const current = await t.http.get(`/bookings/${booking.id}`, { token: producer.token });
      return current.body.status === 'confirmed' ? current.body : undefined;
    });
    expect(confirmed).toMatchObject({ holdExpiresAt: null, checkInCode: expect.any(String) });

    const byOrganizer = await confirm(booking.id, organizer);
    expect(byOrganizer.status).toBe(200);
    expect(byOrganizer.body).toMatchObject({ status: 'confirmed', confirmedAt: confirmed.confirmedAt });
    // Payments writes its own event for the booking too; the booking's own events are these.
    const events = (await outboxOf(t, booking.id)).filter((e) => e.type.startsWith('booking.'));
    expect(events.map((e) => e.type)).toEqual(['booking.held', 'booking.confirmed']);
    expect(events[1].payload).toMatchObject({ by: 'payment', paymentRef: intent.body.paymentIntentId });
    expect(await summaryOf(fair.id)).toMatchObject({ booked: 1, revenueVnd: FEE_VND });
    expect(await stallSalesOf(producer)).toEqual({ bookings: 1, vnd: FEE_VND });
  });
});
