import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

describe('webhook signature', () => {
  const body = JSON.stringify({ id: 'evt', type: 'supplier_order.placed', data: { tên: 'Chè Ba Chẽ' } });

  it('is t=<unix>,v1=<hex HMAC-SHA256 of "t.body">', () => {
    const expected = createHmac('sha256', 'whsec_test').update(`1795900000.${body}`).digest('hex');
    expect(signWebhook('whsec_test', body, 1795900000)).toBe(`t=1795900000,v1=${expected}`);
  });

  it('verifies with the right secret and body within the tolerance only', () => {
    const header = signWebhook('whsec_test', body, 1795900000);
    expect(verifyWebhookSignature(header, body, 'whsec_test', 1795900100)).toBe(true);
    expect(verifyWebhookSignature(header, body, 'whsec_other', 1795900100)).toBe(false);
    expect(verifyWebhookSignature(header, `${body} `, 'whsec_test', 1795900100)).toBe(false);
    expect(verifyWebhookSignature(header, body, 'whsec_test', 1795900000 + 301)).toBe(false);
    expect(verifyWebhookSignature('t=abc,v1=00', body, 'whsec_test', 1795900000)).toBe(false);
    expect(verifyWebhookSignature('', body, 'whsec_test', 1795900000)).toBe(false);
  });
});
