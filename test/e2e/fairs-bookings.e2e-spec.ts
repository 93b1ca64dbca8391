import { randomBytes } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { UnitOfWork } from '@ocop/persistence';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { FairsFacade } from '../../src/modules/fairs';
import { adminSession, eventually, registerUser, Session, verifiedUser } from '../support/factories';
import { bulkProducers, fairBody, outboxOf, publishedFair, rateProducer } from '../support/fairs';
import { ManualClock } from '../support/manual-clock';
import { startTestApp, TestApp } from '../support/test-app';

const HOLD_SECONDS = 60;
const HOUR = 3_600_000;

/**
 * Bookings, holds, waitlists and check-in. Time moves only through the ManualClock, and in small
 * steps (a 60-second hold) so that sweeping with this app's clock never expires the default
 * 15-minute holds other suites may be relying on. Its queues live under a prefix of their own, so
 * that no other app (with a real clock) takes this app's delayed expiry jobs.
 */
describe('fairs: stall bookings', () => {
  let t: TestApp;
  let admin: { token: string };
  let organizer: Session;
  let otherOrganizer: Session;
  let producers: Session[];
  const clock = new ManualClock();

  beforeAll(async () => {
    t = await startTestApp(
      {
        STALL_HOLD_SECONDS: String(HOLD_SECONDS),
        REDIS_PREFIX: `${process.env.REDIS_PREFIX}:fairs-${randomBytes(3).toString('hex')}`,
      },
      { clock },
    );
    admin = await adminSession(t);
    [organizer, otherOrganizer] = await Promise.all([
      verifiedUser(t, admin, 'organizer'),
      verifiedUser(t, admin, 'organizer'),
    ]);
    producers = await bulkProducers(t, 110);
  });
  afterAll(() => t.close());

  const db = () => t.app.get(DataSource);
  const liveBookingsOf = async (stallId: string) =>
    (
      await db().query(
        `SELECT producer_id, status FROM fair_bookings WHERE stall_id = $1 AND status IN ('held', 'confirmed')`,
        [stallId],
      )
    ).map((row: any) => row.producer_id);
  const stallStatus = async (fairId: string, code: string) =>
    (await t.http.get(`/fairs/${fairId}/stalls?limit=100`)).body.items.find((s: any) => s.code === code)
      .status;
  const book = (producer: Session, fairId: string, stallId: string, headers?: Record<string, string>) =>
    t.http.post(`/fairs/${fairId}/bookings`, { stallId }, { token: producer.token, headers });

  it('holds a stall for a verified producer, and lets exactly one of 100 racing producers have it', async () => {
    const { fair, stalls } = await publishedFair(t, organizer, clock, { count: 1 });
    const racers = producers.slice(0, 100);
    const responses = await Promise.all(racers.map((p) => book(p, fair.id, stalls[0].id)));

    const won = responses.filter((r) => r.status === 201);
    const lost = responses.filter((r) => r.status === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(99);
    expect(lost.every((r) => r.body.code === 'STALL_TAKEN')).toBe(true);
    expect(won[0].body).toMatchObject({
      stallId: stalls[0].id,
      status: 'held',
      amountVnd: 2_500_000,
      holdExpiresAt: new Date(Date.parse(won[0].body.createdAt) + HOLD_SECONDS * 1000).toISOString(),
    });
    const winner = racers[responses.indexOf(won[0])];
    expect(await liveBookingsOf(stalls[0].id)).toEqual([winner.organizationId]);
    expect(await stallStatus(fair.id, 'A-01')).toBe('held');

    const events = await outboxOf(t, won[0].body.id);
    expect(events.map((e) => e.type)).toEqual(['booking.held']);
    expect(events[0].audience.sort()).toEqual([winner.organizationId, organizer.organizationId].sort());
    expect(events[0].payload).toMatchObject({ stallCode: 'A-01', amountVnd: 2_500_000, fairName: fair.name });
  });

  it('gives a producer limited to 2 stalls exactly 2 of 5 stalls it races for', async () => {
    const { fair, stalls } = await publishedFair(t, organizer, clock, {
      count: 5,
      fair: { rules: { maxStallsPerProducer: 2 } },
    });
    const producer = producers[100];
    const responses = await Promise.all(stalls.map((s) => book(producer, fair.id, s.id)));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(2);
    const refused = responses.filter((r) => r.status !== 201);
    expect(refused.map((r) => r.status)).toEqual([422, 422, 422]);
    expect(refused[0].body.code).toBe('BOOKING_RULE_VIOLATED');
    expect(refused[0].body.violations).toEqual([{ rule: 'max_stalls_per_producer', required: 2, actual: 2 }]);
    const [{ count }] = await db().query(
      `SELECT count(*)::int AS count FROM fair_bookings WHERE fair_id = $1 AND producer_id = $2 AND status = 'held'`,
      [fair.id, producer.organizationId],
    );
    expect(count).toBe(2);

    // Freeing one makes room for one more.
    const held = responses.find((r) => r.status === 201)!.body;
    expect((await t.http.post(`/bookings/${held.id}/cancel`, {}, { token: producer.token })).status).toBe(
      200,
    );
    const free = stalls.filter((s) => !responses.some((r) => r.status === 201 && r.body.stallId === s.id));
    expect((await book(producer, fair.id, free[0].id)).status).toBe(201);
    expect((await book(producer, fair.id, free[1].id)).status).toBe(422);
  });

  it('refuses bookings outside the booking window and for fairs not open to bookings', async () => {
    const now = clock.now().getTime();
    const notYet = await publishedFair(t, organizer, clock, {
      fair: { bookingOpensAt: new Date(now + 2 * HOUR).toISOString() },
      count: 1,
    });
    const early = await book(producers[101], notYet.fair.id, notYet.stalls[0].id);
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('BOOKING_CLOSED');

    const closed = await publishedFair(t, organizer, clock, {
      fair: {
        bookingOpensAt: new Date(now - 3 * HOUR).toISOString(),
        bookingClosesAt: new Date(now - HOUR).toISOString(),
      },
      count: 1,
    });
    const late = await book(producers[101], closed.fair.id, closed.stalls[0].id);
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('BOOKING_CLOSED');

    const cancelled = await publishedFair(t, organizer, clock, { count: 1 });
    await t.http.post(`/fairs/${cancelled.fair.id}/cancel`, {}, { token: organizer.token });
    const onCancelled = await book(producers[101], cancelled.fair.id, cancelled.stalls[0].id);
    expect(onCancelled.status).toBe(422);
    expect(onCancelled.body.code).toBe('FAIR_NOT_PUBLISHED');

    const draft = await t.http.post('/fairs', fairBody(clock), { token: organizer.token });
    expect((await book(producers[101], draft.body.id, cancelled.stalls[0].id)).status).toBe(404);
    const open = await publishedFair(t, organizer, clock, { count: 1 });
    const wrongStall = await book(producers[101], open.fair.id, cancelled.stalls[0].id);
    expect(wrongStall.status).toBe(404);
    expect(wrongStall.body.code).toBe('STALL_NOT_FOUND');
    expect(
      (
        await t.http.post(
          `/fairs/${open.fair.id}/bookings`,
          { stallId: 'x' },
          { token: producers[101].token },
        )
      ).status,
    ).toBe(400);
    expect((await book(organizer, open.fair.id, open.stalls[0].id)).status).toBe(403);
  });

  it('refuses unverified producers and producers below the minimum stars with 422 BOOKING_RULE_VIOLATED', async () => {
    const { fair, stalls } = await publishedFair(t, organizer, clock, {
      count: 4,
      fair: { rules: { minStars: 4 } },
    });
    const [pending] = await bulkProducers(t, 1, { verified: false });
    const unverified = await book(pending, fair.id, stalls[0].id);
    expect(unverified.status).toBe(422);
    expect(unverified.body.code).toBe('BOOKING_RULE_VIOLATED');
    expect(unverified.body.violations.map((v: any) => v.rule)).toContain('verified_producer');

    const [threeStars, fourStars, unrated] = await Promise.all([
      verifiedUser(t, admin, 'producer'),
      verifiedUser(t, admin, 'producer'),
      verifiedUser(t, admin, 'producer'),
    ]);
    await rateProducer(t, admin, threeStars, 3);
    await rateProducer(t, admin, fourStars, 4);

    const low = await book(threeStars, fair.id, stalls[0].id);
    expect(low.status).toBe(422);
    expect(low.body.code).toBe('BOOKING_RULE_VIOLATED');
    expect(low.body.violations).toEqual([{ rule: 'min_stars', required: 4, actual: 3 }]);
    const none = await book(unrated, fair.id, stalls[0].id);
    expect(none.status).toBe(422);
    expect(none.body.violations).toEqual([{ rule: 'min_stars', required: 4, actual: null }]);
    expect((await book(fourStars, fair.id, stalls[0].id)).status).toBe(201);
    expect(await stallStatus(fair.id, 'A-02')).toBe('available');
  });

  it('replays an Idempotency-Key and refuses it with another body', async () => {
    const { fair, stalls } = await publishedFair(t, organizer, clock, { count: 2 });
    const producer = producers[102];
    const headers = { 'Idempotency-Key': `stall-${fair.id}` };
    const first = await book(producer, fair.id, stalls[0].id, headers);
    const again = await book(producer, fair.id, stalls[0].id, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await liveBookingsOf(stalls[0].id)).toHaveLength(1);
    const other = await book(producer, fair.id, stalls[1].id, headers);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('expires a hold, frees the stall and offers it to the waitlist in order; the next one when that lapses', async () => {
    const { fair, stalls } = await publishedFair(t, organizer, clock, {
      stalls: [
        { code: 'F-01', zone: 'F', areaM2: 16, priceVnd: 4_000_000, kind: 'food' },
        { code: 'B-01', zone: 'B', areaM2: 9, priceVnd: 1_000_000 },
      ],
    });
    const food = stalls.find((s: any) => s.code === 'F-01');
    const [holder, wantsZoneB, first, second] = producers.slice(103, 107);
    const hold = await book(holder, fair.id, food.id);
    expect(hold.status).toBe(201);

    // Waiting: one for another zone (never matches), then two for food stalls, in this order.
    expect(
      (await t.http.post(`/fairs/${fair.id}/waitlist`, { zone: 'Z' }, { token: wantsZoneB.token })).status,
    ).toBe(201);
    const w1 = await t.http.post(`/fairs/${fair.id}/waitlist`, { kind: 'food' }, { token: first.token });
    expect(w1.status).toBe(201);
    expect(w1.body).toMatchObject({ status: 'waiting', kind: 'food', zone: null, place: 2 });
    const w2 = await t.http.post(`/fairs/${fair.id}/waitlist`, {}, { token: second.token });
    expect(w2.body.place).toBe(3);
    const twice = await t.http.post(`/fairs/${fair.id}/waitlist`, { kind: 'food' }, { token: first.token });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('WAITLIST_ALREADY_JOINED');

    const sweeper = t.app.get(FairsFacade);
    clock.advanceSeconds(HOLD_SECONDS - 1);
    await sweeper.sweepExpiredHolds();
    expect((await t.http.get(`/bookings/${hold.body.id}`, { token: holder.token })).body.status).toBe('held');

    clock.advanceSeconds(2);
    // Fired twice at once (the delayed job and the sweep): the hold expires once, one offer is made.
    await Promise.all([sweeper.sweepExpiredHolds(), sweeper.sweepExpiredHolds()]);
    const expired = await t.http.get(`/bookings/${hold.body.id}`, { token: holder.token });
    expect(expired.body).toMatchObject({ status: 'expired', holdExpiresAt: null });
    expect(expired.body.expiredAt).toBeTruthy();

    const offered = await t.http.get(`/bookings?fairId=${fair.id}`, { token: first.token });
    expect(offered.body.items).toHaveLength(1);
    expect(offered.body.items[0]).toMatchObject({ stallId: food.id, status: 'held', fromWaitlist: true });
    expect(await liveBookingsOf(food.id)).toEqual([first.organizationId]);
    expect(await stallStatus(fair.id, 'F-01')).toBe('held');
    const offerEvents = await outboxOf(t, offered.body.items[0].id);
    expect(offerEvents.map((e) => e.type)).toEqual(['booking.waitlist_offer']);
    expect(offerEvents[0].audience).toEqual([first.organizationId]);
    expect((await outboxOf(t, hold.body.id)).map((e) => e.type)).toEqual(['booking.held', 'booking.expired']);

    // The offer lapses too: the next waiting producer gets it.
    clock.advanceSeconds(HOLD_SECONDS + 1);
    expect(await sweeper.sweepExpiredHolds()).toBeGreaterThanOrEqual(1);
    expect(await liveBookingsOf(food.id)).toEqual([second.organizationId]);
    const secondOffer = (await t.http.get(`/bookings?fairId=${fair.id}`, { token: second.token })).body
      .items[0];
    expect(secondOffer).toMatchObject({ status: 'held', fromWaitlist: true });

    // Accepting the offer: the producer pays for it and nobody else is offered anything.
    const paid = await t.app
      .get(UnitOfWork)
      .run((tx) => t.app.get(FairsFacade).confirmBookingPaid(tx, secondOffer.id, 'pi_offer'));
    expect(paid.outcome).toBe('confirmed');
    clock.advanceSeconds(HOLD_SECONDS + 1);
    await sweeper.sweepExpiredHolds();
    expect(await liveBookingsOf(food.id)).toEqual([second.organizationId]);
    expect(await stallStatus(fair.id, 'F-01')).toBe('booked');
  });

  it('expires a hold through its delayed job, which has a deterministic id and is harmless twice', async () => {
    const { fair, stalls } = await publishedFair(t, organizer, clock, { count: 1 });
    const held = await book(producers[107], fair.id, stalls[0].id);
    const queue = t.app.get<Queue>(getQueueToken('fairs'));
    const job = await eventually(
      async () => (await queue.getJob(`expire-hold-${held.body.id}`)) ?? undefined,
    );
    expect(job.name).toBe('expire-hold');
    expect(job.opts.delay).toBeGreaterThan((HOLD_SECONDS - 5) * 1000);
    expect(job.opts.delay).toBeLessThanOrEqual(HOLD_SECONDS * 1000);

    // Scheduling the same hold again adds nothing.
    await queue.add(
      'expire-hold',
      { bookingId: held.body.id },
      { jobId: `expire-hold-${held.body.id}`, delay: 1 },
    );
    expect((await queue.getJob(`expire-hold-${held.body.id}`))!.opts.delay).toBe(job.opts.delay);

    clock.advanceSeconds(HOLD_SECONDS + 1);
    await job.promote();
    await eventually(async () => {
      const booking = await t.http.get(`/bookings/${held.body.id}`, { token: producers[107].token });
      return booking.body.status === 'expired' ? true : undefined;
    });
    expect(await stallStatus(fair.id, 'A-01')).toBe('available');
    // The sweep arriving afterwards finds nothing left to do for this hold.
    await t.app.get(FairsFacade).sweepExpiredHolds();
    expect((await outboxOf(t, held.body.id)).map((e) => e.type)).toEqual(['booking.held', 'booking.expired']);
  });

  it('frees the stall of a cancelled confirmed booking for the next producer', async () => {
    const { fair, stalls } = await publishedFair(t, organizer, clock, { count: 1, priceVnd: 0 });
    const [owner, next] = producers.slice(107, 109);
    const held = await book(owner, fair.id, stalls[0].id);
    const confirmed = await t.http.post(`/bookings/${held.body.id}/confirm`, {}, { token: organizer.token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', holdExpiresAt: null });
    expect(confirmed.body.checkInCode).toBeUndefined(); // the organizer never sees the producer's code
    expect(await stallStatus(fair.id, 'A-01')).toBe('booked');
    expect((await book(next, fair.id, stalls[0].id)).body.code).toBe('STALL_TAKEN');

    const cancelled = await t.http.post(`/bookings/${held.body.id}/cancel`, {}, { token: owner.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledBy: 'producer' });
    expect(await stallStatus(fair.id, 'A-01')).toBe('available');
    const events = await outboxOf(t, held.body.id);
    expect(events.map((e) => e.type)).toEqual(['booking.held', 'booking.confirmed', 'booking.cancelled']);
    expect(events[2].payload).toMatchObject({ by: 'producer', wasConfirmed: true });

    expect((await book(next, fair.id, stalls[0].id)).status).toBe(201);
    const again = await t.http.post(`/bookings/${held.body.id}/cancel`, {}, { token: owner.token });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_TRANSITION');
  });

  it('checks a confirmed producer in on the fair’s days only, once, with its signed code', async () => {
    const now = clock.now().getTime();
    // A fair may not be created already under way: it starts shortly, and the clock moves past its start.
    const running = await publishedFair(t, organizer, clock, {
      count: 1,
      fair: {
        startsAt: new Date(now + 30_000).toISOString(),
        endsAt: new Date(now + 48 * HOUR).toISOString(),
        bookingOpensAt: new Date(now - 2 * HOUR).toISOString(),
        bookingClosesAt: new Date(now + 24 * HOUR).toISOString(),
      },
      priceVnd: 0,
    });
    const upcoming = await publishedFair(t, organizer, clock, { count: 1, priceVnd: 0 });
    const producer = producers[109];

    const ids: string[] = [];
    for (const { fair, stalls } of [running, upcoming]) {
      const held = await book(producer, fair.id, stalls[0].id);
      expect(held.body.checkInCode).toBeUndefined();
      await t.http.post(`/bookings/${held.body.id}/confirm`, {}, { token: organizer.token });
      ids.push(held.body.id);
    }
    const [runningBooking, upcomingBooking] = await Promise.all(
      ids.map(async (id) => (await t.http.get(`/bookings/${id}`, { token: producer.token })).body),
    );
    expect(runningBooking.checkInCode).toMatch(new RegExp(`^${runningBooking.id}\\.[A-Za-z0-9_-]{32}$`));
    clock.advanceSeconds(31);

    const early = await t.http.post(
      `/bookings/${upcomingBooking.id}/check-in`,
      { code: upcomingBooking.checkInCode },
      { token: organizer.token },
    );
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('CHECK_IN_OUTSIDE_FAIR_DATES');

    const forged = await t.http.post(
      `/bookings/${runningBooking.id}/check-in`,
      { code: `${runningBooking.id}.${'A'.repeat(32)}` },
      { token: organizer.token },
    );
    expect(forged.status).toBe(422);
    expect(forged.body.code).toBe('CHECK_IN_CODE_INVALID');
    const swapped = await t.http.post(
      `/bookings/${runningBooking.id}/check-in`,
      { code: upcomingBooking.checkInCode },
      { token: organizer.token },
    );
    expect(swapped.body.code).toBe('CHECK_IN_CODE_INVALID');
    const byProducer = await t.http.post(
      `/bookings/${runningBooking.id}/check-in`,
      { code: runningBooking.checkInCode },
      { token: producer.token },
    );
    expect(byProducer.status).toBe(403);
    const byOtherOrganizer = await t.http.post(
      `/bookings/${runningBooking.id}/check-in`,
      { code: runningBooking.checkInCode },
      { token: otherOrganizer.token },
    );
    expect(byOtherOrganizer.status).toBe(403);
    const byAdmin = await t.http.post(
      `/bookings/${runningBooking.id}/check-in`,
      { code: runningBooking.checkInCode },
      { token: admin.token },
    );
    expect(byAdmin.status).toBe(403);

    const scans = await Promise.all(
      [1, 2, 3].map(() =>
        t.http.post(
          `/bookings/${runningBooking.id}/check-in`,
          { code: runningBooking.checkInCode },
          { token: organizer.token },
        ),
      ),
    );
    expect(scans.map((s) => s.status).sort()).toEqual([200, 409, 409]);
    expect(scans.find((s) => s.status === 409)!.body.code).toBe('ALREADY_CHECKED_IN');
    expect(scans.find((s) => s.status === 200)!.body.checkedInAt).toBeTruthy();
    const events = await outboxOf(t, runningBooking.id);
    expect(events.map((e) => e.type)).toEqual(['booking.held', 'booking.confirmed', 'booking.checked_in']);
    const cancelAfter = await t.http.post(
      `/bookings/${runningBooking.id}/cancel`,
      {},
      { token: producer.token },
    );
    expect(cancelAfter.status).toBe(409);
    // Nor can the fair be called off once an exhibitor is in (it was a 500).
    const fairCancel = await t.http.post(`/fairs/${running.fair.id}/cancel`, {}, { token: organizer.token });
    expect({ status: fairCancel.status, code: fairCancel.body.code }).toEqual({
      status: 409,
      code: 'FAIR_HAS_CHECKED_IN',
    });
    const after = await t.http.get(`/bookings/${runningBooking.id}`, { token: producer.token });
    expect(after.body.status).toBe('confirmed');
    expect((await t.http.get(`/fairs/${running.fair.id}`)).body.status).toBe('published');
  });

  it('treats a fair whose end has passed as over for writes, before the periodic job closes it', async () => {
    const now = clock.now().getTime();
    const { fair, stalls } = await publishedFair(t, organizer, clock, {
      count: 3,
      priceVnd: 0,
      fair: {
        startsAt: new Date(now + 20_000).toISOString(),
        endsAt: new Date(now + 40_000).toISOString(),
        bookingOpensAt: new Date(now - HOUR).toISOString(),
        bookingClosesAt: new Date(now + 30_000).toISOString(),
      },
    });
    const [holder, confirmedProducer] = producers.slice(100, 102);
    const held = await book(holder, fair.id, stalls[0].id);
    const confirmed = await book(confirmedProducer, fair.id, stalls[1].id);
    expect([held.status, confirmed.status]).toEqual([201, 201]);
    const confirmedNow = await t.http.post(
      `/bookings/${confirmed.body.id}/confirm`,
      {},
      { token: organizer.token },
    );
    expect(confirmedNow.status).toBe(200);
    clock.advanceSeconds(41);

    const answers = {
      confirm: await t.http.post(`/bookings/${held.body.id}/confirm`, {}, { token: organizer.token }),
      cancelBooking: await t.http.post(
        `/bookings/${confirmed.body.id}/cancel`,
        {},
        { token: confirmedProducer.token },
      ),
      rename: await t.http.patch(`/fairs/${fair.id}`, { name: 'Muộn rồi' }, { token: organizer.token }),
      addStalls: await t.http.post(
        `/fairs/${fair.id}/stalls`,
        { stalls: [{ code: 'Z-1', areaM2: 4, priceVnd: 0 }] },
        { token: organizer.token },
      ),
      cancelFair: await t.http.post(`/fairs/${fair.id}/cancel`, {}, { token: organizer.token }),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([k, r]) => [k, [r.status, r.body.code]]))).toEqual(
      {
        confirm: [409, 'FAIR_NOT_EDITABLE'],
        cancelBooking: [409, 'FAIR_NOT_EDITABLE'],
        rename: [409, 'FAIR_NOT_EDITABLE'],
        addStalls: [409, 'FAIR_NOT_EDITABLE'],
        cancelFair: [409, 'INVALID_TRANSITION'],
      },
    );
    expect(answers.rename.body.detail).toContain('closed');
    expect(await liveBookingsOf(stalls[1].id)).toEqual([confirmedProducer.organizationId]);
    expect((await t.http.get(`/fairs/${fair.id}`)).body.name).toBe(fair.name);
    const map = await t.http.get(`/fairs/${fair.id}/stalls`);
    expect(map.body.items.map((s: any) => s.status)).toEqual(['held', 'booked', 'available']);
  });

  it('keeps organizers to their own fairs and producers to their own bookings: 403 acting, 404 reading', async () => {
    const { fair, stalls } = await publishedFair(t, organizer, clock, { count: 2 });
    const [owner, stranger] = producers.slice(0, 2);
    const held = await book(owner, fair.id, stalls[0].id);
    expect(held.status).toBe(201);

    expect(
      (await t.http.post(`/bookings/${held.body.id}/confirm`, {}, { token: otherOrganizer.token })).status,
    ).toBe(403);
    expect(
      (await t.http.post(`/bookings/${held.body.id}/cancel`, {}, { token: otherOrganizer.token })).status,
    ).toBe(403);
    expect((await t.http.get(`/bookings/${held.body.id}`, { token: otherOrganizer.token })).status).toBe(404);
    expect((await t.http.get(`/bookings/${held.body.id}`, { token: stranger.token })).status).toBe(404);
    expect(
      (await t.http.post(`/bookings/${held.body.id}/cancel`, {}, { token: stranger.token })).status,
    ).toBe(403);
    expect((await t.http.post(`/bookings/${held.body.id}/confirm`, {}, { token: owner.token })).status).toBe(
      403,
    );
    expect((await t.http.get(`/fairs/${fair.id}/summary`, { token: otherOrganizer.token })).status).toBe(403);
    const buyer = await registerUser(t, 'buyer');
    expect((await t.http.get('/bookings', { token: buyer.token })).status).toBe(403);

    const ownList = await t.http.get(`/bookings?fairId=${fair.id}`, { token: owner.token });
    expect(ownList.body.items.map((b: any) => b.id)).toEqual([held.body.id]);
    expect((await t.http.get(`/bookings?fairId=${fair.id}`, { token: stranger.token })).body.items).toEqual(
      [],
    );
    expect(
      (await t.http.get(`/bookings?fairId=${fair.id}`, { token: otherOrganizer.token })).body.items,
    ).toEqual([]);
    const organizerList = await t.http.get(`/bookings?fairId=${fair.id}`, { token: organizer.token });
    expect(organizerList.body.items.map((b: any) => b.producerId)).toEqual([owner.organizationId]);

    // The public sees availability only: no producer, no booking id anywhere in the stall map.
    const map = await t.http.get(`/fairs/${fair.id}/stalls`);
    expect(map.text).not.toContain(owner.organizationId);
    expect(map.text).not.toContain(held.body.id);
    expect(map.body.items.map((s: any) => s.status)).toEqual(['held', 'available']);

    // The organizer may cancel any booking of its fair.
    const byOrganizer = await t.http.post(`/bookings/${held.body.id}/cancel`, {}, { token: organizer.token });
    expect(byOrganizer.body).toMatchObject({ status: 'cancelled', cancelledBy: 'organizer' });
  });

  it('sums occupancy and revenue for the organizer, and cancels every live booking with the fair', async () => {
    const { fair, stalls } = await publishedFair(t, organizer, clock, {
      stalls: [
        { code: 'A-01', zone: 'A', areaM2: 9, priceVnd: 2_000_000 },
        { code: 'A-02', zone: 'A', areaM2: 9, priceVnd: 2_000_000 },
        { code: 'F-01', zone: 'F', areaM2: 16, priceVnd: 5_000_000, kind: 'food' },
        { code: 'F-02', zone: 'F', areaM2: 16, priceVnd: 0, kind: 'food' },
      ],
    });
    const [a, b, c] = producers.slice(2, 5);
    const heldA = await book(a, fair.id, stalls[0].id);
    const heldF = await book(b, fair.id, stalls[2].id);
    await book(c, fair.id, stalls[3].id);
    await t.app
      .get(UnitOfWork)
      .run((tx) => t.app.get(FairsFacade).confirmBookingPaid(tx, heldF.body.id, 'pi_summary'));

    const summary = await t.http.get(`/fairs/${fair.id}/summary`, { token: organizer.token });
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({
      stalls: 4,
      available: 1,
      held: 2,
      booked: 1,
      occupancyBps: 2500,
      revenueVnd: 5_000_000,
      pendingVnd: 2_000_000,
      potentialVnd: 9_000_000,
    });
    expect(summary.body.byZoneAndKind).toHaveLength(2);

    const cancelled = await t.http.post(`/fairs/${fair.id}/cancel`, {}, { token: organizer.token });
    expect(cancelled.body.status).toBe('cancelled');
    const statuses = await db().query(
      `SELECT DISTINCT status, cancelled_by FROM fair_bookings WHERE fair_id = $1`,
      [fair.id],
    );
    expect(statuses).toEqual([{ status: 'cancelled', cancelled_by: 'fair_cancelled' }]);
    expect((await outboxOf(t, heldA.body.id)).map((e) => e.type)).toEqual([
      'booking.held',
      'booking.cancelled',
    ]);
    const fairEvents = await outboxOf(t, fair.id);
    expect(fairEvents.map((e) => e.type)).toEqual(['fair.published', 'fair.cancelled']);
    expect(fairEvents[1].audience.sort()).toEqual(
      [organizer.organizationId, a.organizationId, b.organizationId, c.organizationId].sort(),
    );
  });

  it('lets the payments module confirm a paid hold once, and tells it when the hold is gone', async () => {
    const { fair, stalls } = await publishedFair(t, organizer, clock, { count: 2 });
    const [payer, late] = producers.slice(5, 7);
    const held = await book(payer, fair.id, stalls[0].id);
    const facade = t.app.get(FairsFacade);
    const uow = t.app.get(UnitOfWork);

    const forPayment = await uow.run((tx) => facade.getBookingForPayment(tx, held.body.id));
    expect(forPayment).toMatchObject({
      amountVnd: 2_500_000,
      status: 'held',
      producerId: payer.organizationId,
      organizerId: organizer.organizationId,
    });
    const paid = await uow.run((tx) => facade.confirmBookingPaid(tx, held.body.id, 'pi_123'));
    expect(paid.outcome).toBe('confirmed');
    expect(paid.booking).toMatchObject({ status: 'confirmed', paymentRef: 'pi_123', holdExpiresAt: null });
    const again = await uow.run((tx) => facade.confirmBookingPaid(tx, held.body.id, 'pi_123'));
    expect(again.outcome).toBe('already_confirmed');
    const events = await outboxOf(t, held.body.id);
    expect(events.map((e) => e.type)).toEqual(['booking.held', 'booking.confirmed']);
    expect(events[1].payload).toMatchObject({ by: 'payment', paymentRef: 'pi_123' });

    const other = await book(late, fair.id, stalls[1].id);
    await t.http.post(`/bookings/${other.body.id}/cancel`, {}, { token: late.token });
    const tooLate = await uow.run((tx) => facade.confirmBookingPaid(tx, other.body.id, 'pi_456'));
    expect(tooLate.outcome).toBe('not_confirmable');
    expect(tooLate.booking!.status).toBe('cancelled');
  });
});
