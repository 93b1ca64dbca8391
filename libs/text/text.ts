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

/**
 * Paths (`lines[0].note`, as validation errors name them) of the strings in a parsed body that hold
 * U+0000, which PostgreSQL text cannot store. Keys count too: they become column values in jsonb.
 */
export function fieldsHoldingNul(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return value.includes('\0') ? [path || 'body'] : [];
  if (Array.isArray(value))
    return value.flatMap((item, index) => fieldsHoldingNul(item, `${path}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const field = path ? `${path}.${key}` : key;
    return key.includes('\0') ? [field] : fieldsHoldingNul(item, field);
  });
}
