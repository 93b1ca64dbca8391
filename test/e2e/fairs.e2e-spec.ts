import { Clock } from '@ocop/clock';
import { adminSession, registerUser, Session, verifiedUser } from '../support/factories';
import { fairBody, outboxOf, publishedFair } from '../support/fairs';
import { startTestApp, TestApp } from '../support/test-app';

const DAY = 86_400_000;

describe('fairs: scheduling, stall maps and who may do what', () => {
  let t: TestApp;
  let admin: { token: string };
  let organizer: Session;
  let otherOrganizer: Session;
  const clock = new Clock();

  beforeAll(async () => {
    t = await startTestApp();
    admin = await adminSession(t);
    [organizer, otherOrganizer] = await Promise.all([
      verifiedUser(t, admin, 'organizer'),
      verifiedUser(t, admin, 'organizer'),
    ]);
  });
  afterAll(() => t.close());

  it('creates a draft fair in the commune’s province, hidden from the public until published', async () => {
    const body = fairBody(clock, {
      name: 'Hội chợ OCOP Ba Chẽ 2026',
      venue: 'Sân vận động huyện',
      rules: { minStars: 3, maxStallsPerProducer: 2 },
    });
    const created = await t.http.post('/fairs', body, { token: organizer.token });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Hội chợ OCOP Ba Chẽ 2026',
      venue: 'Sân vận động huyện',
      communeCode: '06970',
      provinceCode: '22',
      status: 'draft',
      organizerId: organizer.organizationId,
      startsAt: body.startsAt,
      rules: { minStars: 3, maxStallsPerProducer: 2, verifiedProducersOnly: true },
    });
    const id = created.body.id;

    expect((await t.http.get(`/fairs/${id}`)).status).toBe(404);
    expect((await t.http.get(`/fairs/${id}`, { token: otherOrganizer.token })).status).toBe(404);
    expect((await t.http.get(`/fairs/${id}`, { token: organizer.token })).status).toBe(200);
    const publicList = await t.http.get('/fairs?communeCode=06970&limit=100');
    expect(publicList.body.items.map((f: any) => f.id)).not.toContain(id);
    const ownList = await t.http.get('/fairs?communeCode=06970&limit=100', { token: organizer.token });
    expect(ownList.body.items.map((f: any) => f.id)).toContain(id);

    const published = await t.http.post(`/fairs/${id}/publish`, {}, { token: organizer.token });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect((await t.http.get(`/fairs/${id}`)).body.status).toBe('published');
    const events = await outboxOf(t, id);
    expect(events.map((e) => e.type)).toEqual(['fair.published']);
    expect(events[0].audience).toEqual([organizer.organizationId]);
  });

  it('refuses inconsistent dates, unknown communes, unknown fields and callers who are not organizers', async () => {
    const base = fairBody(clock);
    const endsBeforeStart = await t.http.post(
      '/fairs',
      { ...base, endsAt: base.startsAt },
      { token: organizer.token },
    );
    expect(endsBeforeStart.status).toBe(400);
    expect(endsBeforeStart.body.errors.map((e: any) => e.field)).toContain('endsAt');

    const closesAfterEnd = await t.http.post(
      '/fairs',
      { ...base, bookingClosesAt: new Date(Date.parse(base.endsAt) + DAY).toISOString() },
      { token: organizer.token },
    );
    expect(closesAfterEnd.status).toBe(400);
    expect(closesAfterEnd.body.errors.map((e: any) => e.field)).toContain('bookingClosesAt');

    const unknownCommune = await t.http.post(
      '/fairs',
      { ...base, communeCode: '99999' },
      { token: organizer.token },
    );
    expect(unknownCommune.status).toBe(400);
    expect(unknownCommune.body.code).toBe('COMMUNE_UNKNOWN');

    const noOffset = await t.http.post(
      '/fairs',
      { ...base, startsAt: '2027-01-15T08:00:00' },
      { token: organizer.token },
    );
    expect(noOffset.status).toBe(400);
    expect(noOffset.body.errors.map((e: any) => e.field)).toContain('startsAt');

    const extra = await t.http.post('/fairs', { ...base, status: 'published' }, { token: organizer.token });
    expect(extra.status).toBe(400);
    expect(extra.body.errors.map((e: any) => e.field)).toContain('status');

    const badRules = await t.http.post(
      '/fairs',
      { ...base, rules: { minStars: 6 } },
      { token: organizer.token },
    );
    expect(badRules.status).toBe(400);
    expect(badRules.body.errors.map((e: any) => e.field)).toContain('rules.minStars');

    const producer = await registerUser(t, 'producer');
    expect((await t.http.post('/fairs', base, { token: producer.token })).status).toBe(403);
    expect((await t.http.post('/fairs', base)).status).toBe(401);

    const unverified = await registerUser(t, 'organizer');
    const pending = await t.http.post('/fairs', fairBody(clock), { token: unverified.token });
    expect(pending.status).toBe(422);
    expect(pending.body.code).toBe('ORGANIZATION_NOT_VERIFIED');
  });

  it('keeps one live fair per venue: case and diacritics do not matter, other communes and dates do', async () => {
    const venue = `Cung Văn hóa Thiếu nhi ${Date.now()}`;
    const first = fairBody(clock, { venue });
    expect((await t.http.post('/fairs', first, { token: organizer.token })).status).toBe(201);

    const overlapping = {
      ...fairBody(clock, { venue: `  ${venue.toUpperCase().replace('Ă', 'A').replace('Ệ', 'E')}` }),
      startsAt: new Date(Date.parse(first.startsAt) + DAY).toISOString(),
      endsAt: new Date(Date.parse(first.endsAt) + DAY).toISOString(),
    };
    const clash = await t.http.post('/fairs', overlapping, { token: otherOrganizer.token });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('VENUE_CONFLICT');

    const folded = fairBody(clock, { venue: 'cung van hoa thieu nhi ' + venue.split(' ').pop() });
    expect((await t.http.post('/fairs', folded, { token: otherOrganizer.token })).body.code).toBe(
      'VENUE_CONFLICT',
    );

    // Back to back is not an overlap; another commune is another venue.
    const after = {
      ...fairBody(clock, { venue }),
      startsAt: first.endsAt,
      endsAt: new Date(Date.parse(first.endsAt) + DAY).toISOString(),
      bookingClosesAt: first.endsAt,
    };
    expect((await t.http.post('/fairs', after, { token: otherOrganizer.token })).status).toBe(201);
    const elsewhere = fairBody(clock, { venue, communeCode: '06946' });
    expect((await t.http.post('/fairs', elsewhere, { token: otherOrganizer.token })).status).toBe(201);
  });

  it('lets exactly one of many parallel creations at the same venue and dates win', async () => {
    const body = fairBody(clock, { venue: `Quảng trường ${Date.now()}` });
    const organizers = [organizer, otherOrganizer];
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => t.http.post('/fairs', body, { token: organizers[i % 2].token })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(11);
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.code === 'VENUE_CONFLICT')).toBe(
      true,
    );
  });

  it('frees the venue when a fair is cancelled and checks moves with PATCH', async () => {
    const venue = `Nhà thi đấu ${Date.now()}`;
    const a = await t.http.post('/fairs', fairBody(clock, { venue }), { token: organizer.token });
    const laterBody = fairBody(clock, { venue });
    const later = await t.http.post(
      '/fairs',
      {
        ...laterBody,
        startsAt: new Date(Date.parse(laterBody.startsAt) + 10 * DAY).toISOString(),
        endsAt: new Date(Date.parse(laterBody.endsAt) + 10 * DAY).toISOString(),
      },
      { token: otherOrganizer.token },
    );
    expect(later.status).toBe(201);

    // Moving the later fair onto the first one's dates clashes; renaming it does not.
    const move = await t.http.patch(
      `/fairs/${later.body.id}`,
      { startsAt: a.body.startsAt, endsAt: a.body.endsAt, bookingClosesAt: a.body.bookingClosesAt },
      { token: otherOrganizer.token },
    );
    expect(move.status).toBe(409);
    expect(move.body.code).toBe('VENUE_CONFLICT');
    const rename = await t.http.patch(
      `/fairs/${later.body.id}`,
      { name: 'Tên mới' },
      { token: otherOrganizer.token },
    );
    expect(rename.status).toBe(200);
    expect(rename.body.name).toBe('Tên mới');

    expect(
      (await t.http.post(`/fairs/${a.body.id}/cancel`, {}, { token: organizer.token })).body.status,
    ).toBe('cancelled');
    const moved = await t.http.patch(
      `/fairs/${later.body.id}`,
      { startsAt: a.body.startsAt, endsAt: a.body.endsAt, bookingClosesAt: a.body.bookingClosesAt },
      { token: otherOrganizer.token },
    );
    expect(moved.status).toBe(200);
    expect(moved.body.startsAt).toBe(a.body.startsAt);

    const broken = await t.http.patch(
      `/fairs/${later.body.id}`,
      { endsAt: a.body.startsAt },
      { token: otherOrganizer.token },
    );
    expect(broken.status).toBe(400);
    const onCancelled = await t.http.patch(`/fairs/${a.body.id}`, { name: 'x' }, { token: organizer.token });
    expect(onCancelled.status).toBe(409);
    expect(onCancelled.body.code).toBe('FAIR_NOT_EDITABLE');
  });

  it('refuses null for a field every fair has, naming each, and changes nothing; null inside rules lifts that rule', async () => {
    const created = await t.http.post(
      '/fairs',
      fairBody(clock, { rules: { minStars: 3, maxStallsPerProducer: 2 } }),
      { token: organizer.token },
    );
    expect(created.status).toBe(201);
    const patch = (body: unknown) =>
      t.http.patch(`/fairs/${created.body.id}`, body, { token: organizer.token });
    const nullMessages = (response: { body: any }) =>
      response.body.errors
        .filter((e: any) => e.message.endsWith('must not be null'))
        .map((e: any) => e.field)
        .sort();

    for (const field of ['name', 'rules']) {
      const response = await patch({ [field]: null });
      expect({ field, status: response.status, code: response.body.code }).toEqual({
        field,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect(response.body.errors).toContainEqual({ field, message: `${field} must not be null` });
    }
    const fields = [
      'name',
      'venue',
      'communeCode',
      'startsAt',
      'endsAt',
      'bookingOpensAt',
      'bookingClosesAt',
      'rules',
    ];
    const allNull = await patch(Object.fromEntries(fields.map((field) => [field, null])));
    expect(allNull.status).toBe(400);
    expect(nullMessages(allNull)).toEqual([...fields].sort());
    // A valid field next to a null one is not applied either.
    expect((await patch({ name: 'Đổi tên', venue: null })).status).toBe(400);
    const unchanged = await t.http.get(`/fairs/${created.body.id}`, { token: organizer.token });
    expect(unchanged.body).toEqual(created.body);

    const lifted = await patch({ rules: { minStars: null, maxStallsPerProducer: 4 } });
    expect(lifted.status).toBe(200);
    expect(lifted.body.rules).toEqual({
      minStars: null,
      maxStallsPerProducer: 4,
      verifiedProducersOnly: true,
    });

    const createdWithNullRules = await t.http.post('/fairs', fairBody(clock, { rules: null }), {
      token: organizer.token,
    });
    expect(createdWithNullRules.status).toBe(400);
    expect(createdWithNullRules.body.errors).toContainEqual({
      field: 'rules',
      message: 'rules must not be null',
    });
  });

  it('builds a stall map with unique codes and shows availability to anyone', async () => {
    const created = await t.http.post('/fairs', fairBody(clock), { token: organizer.token });
    const id = created.body.id;
    const added = await t.http.post(
      `/fairs/${id}/stalls`,
      {
        stalls: [
          { code: 'A-01', zone: 'A', areaM2: 9, priceVnd: 2_500_000 },
          { code: 'A-02', zone: 'A', areaM2: 12.5, priceVnd: 3_000_000, kind: 'corner' },
          { code: 'F-01', zone: 'Ẩm thực', areaM2: 16, priceVnd: 0, kind: 'food' },
        ],
      },
      { token: organizer.token },
    );
    expect(added.status).toBe(201);
    expect(added.body.items).toHaveLength(3);
    expect(added.body.items[1]).toMatchObject({
      code: 'A-02',
      areaM2: 12.5,
      priceVnd: 3_000_000,
      kind: 'corner',
    });

    const duplicate = await t.http.post(
      `/fairs/${id}/stalls`,
      {
        stalls: [
          { code: 'B-01', areaM2: 9, priceVnd: 1 },
          { code: 'a-01', areaM2: 9, priceVnd: 1 },
          { code: 'F-01', areaM2: 9, priceVnd: 1 },
        ],
      },
      { token: organizer.token },
    );
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('STALL_CODE_TAKEN');
    expect(duplicate.body.codes).toEqual(['a-01', 'F-01']);
    const inRequest = await t.http.post(
      `/fairs/${id}/stalls`,
      {
        stalls: [
          { code: 'C-01', areaM2: 9, priceVnd: 1 },
          { code: 'C-01', areaM2: 9, priceVnd: 1 },
        ],
      },
      { token: organizer.token },
    );
    expect(inRequest.status).toBe(409);
    expect(inRequest.body.codes).toEqual(['C-01']);

    const invalid = await t.http.post(
      `/fairs/${id}/stalls`,
      { stalls: [{ code: 'D-01', areaM2: -1, priceVnd: 1.5, kind: 'castle' }] },
      { token: organizer.token },
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: any) => e.field).sort()).toEqual([
      'stalls[0].areaM2',
      'stalls[0].kind',
      'stalls[0].priceVnd',
    ]);

    const foreign = await t.http.post(
      `/fairs/${id}/stalls`,
      { stalls: [{ code: 'X-01', areaM2: 9, priceVnd: 1 }] },
      { token: otherOrganizer.token },
    );
    expect(foreign.status).toBe(404); // a draft of someone else is not even visible

    await t.http.post(`/fairs/${id}/publish`, {}, { token: organizer.token });
    const page1 = await t.http.get(`/fairs/${id}/stalls?limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((s: any) => [s.code, s.status])).toEqual([
      ['A-01', 'available'],
      ['A-02', 'available'],
    ]);
    expect(Object.keys(page1.body.items[0]).sort()).toEqual(
      ['areaM2', 'code', 'fairId', 'id', 'kind', 'priceVnd', 'status', 'zone'].sort(),
    );
    const page2 = await t.http.get(`/fairs/${id}/stalls?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((s: any) => s.code)).toEqual(['F-01']);
    expect(page2.body.nextCursor).toBeNull();
    expect((await t.http.get(`/fairs/${id}/stalls?kind=food`)).body.items.map((s: any) => s.code)).toEqual([
      'F-01',
    ]);
    expect((await t.http.get(`/fairs/${id}/stalls?limit=101`)).status).toBe(400);
  });

  it('answers 403 to an organizer acting on another organizer’s published fair', async () => {
    const { fair } = await publishedFair(t, organizer, clock);
    const as = { token: otherOrganizer.token };
    for (const response of [
      await t.http.patch(`/fairs/${fair.id}`, { name: 'Chiếm quyền' }, as),
      await t.http.post(`/fairs/${fair.id}/cancel`, {}, as),
      await t.http.post(`/fairs/${fair.id}/publish`, {}, as),
      await t.http.post(
        `/fairs/${fair.id}/stalls`,
        { stalls: [{ code: 'Z-9', areaM2: 4, priceVnd: 1 }] },
        as,
      ),
      await t.http.get(`/fairs/${fair.id}/summary`, as),
    ]) {
      expect(response.status).toBe(403);
    }
    expect((await t.http.get(`/fairs/${fair.id}`)).body).toMatchObject({
      name: fair.name,
      status: 'published',
    });
  });

  it('lets an administrator read a fair’s figures but act on it never: the organizer’s routes are 403', async () => {
    const { fair } = await publishedFair(t, organizer, clock);
    const as = { token: admin.token };
    for (const response of [
      await t.http.patch(`/fairs/${fair.id}`, { name: 'Thay mặt' }, as),
      await t.http.post(
        `/fairs/${fair.id}/stalls`,
        { stalls: [{ code: 'Z-9', areaM2: 4, priceVnd: 1 }] },
        as,
      ),
      await t.http.post(`/fairs/${fair.id}/cancel`, {}, as),
    ]) {
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    const draft = await t.http.post('/fairs', fairBody(clock), { token: organizer.token });
    expect((await t.http.post(`/fairs/${draft.body.id}/publish`, {}, as)).status).toBe(403);
    expect((await t.http.get(`/fairs/${draft.body.id}`, as)).body.status).toBe('draft');
    expect((await t.http.get(`/fairs/${fair.id}/summary`, as)).status).toBe(200);
    expect((await t.http.get(`/fairs/${fair.id}`)).body).toMatchObject({
      name: fair.name,
      status: 'published',
    });
  });

  it('holds a reschedule to the dates rules of creation: no start already past, no end already past', async () => {
    const past = new Date(clock.now().getTime() - DAY).toISOString();
    const created = await t.http.post('/fairs', fairBody(clock, { startsAt: past }), {
      token: organizer.token,
    });
    expect(created.status).toBe(422);
    expect(created.body.code).toBe('FAIR_START_IN_PAST');
    expect(created.body.errors.map((e: any) => e.field)).toEqual(['startsAt']);

    const { fair } = await publishedFair(t, organizer, clock);
    const moved = await t.http.patch(`/fairs/${fair.id}`, { startsAt: past }, { token: organizer.token });
    expect(moved.status).toBe(422);
    expect(moved.body.code).toBe('FAIR_START_IN_PAST');
    const over = await t.http.patch(
      `/fairs/${fair.id}`,
      {
        startsAt: new Date(clock.now().getTime() - 3 * DAY).toISOString(),
        endsAt: past,
        bookingOpensAt: new Date(clock.now().getTime() - 4 * DAY).toISOString(),
        bookingClosesAt: new Date(clock.now().getTime() - 3 * DAY).toISOString(),
      },
      { token: organizer.token },
    );
    expect(over.status).toBe(422);
    expect(over.body.code).toBe('FAIR_ALREADY_ENDED');
    expect((await t.http.get(`/fairs/${fair.id}`)).body.startsAt).toBe(fair.startsAt);
  });

  it('keeps stall statuses to the contract’s three for a cancelled fair, and refuses its bookings', async () => {
    const { fair, stalls } = await publishedFair(t, organizer, clock, { count: 2 });
    expect((await t.http.post(`/fairs/${fair.id}/cancel`, {}, { token: organizer.token })).status).toBe(200);
    const map = await t.http.get(`/fairs/${fair.id}/stalls`);
    expect(map.body.items.map((s: any) => s.status)).toEqual(['available', 'available']);
    expect((await t.http.get(`/fairs/${fair.id}`)).body.status).toBe('cancelled');
    const producer = await verifiedUser(t, admin, 'producer');
    const refused = await t.http.post(
      `/fairs/${fair.id}/bookings`,
      { stallId: stalls[0].id },
      { token: producer.token },
    );
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
  });

  it('refuses a date range that ends before it starts and places that do not exist, naming the field', async () => {
    const fieldsOf = async (query: string) => {
      const response = await t.http.get(`/fairs?${query}`);
      expect(response.status).toBe(400);
      return response.body.errors.map((e: any) => e.field);
    };
    expect(await fieldsOf('from=2027-03-10&to=2027-03-01')).toEqual(['from']);
    expect(await fieldsOf('from=2027-03-02&to=2027-03-01')).toEqual(['from']);
    expect(await fieldsOf('from=2027-03-01T10:00:00Z&to=2027-03-01T09:00:00Z')).toEqual(['from']);
    expect(await fieldsOf('provinceCode=99')).toEqual(['provinceCode']);
    expect(await fieldsOf('communeCode=99999')).toEqual(['communeCode']);
    expect((await t.http.get('/fairs?from=2027-03-01&to=2027-03-01')).status).toBe(200);
    expect((await t.http.get('/fairs?from=2027-03-01T10:00:00Z&to=2027-03-01')).status).toBe(200);
  });

  it('lists announced fairs by place and dates with cursor pages, and a month calendar by day', async () => {
    // A venue/commune of its own so that other tests’ fairs do not interfere: Hạ Long province 22.
    const commune = '06946';
    const monthStart = new Date(Date.UTC(2027, 2, 1) - 7 * 3_600_000); // 2027-03-01 00:00 in Vietnam
    const mk = (startDay: number, days: number, venue: string) => ({
      ...fairBody(clock, { venue, communeCode: commune }),
      startsAt: new Date(monthStart.getTime() + (startDay - 1) * DAY + 8 * 3_600_000).toISOString(),
      endsAt: new Date(monthStart.getTime() + (startDay - 1 + days - 1) * DAY + 21 * 3_600_000).toISOString(),
      bookingClosesAt: new Date(monthStart.getTime() + (startDay - 2) * DAY).toISOString(),
    });
    const ids: string[] = [];
    for (const [day, days, venue] of [
      [3, 2, `Chợ phiên ${Date.now()} 1`],
      [3, 1, `Chợ phiên ${Date.now()} 2`],
      [30, 4, `Chợ phiên ${Date.now()} 3`],
    ] as const) {
      const created = await t.http.post('/fairs', mk(day, days, venue), { token: organizer.token });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
      await t.http.post(`/fairs/${created.body.id}/publish`, {}, { token: organizer.token });
    }
    const draft = await t.http.post('/fairs', mk(10, 1, `Chợ phiên ${Date.now()} nháp`), {
      token: organizer.token,
    });

    const calendar = await t.http.get('/fairs/calendar?provinceCode=22&month=2027-03');
    expect(calendar.status).toBe(200);
    const days = Object.fromEntries(
      calendar.body.days.map((d: any) => [
        d.date,
        d.fairs.map((f: any) => f.id).filter((id: string) => ids.includes(id)),
      ]),
    );
    expect(days['2027-03-03']).toEqual(expect.arrayContaining([ids[0], ids[1]]));
    expect(days['2027-03-04']).toEqual([ids[0]]);
    expect(days['2027-03-30']).toEqual([ids[2]]);
    expect(days['2027-03-31']).toEqual([ids[2]]);
    expect(calendar.body.days.some((d: any) => d.date.startsWith('2027-04'))).toBe(false);
    expect(JSON.stringify(calendar.body)).not.toContain(draft.body.id);
    const april = await t.http.get('/fairs/calendar?provinceCode=22&month=2027-04');
    expect(april.body.days.find((d: any) => d.date === '2027-04-02').fairs.map((f: any) => f.id)).toContain(
      ids[2],
    );
    expect((await t.http.get('/fairs/calendar?month=2027-13')).status).toBe(400);
    expect((await t.http.get('/fairs/calendar?month=2027-03&provinceCode=99')).status).toBe(400);
    const otherProvince = await t.http.get('/fairs/calendar?provinceCode=01&month=2027-03');
    expect(JSON.stringify(otherProvince.body)).not.toContain(ids[0]);

    const page1 = await t.http.get(`/fairs?communeCode=${commune}&from=2027-03-01&to=2027-03-31&limit=2`);
    expect(page1.status).toBe(200);
    const page2 = await t.http.get(
      `/fairs?communeCode=${commune}&from=2027-03-01&to=2027-03-31&limit=2&cursor=${page1.body.nextCursor}`,
    );
    const listed = [...page1.body.items, ...page2.body.items].map((f: any) => f.id);
    expect(listed).toEqual(expect.arrayContaining(ids));
    expect(listed).not.toContain(draft.body.id);
    const onlyLate = await t.http.get(`/fairs?communeCode=${commune}&from=2027-03-10&to=2027-03-31`);
    expect(onlyLate.body.items.map((f: any) => f.id)).toEqual([ids[2]]);
    const byProvince = await t.http.get(`/fairs?provinceCode=01&from=2027-03-01&to=2027-03-31`);
    expect(byProvince.body.items.map((f: any) => f.id)).not.toContain(ids[0]);
  });
  it('documents every fairs and bookings route in the OpenAPI document', async () => {
    const document = await t.http.get('/docs-json');
    const paths = document.body.paths;
    const routes: Array<[string, string]> = [
      ['/api/v1/fairs', 'post'],
      ['/api/v1/fairs', 'get'],
      ['/api/v1/fairs/calendar', 'get'],
      ['/api/v1/fairs/{id}', 'get'],
      ['/api/v1/fairs/{id}', 'patch'],
      ['/api/v1/fairs/{id}/publish', 'post'],
      ['/api/v1/fairs/{id}/cancel', 'post'],
      ['/api/v1/fairs/{id}/stalls', 'post'],
      ['/api/v1/fairs/{id}/stalls', 'get'],
      ['/api/v1/fairs/{id}/summary', 'get'],
      ['/api/v1/fairs/{id}/bookings', 'post'],
      ['/api/v1/fairs/{id}/waitlist', 'post'],
      ['/api/v1/bookings', 'get'],
      ['/api/v1/bookings/{id}', 'get'],
      ['/api/v1/bookings/{id}/confirm', 'post'],
      ['/api/v1/bookings/{id}/cancel', 'post'],
      ['/api/v1/bookings/{id}/check-in', 'post'],
    ];
    for (const [path, method] of routes) {
      const operation = paths[path]?.[method];
      expect({ path, method, summary: operation?.summary, tags: operation?.tags }).toEqual({
        path,
        method,
        summary: expect.any(String),
        tags: ['fairs'],
      });
    }
    const booking = document.body.components.schemas.BookingView;
    expect(Object.keys(booking.properties)).toEqual(
      expect.arrayContaining(['id', 'stallId', 'status', 'holdExpiresAt', 'amountVnd']),
    );
  });
});
