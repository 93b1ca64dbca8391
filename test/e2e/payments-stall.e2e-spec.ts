import { FairsFacade } from '../../src/modules/fairs';
import { adminSession, eventually, Session, verifiedUser } from '../support/factories';
import { FakeStripe, startFakeStripe } from '../support/fake-stripe';
import { publishedFair } from '../support/fairs';
import { ManualClock } from '../support/manual-clock';
import { deliverStripeEvent, ledgerImbalance } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';

const HOLD_SECONDS = 600;

describe('payments: stall fees by card', () => {
  const clock = new ManualClock();
  let fake: FakeStripe;
  let t: TestApp;
  let organizer: Session;
  let producers: Session[];

  beforeAll(async () => {
    fake = await startFakeStripe();
    t = await startTestApp(
      { ...fake.env, STALL_HOLD_SECONDS: String(HOLD_SECONDS) },
      { clock, ownDatabase: true },
    );
    const admin = await adminSession(t);
    organizer = await verifiedUser(t, admin, 'organizer');
    producers = await Promise.all([1, 2, 3].map(() => verifiedUser(t, admin, 'producer')));
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });

  async function hold(producer: Session) {
    const { fair, stalls } = await publishedFair(t, organizer, clock, { count: 1 });
    const booking = await t.http.post(
      `/fairs/${fair.id}/bookings`,
      { stallId: stalls[0].id },
      { token: producer.token },
    );
    expect(booking.status).toBe(201);
    return booking.body;
  }
  const bookingOf = async (producer: Session, id: string) =>
    (await t.http.get(`/bookings/${id}`, { token: producer.token })).body;

  it('confirms a held booking when its stall fee is paid', async () => {
    const [producer, other] = producers;
    const booking = await hold(producer);
    const stranger = await t.http.post(`/bookings/${booking.id}/payment-intent`, {}, { token: other.token });
    expect(stranger.status).toBe(403);
    const intents = await Promise.all(
      [1, 2, 3].map(() =>
        t.http.post(`/bookings/${booking.id}/payment-intent`, {}, { token: producer.token }),
      ),
    );
    expect(intents.map((i) => i.status)).toEqual([201, 201, 201]);
    expect(new Set(intents.map((i) => i.body.paymentIntentId)).size).toBe(1);
    expect(intents[0].body).toMatchObject({ amount: booking.amountVnd, currency: 'vnd' });

    await deliverStripeEvent(
      t,
      fake.signedEvent('payment_intent.succeeded', fake.succeed(intents[0].body.paymentIntentId)),
    );
    const confirmed = await eventually(async () => {
      const current = await bookingOf(producer, booking.id);
      return current.status === 'confirmed' ? current : undefined;
    });
    expect(confirmed.status).toBe('confirmed');
    expect(
      fake.created('refund').filter((r) => r.payment_intent === intents[0].body.paymentIntentId),
    ).toHaveLength(0);
  });

  it('refunds the whole fee of a hold that expired before the payment arrived', async () => {
    const producer = producers[2];
    const booking = await hold(producer);
    const intent = await t.http.post(`/bookings/${booking.id}/payment-intent`, {}, { token: producer.token });
    expect(intent.status).toBe(201);

    clock.advanceSeconds(HOLD_SECONDS + 5);
    await t.app.get(FairsFacade).sweepExpiredHolds();
    expect((await bookingOf(producer, booking.id)).status).toBe('expired');
    const tooLate = await t.http.post(
      `/bookings/${booking.id}/payment-intent`,
      {},
      { token: producer.token },
    );
    expect(tooLate.status).toBe(422);
    expect(tooLate.body.code).toBe('BOOKING_NOT_PAYABLE');

    // Signed "now" as the app's clock sees it (signatures older than five minutes are refused).
    const late = fake.signedEvent('payment_intent.succeeded', fake.succeed(intent.body.paymentIntentId), {
      timestamp: Math.floor(clock.now().getTime() / 1000),
    });
    expect((await deliverStripeEvent(t, late)).status).toBe(200);
    const refunds = await eventually(async () => {
      const made = fake.created('refund').filter((r) => r.payment_intent === intent.body.paymentIntentId);
      return made.length ? made : undefined;
    });
    expect(refunds.map((r) => r.amount)).toEqual([booking.amountVnd]);
    expect((await bookingOf(producer, booking.id)).status).toBe('expired');
    expect(await ledgerImbalance(t)).toEqual({ total: 0, unbalancedTransactions: 0 });
  });
});
