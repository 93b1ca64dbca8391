import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CertificateReminders } from '../../src/modules/notifications';
import { aProduct, rate } from '../support/catalog';
import { adminSession, eventually, Session, verifiedUser } from '../support/factories';
import { FixedClock } from '../support/fixed-clock';
import { isolatedDatabase, isolatedRedisPrefix } from '../support/notification-fixtures';
import { NotificationQueues } from '../support/notifications-internals';
import { startTestApp, TestApp } from '../support/test-app';

/*
 * A database of its own, because a run looks at every current certificate of its database, and a
 * clock that stands still until the test moves it (noon in Vietnam on the day named). Two apps share
 * the database, as two worker replicas would.
 */
const NOON = (date: string) => `${date}T05:00:00.000Z`;
const ISSUED_ON = '2029-01-01';

interface Notice {
  type: string;
  product: string;
  certificateNo: string;
  expiresOn: string;
  daysLeft: number;
}

describe('OCOP certificate reminders', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let redis: ReturnType<typeof isolatedRedisPrefix>;
  let clock: FixedClock;
  let t: TestApp;
  let replica: TestApp;
  let admin: { token: string };

  beforeAll(async () => {
    [db, redis] = [await isolatedDatabase('cert'), isolatedRedisPrefix('cert')];
    clock = new FixedClock(NOON('2030-03-01'));
    const env = { DATABASE_URL: db.url, REDIS_PREFIX: redis.prefix, OUTBOX_POLL_MS: '200' };
    t = await startTestApp(env, { clock });
    replica = await startTestApp({ ...env, APP_ROLE: 'api' }, { clock });
    admin = await adminSession(t);
  });

  afterAll(async () => {
    await replica?.close();
    await t?.close();
    await redis?.flush();
    await db?.drop();
  });

  async function certified(producer: Session, name: string, expiresOn: string, productId?: string) {
    const id = productId ?? (await aProduct(t, producer, { name })).id;
    const product = await rate(t, admin, id, { stars: 4, issuedOn: ISSUED_ON, expiresOn });
    return { productId: id, certificateNo: product.ocop.certificateNo as string };
  }

  /** The notices written for the producer: the outbox is the record, whatever the channels did. */
  async function notices(producer: Session): Promise<Notice[]> {
    return t.app.get(DataSource).query(
      `SELECT event_type AS type, payload->>'productName' AS product,
              payload->>'certificateNumber' AS "certificateNo", payload->>'expiresOn' AS "expiresOn",
              (payload->>'daysLeft')::int AS "daysLeft"
         FROM outbox
        WHERE event_type LIKE 'ocop.certificate%' AND $1 = ANY (audience)
        ORDER BY payload->>'expiresOn', event_type`,
      [producer.organizationId],
    );
  }

  async function inboxTypes(producer: Session): Promise<string[]> {
    const page = await t.http.get('/notifications?limit=100', { token: producer.token });
    return page.body.items
      .filter((n: { type: string }) => n.type.startsWith('ocop.certificate'))
      .map((n: { type: string; data: { productName: string } }) => `${n.type} ${n.data.productName}`)
      .sort();
  }

  /** The daily job as the schedule runs it: through the queue, on the app's clock. */
  async function scheduledRun(): Promise<number> {
    const queue = t.app.get(NotificationQueues).schedules;
    const job = await queue.add('ocop-certificates', {}, { jobId: `test-${randomUUID()}` });
    return eventually(async () => {
      const done = await queue.getJob(job.id!);
      if (await done?.isFailed()) throw new Error(`job failed: ${done?.failedReason}`);
      return (await done?.isCompleted()) ? (done!.returnvalue as number) : undefined;
    }, 15_000);
  }

  it('reminds each current certificate expiring within 30 days once, catching up what no earlier run did', async () => {
    clock.set(NOON('2030-03-01'));
    const producer = await verifiedUser(t, admin, 'producer');
    // Recorded on 1 March, when every one of them was still months away.
    const thirty = await certified(producer, 'Ba kích tím Ba Chẽ', '2030-05-31');
    const nine = await certified(producer, 'Trà hoa vàng', '2030-05-10');
    const lastDay = await certified(producer, 'Rượu ba kích', '2030-05-01');
    const later = await certified(producer, 'Chả mực Hạ Long', '2030-06-01');

    clock.set(NOON('2030-05-01'));
    const runs = [t, replica, t, replica].map((app) => app.app.get(CertificateReminders).run('2030-05-01'));
    const emitted = await Promise.all(runs);
    expect(emitted.reduce((sum, n) => sum + n, 0)).toBe(3);
    expect(await replica.app.get(CertificateReminders).run('2030-05-01')).toBe(0);
    expect(await scheduledRun()).toBe(0);
    expect(await notices(producer)).toEqual([
      {
        type: 'ocop.certificate_expired',
        product: 'Rượu ba kích',
        certificateNo: lastDay.certificateNo,
        expiresOn: '2030-05-01',
        daysLeft: 0,
      },
      {
        type: 'ocop.certificate_expiring',
        product: 'Trà hoa vàng',
        certificateNo: nine.certificateNo,
        expiresOn: '2030-05-10',
        daysLeft: 9,
      },
      {
        type: 'ocop.certificate_expiring',
        product: 'Ba kích tím Ba Chẽ',
        certificateNo: thirty.certificateNo,
        expiresOn: '2030-05-31',
        daysLeft: 30,
      },
    ]);
    const inbox = await eventually(async () => {
      const types = await inboxTypes(producer);
      return types.length >= 3 ? types : undefined;
    });
    expect(inbox).toEqual([
      'ocop.certificate_expired Rượu ba kích',
      'ocop.certificate_expiring Ba kích tím Ba Chẽ',
      'ocop.certificate_expiring Trà hoa vàng',
    ]);

    // The next day the last one enters the window; the daily job sends it alone, however often it runs.
    clock.set(NOON('2030-05-02'));
    expect(await scheduledRun()).toBe(1);
    expect(await scheduledRun()).toBe(0);
    // Ten days without a run: the certificate that lapsed meanwhile still gets its notice.
    clock.set(NOON('2030-05-12'));
    expect(await scheduledRun()).toBe(1);
    expect(await scheduledRun()).toBe(0);
    const all = await notices(producer);
    expect(all.map((n) => [n.type, n.certificateNo, n.daysLeft])).toEqual([
      ['ocop.certificate_expired', lastDay.certificateNo, 0],
      ['ocop.certificate_expired', nine.certificateNo, -2],
      ['ocop.certificate_expiring', nine.certificateNo, 9],
      ['ocop.certificate_expiring', thirty.certificateNo, 30],
      ['ocop.certificate_expiring', later.certificateNo, 30],
    ]);
    await eventually(async () => ((await inboxTypes(producer)).length === 5 ? true : undefined));
  });

  it('answers a certificate recorded with less than 30 days left at once, and reminds a renewed one again', async () => {
    // A year on, so that neither test's certificates fall due during the other's runs.
    clock.set(NOON('2031-06-10'));
    const producer = await verifiedUser(t, admin, 'producer');
    const first = await certified(producer, 'Miến dong Bình Liêu', '2031-06-25');
    await certified(producer, 'Nước mắm Cái Rồng', '2031-12-31');

    // No run: the rating's own event brings the reminder.
    const reminded = await eventually(async () => {
      const found = await notices(producer);
      return found.length > 0 ? found : undefined;
    }, 15_000);
    expect(reminded).toEqual([
      expect.objectContaining({
        type: 'ocop.certificate_expiring',
        certificateNo: first.certificateNo,
        daysLeft: 15,
      }),
    ]);
    expect(await scheduledRun()).toBe(0);

    // Renewed, still within 30 days (a new certificate number): its own reminder.
    const renewed = await certified(producer, 'Miến dong Bình Liêu', '2031-07-05', first.productId);
    const both = await eventually(async () => {
      const found = await notices(producer);
      return found.length === 2 ? found : undefined;
    }, 15_000);
    expect(both.map((n) => [n.type, n.certificateNo, n.daysLeft])).toEqual([
      ['ocop.certificate_expiring', first.certificateNo, 15],
      ['ocop.certificate_expiring', renewed.certificateNo, 25],
    ]);
    expect(await scheduledRun()).toBe(0);
    // The replaced certificate is no longer current: its expiry day passes without a notice.
    clock.set(NOON('2031-06-26'));
    expect(await scheduledRun()).toBe(0);
    expect(await notices(producer)).toHaveLength(2);
  });
});
