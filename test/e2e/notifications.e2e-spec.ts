import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { verifyWebhookSignature } from '../../src/modules/notifications';
import { adminSession, eventually, registerUser, Session, verifiedUser } from '../support/factories';
import {
  isolatedDatabase,
  isolatedRedisPrefix,
  recordEvents,
  startSmtpServer,
  startWebhookReceiver,
} from '../support/notification-fixtures';
import { aListing, orderBody } from '../support/ordering';
import { startTestApp, TestApp } from '../support/test-app';

describe('notifications: inbox, email and signed webhooks', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let redis: ReturnType<typeof isolatedRedisPrefix>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let t: TestApp;
  let strict: TestApp;
  let admin: { token: string };

  beforeAll(async () => {
    [db, smtp, receiver] = await Promise.all([
      isolatedDatabase('notif'),
      startSmtpServer(),
      startWebhookReceiver(),
    ]);
    redis = isolatedRedisPrefix('notif');
    const common = { DATABASE_URL: db.url, REDIS_PREFIX: redis.prefix };
    t = await startTestApp({
      ...common,
      SMTP_URL: smtp.url,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      NOTIFICATION_WEBHOOK_ATTEMPTS: '3',
      NOTIFICATION_WEBHOOK_BACKOFF_MS: '50',
      NOTIFICATION_EMAIL_BACKOFF_MS: '50',
      OUTBOX_POLL_MS: '200',
    });
    // The deployment default: private targets refused; API role only, so it relays nothing.
    strict = await startTestApp({ ...common, APP_ROLE: 'api' });
    admin = await adminSession(t);
  });

  afterAll(async () => {
    await strict?.close();
    await t?.close();
    await Promise.all([smtp?.close(), receiver?.close()]);
    await redis?.flush();
    await db?.drop();
  });

  async function emit(
    type: string,
    audience: string[],
    payload: Record<string, unknown> = {},
  ): Promise<string> {
    const [id] = await recordEvents(t.app, [
      { type, aggregateType: type.split('.')[0], aggregateId: randomUUID(), audience, payload },
    ]);
    return id;
  }

  async function webhookFor(session: Session, path: string, events: string[] = ['*']) {
    const created = await t.http.post(
      `/organizations/${session.organizationId}/webhooks`,
      { url: `${receiver.baseUrl}${path}`, events },
      { token: session.token },
    );
    expect(created.status).toBe(201);
    return created.body as { id: string; secret: string; url: string; events: string[] };
  }

  function deliveries(eventId: string) {
    return t.app
      .get(DataSource)
      .query(`SELECT channel, status, attempts, target FROM notification_deliveries WHERE event_id = $1`, [
        eventId,
      ]);
  }

  it('delivers organization.verified to the inbox, the mailbox and a signed webhook', async () => {
    const producer = await registerUser(t, 'producer');
    const hook = await webhookFor(producer, '/verified');
    expect(hook).toMatchObject({ id: expect.any(String), secret: expect.any(String), events: ['*'] });

    const verified = await t.http.post(
      `/admin/organizations/${producer.organizationId}/verify`,
      {},
      { token: admin.token },
    );
    expect(verified.status).toBe(200);

    const inbox = await eventually(async () => {
      const page = await t.http.get('/notifications', { token: producer.token });
      return page.body.items?.length === 1 ? page.body : undefined;
    });
    expect(inbox.items[0]).toMatchObject({
      type: 'organization.verified',
      read: false,
      eventId: expect.any(String),
    });
    expect(inbox.items[0].title).toContain('đã được xác minh');
    expect(inbox.unreadCount).toBe(1);
    const eventId: string = inbox.items[0].eventId;

    const mail = await eventually(async () => smtp.mails.find((m) => m.to.includes(producer.email)));
    expect(mail.headers['x-ocop-event-id']).toBe(eventId);
    expect(mail.subject).toContain('đã được xác minh');
    expect(mail.text).toContain('Văn phòng OCOP tỉnh');

    const [call] = await eventually(async () => {
      const got = receiver.delivered('/verified');
      return got.length ? got : undefined;
    });
    expect(call.headers['x-ocop-event-id']).toBe(eventId);
    const signature = String(call.headers['x-ocop-signature']);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(signature, call.body, hook.secret, Math.floor(Date.now() / 1000))).toBe(
      true,
    );
    expect(verifyWebhookSignature(signature, call.body, 'whsec_wrong', Math.floor(Date.now() / 1000))).toBe(
      false,
    );
    expect(JSON.parse(call.body)).toMatchObject({
      id: eventId,
      type: 'organization.verified',
      organizationId: producer.organizationId,
      data: { organizationId: producer.organizationId },
    });
    await eventually(async () => {
      const rows = await deliveries(eventId);
      return rows.length === 3 && rows.every((r: { status: string }) => r.status === 'delivered')
        ? rows
        : undefined;
    });
  });

  it('tells the buyer which purchase order was cancelled, by its number, in Vietnamese', async () => {
    const [buyer, producer] = await Promise.all([
      verifiedUser(t, admin, 'buyer'),
      verifiedUser(t, admin, 'producer'),
    ]);
    const listing = await aListing(t, producer, { priceVnd: 125_000 });
    const placed = await t.http.post('/orders', orderBody([{ listingId: listing.id, quantity: 4 }]), {
      token: buyer.token,
    });
    expect(placed.status).toBe(201);
    const number: string = placed.body.number;
    expect(number).toMatch(/^PO-/);
    const cancelled = await t.http.post(
      `/orders/${placed.body.id}/cancel`,
      { reason: 'Đổi kế hoạch' },
      { token: buyer.token },
    );
    expect(cancelled.status).toBe(200);

    const entry = await eventually(async () => {
      const page = await t.http.get('/notifications?limit=100', { token: buyer.token });
      return page.body.items.find((n: { type: string }) => n.type === 'purchase_order.cancelled');
    });
    expect(entry.title).toBe(`Đơn hàng ${number} đã bị hủy`);
    expect(entry.body).toContain(number);
    const inbox = await t.http.get('/notifications?limit=100', { token: buyer.token });
    for (const n of inbox.body.items as { type: string; title: string; body: string }[]) {
      expect(`${n.title} ${n.body}`).not.toContain(n.type);
      expect(`${n.title} ${n.body}`).not.toMatch(/#[0-9A-F]{8}\b/);
    }
  });

  it('writes English to users who chose English, and honours channel preferences', async () => {
    const english = await registerUser(t, 'producer', { locale: 'en' });
    const first = await emit('supplier_order.placed', [english.organizationId], {
      orderNumber: 'SO-EN-1',
      totalVnd: 1250000,
    });
    const mail = await eventually(async () => smtp.mails.find((m) => m.headers['x-ocop-event-id'] === first));
    expect(mail.subject).toBe('New order SO-EN-1');
    expect(mail.text).toContain('Total: 1.250.000 VND.');

    const put = await t.http.request('PUT', '/me/notification-preferences', {
      token: english.token,
      body: { preferences: [{ eventType: 'supplier_order.placed', channels: ['inbox'] }] },
    });
    expect(put.status).toBe(200);
    expect(put.body.items).toContainEqual({ eventType: 'supplier_order.placed', channels: ['inbox'] });
    expect(put.body.items).toContainEqual({ eventType: 'payment.received', channels: ['inbox', 'email'] });
    const bad = await t.http.request('PUT', '/me/notification-preferences', {
      token: english.token,
      body: { preferences: [{ eventType: 'supplier_order.placed', channels: ['sms'] }] },
    });
    expect(bad.status).toBe(400);
    const unknown = await t.http.request('PUT', '/me/notification-preferences', {
      token: english.token,
      body: {
        preferences: [
          { eventType: 'payment.received', channels: [] },
          { eventType: 'no.such_event', channels: [] },
        ],
      },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('UNKNOWN_EVENT_TYPE');
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['preferences[1].eventType']);

    const second = await emit('supplier_order.placed', [english.organizationId], { orderNumber: 'SO-EN-2' });
    await eventually(async () => {
      const page = await t.http.get('/notifications', { token: english.token });
      return page.body.items.some((n: { eventId: string }) => n.eventId === second) ? true : undefined;
    });
    const rows = await deliveries(second);
    expect(rows.map((r: { channel: string }) => r.channel)).toEqual(['inbox']);
  });

  it('pages the inbox, filters unread, and lets only the owner mark a notification read', async () => {
    const producer = await registerUser(t, 'producer');
    const other = await registerUser(t, 'producer');
    for (let i = 0; i < 5; i++)
      await emit('booking.held', [producer.organizationId], { fairName: `Hội chợ ${i}` });
    await eventually(async () => {
      const page = await t.http.get('/notifications?limit=100', { token: producer.token });
      return page.body.items.length === 5 ? true : undefined;
    });
    const first = await t.http.get('/notifications?limit=2', { token: producer.token });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.http.get(`/notifications?limit=2&cursor=${first.body.nextCursor}`, {
      token: producer.token,
    });
    const third = await t.http.get(`/notifications?limit=2&cursor=${second.body.nextCursor}`, {
      token: producer.token,
    });
    const ids = [...first.body.items, ...second.body.items, ...third.body.items].map(
      (n: { id: string }) => n.id,
    );
    expect(new Set(ids).size).toBe(5);
    expect(third.body.nextCursor).toBeNull();

    const target = first.body.items[0].id;
    expect((await t.http.post(`/notifications/${target}/read`, {}, { token: other.token })).status).toBe(404);
    expect(
      (await t.http.post(`/notifications/${randomUUID()}/read`, {}, { token: producer.token })).status,
    ).toBe(404);
    const read = await t.http.post(`/notifications/${target}/read`, {}, { token: producer.token });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: target, read: true, readAt: expect.any(String) });
    const unread = await t.http.get('/notifications?unread=true&limit=100', { token: producer.token });
    expect(unread.body.items).toHaveLength(4);
    expect(unread.body.unreadCount).toBe(4);
    expect((await t.http.get('/notifications?limit=101', { token: producer.token })).status).toBe(400);
    expect((await t.http.get('/notifications')).status).toBe(401);
  });

  it('retries a receiver answering 500 twice, then delivers the event once', async () => {
    const producer = await registerUser(t, 'producer');
    await webhookFor(producer, '/flaky', ['supplier_order.*']);
    receiver.setAnswer((path, hit) => (path === '/flaky' && hit <= 2 ? 500 : 200));
    const eventId = await emit('supplier_order.placed', [producer.organizationId], {
      orderNumber: 'SO-FLAKY',
    });
    const ignored = await emit('booking.held', [producer.organizationId]);
    await eventually(async () => (receiver.delivered('/flaky').length === 1 ? true : undefined));
    const hits = receiver.hits.filter((h) => h.path === '/flaky');
    expect(hits.map((h) => h.status)).toEqual([500, 500, 200]);
    expect(new Set(hits.map((h) => h.headers['x-ocop-event-id']))).toEqual(new Set([eventId]));
    const webhookRow = await eventually(async () => {
      const rows = await deliveries(eventId);
      const row = rows.find((r: { channel: string }) => r.channel === 'webhook');
      return row?.status === 'delivered' ? row : undefined;
    });
    expect(webhookRow.attempts).toBe(3);
    expect((await deliveries(ignored)).some((r: { channel: string }) => r.channel === 'webhook')).toBe(false);
  });

  it('moves an always-failing delivery to the dead letters, and an administrator retry delivers it', async () => {
    const producer = await registerUser(t, 'producer');
    await webhookFor(producer, '/down');
    let healthy = false;
    receiver.setAnswer((path) => (path === '/down' && !healthy ? 503 : 200));
    const eventId = await emit('payment.received', [producer.organizationId], { amountVnd: 500000 });
    const dead = await eventually(async () => {
      const page = await t.http.get(
        '/admin/notification-deliveries?status=failed&channel=webhook&limit=100',
        {
          token: admin.token,
        },
      );
      return page.body.items.find((d: { eventId: string }) => d.eventId === eventId);
    });
    expect(dead).toMatchObject({ status: 'failed', attempts: 3, lastError: expect.stringContaining('503') });
    expect(receiver.hits.filter((h) => h.path === '/down')).toHaveLength(3);
    expect((await t.http.get('/admin/notification-deliveries', { token: producer.token })).status).toBe(403);
    expect(
      (await t.http.post(`/admin/notification-deliveries/${randomUUID()}/retry`, {}, { token: admin.token }))
        .status,
    ).toBe(404);

    healthy = true;
    const retried = await t.http.post(
      `/admin/notification-deliveries/${dead.id}/retry`,
      {},
      { token: admin.token },
    );
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('pending');
    await eventually(async () => (receiver.delivered('/down').length === 1 ? true : undefined));
    const again = await t.http.post(
      `/admin/notification-deliveries/${dead.id}/retry`,
      {},
      { token: admin.token },
    );
    await eventually(async () => {
      const rows = await deliveries(eventId);
      return rows.find(
        (r: { channel: string; status: string }) => r.channel === 'webhook' && r.status === 'delivered',
      );
    });
    expect([200, 409]).toContain(again.status);
  });

  it('refuses webhook targets on loopback, link-local and private addresses without the allow flag', async () => {
    const producer = await registerUser(t, 'producer');
    const stranger = await registerUser(t, 'buyer');
    const path = `/organizations/${producer.organizationId}/webhooks`;
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://localhost/hook',
      'http://10.1.2.3/hook',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
    ]) {
      const refused = await strict.http.post(path, { url, events: ['*'] }, { token: producer.token });
      expect({ url, status: refused.status, code: refused.body.code }).toEqual({
        url,
        status: 422,
        code: 'WEBHOOK_TARGET_FORBIDDEN',
      });
    }
    expect(
      (await strict.http.post(path, { url: 'ftp://example.com/x', events: ['*'] }, { token: producer.token }))
        .status,
    ).toBe(400);
    expect(
      (
        await strict.http.post(
          path,
          { url: 'https://example.com/x', events: ['*'], extra: 1 },
          { token: producer.token },
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await strict.http.post(
          path,
          { url: `${receiver.baseUrl}/x`, events: ['*'] },
          { token: stranger.token },
        )
      ).status,
    ).toBe(403);

    const created = await webhookFor(producer, '/listed');
    const listed = await t.http.get(path, { token: producer.token });
    expect(listed.body).toEqual({
      items: [expect.objectContaining({ id: created.id, url: `${receiver.baseUrl}/listed` })],
      nextCursor: null,
    });
    expect(listed.body.items[0].secret).toBeUndefined();
    expect((await t.http.get(path, { token: stranger.token })).status).toBe(404);
    expect((await t.http.delete(`${path}/${created.id}`, { token: stranger.token })).status).toBe(403);
    expect((await t.http.delete(`${path}/${created.id}`, { token: producer.token })).status).toBe(204);
    expect((await t.http.delete(`${path}/${created.id}`, { token: producer.token })).status).toBe(404);
    expect((await t.http.get(path, { token: producer.token })).body).toEqual({ items: [], nextCursor: null });
  });

  it('pages an organization’s webhooks oldest first, and refuses a limit above 100 or a forged cursor', async () => {
    const producer = await registerUser(t, 'producer');
    const path = `/organizations/${producer.organizationId}/webhooks`;
    const created: string[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e'])
      created.push((await webhookFor(producer, `/page-${name}`)).id);
    const [removed] = created.splice(2, 1);
    expect((await t.http.delete(`${path}/${removed}`, { token: producer.token })).status).toBe(204);

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 3; page++) {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const response = await t.http.get(`${path}${query}`, { token: producer.token });
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...response.body.items.map((hook: { id: string }) => hook.id));
      cursor = response.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(created);
    expect(cursor).toBeNull();
    const all = await t.http.get(path, { token: producer.token });
    expect(all.body.items.map((hook: { id: string }) => hook.id)).toEqual(created);
    expect(all.body.nextCursor).toBeNull();

    const tooMany = await t.http.get(`${path}?limit=101`, { token: producer.token });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors.map((e: { field: string }) => e.field)).toEqual(['limit']);
    expect((await t.http.get(`${path}?limit=0`, { token: producer.token })).status).toBe(400);
    for (const forged of [
      'not-a-cursor',
      Buffer.from(JSON.stringify(['yesterday', randomUUID()])).toString('base64url'),
      Buffer.from(JSON.stringify([new Date().toISOString()])).toString('base64url'),
    ]) {
      const refused = await t.http.get(`${path}?cursor=${forged}`, { token: producer.token });
      expect({ forged, status: refused.status, fields: refused.body.errors }).toEqual({
        forged,
        status: 400,
        fields: [expect.objectContaining({ field: 'cursor' })],
      });
    }
  });

  it('refuses unknown event types with a 400 naming each bad entry', async () => {
    const producer = await registerUser(t, 'producer');
    const path = `/organizations/${producer.organizationId}/webhooks`;
    const url = `${receiver.baseUrl}/typed`;
    const refused = await t.http.post(
      path,
      {
        url,
        events: ['supplier_order.placed', 'no.such.event', 'payment.*', 'nosuch.*', 'Payment.received'],
      },
      { token: producer.token },
    );
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.code).toBe('UNKNOWN_EVENT_TYPE');
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'events[1]',
      'events[3]',
      'events[4]',
    ]);
    const both = await t.http.post(
      path,
      { url: 'ftp://example.com/x', events: ['no.such.event'] },
      {
        token: producer.token,
      },
    );
    expect(both.status).toBe(400);
    expect(both.body.errors.map((e: { field: string }) => e.field)).toEqual(['url', 'events[0]']);
    expect((await t.http.get(path, { token: producer.token })).body.items).toEqual([]);

    const accepted = await webhookFor(producer, '/typed', [
      'ocop.certificate_expiring',
      'booking.*',
      'supplier_order.shipped',
    ]);
    expect(accepted.events).toEqual(['ocop.certificate_expiring', 'booking.*', 'supplier_order.shipped']);

    const docs = (await t.http.get('/docs-json')).body;
    const events = docs.components.schemas.CreateWebhookDto.properties.events;
    expect(events.items.enum).toEqual(
      expect.arrayContaining(['*', 'payment.*', 'supplier_order.placed', 'ocop.certificate_expiring']),
    );
    expect(events.items.enum).not.toContain('no.such.event');
    const listing = docs.paths['/api/v1/organizations/{id}/webhooks'].get;
    expect(listing.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['limit', 'cursor']),
    );
    const pageSchema = listing.responses['200'].content['application/json'].schema.$ref.split('/').pop();
    expect(Object.keys(docs.components.schemas[pageSchema].properties).sort()).toEqual([
      'items',
      'nextCursor',
    ]);
  });

  it('lets only members manage an organization’s webhooks: administrators may read the list, not subscribe', async () => {
    const producer = await registerUser(t, 'producer');
    const path = `/organizations/${producer.organizationId}/webhooks`;
    const hook = await webhookFor(producer, '/members-only');

    const subscribe = await t.http.post(
      path,
      { url: `${receiver.baseUrl}/office`, events: ['*'] },
      { token: admin.token },
    );
    expect(subscribe.status).toBe(403);
    expect(subscribe.body.code).toBe('FORBIDDEN');
    expect((await t.http.delete(`${path}/${hook.id}`, { token: admin.token })).status).toBe(403);
    const read = await t.http.get(path, { token: admin.token });
    expect(read.status).toBe(200);
    expect(read.body.items.map((h: { id: string }) => h.id)).toEqual([hook.id]);
    expect(read.body.items[0].secret).toBeUndefined();
    expect((await t.http.get(path, { token: producer.token })).body.items).toHaveLength(1);
  });

  it('reports queue depth and outbox lag in /health/ready and /metrics, and guards the queue dashboard', async () => {
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details.notifications).toMatchObject({
      outbox: { lagSeconds: expect.any(Number), unrelayed: expect.any(Number) },
      queues: { notifications: { waiting: expect.any(Number), failed: expect.any(Number) } },
    });

    const anonymous = await fetch(`${t.baseUrl}/metrics`);
    expect(anonymous.status).toBe(401);
    const producer = await registerUser(t, 'producer');
    expect(
      (await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: `Bearer ${producer.token}` } }))
        .status,
    ).toBe(403);
    const metrics = await fetch(`${t.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toMatch(/^ocop_outbox_lag_seconds \d+(\.\d+)?$/m);
    expect(text).toMatch(/^ocop_queue_jobs\{queue="notifications",state="failed"\} \d+$/m);

    expect((await fetch(`${t.baseUrl}/admin/queues`)).status).toBe(401);
    expect(
      (await fetch(`${t.baseUrl}/admin/queues`, { headers: { authorization: `Bearer ${producer.token}` } }))
        .status,
    ).toBe(403);
    const board = await fetch(`${t.baseUrl}/admin/queues`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(board.status).toBe(200);
    expect(await board.text()).toContain('<html');
    const login = await fetch(`${t.baseUrl}/admin/queues?token=${admin.token}`, { redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/admin/queues');
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^ocop_board=.+; Path=\/admin\/queues; HttpOnly; SameSite=Strict/);
    const api = await fetch(`${t.baseUrl}/admin/queues/api/queues`, {
      headers: { cookie: cookie.split(';')[0] },
    });
    expect(api.status).toBe(200);
    expect(JSON.stringify(await api.json())).toContain('domain-events');
  });
});
