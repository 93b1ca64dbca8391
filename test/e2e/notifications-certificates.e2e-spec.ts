import { CertificateReminders } from '../../src/modules/notifications';
import { aProduct, rate } from '../support/catalog';
import { adminSession, eventually, verifiedUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('OCOP certificate reminders', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('tells the producer 30 days before expiry and on the day, once each however often the schedule runs', async () => {
    const admin = await adminSession(t);
    const producer = await verifiedUser(t, admin, 'producer');
    const expiring = await aProduct(t, producer, { name: 'Ba kích tím Ba Chẽ' });
    await rate(t, admin, expiring.id, { stars: 4, issuedOn: '2027-07-01', expiresOn: '2030-05-31' });
    const lapsing = await aProduct(t, producer, { name: 'Rượu ba kích' });
    await rate(t, admin, lapsing.id, { stars: 3, issuedOn: '2027-06-01', expiresOn: '2030-05-01' });
    const untouched = await aProduct(t, producer, { name: 'Trà hoa vàng' });
    await rate(t, admin, untouched.id, { stars: 3, issuedOn: '2027-06-01', expiresOn: '2030-06-01' });

    const reminders = t.app.get(CertificateReminders);
    const [first, second] = [await reminders.run('2030-05-01'), await reminders.run('2030-05-01')];
    expect(first).toBe(2);
    expect(second).toBe(0);

    const inbox = await eventually(async () => {
      const response = await t.http.get('/notifications?limit=100', { token: producer.token });
      const types = response.body.items
        .map((n: { type: string }) => n.type)
        .filter((type: string) => type.startsWith('ocop.certificate'))
        .sort();
      return types.length >= 2 ? types : undefined;
    });
    expect(inbox).toEqual(['ocop.certificate_expired', 'ocop.certificate_expiring']);
  });
});
