/**
 * Report latency benchmark at the size the issue names: 200 producer organizations, 100,000
 * listings and a year of orders (~29,000 supplier orders, ~88,000 lines), plus 24 fairs with
 * stalls and bookings. The data is written straight into its own database (`ocop_bench_reports`,
 * created and filled once, reused afterwards — it is synthetic volume, not business flows), then
 * the built API (APP_ROLE=api) answers each report RUNS times, JSON and CSV. Prints JSON with the
 * median and worst latency per report.
 *
 *   npm run build && npx tsc -p bench/reports/tsconfig.json && node dist/bench/reports/run.js
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';

const ROOT = process.env.BENCH_ROOT ?? join(__dirname, '..', '..', '..');
const SERVER = process.env.BENCH_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
const DB_NAME = process.env.BENCH_DATABASE_NAME ?? 'ocop_bench_reports';
const DATABASE_URL = `${SERVER}/${DB_NAME}`;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PORT = Number(process.env.BENCH_PORT ?? 3918);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ADMIN = { email: 'bench.admin@ocop.vn', password: 'bench-password-2026' };

const SEED = [
  `INSERT INTO organizations (name, role, kind, status, commune_code, province_code, verified_at)
   SELECT 'HTX Bench ' || g, 'producer', (ARRAY['cooperative','enterprise','household','farm'])[1 + g % 4],
          CASE WHEN g % 10 = 0 THEN 'pending' ELSE 'verified' END, c.code, '22', now()
     FROM generate_series(1, 200) g
     CROSS JOIN LATERAL (SELECT code FROM geo_communes WHERE province_code = '22'
                          ORDER BY code OFFSET g % 54 LIMIT 1) c`,
  `INSERT INTO organizations (name, role, kind, status, commune_code, province_code, verified_at)
   SELECT 'Siêu thị Bench ' || g, 'buyer', 'retail_chain', 'verified', '06673', '22', now()
     FROM generate_series(1, 5) g`,
  `INSERT INTO organizations (name, role, kind, status, commune_code, province_code, verified_at)
   VALUES ('Ban tổ chức Bench', 'organizer', 'fair_organizer', 'verified', '06685', '22', now())`,
  // 10 products per producer; 7 in 10 rated, mostly 3★, certificates ending across 2026–2029.
  `INSERT INTO products (producer_id, name, category, unit, commune_code, province_code, ocop_stars,
                         ocop_certificate_no, ocop_level, ocop_issued_on, ocop_expires_on)
   SELECT o.id, 'Sản phẩm ' || o.name || ' #' || k,
          (ARRAY['food','beverage','herbal','textile','handicraft','tourism'])[1 + k % 6], 'hộp',
          o.commune_code, '22',
          s.stars, CASE WHEN s.stars IS NULL THEN NULL ELSE 'BENCH-' || o.id || '-' || k END,
          CASE WHEN s.stars = 5 THEN 'national' WHEN s.stars IS NULL THEN NULL ELSE 'province' END,
          CASE WHEN s.stars IS NULL THEN NULL ELSE date '2024-01-01' + (k * 37 + length(o.name)) % 900 END,
          CASE WHEN s.stars IS NULL THEN NULL ELSE date '2026-06-01' + (k * 53 + length(o.name) * 7) % 1000 END
     FROM organizations o
     CROSS JOIN generate_series(1, 10) k
     CROSS JOIN LATERAL (SELECT CASE WHEN k <= 3 THEN NULL WHEN k <= 7 THEN 3 WHEN k <= 9 THEN 4 ELSE 5 END::smallint AS stars) s
    WHERE o.name LIKE 'HTX Bench %'`,
  // 50 listings per product: 100,000.
  `INSERT INTO listings (product_id, producer_id, sku, pack_size, price_vnd, stock_on_hand, product_name,
                         category, unit, producer_name, commune_code, province_code, ocop_stars)
   SELECT p.id, p.producer_id, 'B-' || p.id || '-' || k, '"hộp"', 20000 + k * 1000, 1000, p.name,
          p.category, p.unit, o.name, p.commune_code, '22', p.ocop_stars
     FROM products p JOIN organizations o ON o.id = p.producer_id
     CROSS JOIN generate_series(1, 50) k`,
  // A year of orders: 80 supplier orders a day, each its own purchase order, three lines.
  `CREATE TEMP TABLE bench_so AS
   SELECT gen_random_uuid() AS id, gen_random_uuid() AS po_id, d, n,
          (SELECT id FROM organizations WHERE name = 'HTX Bench ' || (1 + (d * 80 + n) % 200)) AS producer_id,
          (SELECT id FROM organizations WHERE name = 'Siêu thị Bench ' || (1 + n % 5)) AS buyer_id,
          timestamptz '2025-11-29 02:00+00' + d * interval '1 day' + n * interval '5 minutes' AS placed_at,
          CASE WHEN n % 10 < 7 THEN 'delivered' WHEN n % 10 = 7 THEN 'cancelled'
               WHEN n % 10 = 8 THEN 'rejected' ELSE 'shipped' END AS status
     FROM generate_series(0, 364) d CROSS JOIN generate_series(1, 80) n`,
  `INSERT INTO purchase_orders (id, number, buyer_id, placed_by_user_id, status, payment_method, delivery_date,
                                delivery_address, subtotal_vnd, vat_vnd, total_vnd, created_at, updated_at)
   SELECT po_id, 'BPO-' || po_id, buyer_id, gen_random_uuid(), status, 'invoice', (placed_at + interval '4 days')::date,
          'Kho Bench', 300000, 24000, 324000, placed_at, placed_at FROM bench_so`,
  `INSERT INTO supplier_orders (id, number, purchase_order_id, producer_id, buyer_id, status, subtotal_vnd,
                                vat_vnd, total_vnd, accept_by, created_at, updated_at)
   SELECT id, 'BSO-' || id, po_id, producer_id, buyer_id, status, 300000, 24000, 324000,
          placed_at + interval '2 days', placed_at, placed_at FROM bench_so`,
  `INSERT INTO supplier_order_lines (id, supplier_order_id, position, listing_id, product_name, sku, unit, quantity,
                                     accepted_qty, unit_price_vnd, vat_rate, line_total_vnd, vat_vnd)
   SELECT gen_random_uuid(), s.id, k, l.id, l.product_name, l.sku, l.unit, 5, 5, 20000, 8, 100000, 8000
     FROM bench_so s CROSS JOIN generate_series(1, 3) k
     CROSS JOIN LATERAL (SELECT id, product_name, sku, unit FROM listings
                          WHERE producer_id = s.producer_id ORDER BY id OFFSET (s.n * 3 + k) % 500 LIMIT 1) l`,
  `INSERT INTO supplier_order_status_history (supplier_order_id, from_status, to_status, changed_at)
   SELECT id, NULL, 'placed', placed_at FROM bench_so
   UNION ALL
   SELECT id, 'shipped', 'delivered', placed_at + interval '3 days' FROM bench_so WHERE status = 'delivered'`,
  `INSERT INTO fairs (organizer_id, name, venue, commune_code, province_code, starts_at, ends_at,
                      booking_opens_at, booking_closes_at, status, published_at)
   SELECT o.id, 'Hội chợ Bench ' || g, 'Địa điểm Bench ' || g, '06685', '22',
          timestamptz '2025-12-15 01:00+00' + g * interval '15 days',
          timestamptz '2025-12-18 14:00+00' + g * interval '15 days',
          timestamptz '2025-11-01 00:00+00', timestamptz '2025-12-10 00:00+00' + g * interval '15 days',
          'published', now()
     FROM organizations o CROSS JOIN generate_series(1, 24) g WHERE o.name = 'Ban tổ chức Bench'`,
  `INSERT INTO fair_stalls (fair_id, code, zone, area_m2, price_vnd)
   SELECT f.id, 'S-' || k, 'A', 9, 2000000 FROM fairs f CROSS JOIN generate_series(1, 60) k
    WHERE f.name LIKE 'Hội chợ Bench %'`,
  `INSERT INTO fair_bookings (fair_id, stall_id, producer_id, status, amount_vnd, confirmed_at)
   SELECT s.fair_id, s.id, (SELECT id FROM organizations WHERE name = 'HTX Bench ' || (1 + abs(hashtext(s.id::text)) % 200)),
          'confirmed', s.price_vnd, f.booking_opens_at + interval '3 days'
     FROM fair_stalls s JOIN fairs f ON f.id = s.fair_id
    WHERE f.name LIKE 'Hội chợ Bench %' AND abs(hashtext(s.id::text)) % 10 < 7`,
  `ANALYZE`,
];

function cli(args: string[]): void {
  const result = spawnSync('node', [join(ROOT, 'dist/src/cli/main.js'), ...args], {
    env: { ...process.env, DATABASE_URL, REDIS_URL, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`cli ${args[0]} failed: ${result.stderr}`);
}

async function prepare(): Promise<{ seededMs: number | null }> {
  cli(['migrate']);
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    const [{ n }] = (
      await db.query(`SELECT count(*)::int AS n FROM organizations WHERE name LIKE 'HTX Bench %'`)
    ).rows;
    if (n > 0) return { seededMs: null };
    const started = performance.now();
    await db.query('BEGIN');
    for (const statement of SEED) if (statement !== 'ANALYZE') await db.query(statement);
    await db.query('COMMIT');
    await db.query('ANALYZE');
    return { seededMs: Math.round(performance.now() - started) };
  } finally {
    await db.end();
  }
}

async function waitForApi(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const ok = await fetch(`http://127.0.0.1:${PORT}/health/live`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('API did not start');
}

async function time(path: string, token: string, accept: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${PORT}/api/v1${path}`, {
      headers: { authorization: `Bearer ${token}`, accept },
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    samples.push(performance.now() - started);
  }
  return samples;
}

async function main(): Promise<void> {
  const { seededMs } = await prepare();
  cli(['create-admin', '--email', ADMIN.email, '--password', ADMIN.password]);
  let api: ChildProcess | undefined;
  try {
    api = spawn('node', [join(ROOT, 'dist/src/main.js')], {
      env: {
        ...process.env,
        DATABASE_URL,
        REDIS_URL,
        PORT: String(PORT),
        APP_ROLE: 'api',
        LOG_LEVEL: 'warn',
        JWT_SECRET: randomBytes(32).toString('hex'),
        REDIS_PREFIX: 'ocop_bench_reports',
      },
      stdio: 'ignore',
    });
    await waitForApi();
    const login = await fetch(`http://127.0.0.1:${PORT}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    }).then((r) => r.json() as Promise<{ accessToken: string }>);
    const reports: Record<string, string> = {
      programme: '/reports/programme',
      'sales by producer (year)': '/reports/sales?from=2025-11-29&to=2026-11-28&groupBy=producer',
      'sales by commune (year)': '/reports/sales?from=2025-11-29&to=2026-11-28&groupBy=commune',
      'sales by buyer (year)': '/reports/sales?from=2025-11-29&to=2026-11-28&groupBy=buyer',
      'sales by category (year)': '/reports/sales?from=2025-11-29&to=2026-11-28&groupBy=category',
      fairs: '/reports/fairs?from=2025-11-01&to=2026-12-31',
    };
    const results: Record<string, unknown> = {};
    for (const [name, path] of Object.entries(reports)) {
      for (const [format, accept] of [
        ['json', 'application/json'],
        ['csv', 'text/csv'],
      ]) {
        const samples = (await time(path, login.accessToken, accept)).sort((a, b) => a - b);
        results[`${name} [${format}]`] = {
          medianMs: Math.round(samples[Math.floor(samples.length / 2)]),
          maxMs: Math.round(samples[samples.length - 1]),
        };
      }
    }
    console.log(
      JSON.stringify(
        {
          benchmark: 'reports',
          data: {
            producers: 200,
            listings: 100_000,
            supplierOrders: 365 * 80,
            lines: 365 * 80 * 3,
            fairs: 24,
          },
          seededMs,
          runs: RUNS,
          results,
        },
        null,
        2,
      ),
    );
  } finally {
    api?.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
