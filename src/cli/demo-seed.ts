import { INestApplicationContext } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Actor, Role } from '@ocop/auth';
import { addDays, Clock, vietnamDate } from '@ocop/clock';
import { UnitOfWork } from '@ocop/persistence';
import { FairsFacade } from '../modules/fairs';
import { IdentityFacade } from '../modules/identity';
import { OrganizationRole, OrganizationsFacade } from '../modules/organizations';
import { ReportingFacade } from '../modules/reporting';
import {
  DEMO_FAIRS,
  DEMO_ORDER_PLAN,
  DEMO_PRODUCERS,
  DEMO_TARGETS,
  demoProducerMember,
} from './demo-province';

export const DEMO_PASSWORD = 'ocop-demo-2026';

export interface DemoLogin {
  email: string;
  role: string;
  organization: string;
}

const DEMO_ADMIN = { email: 'admin@ocop-quangninh.vn', fullName: 'Văn phòng OCOP tỉnh Quảng Ninh' };

interface DemoMember {
  email: string;
  fullName: string;
  role: OrganizationRole;
  organization: {
    name: string;
    kind: string;
    communeCode: string;
    address: string;
    phone: string;
    taxCode?: string;
  };
}

/** The people of the demo province; each represents one organization, verified by the OCOP office. */
const DEMO_MEMBERS: DemoMember[] = [
  {
    email: 'htx.chebache@ocop-demo.vn',
    fullName: 'Nguyễn Thị Lan',
    role: 'producer',
    organization: {
      name: 'HTX Chè Đường Ba Chẽ',
      kind: 'cooperative',
      communeCode: '06970',
      address: 'Thôn Làng Mới, xã Ba Chẽ, Quảng Ninh',
      phone: '0203 3888 101',
    },
  },
  {
    email: 'chamuc.halong@ocop-demo.vn',
    fullName: 'Trần Văn Hải',
    role: 'producer',
    organization: {
      name: 'Công ty TNHH Chả mực Hạ Long',
      kind: 'enterprise',
      communeCode: '06685',
      address: 'Phố Bến Đoan, phường Hồng Gai, Quảng Ninh',
      phone: '0203 3626 262',
    },
  },
  {
    email: 'mien.binhlieu@ocop-demo.vn',
    fullName: 'Hoàng Thị Mai',
    role: 'producer',
    organization: {
      name: 'HTX Miến dong Bình Liêu',
      kind: 'cooperative',
      communeCode: '06838',
      address: 'Khu Bình Công, xã Bình Liêu, Quảng Ninh',
      phone: '0203 3878 303',
    },
  },
  {
    email: 'thumua@winmart-demo.vn',
    fullName: 'Lê Minh Tuấn',
    role: 'buyer',
    organization: {
      name: 'WinMart Quảng Ninh',
      kind: 'retail_chain',
      communeCode: '06673',
      address: 'Đường Hạ Long, phường Bãi Cháy, Quảng Ninh',
      phone: '024 7106 6866',
    },
  },
  {
    email: 'thumua@go-bigc-demo.vn',
    fullName: 'Phạm Thu Hà',
    role: 'buyer',
    organization: {
      name: 'GO! Hạ Long (Big C)',
      kind: 'retail_chain',
      communeCode: '06688',
      address: 'Khu Cột 3, phường Hạ Long, Quảng Ninh',
      phone: '0203 3636 868',
    },
  },
  {
    email: 'hoicho@xtm-quangninh-demo.vn',
    fullName: 'Đỗ Quang Vinh',
    role: 'organizer',
    organization: {
      name: 'Trung tâm Xúc tiến Thương mại Quảng Ninh',
      kind: 'fair_organizer',
      communeCode: '06685',
      address: 'Phường Hồng Gai, Quảng Ninh',
      phone: '0203 3835 555',
    },
  },
];

const EXTRA_BUYER: DemoMember = {
  email: 'thumua@cuahang-ocop-baichay-demo.vn',
  fullName: 'Ngô Thị Hạnh',
  role: 'buyer',
  organization: {
    name: 'Cửa hàng Đặc sản OCOP Bãi Cháy',
    kind: 'store',
    communeCode: '06673',
    address: 'Đường Hạ Long, phường Bãi Cháy, Quảng Ninh',
    phone: '0203 3846 688',
  },
};

/** Everyone with a login: the first demo's people, the rest of the province's producers, a shop. */
function allMembers(): DemoMember[] {
  const known = new Set(DEMO_MEMBERS.map((m) => m.email));
  return [
    ...DEMO_MEMBERS,
    ...DEMO_PRODUCERS.filter((producer) => !known.has(producer.email)).map(demoProducerMember),
    EXTRA_BUYER,
  ];
}

export function demoLogins(): DemoLogin[] {
  return [
    { email: DEMO_ADMIN.email, role: 'admin', organization: DEMO_ADMIN.fullName },
    ...allMembers()
      .slice(0, DEMO_MEMBERS.length + 1)
      .map((m) => ({ email: m.email, role: m.role, organization: m.organization.name })),
    {
      email: `… ${allMembers().length - DEMO_MEMBERS.length - 1} more producers (*@ocop-demo.vn)`,
      role: 'producer',
      organization: 'see src/cli/demo-province.ts',
    },
  ];
}

interface Enrolled {
  email: string;
  userId: string;
  organizationId: string;
  role: Role;
  created: boolean;
}

/** A clock the seed can move back in time, so months of orders carry their own dates. */
export class DemoClock extends Clock {
  private instant: Date | undefined;

  override now(): Date {
    return this.instant ? new Date(this.instant) : new Date();
  }

  travelTo(instant: Date | undefined): void {
    this.instant = instant;
  }
}

/**
 * Loads the demo province through the application's own HTTP routes (in process, no network), so
 * every rule of the catalog, ordering and fairs modules holds for the demo data as for real data.
 * Running it twice changes nothing: members are kept by email, and a producer's products, the
 * orders and the fairs are created only in the run that created their organizations.
 */
export async function seedDemo(app: INestApplicationContext): Promise<string> {
  if (await demoAlreadyLoaded(app)) return 'Dữ liệu demo đã có sẵn / demo data already present.';
  const identity = app.get(IdentityFacade);
  const organizations = app.get(OrganizationsFacade);
  await identity.ensureAdmin(DEMO_ADMIN.email, DEMO_PASSWORD, DEMO_ADMIN.fullName);
  const office: Actor = {
    userId: '00000000-0000-0000-0000-000000000000',
    role: 'admin',
    organizationId: null,
  };
  const enrolled = new Map<string, Enrolled>();
  const members = allMembers();
  // Password hashing dominates: a few at a time keeps start-up quick without starving the pool.
  for (let i = 0; i < members.length; i += 6) {
    await Promise.all(
      members.slice(i, i + 6).map(async (member) => {
        const result = await identity.ensureMember({ ...member, password: DEMO_PASSWORD });
        if (result.created) await organizations.verify(office, result.organizationId);
        enrolled.set(member.email, { ...result, email: member.email, role: member.role });
      }),
    );
  }
  const created = [...enrolled.values()].filter((e) => e.created).length;
  await app.get(UnitOfWork).run((tx) =>
    app.get(ReportingFacade).addMissingTargets(
      tx,
      DEMO_TARGETS.map((t) => ({ metric: 'provincial_products' as const, ...t })),
    ),
  );

  if (!isHttpApp(app)) {
    return `Đã tạo dữ liệu demo / demo data loaded: ${created} organizations (members only: no HTTP app).`;
  }
  const api = await DemoApi.open(app, enrolled);
  const listings = new Map<string, Array<{ id: string; priceVnd: number }>>();
  let products = 0;
  const newProducers = DEMO_PRODUCERS.filter((producer) => enrolled.get(producer.email)!.created);
  for (let i = 0; i < newProducers.length; i += 8) {
    await Promise.all(
      newProducers.slice(i, i + 8).map(async (producer, offset) => {
        const items: Array<{ id: string; priceVnd: number }> = [];
        for (const [index, product] of producer.products.entries()) {
          const sku = `QN-${String(i + offset + 1).padStart(3, '0')}-${index + 1}`;
          const made = await api.call('POST', '/products', producer.email, {
            name: product.name,
            category: product.category,
            unit: product.unit,
          });
          if (product.rating) {
            const { stars, issuedOn } = product.rating;
            await api.call('POST', `/admin/products/${made.id}/ocop-rating`, 'admin', {
              stars,
              certificateNo: `QN-OCOP-${issuedOn.slice(0, 4)}-${sku.slice(3)}`,
              level:
                stars === 5 ? 'national' : stars === 3 && issuedOn < '2025-07-01' ? 'district' : 'province',
              issuedOn,
              // 36 months, the longest a certificate runs: the day before the third anniversary.
              expiresOn: addDays(`${Number(issuedOn.slice(0, 4)) + 3}${issuedOn.slice(4)}`, -1),
            });
          }
          const listing = await api.call('POST', '/listings', producer.email, {
            productId: made.id,
            sku,
            packSize: product.packSize,
            priceVnd: product.priceVnd,
            minOrderQty: 1,
            stockOnHand: 5_000,
            vatRate: product.vatRate,
            priceTiers: [{ minQty: 50, priceVnd: Math.round((product.priceVnd * 0.9) / 1000) * 1000 }],
          });
          items.push({ id: listing.id, priceVnd: product.priceVnd });
        }
        products += items.length;
        listings.set(producer.email, items);
      }),
    );
  }

  let orders = 0;
  let bookings = 0;
  if (enrolled.get(DEMO_MEMBERS[3].email)?.created) {
    orders = await seedOrders(api, app.get(Clock), listings);
    bookings = await seedFairs(api, app);
  }
  return (
    `Đã tạo dữ liệu demo / demo data loaded: ${created} organizations, ${products} products, ` +
    `${orders} purchase orders, ${bookings} stall bookings.`
  );
}

/**
 * Whether the whole demo province is already there: its last member signs in. One password check
 * instead of hashing every member's password again keeps `npm start` quick on every later start.
 */
async function demoAlreadyLoaded(app: INestApplicationContext): Promise<boolean> {
  if (!isHttpApp(app)) return false;
  const members = allMembers();
  const last = members[members.length - 1];
  const response = await app
    .getHttpAdapter()
    .getInstance()
    .inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: last.email, password: DEMO_PASSWORD }),
    });
  return response.statusCode === 200;
}

function isHttpApp(app: INestApplicationContext): app is NestFastifyApplication {
  return typeof (app as Partial<NestFastifyApplication>).getHttpAdapter === 'function';
}

/** Calls the API in process (Fastify inject) as a demo member, with a token signed for it. */
class DemoApi {
  private constructor(
    private readonly app: NestFastifyApplication,
    private readonly tokens: Map<string, string>,
    private readonly organizations: Map<string, string>,
  ) {}

  static async open(app: NestFastifyApplication, enrolled: Map<string, Enrolled>): Promise<DemoApi> {
    const jwt = app.get(JwtService);
    const tokens = new Map<string, string>();
    for (const member of enrolled.values()) {
      tokens.set(
        member.email,
        await jwt.signAsync({ sub: member.userId, role: member.role, org: member.organizationId }),
      );
    }
    const organizations = new Map([...enrolled.values()].map((m) => [m.email, m.organizationId]));
    const api = new DemoApi(app, tokens, organizations);
    const login = await api.call('POST', '/auth/login', undefined, {
      email: DEMO_ADMIN.email,
      password: DEMO_PASSWORD,
    });
    tokens.set('admin', login.accessToken);
    return api;
  }

  organizationOf(email: string): string {
    return this.organizations.get(email)!;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async call(method: 'GET' | 'POST', url: string, as: string | undefined, body?: unknown): Promise<any> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (as) headers.authorization = `Bearer ${this.tokens.get(as)}`;
    const response = await this.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method,
        url: `/api/v1${url}`,
        headers,
        payload: body === undefined ? undefined : JSON.stringify(body),
      });
    if (response.statusCode >= 300) {
      throw new Error(`demo seed: ${method} ${url} → ${response.statusCode} ${response.body}`);
    }
    return response.body ? JSON.parse(response.body) : undefined;
  }
}

const BUYERS = [DEMO_MEMBERS[3].email, DEMO_MEMBERS[4].email, EXTRA_BUYER.email];

type Outcome = (typeof DEMO_ORDER_PLAN)[number] | 'recent';

interface PlannedSupplierOrder {
  id: string;
  purchaseOrderId: string;
  producer: string;
  buyer: string;
  outcome: Outcome;
}

/**
 * About four months of buying: every fifth day each buyer orders from two or three producers at
 * 09:00 in Vietnam, and the supplier orders are worked through their states on the following days
 * (the clock travels with them, so the sales report sees real delivery dates). The work of one day
 * runs in parallel, step by step. Orders of the last week stay placed, accepted or shipped; older
 * unanswered ones are expired by the worker's sweep.
 */
async function seedOrders(
  api: DemoApi,
  clock: Clock,
  listings: Map<string, Array<{ id: string; priceVnd: number }>>,
): Promise<number> {
  const travel = (instant: Date | undefined) => (clock as Partial<DemoClock>).travelTo?.(instant);
  const producers = [...listings.entries()].filter(([, items]) => items.length > 0);
  const today = vietnamDate(new Date());
  const at = (date: string, hour: number) =>
    new Date(`${date}T${String(hour - 7).padStart(2, '0')}:00:00.000Z`);
  let placed = 0;
  let plan = 0;
  const step = async (
    work: PlannedSupplierOrder[],
    when: Date | undefined,
    action: (so: PlannedSupplierOrder) => Promise<unknown>,
  ) => {
    if (work.length === 0) return;
    travel(when);
    await Promise.all(work.map(action));
  };
  const move = (so: PlannedSupplierOrder, action: string, as: string, body: unknown = {}) =>
    api.call('POST', `/supplier-orders/${so.id}/${action}`, as, body);
  try {
    for (let daysAgo = 120; daysAgo >= 0; daysAgo -= 5) {
      const day = addDays(today, -daysAgo);
      travel(daysAgo === 0 ? undefined : at(day, 9));
      const work: PlannedSupplierOrder[] = [];
      await Promise.all(
        BUYERS.map(async (buyer, b) => {
          const n = placed + b;
          const chosen = [
            ...new Set([0, 1, 2].slice(0, 2 + (n % 2)).map((k) => (n * 3 + k * 7) % producers.length)),
          ].map((index) => producers[index]);
          const order = await api.call('POST', '/orders', buyer, {
            deliveryDate: addDays(day, 4),
            deliveryAddress: 'Kho tổng Quảng Ninh, phường Bãi Cháy, Quảng Ninh',
            paymentMethod: 'invoice',
            lines: chosen.map(([, items], k) => ({
              listingId: items[(n + k) % items.length].id,
              quantity: 10 + ((n * 13 + k * 17) % 60),
            })),
          });
          const producerOf = new Map(chosen.map(([email]) => [api.organizationOf(email), email]));
          for (const so of order.supplierOrders as Array<{ id: string; producerId: string }>) {
            work.push({
              id: so.id,
              purchaseOrderId: order.id,
              producer: producerOf.get(so.producerId)!,
              buyer,
              outcome: 'recent',
            });
          }
        }),
      );
      placed += BUYERS.length;
      work.sort((a, b) => a.id.localeCompare(b.id));
      for (const so of work)
        so.outcome = daysAgo <= 6 ? 'recent' : DEMO_ORDER_PLAN[plan++ % DEMO_ORDER_PLAN.length];
      const only = (...outcomes: Outcome[]) => work.filter((so) => outcomes.includes(so.outcome));
      if (daysAgo <= 6) {
        // The last week: today's orders wait for the producers, older ones are accepted or on their way.
        if (daysAgo === 0) continue;
        await step(work, at(day, 15), (so) => move(so, 'accept', so.producer));
        await step(
          work.filter((_, i) => i % 2 === 0),
          at(addDays(day, 1), 8),
          (so) => move(so, 'ship', so.producer),
        );
        continue;
      }
      await step(only('rejected'), at(day, 14), (so) =>
        move(so, 'reject', so.producer, { reason: 'Hết hàng theo mùa vụ' }),
      );
      await step(only('delivered', 'cancelled_after_accept'), at(day, 15), (so) =>
        move(so, 'accept', so.producer),
      );
      await step(only('delivered'), at(addDays(day, 1), 8), (so) =>
        move(so, 'ship', so.producer, { trackingRef: `VTP${so.id.slice(0, 8).toUpperCase()}` }),
      );
      // The buyer's cancellation takes every supplier order of the purchase order not yet shipped.
      const cancelled = [
        ...new Map(only('cancelled_after_accept').map((so) => [so.purchaseOrderId, so])).values(),
      ];
      await step(cancelled, at(addDays(day, 1), 10), (so) =>
        api.call('POST', `/orders/${so.purchaseOrderId}/cancel`, so.buyer, {}),
      );
      await step(only('delivered'), at(addDays(day, 3), 16), (so) => move(so, 'deliver', so.buyer));
    }
  } finally {
    travel(undefined);
  }
  return placed;
}

/** Two upcoming fairs with their stall maps; producers hold stalls and most have paid their fee. */
async function seedFairs(api: DemoApi, app: INestApplicationContext): Promise<number> {
  const organizer = DEMO_MEMBERS[5].email;
  const exhibitors = DEMO_PRODUCERS.map((producer) => producer.email);
  const now = new Date();
  let booked = 0;
  for (const [f, plan] of DEMO_FAIRS.entries()) {
    const fair = await api.call('POST', '/fairs', organizer, {
      name: plan.name,
      venue: plan.venue,
      communeCode: plan.communeCode,
      startsAt: plan.startsAt,
      endsAt: plan.endsAt,
      bookingOpensAt: new Date(now.getTime() - 86_400_000).toISOString(),
      bookingClosesAt: plan.bookingClosesAt,
      rules: { minStars: 3, maxStallsPerProducer: 2 },
    });
    const stalls = plan.zones.flatMap((zone) =>
      Array.from({ length: zone.count }, (_, i) => ({
        code: `${zone.zone}-${String(i + 1).padStart(2, '0')}`,
        zone: zone.zone,
        areaM2: zone.areaM2,
        priceVnd: zone.priceVnd,
        kind: zone.kind,
      })),
    );
    const added = await api.call('POST', `/fairs/${fair.id}/stalls`, organizer, { stalls });
    await api.call('POST', `/fairs/${fair.id}/publish`, organizer, {});
    const stallIds = (added.items as Array<{ id: string }>).map((stall) => stall.id);
    for (let i = 0; i < plan.bookings; i++) {
      const producer = exhibitors[(i * 3 + f * 5) % exhibitors.length];
      const booking = await api
        .call('POST', `/fairs/${fair.id}/bookings`, producer, {
          stallId: stallIds[(i * 2) % stallIds.length],
        })
        .catch(() => undefined); // a producer without a rated product does not meet the fair's rules
      if (!booking) continue;
      booked++;
      // Most are confirmed; the last few are still held. A fee is confirmed only by its payment, and
      // the demo has no card processor: the confirmation a paid PaymentIntent would bring, with a
      // demo reference.
      if (i < plan.bookings - 3) {
        await app
          .get(UnitOfWork)
          .run((tx) => app.get(FairsFacade).confirmBookingPaid(tx, booking.id, `DEMO-PAID-${f}-${i}`));
      }
    }
  }
  return booked;
}
