import { randomBytes } from 'node:crypto';
import { Clock } from '@ocop/clock';
import { DataSource } from 'typeorm';
import { aListing } from '../catalog';
import { adminSession, eventually, registerUser, Session, TEST_PASSWORD, verifiedUser } from '../factories';
import { fairBody, publishedFair } from '../fairs';
import { orderBody } from '../ordering';
import { TestApp } from '../test-app';
import { ActorName } from './access-table';

/**
 * One fixture world for the authorization matrix and the input-abuse suite, built through HTTP: the
 * owner producer's objects are what every object route is asked about.
 */
export interface World {
  t: TestApp;
  clock: Clock;
  tokens: Record<ActorName, string | undefined>;
  owner: Session;
  other: Session;
  buyer: Session;
  organizer: Session;
  admin: { token: string; email: string };
  /** A pending producer for the administrator's status changes, so the owner stays verified. */
  spareOrgId: string;
  productId: string;
  listingId: string;
  purchaseOrderId: string;
  supplierOrderId: string;
  supplierOrderLineId: string;
  fairId: string;
  stallIds: string[];
  bookingId: string;
  webhookId: string;
  notificationId: string;
  payoutBatchId: string;
  deliveryId: string;
}

/** Settings both suites start the app with: card and bank webhooks configured, local webhook targets. */
export const ACCESS_APP_ENV = {
  WEBHOOK_ALLOW_PRIVATE: 'true',
  BANK_WEBHOOK_SECRET: 'bank-secret-for-access-suites',
};

function ok(response: { status: number; text: string }, expected: number, what: string) {
  if (response.status !== expected) throw new Error(`${what}: ${response.status} ${response.text}`);
}

export async function buildWorld(t: TestApp, clock: Clock): Promise<World> {
  const admin = await adminSession(t);
  const [owner, other, buyer, organizer, spare] = await Promise.all([
    verifiedUser(t, admin, 'producer'),
    verifiedUser(t, admin, 'producer'),
    verifiedUser(t, admin, 'buyer'),
    verifiedUser(t, admin, 'organizer'),
    registerUser(t, 'producer'),
  ]);
  const product = await t.http.post(
    '/products',
    { name: 'Chè đường Ba Chẽ', category: 'beverage', unit: 'hộp' },
    { token: owner.token },
  );
  ok(product, 201, 'product');
  const listing = await aListing(t, owner, product.body.id, { stockOnHand: 1000, vatRate: 0 });
  const order = await t.http.post('/orders', orderBody([{ listingId: listing.id, quantity: 2 }]), {
    token: buyer.token,
  });
  ok(order, 201, 'order');
  const supplierOrder = order.body.supplierOrders[0];
  const { fair, stalls } = await publishedFair(t, organizer, clock, { count: 6 });
  const booking = await t.http.post(
    `/fairs/${fair.id}/bookings`,
    { stallId: stalls[0].id },
    { token: owner.token },
  );
  ok(booking, 201, 'booking');
  const webhook = await t.http.post(
    `/organizations/${owner.organizationId}/webhooks`,
    { url: 'http://127.0.0.1:9/ocop-hook', events: ['*'] },
    { token: owner.token },
  );
  ok(webhook, 201, 'webhook');
  const notificationId = await eventually(async () => {
    const inbox = await t.http.get('/notifications', { token: owner.token });
    return inbox.body?.items?.[0]?.id as string | undefined;
  }, 15_000);
  const deliveryId = await eventually(async () => {
    const [row] = await t.app.get(DataSource).query(`SELECT id FROM notification_deliveries LIMIT 1`);
    return row?.id as string | undefined;
  }, 15_000);
  // A delivered order of the owner, so the administrator's payout batch has a line.
  const delivered = await t.http.post('/orders', orderBody([{ listingId: listing.id, quantity: 1 }]), {
    token: buyer.token,
  });
  ok(delivered, 201, 'second order');
  const deliveredId = delivered.body.supplierOrders[0].id;
  ok(await t.http.post(`/supplier-orders/${deliveredId}/accept`, {}, { token: owner.token }), 200, 'accept');
  ok(await t.http.post(`/supplier-orders/${deliveredId}/ship`, {}, { token: owner.token }), 200, 'ship');
  ok(
    await t.http.post(`/supplier-orders/${deliveredId}/deliver`, {}, { token: buyer.token }),
    200,
    'deliver',
  );
  ok(
    await t.http.request('PUT', `/organizations/${owner.organizationId}/bank-account`, {
      token: owner.token,
      body: { bankBin: '970405', accountNo: '1500201234567', accountName: 'HTX CHE DUONG BA CHE' },
    }),
    200,
    'bank account',
  );
  const batch = await eventually(async () => {
    const created = await t.http.post('/admin/payout-batches', {}, { token: admin.token });
    return created.status === 201 ? created : undefined;
  }, 10_000);
  const payoutBatchId: string = batch.body.id;
  return {
    t,
    clock,
    tokens: {
      anonymous: undefined,
      owner: owner.token,
      other: other.token,
      buyer: buyer.token,
      organizer: organizer.token,
      admin: admin.token,
    },
    owner,
    other,
    buyer,
    organizer,
    admin,
    spareOrgId: spare.organizationId,
    productId: product.body.id,
    listingId: listing.id,
    purchaseOrderId: order.body.id,
    supplierOrderId: supplierOrder.id,
    supplierOrderLineId: supplierOrder.lines[0].id,
    fairId: fair.id,
    stallIds: stalls.map((s: { id: string }) => s.id),
    bookingId: booking.body.id,
    webhookId: webhook.body.id,
    notificationId,
    payoutBatchId,
    deliveryId,
  };
}

/** The concrete path (without the /api/v1 prefix) for a documented route, with the world's ids. */
export async function resolvePath(world: World, route: string, actor: ActorName): Promise<string> {
  const [, template] = route.split(' ');
  const path = template.replace(/^\/api\/v1/, '');
  let webhookId = world.webhookId;
  if (route.startsWith('DELETE ') && path.includes('/webhooks/')) {
    // Deleting is destructive: every allowed caller deletes its own fresh endpoint of the owner org.
    const fresh = await world.t.http.post(
      `/organizations/${world.owner.organizationId}/webhooks`,
      { url: 'http://127.0.0.1:9/ocop-hook', events: ['*'] },
      { token: world.owner.token },
    );
    ok(fresh, 201, 'fresh webhook');
    webhookId = fresh.body.id;
  }
  const id = (() => {
    if (path.startsWith('/admin/organizations/')) return world.spareOrgId;
    if (path.startsWith('/organizations/')) return world.owner.organizationId;
    if (path.startsWith('/products/') || path.startsWith('/admin/products/')) return world.productId;
    if (path.startsWith('/listings/')) return world.listingId;
    if (path.startsWith('/orders/')) return world.purchaseOrderId;
    if (path.startsWith('/supplier-orders/')) return world.supplierOrderId;
    if (path.startsWith('/fairs/')) return world.fairId;
    if (path.startsWith('/bookings/')) return world.bookingId;
    if (path.startsWith('/notifications/')) return world.notificationId;
    if (path.startsWith('/admin/notification-deliveries/')) return world.deliveryId;
    return undefined;
  })();
  void actor;
  if (path === '/fairs/calendar')
    return `${path}?provinceCode=22&month=${world.clock.now().toISOString().slice(0, 7)}`;
  return path
    .replace('{id}', id ?? 'missing-id')
    .replace('{webhookId}', webhookId)
    .replace('{batchId}', world.payoutBatchId)
    .replace('{code}', path.startsWith('/geo/provinces') ? '22' : '06970');
}

export type Body = { json: unknown } | { raw: string; contentType: string } | undefined;

/**
 * A body valid enough to pass validation, so the object-level check in the service decides. Fresh
 * per call where the route creates something unique.
 */
export async function validBody(world: World, route: string, actor: ActorName): Promise<Body> {
  const tag = randomBytes(4).toString('hex');
  const stall = (index: number) => world.stallIds[index];
  const bodies: Record<string, () => unknown | Promise<unknown>> = {
    'PATCH /api/v1/organizations/{id}': () => ({ phone: '0912345678' }),
    'PATCH /api/v1/admin/organizations/{id}': () => ({ paymentTermsDays: 30 }),
    'POST /api/v1/admin/organizations/{id}/verify': () => ({ reason: 'Hồ sơ đầy đủ' }),
    'POST /api/v1/admin/organizations/{id}/suspend': () => ({ reason: 'Tạm dừng để kiểm tra' }),
    'POST /api/v1/auth/register': () => ({
      email: `reg.${tag}@test.ocop.vn`,
      password: TEST_PASSWORD,
      fullName: 'Nguyễn Văn Đăng Ký',
      role: 'buyer',
      organization: { name: `Siêu thị ${tag}`, kind: 'store' },
    }),
    'POST /api/v1/auth/login': () => ({ email: world.buyer.email, password: TEST_PASSWORD }),
    'POST /api/v1/auth/refresh': async () => {
      const login = await world.t.http.post('/auth/login', {
        email: world.buyer.email,
        password: TEST_PASSWORD,
      });
      return { refreshToken: login.body.refreshToken ?? 'no-token' };
    },
    'PATCH /api/v1/me': () => ({ locale: 'vi' }),
    'POST /api/v1/products': () => ({ name: `Mật ong ${tag}`, category: 'food', unit: 'chai' }),
    'PATCH /api/v1/products/{id}': () => ({ description: 'Chè đặc sản Ba Chẽ' }),
    'POST /api/v1/admin/products/{id}/ocop-rating': () => ({
      stars: 4,
      certificateNo: `QN-OCOP-${tag.toUpperCase()}`,
      level: 'province',
      issuedOn: '2026-01-10',
      expiresOn: '2028-12-31',
    }),
    'POST /api/v1/listings': () => ({
      productId: world.productId,
      sku: `SKU-${tag}`,
      packSize: 'hộp 250 g',
      priceVnd: 30000,
      minOrderQty: 1,
      stockOnHand: 10,
    }),
    'PATCH /api/v1/listings/{id}': () => ({ leadTimeDays: 1 }),
    'POST /api/v1/listings/{id}/stock-adjustments': () => ({ delta: 1, reason: 'Kiểm kê' }),
    'POST /api/v1/orders': () => orderBody([{ listingId: world.listingId, quantity: 1 }]),
    'POST /api/v1/orders/{id}/cancel': () => ({ reason: 'Đổi kế hoạch' }),
    'POST /api/v1/supplier-orders/{id}/accept': () => ({}),
    'POST /api/v1/supplier-orders/{id}/reject': () => ({ reason: 'Hết hàng' }),
    'POST /api/v1/supplier-orders/{id}/ship': () => ({ trackingRef: `VN${tag}` }),
    'POST /api/v1/delivery-locations': () => ({ name: `Kho ${tag}`, address: '1 Trần Hưng Đạo, Hạ Long' }),
    'POST /api/v1/fairs': () => fairBody(world.clock, { venue: `Nhà văn hóa ${tag}` }),
    'PATCH /api/v1/fairs/{id}': () => ({ name: `Hội chợ OCOP ${tag}` }),
    'POST /api/v1/fairs/{id}/stalls': () => ({
      stalls: [{ code: `Z-${tag}`, areaM2: 9, priceVnd: 1_000_000 }],
    }),
    'POST /api/v1/fairs/{id}/bookings': () => ({ stallId: stall(actor === 'other' ? 2 : 1) }),
    'POST /api/v1/fairs/{id}/waitlist': () => ({}),
    'POST /api/v1/bookings/{id}/check-in': () => ({ code: 'A-01' }),
    'POST /api/v1/orders/{id}/payments': () => ({ amountVnd: 1000, reference: `FT${tag}` }),
    'PUT /api/v1/organizations/{id}/bank-account': () => ({
      bankBin: '970405',
      accountNo: '1500201234567',
      accountName: 'HTX CHE DUONG BA CHE',
    }),
    'PUT /api/v1/me/notification-preferences': () => ({
      preferences: [{ eventType: 'supplier_order.placed', channels: ['inbox'] }],
    }),
    'POST /api/v1/organizations/{id}/webhooks': () => ({
      url: 'http://127.0.0.1:9/ocop-hook',
      events: ['supplier_order.placed'],
    }),
    'PUT /api/v1/admin/programme-targets': () => ({
      targets: [{ metric: 'certified_products', target: 30 }],
    }),
    'POST /api/v1/payments/stripe/webhook': () => ({ id: 'evt_unsigned', type: 'payment_intent.succeeded' }),
    'POST /api/v1/payments/bank/webhook': () => ({ reference: 'FT-unsigned', amountVnd: 1000 }),
  };
  if (route === 'POST /api/v1/listings/import') {
    return {
      raw: `productName,sku,packSize,priceVnd,minOrderQty,stockOnHand\nChè đường Ba Chẽ,IMP-${tag},hộp 500 g,45000,1,20`,
      contentType: 'text/csv',
    };
  }
  const make = bodies[route];
  if (make) return { json: await make() };
  const method = route.split(' ')[0];
  return method === 'GET' || method === 'DELETE' ? undefined : { json: {} };
}

export async function send(world: World, route: string, actor: ActorName, body?: Body) {
  const method = route.split(' ')[0];
  const path = await resolvePath(world, route, actor);
  const token = world.tokens[actor];
  const payload = body === undefined ? await validBody(world, route, actor) : body;
  const headers: Record<string, string> = {};
  if (payload && 'raw' in payload) headers['content-type'] = payload.contentType;
  return world.t.http.request(method, path, {
    token,
    headers,
    ...(payload === undefined ? {} : 'raw' in payload ? { rawBody: payload.raw } : { body: payload.json }),
  });
}
