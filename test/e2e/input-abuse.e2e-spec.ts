import { Client } from 'pg';
import { ACCESS_TABLE, ActorName, DESTRUCTIVE_LAST } from '../support/access/access-table';
import {
  BadBody,
  badBodies,
  freeTextFields,
  label,
  NFD_VIETNAMESE,
  parserCases,
  SCRIPT_INJECTION,
  SQL_INJECTION,
  withValue,
} from '../support/access/bad-bodies';
import { ACCESS_APP_ENV, buildWorld, resolvePath, validBody, World } from '../support/access/world';
import { FakeStripe, startFakeStripe } from '../support/fake-stripe';
import { isolatedDatabase } from '../support/isolated-database';
import { startTestApp, TestApp } from '../support/test-app';
import { Clock } from '@ocop/clock';

/** The tables a write could touch; their row counts must not move while bad bodies are sent. */
const COUNTED_TABLES = [
  'organizations',
  'users',
  'refresh_tokens',
  'products',
  'ocop_ratings',
  'listings',
  'stock_ledger',
  'purchase_orders',
  'supplier_orders',
  'supplier_order_lines',
  'supplier_order_status_history',
  'delivery_locations',
  'fairs',
  'fair_stalls',
  'fair_bookings',
  'fair_waitlist_entries',
  'payments',
  'payment_receipts',
  'payment_webhook_events',
  'ledger_transactions',
  'ledger_entries',
  'payout_batches',
  'payout_lines',
  'producer_bank_accounts',
  'stripe_accounts',
  'webhook_endpoints',
  'notification_preferences',
  'programme_targets',
  'organization_status_history',
  'idempotency_keys',
  'outbox',
];

const WEBHOOKS = ['POST /api/v1/payments/stripe/webhook', 'POST /api/v1/payments/bank/webhook'];
const CALLER_PREFERENCE: ActorName[] = ['owner', 'buyer', 'organizer', 'admin', 'anonymous'];
const BATCH = 4;

describe('input abuse: every write route refuses bad bodies with a 4xx problem and changes nothing', () => {
  let t: TestApp;
  let fake: FakeStripe;
  let isolated: { url: string; drop(): Promise<void> };
  let world: World;
  let doc: any;
  let db: Client;
  let writeRoutes: string[];

  const counts = async () => {
    const { rows } = await db.query(
      COUNTED_TABLES.map((table) => `SELECT '${table}' AS t, count(*)::int AS n FROM ${table}`).join(
        ' UNION ALL ',
      ),
    );
    return Object.fromEntries(rows.map((r) => [r.t, r.n]));
  };
  const callerOf = (route: string) =>
    CALLER_PREFERENCE.find((actor) => ACCESS_TABLE[route][actor] === 'allowed')!;
  const operation = (route: string) => {
    const [method, path] = route.split(' ');
    return doc.paths[path][method.toLowerCase()];
  };
  const requestSchema = (route: string) =>
    operation(route).requestBody?.content?.['application/json']?.schema;
  const send = (world: World, method: string, path: string, actor: ActorName, raw: string | Buffer) =>
    world.t.http.request(method, path, {
      token: world.tokens[actor],
      rawBody: raw,
      headers: { 'content-type': 'application/json' },
    });

  beforeAll(async () => {
    fake = await startFakeStripe();
    // Row counts cover whole tables, so this suite gets a database and queues of its own.
    isolated = await isolatedDatabase('abuse');
    t = await startTestApp({
      ...fake.env,
      ...ACCESS_APP_ENV,
      DATABASE_URL: isolated.url,
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}:abuse`,
    });
    doc = (await t.http.get('/docs-json')).body;
    world = await buildWorld(t, t.app.get(Clock));
    db = new Client({ connectionString: isolated.url });
    await db.connect();
    writeRoutes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) =>
        Object.keys(ops)
          .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
          .map((m) => `${m.toUpperCase()} ${path}`),
    );
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
    await fake?.stop();
    await isolated?.drop();
  });

  it('signed webhooks refuse unsigned and malformed bodies with 400', async () => {
    const before = await counts();
    for (const route of WEBHOOKS) {
      const path = route.split(' ')[1].replace('/api/v1', '');
      const unsigned = await world.t.http.post(path, (await validBody(world, route, 'anonymous'))!);
      expect({ route, status: unsigned.status }).toEqual({ route, status: 400 });
      expect(unsigned.headers.get('content-type')).toContain('application/problem+json');
      for (const bad of parserCases()) {
        const response = await send(world, 'POST', path, 'anonymous', bad.raw);
        expect({ route, case: bad.name, status: response.status >= 400 && response.status < 500 }).toEqual({
          route,
          case: bad.name,
          status: true,
        });
      }
    }
    expect(await counts()).toEqual(before);
  });

  it('answers every generated bad body with a 4xx problem document, and no table changes', async () => {
    const routes = writeRoutes.filter((r) => !WEBHOOKS.includes(r));
    expect(routes.length).toBeGreaterThan(40);
    // Paths and valid bodies first: resolving them may create fixtures (fresh webhooks, logins).
    const plans = [];
    for (const route of routes) {
      const actor = callerOf(route);
      const [method] = route.split(' ');
      const path = await resolvePath(world, route, actor);
      const schema = requestSchema(route);
      const valid = schema ? await validBody(world, route, actor) : undefined;
      const cases: BadBody[] =
        schema && valid && 'json' in valid ? badBodies(doc, schema, valid.json) : parserCases();
      plans.push({ route, actor, method, path, cases });
    }
    const failures: string[] = [];
    let tried = 0;
    for (let i = 0; i < plans.length; i += BATCH) {
      const batch = plans.slice(i, i + BATCH);
      const before = await counts();
      await Promise.all(
        batch.map(async (plan) => {
          for (const bad of plan.cases) {
            tried++;
            const response = await send(world, plan.method, plan.path, plan.actor, bad.raw);
            const problem = (response.headers.get('content-type') ?? '').includes('application/problem+json');
            if (response.status < 400 || response.status >= 500 || !problem || !response.body?.code) {
              failures.push(
                `${plan.route} as ${plan.actor}, ${bad.name}: ${response.status} ${response.text.slice(0, 160)}`,
              );
            }
          }
        }),
      );
      const after = await counts();
      const changed = COUNTED_TABLES.filter((table) => before[table] !== after[table]).map(
        (table) => `${table} ${before[table]}→${after[table]}`,
      );
      if (changed.length)
        failures.push(`rows changed during ${batch.map((p) => p.route).join(', ')}: ${changed.join(', ')}`);
    }
    process.stdout.write(`input abuse: ${tried} bad bodies over ${plans.length} write routes\n`);
    expect(failures).toEqual([]);
  });

  it('stores NFD Vietnamese as NFC and injection strings as inert text where a valid body carries them', async () => {
    const routes = writeRoutes.filter(
      (r) => !WEBHOOKS.includes(r) && requestSchema(r) && !DESTRUCTIVE_LAST.some((p) => p.test(r)),
    );
    const failures: string[] = [];
    let tried = 0;
    for (const route of routes) {
      const actor = callerOf(route);
      const [method] = route.split(' ');
      const valid = await validBody(world, route, actor);
      if (!valid || !('json' in valid)) continue;
      for (const field of freeTextFields(doc, requestSchema(route), valid.json)) {
        for (const text of [NFD_VIETNAMESE, SQL_INJECTION, SCRIPT_INJECTION]) {
          tried++;
          const fresh = await validBody(world, route, actor);
          const body = withValue((fresh as { json: unknown }).json, field, text);
          const path = await resolvePath(world, route, actor);
          const response = await world.t.http.request(method, path, { token: world.tokens[actor], body });
          const where = `${route} ${label(field)} = ${JSON.stringify(text)}`;
          if (response.status >= 500)
            failures.push(`${where}: ${response.status} ${response.text.slice(0, 160)}`);
          if (response.status < 300 && response.text.includes(NFD_VIETNAMESE))
            failures.push(`${where}: NFD echoed back`);
        }
      }
    }
    // The stored forms, read straight from the database.
    const product = await world.t.http.post(
      '/products',
      { name: NFD_VIETNAMESE, description: SQL_INJECTION, category: 'food', unit: SCRIPT_INJECTION },
      { token: world.owner.token },
    );
    expect(product.status).toBe(201);
    const { rows } = await db.query(`SELECT name, description, unit FROM products WHERE id = $1`, [
      product.body.id,
    ]);
    expect(rows[0]).toEqual({
      name: NFD_VIETNAMESE.normalize('NFC'),
      description: SQL_INJECTION,
      unit: SCRIPT_INJECTION,
    });
    expect(rows[0].name).not.toBe(NFD_VIETNAMESE);
    const listed = await db.query(`SELECT count(*)::int AS n FROM listings`);
    expect(listed.rows[0].n).toBeGreaterThan(0);
    process.stdout.write(`input abuse: ${tried} NFD/injection values in valid bodies\n`);
    expect(failures).toEqual([]);
  });
});
