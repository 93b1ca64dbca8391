import { createHmac, timingSafeEqual } from 'node:crypto';

/** How old a signed bank notification may be; older ones are treated as replays. */
export const BANK_SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * `X-Bank-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, the same scheme as
 * our own outgoing webhooks. The timestamp is signed too, so an old notification cannot be replayed
 * with a fresh one.
 */
export function signBankPayload(secret: string, timestamp: number, body: string | Buffer): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

export type BankSignatureCheck = 'valid' | 'missing' | 'malformed' | 'mismatch' | 'stale';

export function checkBankSignature(
  secret: string,
  header: string | undefined,
  body: Buffer,
  nowSeconds: number,
  toleranceSeconds = BANK_SIGNATURE_TOLERANCE_SECONDS,
): BankSignatureCheck {
  if (!header) return 'missing';
  const parts = new Map<string, string[]>();
  for (const item of header.split(',')) {
    const [key, ...rest] = item.trim().split('=');
    if (!key || rest.length === 0) return 'malformed';
    parts.set(key, [...(parts.get(key) ?? []), rest.join('=')]);
  }
  const timestamp = Number(parts.get('t')?.[0]);
  const signatures = parts.get('v1') ?? [];
  if (!Number.isInteger(timestamp) || signatures.length === 0) return 'malformed';
  const expected = Buffer.from(signBankPayload(secret, timestamp, body).split('v1=')[1], 'hex');
  const matches = signatures.some((signature) => {
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) return 'mismatch';
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return 'stale';
  return 'valid';
}

/** Our payment references as they appear inside a free-text transfer note (banks upper-case and strip symbols). */
export const PAYMENT_REFERENCE_PATTERN = /OCOP[0-9A-F]{12}/;

export function referenceInNote(note: string): string | undefined {
  const match = note
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .match(PAYMENT_REFERENCE_PATTERN);
  return match?.[0];
}

/** A short reference derived from the payment id: fits every bank's transfer note, unique in practice and by index. */
export function paymentReferenceFor(id: string): string {
  return `OCOP${id.replace(/-/g, '').slice(0, 12).toUpperCase()}`;
}
