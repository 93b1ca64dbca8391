import { addDays } from '@ocop/clock';

export const CERTIFICATE_NOTICES = ['ocop.certificate_expiring', 'ocop.certificate_expired'] as const;
export type CertificateNotice = (typeof CERTIFICATE_NOTICES)[number];

/** The contract: a certificate whose last valid day is at most this many days away is reminded. */
export const REMINDER_LEAD_DAYS = 30;

/**
 * How long after its last valid day a certificate still gets its expiry notice. The notice is due on
 * that day; this lets a run that was missed (worker down, Redis lost its schedule) or a certificate
 * recorded late still tell the producer, without notices about certificates long gone.
 */
export const EXPIRED_NOTICE_CATCH_UP_DAYS = 30;

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * What a current certificate is due on `today` (Asia/Ho_Chi_Minh): the reminder while its last
 * valid day is 1–30 days ahead, the expiry notice from that day on (within the catch-up window).
 * Each is sent once per certificate, whenever the first run after it falls due happens.
 */
export function noticeDue(expiresOn: string, today: string): CertificateNotice | undefined {
  const daysLeft = daysBetween(today, expiresOn);
  if (daysLeft >= 1 && daysLeft <= REMINDER_LEAD_DAYS) return 'ocop.certificate_expiring';
  if (daysLeft <= 0 && daysLeft >= -EXPIRED_NOTICE_CATCH_UP_DAYS) return 'ocop.certificate_expired';
  return undefined;
}

/** The last valid days, both included, for which a run on `today` may owe a notice. */
export function expiryWindow(today: string): { from: string; to: string } {
  return { from: addDays(today, -EXPIRED_NOTICE_CATCH_UP_DAYS), to: addDays(today, REMINDER_LEAD_DAYS) };
}
