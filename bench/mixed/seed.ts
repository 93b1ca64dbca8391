import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ApiClient, Json, Session } from './http';
import { WebhookReceiver } from './webhook-receiver';

export const PRODUCT_TYPES: ReadonlyArray<readonly [string, string]> = [
  ['Trà hoa vàng Ba Chẽ', 'beverage'],
  ['Mật ong rừng Bình Liêu', 'food'],
  ['Nước mắm Cái Rồng', 'food'],
  ['Ba kích tím Hải Hà', 'herbal'],
  ['Sá sùng khô Quan Lạn', 'food'],
  ['Miến dong Bình Liêu', 'food'],
  ['Rượu ba kích Đầm Hà', 'beverage'],
  ['Chả mực Hạ Long', 'food'],
  ['Gà đồi Tiên Yên', 'food'],
  ['Dầu sở Bình Liêu', 'herbal'],
  ['Khăn thổ cẩm Dao Thanh Phán', 'textile'],
  ['Gốm Đông Triều', 'handicraft'],
  ['Tinh dầu quế Vân Đồn', 'herbal'],
  ['Hàu sữa Vân Đồn', 'food'],
  ['Nấm lim xanh Tiên Yên', 'herbal'],
  ['Bánh gật gù Quảng Yên', 'food'],
  ['Tour trải nghiệm Yên Tử', 'tourism'],
  ['Sơn mài Hạ Long', 'handicraft'],
];

export interface Listing {
  id: string;
  /** Little stock, so that concurrent orders meet 409 INSUFFICIENT_STOCK. */
  scarce: boolean;
}

export interface Producer extends Session {
  listings: Listing[];
  communeCode: string;
}

export interface Stall {
  id: string;
  zone: string;
  kind: string;
}

export interface Fair {
  id: string;
  organizerOrgId: string;
  stalls: Stall[];
}

export interface Organizer extends Session {
  /** Where this organizer's extra fairs go, so that their dates meet 409 VENUE_CONFLICT. */
  venue: string;
  communeCode: string;
}

export interface World {
  admin: Session;
  producers: Producer[];
  buyers: Session[];
  organizers: Organizer[];
  fairs: Fair[];
  communes: string[];
  webhookEndpoints: number;
  extraMembers: number;
}

export interface SeedOptions {
  producers: number;
  buyers: number;
  organizers: number;
  listingsPerProducer: number;
  fairsPerOrganizer: number;
  stallsPerFair: number;
  scarceStock: number;
  adminEmail: string;
  adminPassword: string;
  webhookBase: string;
}

const PASSWORD = 'bench-password-2026';
const DAY = 86_400_000;

function dateOnly(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
}

export function fairDates(startInDays: number, lengthDays: number) {
  const now = Date.now();
  const startsAt = now + startInDays * DAY;
  return {
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(startsAt + lengthDays * DAY).toISOString(),
    bookingOpensAt: new Date(now - 3_600_000).toISOString(),
    bookingClosesAt: new Date(startsAt - DAY).toISOString(),
  };
}

/** Stalls A-01…, half in zone A, half in B; every fourth is free (the organizer confirms it). */
export function stallBodies(count: number) {
  const kinds = ['standard', 'corner', 'food', 'premium'];
  return Array.from({ length: count }, (_, i) => ({
    code: `${i < count / 2 ? 'A' : 'B'}-${String(i + 1).padStart(2, '0')}`,
    zone: i < count / 2 ? 'A' : 'B',
    areaM2: 9,
    priceVnd: i % 4 === 0 ? 0 : 1_500_000 + 250_000 * (i % 3),
    kind: kinds[i % kinds.length],
  }));
}

async function createPublishedFair(
  api: ApiClient,
  organizer: Organizer,
  body: Record<string, unknown>,
  stalls: number,
): Promise<Fair> {
  const fair = await api.expect(201, 'POST', '/fairs', { token: organizer.token, body });
  const added = await api.expect(201, 'POST', `/fairs/${fair.id}/stalls`, {
    token: organizer.token,
    body: { stalls: stallBodies(stalls) },
  });
  await api.expect(200, 'POST', `/fairs/${fair.id}/publish`, { token: organizer.token, body: {} });
  return {
    id: fair.id,
    organizerOrgId: organizer.orgId,
    stalls: added.items.map((s: Json) => ({ id: s.id, zone: s.zone, kind: s.kind })),
  };
}

/**
 * Builds the province through the API, as its people would: registrations, the OCOP office's
 * verification and star ratings, products and listings, webhook endpoints, notification
 * preferences, and published fairs with stall maps. Only second members of organizations (who never
 * sign in) are inserted directly, so that every event has more than one recipient somewhere.
 * Everything addressed to an organization happens after its members, preferences and endpoints
 * exist, so the invariant checks may expect every event to reach all of them.
 */
export async function seed(
  api: ApiClient,
  db: Client,
  receiver: WebhookReceiver,
  options: SeedOptions,
): Promise<World> {
  const communes = (
    await db.query<{ code: string }>(
      `SELECT code FROM geo_communes WHERE province_code = '22' ORDER BY code LIMIT 8`,
    )
  ).rows.map((row) => row.code);
  const run = randomBytes(3).toString('hex');

  const register = async (role: 'producer' | 'buyer' | 'organizer', i: number): Promise<Session> => {
    const names = { producer: 'HTX OCOP', buyer: 'Siêu thị', organizer: 'Trung tâm Xúc tiến' };
    const kinds = { producer: 'cooperative', buyer: 'retail_chain', organizer: 'fair_organizer' };
    const body = await api.expect(201, 'POST', '/auth/register', {
      body: {
        email: `${role}${i}.${run}@bench.ocop.vn`,
        password: PASSWORD,
        fullName: `Bench ${role} ${i}`,
        role,
        organization: {
          name: `${names[role]} Bench ${i}`,
          kind: kinds[role],
          communeCode: communes[i % communes.length],
        },
      },
    });
    return { token: body.accessToken, userId: body.user.id, orgId: body.organization.id };
  };
  const producerSessions = await Promise.all(
    Array.from({ length: options.producers }, (_, i) => register('producer', i)),
  );
  const buyers = await Promise.all(Array.from({ length: options.buyers }, (_, i) => register('buyer', i)));
  const organizerSessions = await Promise.all(
    Array.from({ length: options.organizers }, (_, i) => register('organizer', i)),
  );
  const everyone = [...producerSessions, ...buyers, ...organizerSessions];

  // Every other organization gets a second member: English-speaking, inbox only.
  const seconds = everyone.filter((_, i) => i % 2 === 0);
  await db.query(
    `WITH added AS (
       INSERT INTO users (email, password_hash, full_name, role, organization_id, locale)
       SELECT 'member2.' || o.id || '@bench.ocop.vn', 'not-a-login', 'Second member', o.role, o.id, 'en'
         FROM organizations o WHERE o.id = ANY($1::uuid[])
       RETURNING id)
     INSERT INTO notification_preferences (user_id, event_type, channels)
     SELECT id, '*', ARRAY['inbox'] FROM added`,
    [seconds.map((s) => s.orgId)],
  );
  // Every third registered user keeps new supplier orders out of email (a per-type preference).
  await Promise.all(
    everyone
      .filter((_, i) => i % 3 === 0)
      .map((s) =>
        api.expect(200, 'PUT', '/me/notification-preferences', {
          token: s.token,
          body: { preferences: [{ eventType: 'supplier_order.placed', channels: ['inbox'] }] },
        }),
      ),
  );
  // Every fourth organization runs an ERP that takes webhooks: some everything, some a family.
  const families = [['*'], ['supplier_order.*', 'purchase_order.*'], ['booking.*']];
  let webhookEndpoints = 0;
  await Promise.all(
    everyone
      .filter((_, i) => i % 4 === 1)
      .map(async (s, i) => {
        const key = `${s.orgId}-${i}`;
        const endpoint = await api.expect(201, 'POST', `/organizations/${s.orgId}/webhooks`, {
          token: s.token,
          body: { url: `${options.webhookBase}/hook/${key}`, events: families[i % families.length] },
        });
        receiver.register(key, endpoint.secret);
        webhookEndpoints++;
      }),
  );

  const login = await api.expect(200, 'POST', '/auth/login', {
    body: { email: options.adminEmail, password: options.adminPassword },
  });
  const admin: Session = { token: login.accessToken, userId: login.user.id, orgId: '' };
  for (const s of everyone) {
    await api.expect(200, 'POST', `/admin/organizations/${s.orgId}/verify`, { token: admin.token, body: {} });
  }

  const producers: Producer[] = [];
  let certificate = 0;
  const today = Date.now();
  for (const [p, session] of producerSessions.entries()) {
    const listings: Listing[] = [];
    for (let l = 0; l < options.listingsPerProducer; l++) {
      const [name, category] = PRODUCT_TYPES[(p * 5 + l) % PRODUCT_TYPES.length];
      const product = await api.expect(201, 'POST', '/products', {
        token: session.token,
        body: { name, description: `${name}, sản phẩm OCOP Quảng Ninh`, category, unit: 'hộp' },
      });
      // Two thirds of the producers hold a 3- or 4-star certificate on their first product.
      if (l === 0 && p % 3 !== 2) {
        await api.expect(201, 'POST', `/admin/products/${product.id}/ocop-rating`, {
          token: admin.token,
          body: {
            stars: 3 + (p % 2),
            certificateNo: `QN-BENCH-${run}-${++certificate}`,
            level: 'province',
            issuedOn: dateOnly(today - 60 * DAY),
            expiresOn: dateOnly(today + 900 * DAY),
          },
        });
      }
      const scarce = l < 2;
      const listing = await api.expect(201, 'POST', '/listings', {
        token: session.token,
        body: {
          productId: product.id,
          sku: `MX-${p}-${l}`,
          packSize: ['hộp 500 g', 'chai 500 ml', 'túi 1 kg'][l % 3],
          priceVnd: 30_000 + 5_000 * ((p + l) % 20),
          priceTiers: [{ minQty: 5, priceVnd: 27_000 + 5_000 * ((p + l) % 20) }],
          minOrderQty: 1,
          stockOnHand: scarce ? options.scarceStock : 1_000_000,
          leadTimeDays: l % 3,
          vatRate: [0, 5, 8, 10][l % 4],
        },
      });
      listings.push({ id: listing.id, scarce });
    }
    producers.push({ ...session, listings, communeCode: communes[p % communes.length] });
  }

  const organizers: Organizer[] = organizerSessions.map((s, i) => ({
    ...s,
    venue: `Quảng trường Bench ${i}`,
    communeCode: communes[i % communes.length],
  }));
  const fairs: Fair[] = [];
  for (const [o, organizer] of organizers.entries()) {
    for (let f = 0; f < options.fairsPerOrganizer; f++) {
      const rules = f % 2 === 0 ? { minStars: 3, maxStallsPerProducer: 2 } : { maxStallsPerProducer: 3 };
      fairs.push(
        await createPublishedFair(
          api,
          organizer,
          {
            name: `Hội chợ OCOP Bench ${o}-${f}`,
            venue: `Nhà văn hóa Bench ${o}-${f}`,
            communeCode: organizer.communeCode,
            ...fairDates(20 + f * 10, 3),
            rules,
          },
          options.stallsPerFair,
        ),
      );
    }
  }
  return {
    admin,
    producers,
    buyers,
    organizers,
    fairs,
    communes,
    webhookEndpoints,
    extraMembers: seconds.length,
  };
}
