import { FieldError } from '@ocop/errors';

export const OCOP_LEVELS = ['district', 'province', 'national'] as const;
export type OcopLevel = (typeof OCOP_LEVELS)[number];

export const PRODUCT_CATEGORIES = ['food', 'beverage', 'herbal', 'textile', 'handicraft', 'tourism'] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

export interface OcopRating {
  stars: number;
  certificateNo: string;
  level: OcopLevel;
  issuedOn: string;
  expiresOn: string;
}

/** Districts were abolished on this day; district councils rate nothing after it. */
export const DISTRICT_LEVEL_ENDS_ON = '2025-07-01';
export const MAX_CERTIFICATE_MONTHS = 36;

/** The last day a certificate issued on `issuedOn` may run: 36 calendar months later (clamped to month end). */
export function latestExpiryFor(issuedOn: string): string {
  const [year, month, day] = issuedOn.split('-').map(Number);
  const targetMonthIndex = month - 1 + MAX_CERTIFICATE_MONTHS;
  const targetYear = year + Math.floor(targetMonthIndex / 12);
  const targetMonth = (targetMonthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const clamped = Math.min(day, lastDay);
  return `${targetYear}-${String(targetMonth).padStart(2, '0')}-${String(clamped).padStart(2, '0')}`;
}

/**
 * The programme's rules (Decision 148/QĐ-TTg as applied since the two-tier local government of
 * 2025-07-01): 5 stars are awarded nationally and only 5 stars are; the province rates 3–4 stars
 * (on certificates issued since then, when no district is left to rate fewer);
 * `district` stands only on certificates issued before 2025-07-01; a certificate runs at most 36 months.
 */
export function ocopRatingProblems(rating: OcopRating, today: string): FieldError[] {
  const problems: FieldError[] = [];
  if (rating.issuedOn > today) {
    // A certificate counts from its issue on; one not yet issued cannot be recorded as held.
    problems.push({ field: 'issuedOn', message: 'issuedOn must not be in the future' });
  }
  if (rating.level === 'province' && rating.issuedOn >= DISTRICT_LEVEL_ENDS_ON && rating.stars < 3) {
    problems.push({
      field: 'stars',
      message: `since ${DISTRICT_LEVEL_ENDS_ON} the province rates 3 and 4 stars`,
    });
  }
  if (rating.stars === 5 && rating.level !== 'national') {
    problems.push({ field: 'level', message: '5-star products are rated at national level' });
  }
  if (rating.level === 'national' && rating.stars !== 5) {
    problems.push({ field: 'level', message: 'only 5-star products are rated at national level' });
  }
  if (rating.level === 'district' && rating.issuedOn >= DISTRICT_LEVEL_ENDS_ON) {
    problems.push({
      field: 'level',
      message: `district-level certificates exist only if issued before ${DISTRICT_LEVEL_ENDS_ON}`,
    });
  }
  if (rating.expiresOn <= rating.issuedOn) {
    problems.push({ field: 'expiresOn', message: 'expiresOn must be after issuedOn' });
  } else if (rating.expiresOn > latestExpiryFor(rating.issuedOn)) {
    problems.push({
      field: 'expiresOn',
      message: `a certificate runs at most ${MAX_CERTIFICATE_MONTHS} months`,
    });
  }
  return problems;
}

/** An expired certificate counts as unrated: stars only while valid on `today` (YYYY-MM-DD). */
export function effectiveStars(
  rating: { stars: number; expiresOn: string } | null,
  today: string,
): number | null {
  return rating && rating.expiresOn >= today ? rating.stars : null;
}
