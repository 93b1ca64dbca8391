/** The form every string is stored in: Unicode NFC, surrounding whitespace removed. */
export function normalizeText(value: string): string {
  return value.normalize('NFC').trim();
}

/**
 * Lower-cased, without tone marks or other diacritics, đ folded to d: "Chè đường Ba Chẽ" and
 * "che duong ba che" fold to the same text. Mirrors the database's `ocop_fold()`.
 */
export function foldVietnamese(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const UNTRIMMED_FIELDS = new Set(['password', 'currentPassword', 'newPassword']);

/**
 * Applies `normalizeText` to every string of a parsed JSON body. Passwords are NFC-normalized but
 * not trimmed: a space at either end may be part of a password.
 */
export function normalizeDeep(value: unknown, key?: string): unknown {
  if (typeof value === 'string') {
    const nfc = value.normalize('NFC');
    return key !== undefined && UNTRIMMED_FIELDS.has(key) ? nfc : nfc.trim();
  }
  if (Array.isArray(value)) return value.map((item) => normalizeDeep(item));
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) result[k] = normalizeDeep(v, k);
    return result;
  }
  return value;
}
