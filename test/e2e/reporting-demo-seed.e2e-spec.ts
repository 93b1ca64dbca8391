import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DemoClock, seedDemo } from '../../src/cli/demo-seed';
import { isolatedDatabase } from '../support/isolated-database';
import { startTestApp, TestApp } from '../support/test-app';

/*
 * The demo province fills a database of its own (the run's database plus `_demo`, dropped at the
 * end like the run's own): its verified producers and listings would otherwise show up in other
 * suites' searches and figures.
 */
const TABLES = [
  'organizations',
  'users',
  'products',
  'ocop_ratings',
  'listings',
  'purchase_orders',
  'supplier_orders',
  'supplier_order_status_history',
  'fairs',
  'fair_stalls',
  'fair_bookings',
  'programme_targets',
];

describe('demo province seed', () => {
  let t: TestApp;
  let demo: Awaited<ReturnType<typeof isolatedDatabase>>;

  beforeAll(async () => {
    demo = await isolatedDatabase('demo');
    t = await startTestApp({ DATABASE_URL: demo.url, APP_ROLE: 'api' }, { clock: new DemoClock() });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await demo?.drop();
  });

  const counts = async () => {
    const db = t.app.get(DataSource);
    const result: Record<string, number> = {};
    for (const table of TABLES) {
      const [row] = await db.query(`SELECT count(*)::int AS n FROM ${table}`);
      result[table] = row.n;
    }
    return result;
  };

  it('loads a true-looking province once, and a second run changes nothing', async () => {
    const first = await seedDemo(t.app);
    expect(first).toMatch(/demo data loaded: \d+ organizations/);
    const after = await counts();
    expect(after.organizations).toBe(44);
    expect(after.products).toBeGreaterThanOrEqual(50);
    expect(after.purchase_orders).toBeGreaterThanOrEqual(50);
    expect(after.fairs).toBe(2);

    const db = t.app.get(DataSource);
    const states = await db.query(`SELECT DISTINCT status FROM supplier_orders ORDER BY status`);
    expect(states.map((s: { status: string }) => s.status)).toEqual(
      expect.arrayContaining(['accepted', 'cancelled', 'delivered', 'placed', 'rejected', 'shipped']),
    );
    const [months] = await db.query(
      `SELECT count(DISTINCT date_trunc('month', changed_at AT TIME ZONE 'Asia/Ho_Chi_Minh'))::int AS n
         FROM supplier_order_status_history WHERE to_status = 'delivered'`,
    );
    expect(months.n).toBeGreaterThanOrEqual(3);
    const stars = await db.query(
      `SELECT ocop_stars AS stars, count(*)::int AS n FROM products WHERE ocop_stars IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    const byStars = Object.fromEntries(stars.map((s: { stars: number; n: number }) => [s.stars, s.n]));
    expect(byStars[3]).toBeGreaterThan(byStars[4]);
    expect(byStars[4]).toBeGreaterThan(byStars[5]);
    const bookings = await db.query(`SELECT status, count(*)::int AS n FROM fair_bookings GROUP BY 1`);
    expect(bookings.map((b: { status: string }) => b.status).sort()).toEqual(['confirmed', 'held']);

    const second = await seedDemo(t.app);
    expect(second).toMatch(/demo data already present/);
    expect(await counts()).toEqual(after);
    // Without the short cut (a context without HTTP): every member is looked up by email and kept.
    const contextOnly = { get: (token: never) => t.app.get(token) } as unknown as INestApplicationContext;
    expect(await seedDemo(contextOnly)).toMatch(/demo data loaded: 0 organizations/);
    expect(await counts()).toEqual(after);
  }, 120_000);

  it('gives every report something to show, with the demo password', async () => {
    const login = await t.http.post('/auth/login', {
      email: 'admin@ocop-quangninh.vn',
      password: 'ocop-demo-2026',
    });
    expect(login.status).toBe(200);
    const token = login.body.accessToken;
    const started = Date.now();
    const programme = await t.http.get('/reports/programme?provinceCode=22', { token });
    expect(programme.status).toBe(200);
    expect(programme.body.products.byFormerDistrict.length).toBeGreaterThanOrEqual(8);
    expect(programme.body.expiringSoon.items.length).toBeGreaterThan(0);
    expect(programme.body.targets.length).toBe(15);
    const from = new Date(Date.now() - 130 * 86_400_000).toISOString().slice(0, 10);
    const sales = await t.http.get(`/reports/sales?from=${from}&groupBy=category`, { token });
    expect(sales.status).toBe(200);
    expect(sales.body.totals.supermarketVnd).toBeGreaterThan(0);
    expect(sales.body.totals.fairStallsVnd).toBeGreaterThan(0);
    const organizer = await t.http.post('/auth/login', {
      email: 'hoicho@xtm-quangninh-demo.vn',
      password: 'ocop-demo-2026',
    });
    const fairs = await t.http.get('/reports/fairs', { token: organizer.body.accessToken });
    expect(fairs.body.fairs).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
