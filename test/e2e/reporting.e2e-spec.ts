import { randomBytes } from 'node:crypto';
import { addDays, vietnamDate } from '@ocop/clock';
import { UnitOfWork } from '@ocop/persistence';
import { FairsFacade } from '../../src/modules/fairs';
import { adminSession, registerUser, Session, verifiedUser } from '../support/factories';
import { FixedClock } from '../support/fixed-clock';
import { startTestApp, TestApp } from '../support/test-app';

/*
 * A small province of its own (Lai Châu, code 12, which no other suite uses) on dates of its own
 * (March 2031, on a clock that stands still), so the figures can be computed by hand while other
 * suites write to the same database. The app runs in the api role only: its 2031 clock must not
 * drive the expiry sweep over other suites' orders.
 *
 * Places (current commune → former district it is attributed to):
 *   03405 Xã Tả Lèng       ← 3 former communes of 106 Huyện Tam Đường
 *   03394 Xã Sin Suối Hồ   ← 1 of 106 Tam Đường + 2 of 109 Huyện Phong Thổ → 109 (most former communes)
 */
const TODAY = '2031-03-15';
const NOON = (date: string) => `${date}T05:00:00.000Z`; // 12:00 in Vietnam

describe('reporting: programme, sales and fairs figures', () => {
  let t: TestApp;
  let clock: FixedClock;
  let admin: { token: string };
  let teaCoop: Session; // P1, Tả Lèng
  let ginseng: Session; // P2, Sin Suối Hồ
  let household: Session; // pending producer, Hua Bum
  let buyer1: Session;
  let buyer2: Session;
  let organizer: Session;
  let otherOrganizer: Session;
  const products: Record<string, string> = {};
  const listings: Record<string, string> = {};
  let fairId: string;

  const http = () => t.http;

  /** fetch's text() drops a leading BOM, so CSV answers are read as bytes. */
  async function csvOf(path: string, token: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${t.baseUrl}/api/v1${path}`, {
      headers: { authorization: `Bearer ${token}`, ...headers },
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    return {
      status: response.status,
      headers: response.headers,
      bom: bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])),
      lines: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1).trimEnd().split('\r\n'),
    };
  }
  const ok = <R extends { status: number; text: string }>(response: R, what: string): R => {
    if (response.status < 200 || response.status > 299)
      throw new Error(`${what}: ${response.status} ${response.text}`);
    return response;
  };

  async function product(
    owner: Session,
    key: string,
    name: string,
    category: string,
    priceVnd: number,
    vatRate: number,
  ) {
    const created = ok(
      await http().post('/products', { name, category, unit: 'hộp' }, { token: owner.token }),
      'product',
    );
    products[key] = created.body.id;
    const listing = ok(
      await http().post(
        '/listings',
        {
          productId: created.body.id,
          sku: `RPT-${key}-${randomBytes(3).toString('hex')}`,
          packSize: 'hộp 500 g',
          priceVnd,
          minOrderQty: 1,
          stockOnHand: 1000,
          vatRate,
        },
        { token: owner.token },
      ),
      'listing',
    );
    listings[key] = listing.body.id;
  }

  async function rate(key: string, stars: number, level: string, issuedOn: string, expiresOn: string) {
    ok(
      await http().post(
        `/admin/products/${products[key]}/ocop-rating`,
        {
          stars,
          certificateNo: `LC-OCOP-${key}-${randomBytes(3).toString('hex')}`,
          level,
          issuedOn,
          expiresOn,
        },
        { token: admin.token },
      ),
      'rating',
    );
  }

  async function order(buyer: Session, lines: Array<[string, number]>) {
    const response = ok(
      await http().post(
        '/orders',
        {
          deliveryDate: addDays(vietnamDate(clock.now()), 7),
          deliveryAddress: 'Siêu thị Lai Châu, phường Đoàn Kết',
          paymentMethod: 'invoice',
          lines: lines.map(([key, quantity]) => ({ listingId: listings[key], quantity })),
        },
        { token: buyer.token },
      ),
      'order',
    );
    return response.body as {
      id: string;
      supplierOrders: Array<{
        id: string;
        producerId: string;
        lines: Array<{ id: string; listingId: string }>;
      }>;
    };
  }

  const so = (po: Awaited<ReturnType<typeof order>>, producer: Session) =>
    po.supplierOrders.find((s) => s.producerId === producer.organizationId)!;
  const move = async (id: string, action: string, who: Session, body: unknown = {}) =>
    ok(await http().post(`/supplier-orders/${id}/${action}`, body, { token: who.token }), action);

  async function deliverAt(soId: string, producer: Session, buyer: Session, instant: string) {
    await move(soId, 'accept', producer);
    await move(soId, 'ship', producer);
    clock.set(instant);
    await move(soId, 'deliver', buyer);
    clock.set(NOON('2031-03-01'));
  }

  beforeAll(async () => {
    clock = new FixedClock(NOON('2031-03-01'));
    t = await startTestApp({ APP_ROLE: 'api' }, { clock });
    admin = await adminSession(t);
    const org = (name: string, kind: string, communeCode: string) => ({
      organization: { name, kind, communeCode },
    });
    [teaCoop, ginseng, buyer1, buyer2, organizer, otherOrganizer] = await Promise.all([
      verifiedUser(t, admin, 'producer', org('HTX Chè Shan tuyết Tả Lèng', 'cooperative', '03405')),
      verifiedUser(t, admin, 'producer', org('Công ty TNHH Sâm Lai Châu', 'enterprise', '03394')),
      verifiedUser(t, admin, 'buyer', org('Siêu thị Lai Châu "Mường Thanh"', 'retail_chain', '03388')),
      verifiedUser(t, admin, 'buyer', org('Cửa hàng đặc sản Tây Bắc', 'store', '03388')),
      verifiedUser(
        t,
        admin,
        'organizer',
        org('Trung tâm Xúc tiến Thương mại Lai Châu', 'fair_organizer', '03388'),
      ),
      verifiedUser(t, admin, 'organizer', org('Ban tổ chức hội chợ khác', 'fair_organizer', '03388')),
    ]);
    household = await registerUser(t, 'producer', org('Hộ kinh doanh Lò Văn Páo', 'household', '03460'));

    await product(teaCoop, 'A', 'Chè Shan tuyết Tả Lèng', 'beverage', 100_000, 8);
    await product(teaCoop, 'B', 'Mật ong bạc hà', 'food', 50_000, 0);
    await product(teaCoop, 'F', 'Chè búp khô', 'beverage', 80_000, 0);
    await product(ginseng, 'C', 'Sâm Lai Châu', 'herbal', 200_000, 10);
    await product(ginseng, 'D', 'Rượu sâm', 'beverage', 150_000, 10);
    await product(ginseng, 'E', 'Trà túi lọc sâm', 'herbal', 40_000, 0);

    await rate('A', 4, 'province', '2030-01-10', addDays(TODAY, 90)); // last day = the 90th: listed
    await rate('B', 3, 'province', '2029-06-01', addDays(TODAY, 91)); // one day too far: not listed
    await rate('F', 3, 'province', '2029-04-01', TODAY); // last valid day is today: in force, listed
    await rate('C', 5, 'national', '2030-05-01', '2033-04-30');
    await rate('D', 3, 'province', '2028-03-20', addDays(TODAY, -1)); // expired yesterday: unrated
    // E has no rating.

    // O1: two producers; the tea coop delivers on 10 March (00:30 in Vietnam, still 9 March in UTC),
    // then the buyer cancels what is left: the accepted ginseng order.
    const o1 = await order(buyer1, [
      ['A', 10],
      ['C', 2],
    ]);
    await move(so(o1, ginseng).id, 'accept', ginseng);
    await deliverAt(so(o1, teaCoop).id, teaCoop, buyer1, '2031-03-09T17:30:00.000Z');
    ok(await http().post(`/orders/${o1.id}/cancel`, {}, { token: buyer1.token }), 'cancel o1');

    // O2: partial acceptance (3 of 5 A), delivered 23:59:59 on 10 March in Vietnam.
    const o2 = await order(buyer2, [
      ['A', 5],
      ['B', 4],
    ]);
    const o2so = so(o2, teaCoop);
    const lineA = o2so.lines.find((l) => l.listingId === listings.A)!;
    await move(o2so.id, 'accept', teaCoop, { lines: [{ lineId: lineA.id, acceptedQty: 3 }] });
    await move(o2so.id, 'ship', teaCoop);
    clock.set('2031-03-10T16:59:59.000Z');
    await move(o2so.id, 'deliver', buyer2);
    clock.set(NOON('2031-03-01'));

    // O3: delivered at midnight starting 11 March in Vietnam.
    const o3 = await order(buyer1, [['B', 2]]);
    await deliverAt(so(o3, teaCoop).id, teaCoop, buyer1, '2031-03-10T17:00:00.000Z');

    // O4 accepted then cancelled, O5 rejected, O6 shipped but not delivered: none counts.
    const o4 = await order(buyer1, [['C', 1]]);
    await move(so(o4, ginseng).id, 'accept', ginseng);
    ok(await http().post(`/orders/${o4.id}/cancel`, {}, { token: buyer1.token }), 'cancel o4');
    const o5 = await order(buyer2, [['C', 3]]);
    await move(so(o5, ginseng).id, 'reject', ginseng, { reason: 'Hết hàng' });
    const o6 = await order(buyer1, [['B', 1]]);
    await move(so(o6, teaCoop).id, 'accept', teaCoop);
    await move(so(o6, teaCoop).id, 'ship', teaCoop);

    // A fair in April with four stalls: two confirmed (10 and 12 March), one held, one confirmed
    // and then cancelled by its producer.
    const fair = ok(
      await http().post(
        '/fairs',
        {
          name: 'Hội chợ OCOP Lai Châu 2031',
          venue: 'Quảng trường Nhân dân, Đoàn Kết',
          communeCode: '03388',
          startsAt: '2031-04-10T01:00:00.000Z',
          endsAt: '2031-04-14T14:00:00.000Z',
          bookingOpensAt: '2031-02-01T00:00:00.000Z',
          bookingClosesAt: '2031-04-05T00:00:00.000Z',
        },
        { token: organizer.token },
      ),
      'fair',
    ).body;
    fairId = fair.id;
    const stalls = ok(
      await http().post(
        `/fairs/${fairId}/stalls`,
        {
          stalls: [
            { code: 'A-01', zone: 'A', areaM2: 9, priceVnd: 3_000_000 },
            { code: 'A-02', zone: 'A', areaM2: 9, priceVnd: 2_000_000 },
            { code: 'A-03', zone: 'A', areaM2: 9, priceVnd: 2_000_000 },
            { code: 'A-04', zone: 'A', areaM2: 9, priceVnd: 1_500_000 },
          ],
        },
        { token: organizer.token },
      ),
      'stalls',
    ).body.items as Array<{ id: string; code: string }>;
    ok(await http().post(`/fairs/${fairId}/publish`, {}, { token: organizer.token }), 'publish');
    const stall = (code: string) => stalls.find((x) => x.code === code)!.id;
    const book = async (who: Session, code: string, confirmAt?: string) => {
      if (confirmAt) clock.set(confirmAt);
      const booking = ok(
        await http().post(`/fairs/${fairId}/bookings`, { stallId: stall(code) }, { token: who.token }),
        'hold',
      ).body;
      // A stall fee is confirmed by its payment; this suite has no card processor, so it records
      // the confirmation a paid PaymentIntent would bring.
      if (confirmAt) {
        const { outcome } = await t.app
          .get(UnitOfWork)
          .run((tx) => t.app.get(FairsFacade).confirmBookingPaid(tx, booking.id, `RPT-PAID-${code}`));
        expect(outcome).toBe('confirmed');
      }
      return booking.id as string;
    };
    await book(ginseng, 'A-01', '2031-03-10T05:00:00.000Z');
    await book(teaCoop, 'A-02', '2031-03-12T05:00:00.000Z');
    const cancelled = await book(ginseng, 'A-04', '2031-03-10T06:00:00.000Z');
    clock.set('2031-03-11T06:00:00.000Z');
    ok(await http().post(`/bookings/${cancelled}/cancel`, {}, { token: ginseng.token }), 'cancel booking');
    clock.set(NOON(TODAY));
    await book(teaCoop, 'A-03');
    clock.set(NOON(TODAY));
  }, 120_000);
  afterAll(() => t?.close());

  describe('programme report', () => {
    it('counts producers, certified products and stars by commune, former district and category', async () => {
      const response = await http().get('/reports/programme?provinceCode=12', { token: admin.token });
      expect(response.status).toBe(200);
      const report = response.body;
      expect(report.asOf).toBe(TODAY);
      // Hua Bum (03460) was formed from one whole commune each of 107 and 112: the lower code wins.
      const producers = (organizations: number, verified: number, withOcopProducts: number) => ({
        organizations,
        verified,
        withOcopProducts,
      });
      expect(report.organizations).toEqual({
        total: 3,
        verified: 2,
        byKindAndStatus: [
          { kind: 'cooperative', status: 'verified', organizations: 1 },
          { kind: 'enterprise', status: 'verified', organizations: 1 },
          { kind: 'household', status: 'pending', organizations: 1 },
        ],
        byCommune: [
          { code: '03460', name: 'Xã Hua Bum', ...producers(1, 0, 0) },
          { code: '03394', name: 'Xã Sin Suối Hồ', ...producers(1, 1, 1) },
          { code: '03405', name: 'Xã Tả Lèng', ...producers(1, 1, 1) },
        ],
        byFormerDistrict: [
          { code: '107', name: 'Huyện Mường Tè', ...producers(1, 0, 0) },
          { code: '109', name: 'Huyện Phong Thổ', ...producers(1, 1, 1) },
          { code: '106', name: 'Huyện Tam Đường', ...producers(1, 1, 1) },
        ],
      });
      const stars = (s3: number, s4: number, s5: number) => ({
        star1: 0,
        star2: 0,
        star3: s3,
        star4: s4,
        star5: s5,
      });
      expect(report.products.certified).toBe(4);
      expect(report.products.byCommune).toEqual([
        { code: '03405', name: 'Xã Tả Lèng', products: 3, ...stars(2, 1, 0) },
        { code: '03394', name: 'Xã Sin Suối Hồ', products: 1, ...stars(0, 0, 1) },
      ]);
      expect(report.products.byFormerDistrict).toEqual([
        { code: '106', name: 'Huyện Tam Đường', products: 3, ...stars(2, 1, 0) },
        { code: '109', name: 'Huyện Phong Thổ', products: 1, ...stars(0, 0, 1) },
      ]);
      expect(report.products.byCategory).toEqual([
        { code: 'beverage', name: 'Đồ uống', products: 2, ...stars(1, 1, 0) },
        { code: 'food', name: 'Thực phẩm', products: 1, ...stars(1, 0, 0) },
        { code: 'herbal', name: 'Thảo dược', products: 1, ...stars(0, 0, 1) },
      ]);
      expect(report.certificatesByLevel).toEqual([
        { level: 'national', name: 'Cấp quốc gia', valid: 1, expired: 0 },
        { level: 'province', name: 'Cấp tỉnh', valid: 3, expired: 1 },
      ]);
    });

    it('lists certificates whose last day is within 90 days, the 90th day and today included', async () => {
      const { body } = await http().get('/reports/programme?provinceCode=12', { token: admin.token });
      expect(body.expiringSoon).toMatchObject({ windowDays: 90, from: TODAY, to: '2031-06-13' });
      expect(body.expiringSoon.items.map((i: any) => [i.productName, i.expiresOn, i.daysLeft])).toEqual([
        ['Chè búp khô', TODAY, 0],
        ['Chè Shan tuyết Tả Lèng', '2031-06-13', 90],
      ]);
      expect(body.expiringSoon.items[1]).toMatchObject({
        producerName: 'HTX Chè Shan tuyết Tả Lèng',
        communeName: 'Xã Tả Lèng',
        stars: 4,
        level: 'province',
      });
      // A day later the certificate that ran until yesterday's "today" is gone and B enters the window.
      clock.set(NOON(addDays(TODAY, 1)));
      try {
        const next = await http().get('/reports/programme?provinceCode=12', { token: admin.token });
        expect(next.body.expiringSoon.items.map((i: any) => i.productName)).toEqual([
          'Chè Shan tuyết Tả Lèng',
          'Mật ong bạc hà',
        ]);
        expect(next.body.products.certified).toBe(3);
        // F lapsed, but A and B keep the tea cooperative among producers with OCOP products in force.
        expect(
          next.body.organizations.byCommune.find((row: any) => row.code === '03405').withOcopProducts,
        ).toBe(1);
      } finally {
        clock.set(NOON(TODAY));
      }
    });

    it('measures progress against targets the office edits, per province and per former district', async () => {
      const put = await http().request('PUT', '/admin/programme-targets', {
        token: admin.token,
        body: {
          targets: [
            { metric: 'certified_products', target: 5 },
            { metric: 'producer_organizations', target: 2 },
            { metric: 'provincial_products', formerDistrictCode: '106', target: 4 },
            { metric: 'provincial_products', formerDistrictCode: '109', target: 1 },
          ],
        },
      });
      expect(put.status).toBe(200);
      expect(put.body.targets).toHaveLength(4);
      expect(put.body.targets[2]).toMatchObject({
        formerDistrictCode: '106',
        formerDistrictName: 'Huyện Tam Đường',
      });

      const { body } = await http().get('/reports/programme?provinceCode=12', { token: admin.token });
      const row = (metric: string, district: string | null) =>
        body.targets.find((x: any) => x.metric === metric && x.formerDistrictCode === district);
      expect(row('certified_products', null)).toMatchObject({ target: 5, actual: 4, gap: 1, reached: false });
      expect(row('producer_organizations', null)).toMatchObject({
        target: 2,
        actual: 2,
        gap: 0,
        reached: true,
      });
      expect(row('provincial_products', '106')).toMatchObject({ target: 4, actual: 3, gap: 1 });
      expect(row('provincial_products', '109')).toMatchObject({
        formerDistrictName: 'Huyện Phong Thổ',
        target: 1,
        actual: 1,
        gap: 0,
      });

      const listed = await http().get('/admin/programme-targets', { token: admin.token });
      expect(listed.body.targets.map((x: any) => [x.metric, x.formerDistrictCode, x.target])).toEqual([
        ['certified_products', null, 5],
        ['producer_organizations', null, 2],
        ['provincial_products', '106', 4],
        ['provincial_products', '109', 1],
      ]);
    });

    it('refuses bad targets and keeps targets to administrators', async () => {
      const unknown = await http().request('PUT', '/admin/programme-targets', {
        token: admin.token,
        body: { targets: [{ metric: 'provincial_products', formerDistrictCode: '999', target: 1 }] },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.code).toBe('FORMER_DISTRICT_UNKNOWN');
      const twice = await http().request('PUT', '/admin/programme-targets', {
        token: admin.token,
        body: {
          targets: [
            { metric: 'certified_products', target: 1 },
            { metric: 'certified_products', target: 2 },
          ],
        },
      });
      expect(twice.body.code).toBe('TARGET_REPEATED');
      const negative = await http().request('PUT', '/admin/programme-targets', {
        token: admin.token,
        body: { targets: [{ metric: 'stars', target: -1 }] },
      });
      expect(negative.status).toBe(400);
      expect(negative.body.errors.map((e: any) => e.field).sort()).toEqual(
        ['targets[0].metric', 'targets[0].target'].sort(),
      );
      const producer = await http().request('PUT', '/admin/programme-targets', {
        token: teaCoop.token,
        body: { targets: [] },
      });
      expect(producer.status).toBe(403);
      expect((await http().get('/reports/programme', { token: teaCoop.token })).status).toBe(403);
      expect((await http().get('/reports/programme')).status).toBe(401);
    });

    it('downloads as CSV with a BOM, a header row and Vietnamese intact', async () => {
      const response = await csvOf('/reports/programme?provinceCode=12', admin.token, { accept: 'text/csv' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="bao-cao-chuong-trinh-ocop-${TODAY}.csv"`,
      );
      expect(response.bom).toBe(true);
      const lines = response.lines;
      expect(lines[0]).toBe('Phần,Mã,Tên,Chỉ số,Giá trị');
      expect(lines).toContain('Sản phẩm theo huyện cũ,109,Huyện Phong Thổ,5 sao,1');
      expect(lines).toContain('Sản phẩm theo xã/phường,03405,Xã Tả Lèng,Số sản phẩm,3');
      expect(lines).toContain('Chủ thể theo xã/phường,03460,Xã Hua Bum,Số chủ thể,1');
      expect(lines).toContain('Chủ thể theo xã/phường,03460,Xã Hua Bum,Đã xác minh,0');
      expect(lines).toContain('Chủ thể theo huyện cũ,109,Huyện Phong Thổ,Có sản phẩm OCOP còn hiệu lực,1');
      expect(lines).toContain('Chủ thể theo huyện cũ,107,Huyện Mường Tè,Số chủ thể,1');
      expect(lines.find((l) => l.includes('Chè búp khô'))).toMatch(
        /^Sắp hết hạn \(90 ngày\),LC-OCOP-F-\w+,Chè búp khô – HTX Chè Shan tuyết Tả Lèng,Ngày hết hạn,2031-03-15$/,
      );
    });
  });

  describe('sales report', () => {
    const sales = (query: string, who: { token: string }, headers: Record<string, string> = {}) =>
      http().get(`/reports/sales?${query}`, { token: who.token, headers });

    it('sums delivered orders by Vietnamese delivery day per producer, stall fees shown apart', async () => {
      const response = await sales('from=2031-03-10&to=2031-03-10&groupBy=producer', admin);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        from: '2031-03-10',
        to: '2031-03-10',
        groupBy: 'producer',
        currency: 'VND',
      });
      const row = (id: string) => response.body.rows.find((r: any) => r.key === id);
      // O1 tea (10 × 100,000, VAT 8%) delivered 00:30 on the 10th; O2 after partial acceptance
      // (3 × 100,000 + 4 × 50,000) delivered 23:59:59 on the 10th; O3 (00:00 on the 11th) is outside.
      expect(row(teaCoop.organizationId)).toEqual({
        key: teaCoop.organizationId,
        label: 'HTX Chè Shan tuyết Tả Lèng',
        supermarketOrders: 2,
        supermarketVnd: 1_500_000,
        supermarketVatVnd: 104_000,
        fairBookings: 0,
        fairStallsVnd: 0,
        totalVnd: 1_500_000,
      });
      // The ginseng orders were cancelled after acceptance, rejected or cancelled after a partial
      // delivery of the purchase order: it sold nothing; the stall it paid for on the 10th is a cost.
      expect(row(ginseng.organizationId)).toEqual({
        key: ginseng.organizationId,
        label: 'Công ty TNHH Sâm Lai Châu',
        supermarketOrders: 0,
        supermarketVnd: 0,
        supermarketVatVnd: 0,
        fairBookings: 1,
        fairStallsVnd: 3_000_000,
        totalVnd: 0,
      });
    });

    it('groups by commune, by category (line by line) and by buyer', async () => {
      const byCommune = await sales('from=2031-03-10&to=2031-03-10&groupBy=commune', admin);
      const commune = (code: string) => byCommune.body.rows.find((r: any) => r.key === code);
      expect(commune('03405')).toMatchObject({
        label: 'Xã Tả Lèng',
        supermarketVnd: 1_500_000,
        totalVnd: 1_500_000,
      });
      expect(commune('03394')).toMatchObject({
        label: 'Xã Sin Suối Hồ',
        supermarketVnd: 0,
        fairStallsVnd: 3_000_000,
        totalVnd: 0,
      });

      const byCategory = await sales(
        `from=2031-03-01&to=2031-03-31&groupBy=category&producerId=${teaCoop.organizationId}`,
        admin,
      );
      expect(byCategory.status).toBe(200);
      expect(byCategory.body.rows).toEqual([
        {
          key: 'beverage',
          label: 'Đồ uống',
          supermarketOrders: 2,
          supermarketVnd: 1_300_000,
          supermarketVatVnd: 104_000,
          fairBookings: 0,
          fairStallsVnd: 0,
          totalVnd: 1_300_000,
        },
        {
          key: 'food',
          label: 'Thực phẩm',
          supermarketOrders: 2,
          supermarketVnd: 300_000,
          supermarketVatVnd: 0,
          fairBookings: 0,
          fairStallsVnd: 0,
          totalVnd: 300_000,
        },
      ]);
      // Each order once in the totals, though O2 spans two categories; the stall fee has no
      // category, so only the totals show it, beside the sales.
      expect(byCategory.body.totals).toEqual({
        key: null,
        label: 'Tổng cộng',
        supermarketOrders: 3,
        supermarketVnd: 1_600_000,
        supermarketVatVnd: 104_000,
        fairBookings: 1,
        fairStallsVnd: 2_000_000,
        totalVnd: 1_600_000,
      });
    });

    it('never counts stall fees, which producers pay, as delivered order value in any grouping', async () => {
      for (const groupBy of ['producer', 'commune', 'buyer', 'category']) {
        for (const [producer, deliveredVnd, stallsVnd] of [
          [ginseng, 0, 3_000_000],
          [teaCoop, 1_600_000, 2_000_000],
        ] as const) {
          const { body } = await sales(
            `from=2031-03-01&to=2031-03-31&groupBy=${groupBy}&producerId=${producer.organizationId}`,
            admin,
          );
          const sum = (pick: (row: any) => number) =>
            body.rows.reduce((total: number, row: any) => total + pick(row), 0);
          // Stall fees belong to a producer and its commune; they have no buyer and no category.
          const attributed = groupBy === 'producer' || groupBy === 'commune';
          expect({
            groupBy,
            producer: producer.organizationId,
            totalVnd: body.totals.totalVnd,
            supermarketVnd: body.totals.supermarketVnd,
            totalsStallsVnd: body.totals.fairStallsVnd,
            rowsTotalVnd: sum((row) => row.totalVnd),
            rowsStallsVnd: sum((row) => row.fairStallsVnd),
            rowsAreSales: body.rows.every((row: any) => row.totalVnd === row.supermarketVnd),
          }).toEqual({
            groupBy,
            producer: producer.organizationId,
            totalVnd: deliveredVnd,
            supermarketVnd: deliveredVnd,
            totalsStallsVnd: stallsVnd,
            rowsTotalVnd: deliveredVnd,
            rowsStallsVnd: attributed ? stallsVnd : 0,
            rowsAreSales: true,
          });
        }
      }
    });

    it('shows a producer only its own rows, whoever it asks about', async () => {
      const own = await sales('from=2031-03-01&to=2031-03-31&groupBy=buyer', teaCoop);
      expect(own.status).toBe(200);
      expect(own.body.producerId).toBe(teaCoop.organizationId);
      const byKey = Object.fromEntries(own.body.rows.map((r: any) => [r.key, r]));
      // A fair organizer is paid by the producer, it buys nothing: it is not a buyer row.
      expect(Object.keys(byKey).sort()).toEqual([buyer1.organizationId, buyer2.organizationId].sort());
      expect(byKey[buyer1.organizationId]).toMatchObject({
        label: 'Siêu thị Lai Châu "Mường Thanh"',
        supermarketOrders: 2,
        supermarketVnd: 1_100_000,
        supermarketVatVnd: 80_000,
      });
      expect(byKey[buyer2.organizationId]).toMatchObject({ supermarketOrders: 1, supermarketVnd: 500_000 });
      expect(own.body.totals).toMatchObject({
        supermarketOrders: 3,
        supermarketVnd: 1_600_000,
        fairBookings: 1,
        fairStallsVnd: 2_000_000,
        totalVnd: 1_600_000,
      });

      const producers = await sales('from=2031-03-01&to=2031-03-31&groupBy=producer', teaCoop);
      expect(producers.body.rows.map((r: any) => r.key)).toEqual([teaCoop.organizationId]);
      const foreign = await sales(`groupBy=producer&producerId=${ginseng.organizationId}`, teaCoop);
      expect(foreign.status).toBe(403);
    });

    it('is refused to buyers, organizers and anonymous callers, and checks its parameters', async () => {
      expect((await sales('groupBy=producer', buyer1)).status).toBe(403);
      expect((await sales('groupBy=producer', organizer)).status).toBe(403);
      expect((await http().get('/reports/sales')).status).toBe(401);
      const bad = await sales('groupBy=district&from=2031-13-01', admin);
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['from', 'groupBy']);
      const reversed = await sales('from=2031-03-10&to=2031-03-09', admin);
      expect(reversed.status).toBe(400);
      expect(reversed.body.code).toBe('REPORT_PERIOD_INVALID');
      // The programme report's province must exist: 99 is a mistake, not a province with nothing in it.
      const nowhere = await http().get('/reports/programme?provinceCode=99', { token: admin.token });
      expect({ status: nowhere.status, errors: nowhere.body.errors }).toEqual({
        status: 400,
        errors: [{ field: 'provinceCode', message: 'unknown province code' }],
      });
    });

    it('exports CSV for ?format=csv with quoting and Vietnamese intact', async () => {
      const response = await csvOf(
        '/reports/sales?from=2031-03-01&to=2031-03-31&groupBy=buyer&format=csv',
        teaCoop.token,
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toMatch(
        /^attachment; filename="bao-cao-doanh-thu-2031-03-15\.csv"$/,
      );
      expect(response.bom).toBe(true);
      const lines = response.lines;
      expect(lines[0]).toBe(
        'Mã nhóm,Tên nhóm,Số đơn siêu thị đã giao,Doanh thu siêu thị chưa VAT (VND),VAT (VND),Tổng giá trị đơn đã giao chưa VAT (VND),Số gian hàng hội chợ đã thuê,"Phí gian hàng đã trả (VND, không tính vào doanh thu)"',
      );
      expect(lines).toContain(
        `${buyer1.organizationId},"Siêu thị Lai Châu ""Mường Thanh""",2,1100000,80000,1100000,0,0`,
      );
      expect(lines[lines.length - 1]).toBe(',Tổng cộng,3,1600000,104000,1600000,1,2000000');

      const ginsengCsv = await csvOf(
        `/reports/sales?from=2031-03-01&to=2031-03-31&groupBy=producer&producerId=${ginseng.organizationId}`,
        admin.token,
        { accept: 'text/csv' },
      );
      expect(ginsengCsv.lines.slice(1)).toEqual([
        `${ginseng.organizationId},Công ty TNHH Sâm Lai Châu,0,0,0,0,1,3000000`,
        ',Tổng cộng,0,0,0,0,1,3000000',
      ]);
    });
  });

  describe('fairs report', () => {
    it('gives an organizer its fairs’ occupancy and stall revenue, and nobody else’s', async () => {
      const response = await http().get('/reports/fairs', { token: organizer.token });
      expect(response.status).toBe(200);
      expect(response.body.fairs).toEqual([
        expect.objectContaining({
          fairId,
          name: 'Hội chợ OCOP Lai Châu 2031',
          communeName: 'Phường Đoàn Kết',
          stalls: 4,
          confirmed: 2,
          held: 1,
          checkedIn: 0,
          occupancyPercent: 50,
          stallRevenueVnd: 5_000_000,
          potentialRevenueVnd: 8_500_000,
        }),
      ]);
      expect(response.body.totals).toMatchObject({
        stalls: 4,
        confirmed: 2,
        occupancyPercent: 50,
        stallRevenueVnd: 5_000_000,
      });

      const other = await http().get('/reports/fairs', { token: otherOrganizer.token });
      expect(other.body.fairs).toEqual([]);
      const asAdmin = await http().get(`/reports/fairs?organizerId=${organizer.organizationId}`, {
        token: admin.token,
      });
      expect(asAdmin.body.fairs.map((f: any) => f.fairId)).toEqual([fairId]);
      expect((await http().get('/reports/fairs', { token: teaCoop.token })).status).toBe(403);

      const csv = await csvOf('/reports/fairs', organizer.token, { accept: 'text/csv' });
      expect(csv.bom).toBe(true);
      expect(csv.lines[0]).toMatch(/^Mã hội chợ,Tên hội chợ,Địa điểm,Xã\/phường,/);
      expect(csv.lines[1]).toContain(
        ',Hội chợ OCOP Lai Châu 2031,"Quảng trường Nhân dân, Đoàn Kết",Phường Đoàn Kết,',
      );
    });
  });

  it('keeps the pending household out of the verified count but in the by-status figures', async () => {
    const { body } = await http().get('/reports/programme?provinceCode=12', { token: admin.token });
    expect(household.organizationId).toBeDefined();
    expect(body.organizations.byKindAndStatus).toContainEqual({
      kind: 'household',
      status: 'pending',
      organizations: 1,
    });
  });
});
