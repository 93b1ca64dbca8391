import { adminSession, registerUser, Session, verifiedUser } from '../support/factories';
import { aListing, aProduct, rate } from '../support/catalog';
import { startTestApp, TestApp } from '../support/test-app';

interface Item {
  id: string;
  productName: string;
  priceVnd: number;
  ocopStars: number | null;
  createdAt: string;
  [key: string]: any;
}

/** Public search. Each test scopes itself with producerId so other suites' data cannot interfere. */
describe('catalog: listing search', () => {
  let t: TestApp;
  /** The same database behind an app that keeps no search's matches past 100: it pages in SQL. */
  let sqlPaged: TestApp;
  let admin: { token: string };
  let buyer: Session;

  beforeAll(async () => {
    t = await startTestApp();
    sqlPaged = await startTestApp({ SEARCH_KEEP_MATCHES_MAX: '100' });
    admin = await adminSession(t);
    buyer = await verifiedUser(t, admin, 'buyer');
  });
  afterAll(async () => {
    await sqlPaged?.close();
    await t?.close();
  });

  const search = async (params: Record<string, string | number>, token?: string, app: TestApp = t) => {
    const query = new URLSearchParams(
      Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    return app.http.get(`/listings?${query}`, token ? { token } : {});
  };
  const names = async (params: Record<string, string | number>) => {
    const response = await search({ limit: 100, ...params });
    expect(response.status).toBe(200);
    return (response.body.items as Item[]).map((item) => item.productName).sort();
  };
  async function pageThrough(params: Record<string, string | number>, app: TestApp = t): Promise<Item[]> {
    const seen: Item[] = [];
    let cursor: string | null = null;
    do {
      const response = await search({ ...params, ...(cursor ? { cursor } : {}) }, undefined, app);
      expect(response.status).toBe(200);
      seen.push(...response.body.items);
      cursor = response.body.nextCursor;
    } while (cursor);
    return seen;
  }

  describe('Vietnamese text', () => {
    let producer: Session;
    const catalogue = [
      'Chè đường Ba Chẽ',
      'Ba kích tím Ba Chẽ',
      'Rượu ba kích',
      'Chả mực Hạ Long',
      'Nước mắm Cái Rồng',
      'Mật ong rừng',
    ];

    beforeAll(async () => {
      producer = await verifiedUser(t, admin, 'producer', { organization: { name: 'HTX Nông sản Xanh' } });
      for (const name of catalogue) {
        const product = await aProduct(t, producer, { name });
        await aListing(t, producer, product.id);
      }
    });

    const find = (q: string) => names({ q, producerId: producer.organizationId });

    it('folds diacritics, case and word order', async () => {
      expect(await find('che duong ba che')).toEqual(['Chè đường Ba Chẽ']);
      expect(await find('CHÈ ĐƯỜNG')).toEqual(['Chè đường Ba Chẽ']);
      expect(await find('ba che duong')).toEqual(['Chè đường Ba Chẽ']);
      expect(await find('ba kich')).toEqual(['Ba kích tím Ba Chẽ', 'Rượu ba kích']);
      expect(await find('kích ba')).toEqual(['Ba kích tím Ba Chẽ', 'Rượu ba kích']);
    });

    it('tolerates misspellings and missing tone marks', async () => {
      expect(await find('cha muc ha long')).toEqual(['Chả mực Hạ Long']);
      expect(await find('chá mức hà lọng')).toEqual(['Chả mực Hạ Long']);
      expect(await find('nuoc mam cai rongg')).toEqual(['Nước mắm Cái Rồng']);
      expect(await find('duonh')).toEqual(['Chè đường Ba Chẽ']);
    });

    it('finds NFC-stored text from a query with combining marks (NFD)', async () => {
      const nfd = 'Chả mực'.normalize('NFD');
      expect(nfd).not.toBe('Chả mực');
      expect(await find(nfd)).toEqual(['Chả mực Hạ Long']);
    });

    it('matches the producer name and the commune, and misses what is not there', async () => {
      // "mat" (mật) and "ong" are known words, taken as meant: not also "mam" (mắm) and "rong" (Rồng).
      expect(await find('nong san xanh mat ong')).toEqual(['Mật ong rừng']);
      expect((await find('xa ba che')).length).toBe(catalogue.length);
      expect(await find('cà phê')).toEqual([]);
      expect(await find('ba kich ha long')).toEqual([]);
      expect(await find('tra sen')).toEqual([]);
    });

    it('ranks the closest product name first by relevance', async () => {
      const response = await search({ q: 'ruou ba kich', producerId: producer.organizationId });
      expect(response.body.items[0].productName).toBe('Rượu ba kích');
    });
  });

  describe('a small typo per word', () => {
    let producer: Session;
    const catalogue = ['Rượu vang sim Quảng Ninh', 'Rượu Vân Hồ', 'Bánh gio Quảng Yên', 'Chè đường Ba Chẽ'];

    beforeAll(async () => {
      producer = await verifiedUser(t, admin, 'producer');
      for (const name of catalogue) {
        const product = await aProduct(t, producer, { name });
        await aListing(t, producer, product.id);
      }
    });

    const find = (q: string) => names({ q, producerId: producer.organizationId });

    it('matches a deletion, also one that leaves a word of 3 letters', async () => {
      // "vag" is one edit from "vang" and from "van" (Vân).
      expect(await find('ruou vag')).toEqual(['Rượu Vân Hồ', 'Rượu vang sim Quảng Ninh']);
      expect(await find('bah gio')).toEqual(['Bánh gio Quảng Yên']);
    });

    it('matches a wrong, missing or swapped letter in a word of 3 letters that is not itself known', async () => {
      // Typos no product anywhere in the shared test database spells: a real word ("sin") would be taken
      // as meant once any listing used it.
      expect(await find('ruou vang sjm')).toEqual(['Rượu vang sim Quảng Ninh']);
      expect(await find('ruou vang ism')).toEqual(['Rượu vang sim Quảng Ninh']);
      expect(await find('bnah gio')).toEqual(['Bánh gio Quảng Yên']);
      expect(await find('banh gio quang yne')).toEqual(['Bánh gio Quảng Yên']);
    });

    it('matches two adjacent letters swapped', async () => {
      expect(await find('che duogn ba che')).toEqual(['Chè đường Ba Chẽ']);
      expect(await find('ruuo vang')).toEqual(['Rượu Vân Hồ', 'Rượu vang sim Quảng Ninh']);
    });

    it('still requires every word and keeps words of 1 or 2 letters exact', async () => {
      expect(await find('ruou bia')).toEqual([]);
      expect(await find('banh chung')).toEqual([]);
      expect(await find('ruou vag hi')).toEqual([]);
      expect(await find('che duong ca che')).toEqual([]);
      expect(await find('banh gi')).toEqual([]);
      expect(await find('bah')).toEqual(['Bánh gio Quảng Yên']);
    });

    it('ranks an exact match above a typo match', async () => {
      const response = await search({
        q: 'ruou vang',
        producerId: producer.organizationId,
        sort: 'relevance',
      });
      expect(response.body.items.map((i: Item) => i.productName)).toEqual([
        'Rượu vang sim Quảng Ninh',
        'Rượu Vân Hồ',
      ]);
    });
  });

  describe('filters and sorts', () => {
    let producer: Session;
    let elsewhere: Session;
    const listings: Record<string, Item> = {};

    beforeAll(async () => {
      producer = await verifiedUser(t, admin, 'producer');
      elsewhere = await verifiedUser(t, admin, 'producer', { organization: { communeCode: '06994' } });
      const specs = [
        { key: 'tea4', name: 'Trà hoa vàng', category: 'beverage', stars: 4, price: 30000, stock: 10 },
        { key: 'tea3', name: 'Trà xanh', category: 'beverage', stars: 3, price: 10000, stock: 0 },
        { key: 'honey5', name: 'Mật ong', category: 'food', stars: 5, price: 20000, stock: 5 },
        { key: 'fish', name: 'Cá khô', category: 'food', stars: null, price: 20000, stock: 7 },
        { key: 'old', name: 'Rượu mơ', category: 'beverage', stars: 'expired', price: 50000, stock: 3 },
      ] as const;
      for (const spec of specs) {
        const product = await aProduct(t, producer, { name: spec.name, category: spec.category });
        if (spec.stars === 'expired') {
          await rate(t, admin, product.id, {
            stars: 4,
            level: 'district',
            issuedOn: '2022-01-01',
            expiresOn: '2024-12-31',
          });
        } else if (spec.stars !== null) {
          await rate(t, admin, product.id, { stars: spec.stars });
        }
        listings[spec.key] = (await aListing(t, producer, product.id, {
          priceVnd: spec.price,
          stockOnHand: spec.stock,
        })) as Item;
      }
      const paused = await aProduct(t, producer, { name: 'Trà tạm dừng', category: 'beverage' });
      await aListing(t, producer, paused.id, { status: 'paused' });
      const vanDon = await aProduct(t, elsewhere, { name: 'Trà Vân Đồn', category: 'beverage' });
      listings.vanDon = (await aListing(t, elsewhere, vanDon.id, { priceVnd: 25000 })) as Item;
      const pending = await registerUser(t, 'producer');
      const hidden = await aProduct(t, pending, { name: 'Trà chưa xác minh', category: 'beverage' });
      await aListing(t, pending, hidden.id);
    });

    const mine = (params: Record<string, string | number> = {}) =>
      names({ producerId: producer.organizationId, ...params });

    it('shows only active listings of verified producers', async () => {
      expect(await mine()).toEqual(['Cá khô', 'Mật ong', 'Rượu mơ', 'Trà hoa vàng', 'Trà xanh']);
      expect(await names({ q: 'tra chua xac minh' })).toEqual([]);
      expect(await names({ q: 'tra tam dung' })).toEqual([]);
    });

    it('shows a producer its own paused listings when it asks for its own', async () => {
      const own = await search({ producerId: producer.organizationId, limit: 100 }, producer.token);
      expect(own.body.items.map((i: Item) => i.productName)).toContain('Trà tạm dừng');
      const other = await search({ producerId: producer.organizationId, limit: 100 }, elsewhere.token);
      expect(other.body.items.map((i: Item) => i.productName)).not.toContain('Trà tạm dừng');
    });

    it('applies every filter, combined', async () => {
      expect(await mine({ category: 'beverage' })).toEqual(['Rượu mơ', 'Trà hoa vàng', 'Trà xanh']);
      expect(await mine({ minStars: 4 })).toEqual(['Mật ong', 'Trà hoa vàng']);
      expect(await mine({ category: 'beverage', minStars: 3 })).toEqual(['Trà hoa vàng', 'Trà xanh']);
      expect(await mine({ minPriceVnd: 20000, maxPriceVnd: 30000 })).toEqual([
        'Cá khô',
        'Mật ong',
        'Trà hoa vàng',
      ]);
      expect(await mine({ inStock: 'true' })).toEqual(['Cá khô', 'Mật ong', 'Rượu mơ', 'Trà hoa vàng']);
      expect(
        await mine({ inStock: 'true', category: 'beverage', minStars: 3, maxPriceVnd: 40000, q: 'tra' }),
      ).toEqual(['Trà hoa vàng']);
      expect(await names({ communeCode: '06994', q: 'tra van don' })).toEqual(['Trà Vân Đồn']);
      expect(
        await names({ provinceCode: '22', communeCode: '06994', producerId: elsewhere.organizationId }),
      ).toEqual(['Trà Vân Đồn']);
      expect(await names({ provinceCode: '01', producerId: elsewhere.organizationId })).toEqual([]);
      expect(await mine({ communeCode: '06994' })).toEqual([]);
    });

    it('counts an expired certificate as unrated', async () => {
      const response = await search({ producerId: producer.organizationId, q: 'ruou mo' });
      expect(response.body.items[0].ocopStars).toBeNull();
      expect(await mine({ minStars: 1, q: 'ruou mo' })).toEqual([]);
    });

    it('sorts by price, stars and newest, with stable paging for each', async () => {
      const ids = (items: Item[]) => items.map((i) => i.id);
      const byId = (a: Item, b: Item) => (a.id < b.id ? -1 : 1);
      const all = Object.values(listings).filter((l) => l.producerId === producer.organizationId);

      const priceAsc = [...all].sort((a, b) => a.priceVnd - b.priceVnd || byId(a, b));
      expect(
        ids(await pageThrough({ producerId: producer.organizationId, sort: 'price_asc', limit: 2 })),
      ).toEqual(ids(priceAsc));

      const priceDesc = [...all].sort((a, b) => b.priceVnd - a.priceVnd || byId(b, a));
      expect(
        ids(await pageThrough({ producerId: producer.organizationId, sort: 'price_desc', limit: 2 })),
      ).toEqual(ids(priceDesc));

      const stars = await pageThrough({ producerId: producer.organizationId, sort: 'stars_desc', limit: 2 });
      expect(stars.map((i) => i.ocopStars)).toEqual([5, 4, 3, null, null]);

      const newest = await pageThrough({ producerId: producer.organizationId, sort: 'newest', limit: 2 });
      expect(newest.map((i) => i.productName)).toEqual([
        'Rượu mơ',
        'Cá khô',
        'Mật ong',
        'Trà xanh',
        'Trà hoa vàng',
      ]);

      const relevance = await pageThrough({
        producerId: producer.organizationId,
        sort: 'relevance',
        q: 'tra',
        limit: 1,
      });
      expect(relevance.map((i) => i.productName).sort()).toEqual(['Trà hoa vàng', 'Trà xanh']);
    });

    it('answers facet counts by category, stars and commune', async () => {
      const response = await search({ producerId: producer.organizationId });
      expect(response.body.facets.category).toEqual([
        { value: 'beverage', count: 3 },
        { value: 'food', count: 2 },
      ]);
      expect(response.body.facets.stars).toEqual([
        { value: '0', count: 2 },
        { value: '3', count: 1 },
        { value: '4', count: 1 },
        { value: '5', count: 1 },
      ]);
      expect(response.body.facets.commune).toEqual([{ value: '06970', label: 'Xã Ba Chẽ', count: 5 }]);
    });

    it('rejects bad parameters', async () => {
      for (const params of [
        { limit: 101 },
        { limit: 0 },
        { sort: 'cheapest' },
        { minStars: 6 },
        { category: 'cars' },
        { inStock: 'yes' },
        { cursor: 'not-a-cursor' },
        { producerId: 'abc' },
        { minPriceVnd: -1 },
        { colour: 'red' },
      ]) {
        const response = await search(params as unknown as Record<string, string | number>);
        expect({ params, status: response.status }).toEqual({ params, status: 400 });
      }
    });
  });

  it("follows the producer's verification at once: verified shows, suspended hides its listings", async () => {
    const producer = await registerUser(t, 'producer');
    const product = await aProduct(t, producer, { name: 'Rượu mơ Yên Tử' });
    await aListing(t, producer, product.id);
    const shown = () => names({ producerId: producer.organizationId });
    expect(await shown()).toEqual([]);
    const path = `/admin/organizations/${producer.organizationId}`;
    expect((await t.http.post(`${path}/verify`, {}, { token: admin.token })).status).toBe(200);
    expect(await shown()).toEqual(['Rượu mơ Yên Tử']);
    const suspended = await t.http.post(`${path}/suspend`, { reason: 'Kiểm tra' }, { token: admin.token });
    expect(suspended.status).toBe(200);
    expect(await shown()).toEqual([]);
  });

  it('finds a new near spelling of a word searched before (cached expansions follow the vocabulary)', async () => {
    const producer = await verifiedUser(t, admin, 'producer');
    const first = await aProduct(t, producer, { name: 'Xoài cát' });
    await aListing(t, producer, first.id);
    expect(await names({ q: 'xoai', producerId: producer.organizationId })).toEqual(['Xoài cát']);
    const typo = await aProduct(t, producer, { name: 'Xoaii sấy' });
    await aListing(t, producer, typo.id);
    expect(await names({ q: 'xoai', producerId: producer.organizationId })).toEqual([
      'Xoaii sấy',
      'Xoài cát',
    ]);
  });

  it('answers a repeated search from its kept matches only while nothing it depends on changed', async () => {
    const producer = await verifiedUser(t, admin, 'producer');
    const product = await aProduct(t, producer, { name: 'Măng tre Bình Liêu', category: 'food' });
    const [cheap, middle, dear] = await Promise.all(
      [100_000, 200_000, 300_000].map((priceVnd) => aListing(t, producer, product.id, { priceVnd })),
    );
    const ids = async (params: Record<string, string | number>) => {
      const response = await search({
        q: 'mang tre binh lieu',
        producerId: producer.organizationId,
        ...params,
      });
      expect(response.status).toBe(200);
      return (response.body.items as Item[]).map((item) => item.id);
    };
    const patch = async (id: string, body: Record<string, unknown>) =>
      expect((await t.http.patch(`/listings/${id}`, body, { token: producer.token })).status).toBe(200);
    // Each search below is asked twice before the change, so the second is answered from kept matches.
    for (let i = 0; i < 2; i++)
      expect(await ids({ sort: 'price_asc' })).toEqual([cheap.id, middle.id, dear.id]);

    await patch(middle.id, { status: 'paused' });
    expect(await ids({ sort: 'price_asc' })).toEqual([cheap.id, dear.id]);

    for (let i = 0; i < 2; i++)
      expect(await ids({ sort: 'price_desc', maxPriceVnd: 150_000 })).toEqual([cheap.id]);
    await patch(dear.id, { priceVnd: 120_000 });
    expect(await ids({ sort: 'price_desc', maxPriceVnd: 150_000 })).toEqual([dear.id, cheap.id]);

    const added = await aListing(t, producer, product.id, { priceVnd: 90_000 });
    expect(await ids({ sort: 'price_asc' })).toEqual([added.id, cheap.id, dear.id]);

    for (let i = 0; i < 2; i++) expect(await ids({ sort: 'price_asc', inStock: 'true' })).toHaveLength(3);
    const emptied = await t.http.post(
      `/listings/${added.id}/stock-adjustments`,
      { delta: -100, reason: 'Hỏng' },
      { token: producer.token },
    );
    expect(emptied.status).toBe(201);
    expect(await ids({ sort: 'price_asc', inStock: 'true' })).toEqual([cheap.id, dear.id]);
    const facets = await search({
      q: 'mang tre binh lieu',
      producerId: producer.organizationId,
      inStock: 'true',
    });
    expect(facets.body.facets.category).toEqual([{ value: 'food', count: 2 }]);
  });

  it('pages through 250 results seeing every one exactly once, for every sort', async () => {
    const producer = await verifiedUser(t, admin, 'producer');
    const product = await aProduct(t, producer, { name: 'Bánh gai Tiên Yên', category: 'food' });
    const other = await aProduct(t, producer, { name: 'Bánh cốm Tiên Yên', category: 'food' });
    const rows = Array.from({ length: 250 }, (_, i) =>
      // few distinct prices, so that most rows tie on the sort key and the id decides
      [i % 2 ? product.id : other.id, `PAGE-${i}`, 'hộp', 10000 + (i % 7) * 1000, 1, i % 3].join(','),
    );
    const imported = await t.http.request('POST', '/listings/import', {
      rawBody: ['productId,sku,packSize,priceVnd,minOrderQty,stockOnHand', ...rows].join('\n'),
      headers: { 'content-type': 'text/csv' },
      token: producer.token,
    });
    expect(imported.status).toBe(201);
    for (const sort of ['relevance', 'price_asc', 'price_desc', 'stars_desc', 'newest']) {
      const params = { producerId: producer.organizationId, q: 'banh tien yen', sort, limit: 20 };
      const ids = (await pageThrough(params)).map((i) => i.id);
      expect({ sort, count: ids.length, distinct: new Set(ids).size }).toEqual({
        sort,
        count: 250,
        distinct: 250,
      });
      // The same pages from an app that keeps no more than 100 matches, so it pages in SQL: the two
      // ways of paging agree on every position, and each other's cursors mean the same.
      const inSql = (await pageThrough(params, sqlPaged)).map((i) => i.id);
      expect({ sort, order: inSql }).toEqual({ sort, order: ids });
    }
    const priced = await pageThrough({ producerId: producer.organizationId, sort: 'price_asc', limit: 33 });
    const prices = priced.map((i) => i.priceVnd);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const response = await search(
      { producerId: producer.organizationId, q: 'banh gai', limit: 100 },
      buyer.token,
    );
    expect(response.body.items.every((i: Item) => i.productName === 'Bánh gai Tiên Yên')).toBe(true);
  });
});
