import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `X-OCOP-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. Signing the timestamp with
 * the body lets a receiver refuse replays older than its tolerance.
 */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const digest = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${digest}`;
}

/** What a receiver does (and what the tests do): recompute and compare in constant time. */
export function verifyWebhookSignature(
  header: string,
  body: string,
  secret: string,
  nowUnixSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = new Map(
    header.split(',').map((part) => {
      const index = part.indexOf('=');
      return [part.slice(0, index).trim(), part.slice(index + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(nowUnixSeconds - t) > toleranceSeconds) return false;
  const expected = signWebhook(secret, body, t).split('v1=')[1];
  const given = Buffer.from(v1, 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
