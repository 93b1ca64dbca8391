// Seeds the benchmark database: ~400 producer organizations across Quang Ninh's communes, ~8,000
// products (some with OCOP certificates, some of them expired) and 100,000 listings with the
// denormalized search fields the catalog module maintains.
import { readFileSync } from 'node:fs';
import pg from 'pg';

const BASES = [
  ['Chè xanh', 'beverage'],
  ['Trà hoa vàng', 'beverage'],
  ['Trà hoa sở', 'beverage'],
  ['Rượu ba kích', 'beverage'],
  ['Rượu sim rừng', 'beverage'],
  ['Rượu mơ', 'beverage'],
  ['Nước mắm', 'food'],
  ['Chả mực', 'food'],
  ['Mật ong rừng', 'food'],
  ['Sá sùng khô', 'food'],
  ['Miến dong', 'food'],
  ['Gà đồi', 'food'],
  ['Hàu sữa', 'food'],
  ['Tu hài', 'food'],
  ['Ruốc tôm', 'food'],
  ['Mực khô', 'food'],
  ['Cá thu một nắng', 'food'],
  ['Tôm he', 'food'],
  ['Bánh gai', 'food'],
  ['Bánh cốm', 'food'],
  ['Gạo nếp cái hoa vàng', 'food'],
  ['Khoai sọ', 'food'],
  ['Na dai', 'food'],
  ['Vải chín sớm', 'food'],
  ['Giò chả', 'food'],
  ['Dầu sở', 'food'],
  ['Ba kích tím', 'herbal'],
  ['Sâm đất', 'herbal'],
  ['Nấm lim xanh', 'herbal'],
  ['Quế', 'herbal'],
  ['Hồi', 'herbal'],
  ['Trà trùn', 'herbal'],
  ['Cao dược liệu', 'herbal'],
  ['Đông trùng hạ thảo', 'herbal'],
  ['Khăn thổ cẩm', 'textile'],
  ['Túi thổ cẩm', 'textile'],
  ['Áo chàm', 'textile'],
  ['Tranh than đá', 'handicraft'],
  ['Gốm sứ Đông Triều', 'handicraft'],
  ['Chiếu cói', 'handicraft'],
  ['Mây tre đan', 'handicraft'],
  ['Tour sinh thái', 'tourism'],
  ['Homestay bản Dao', 'tourism'],
  ['Tour vịnh Bái Tử Long', 'tourism'],
];
const MODIFIERS = [
  'đặc sản',
  'loại 1',
  'hữu cơ',
  'truyền thống',
  'thượng hạng',
  'sấy khô',
  'đóng hộp',
  'túi lọc',
  'nguyên chất',
  'cao cấp',
  'gia truyền',
  'tươi',
];
const PACKS = [
  'hộp 200 g',
  'hộp 500 g',
  'túi 1 kg',
  'chai 500 ml',
  'chai 750 ml',
  'thùng 12 chai',
  'gói 100 g',
  'bộ quà tặng',
];
const KINDS = ['cooperative', 'enterprise', 'household', 'farm'];
const ORG_WORDS = [
  'Nông sản',
  'Dược liệu',
  'Thủy sản',
  'Chè',
  'Mật ong',
  'Thổ cẩm',
  'Xanh',
  'Sạch',
  'Bản Dao',
  'Vùng cao',
  'Biển',
];

/** Deterministic pseudo-random numbers, so every run seeds the same catalogue. */
function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export async function seed(
  databaseUrl,
  geoFile,
  { listings = 100_000, producers = 400, products = 8_000 } = {},
) {
  const random = rng(42);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const geo = JSON.parse(readFileSync(geoFile, 'utf8'));
  const communes = geo.provinces.find((p) => p.code === '22').communes;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    // The benchmark database is its own: start from an empty catalogue every run.
    await client.query('TRUNCATE stock_ledger, listings, ocop_ratings, products, organizations CASCADE');
    const orgs = Array.from({ length: producers }, (_, i) => {
      const commune = communes[i % communes.length];
      const place = commune.name.replace(/^(Xã|Phường|Đặc khu) /, '');
      return {
        name: `HTX ${pick(ORG_WORDS)} ${place} ${i}`,
        kind: pick(KINDS),
        status: random() < 0.9 ? 'verified' : 'pending',
        commune_code: commune.code,
        commune_name: commune.name,
        place,
      };
    });
    const orgRows = await client.query(
      `INSERT INTO organizations (name, role, kind, status, commune_code, province_code, verified_at)
       SELECT o.name, 'producer', o.kind, o.status, o.commune_code, '22', CASE WHEN o.status = 'verified' THEN now() END
         FROM jsonb_to_recordset($1::jsonb) AS o(name text, kind text, status text, commune_code text)
       RETURNING id`,
      [JSON.stringify(orgs)],
    );
    const productRows = Array.from({ length: products }, (_, i) => {
      const producer = i % producers;
      const [base, category] = pick(BASES);
      const rated = random() < 0.6;
      const stars = rated ? pick([3, 3, 3, 4, 4, 5]) : null;
      const issued = new Date(
        Date.UTC(2022 + Math.floor(random() * 5), Math.floor(random() * 12), 1 + Math.floor(random() * 27)),
      );
      const expires = new Date(issued);
      expires.setUTCMonth(expires.getUTCMonth() + 36);
      return {
        producer_id: orgRows.rows[producer].id,
        name: `${base} ${pick(MODIFIERS)} ${orgs[producer].place}`,
        description: `${base} ${orgs[producer].place}, sản phẩm OCOP của ${orgs[producer].name}. ${pick(MODIFIERS)}.`,
        category,
        unit: pick(['hộp', 'chai', 'túi', 'kg', 'bộ']),
        commune_code: orgs[producer].commune_code,
        ocop_stars: stars,
        ocop_level: stars === 5 ? 'national' : 'province',
        ocop_issued_on: rated ? issued.toISOString().slice(0, 10) : null,
        ocop_expires_on: rated ? expires.toISOString().slice(0, 10) : null,
        ocop_certificate_no: rated ? `BENCH-${i}` : null,
      };
    });
    await client.query(
      `INSERT INTO products (producer_id, name, description, category, unit, commune_code, province_code, ocop_stars,
                             ocop_level, ocop_issued_on, ocop_expires_on, ocop_certificate_no)
       SELECT p.producer_id, p.name, p.description, p.category, p.unit, p.commune_code, '22', p.ocop_stars,
              p.ocop_level, p.ocop_issued_on, p.ocop_expires_on, p.ocop_certificate_no
         FROM jsonb_to_recordset($1::jsonb) AS p(producer_id uuid, name text, description text, category text,
              unit text, commune_code text, ocop_stars smallint, ocop_level text, ocop_issued_on date,
              ocop_expires_on date, ocop_certificate_no text)`,
      [JSON.stringify(productRows)],
    );
    await client.query(
      `INSERT INTO ocop_ratings (product_id, stars, certificate_no, level, issued_on, expires_on)
       SELECT id, ocop_stars, ocop_certificate_no, ocop_level, ocop_issued_on, ocop_expires_on
         FROM products WHERE ocop_stars IS NOT NULL`,
    );
    await client.query(`CREATE TEMP TABLE bench_communes (code text PRIMARY KEY, name text)`);
    await client.query(
      `INSERT INTO bench_communes SELECT c.code, c.name FROM jsonb_to_recordset($1::jsonb) AS c(code text, name text)`,
      [JSON.stringify(communes.map((c) => ({ code: c.code, name: c.name })))],
    );
    // Every product gets 12–13 packs; prices, stock and status vary deterministically by row number.
    await client.query(
      `WITH numbered AS (SELECT p.*, row_number() OVER (ORDER BY p.id) - 1 AS rn, count(*) OVER () AS n FROM products p)
       INSERT INTO listings (product_id, producer_id, sku, pack_size, price_vnd, price_tiers, min_order_qty,
                             lead_time_days, vat_rate, status, stock_on_hand, stock_reserved, product_name,
                             product_description, category, unit, producer_name, commune_code, commune_name,
                             province_code, ocop_stars, ocop_expires_on, created_at)
       SELECT p.id, p.producer_id, 'SKU-' || g, to_jsonb(($2::text[])[1 + g % array_length($2::text[], 1)]),
              (20 + (g * 7919) % 480) * 1000, CASE WHEN g % 3 = 0 THEN '[{"minQty": 50, "priceVnd": 15000}]'::jsonb ELSE '[]' END,
              1 + g % 20, g % 10, (ARRAY[0, 5, 8, 10])[1 + g % 4], CASE WHEN g % 17 = 0 THEN 'paused' ELSE 'active' END,
              (g * 31) % 500, (g * 31) % 500 / 10 * (g % 2), p.name, p.description, p.category, p.unit, o.name,
              p.commune_code, c.name, '22', p.ocop_stars, p.ocop_expires_on,
              now() - (g || ' minutes')::interval
         FROM generate_series(0, $1::int - 1) AS g
         JOIN numbered p ON p.rn = g % p.n
         JOIN organizations o ON o.id = p.producer_id
         JOIN bench_communes c ON c.code = p.commune_code`,
      [listings, PACKS],
    );
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE listings');
    await client.query('VACUUM ANALYZE listing_search');
    await client.query('VACUUM ANALYZE products');
    await client.query('VACUUM ANALYZE organizations');
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM listings`);
    return { listings: rows[0].n, communes: communes.length, producers, products };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
