import { checkBankSignature, paymentReferenceFor, referenceInNote, signBankPayload } from './bank-signature';

const SECRET = 'bank-secret-0123456789';

describe('bank notification signature', () => {
  const body = Buffer.from('{"eventId":"e1","amountVnd":1000}');
  const now = 1_790_000_000;

  it('accepts a fresh signature over t.body', () => {
    expect(checkBankSignature(SECRET, signBankPayload(SECRET, now, body), body, now + 10)).toBe('valid');
  });

  it('refuses a missing, malformed, forged or tampered signature', () => {
    expect(checkBankSignature(SECRET, undefined, body, now)).toBe('missing');
    expect(checkBankSignature(SECRET, 'nonsense', body, now)).toBe('malformed');
    expect(checkBankSignature(SECRET, signBankPayload('another-secret-123456', now, body), body, now)).toBe(
      'mismatch',
    );
    expect(checkBankSignature(SECRET, signBankPayload(SECRET, now, body), Buffer.from('{}'), now)).toBe(
      'mismatch',
    );
  });

  it('refuses a replay older than the tolerance', () => {
    expect(checkBankSignature(SECRET, signBankPayload(SECRET, now - 301, body), body, now)).toBe('stale');
  });
});

describe('payment reference', () => {
  it('is found in a transfer note however the bank mangled it', () => {
    const reference = paymentReferenceFor('1a2b3c4d-5e6f-4711-8899-aabbccddeeff');
    expect(reference).toBe('OCOP1A2B3C4D5E6F');
    expect(referenceInNote('CT den 123 ocop1a2b3c4d5e6f thanh toan')).toBe(reference);
    expect(referenceInNote('OCOP-1A2B-3C4D-5E6F')).toBe(reference);
    expect(referenceInNote('no reference here')).toBeUndefined();
  });
});
