/**
 * Bad request bodies generated from a route's request schema (OpenAPI) and one valid body: every case
 * must be answered with a 4xx problem document and change nothing.
 */
export interface BadBody {
  name: string;
  /** Sent as is (bytes), with content-type application/json. */
  raw: string | Buffer;
}

export const SQL_INJECTION = "'; DROP TABLE listings; --";
export const SCRIPT_INJECTION = '<script>alert(1)</script>';
/** "Chè đường Ba Chẽ" decomposed (NFD): combining marks after the base letters. */
export const NFD_VIETNAMESE = 'Chè đường Ba Chẽ'.normalize('NFD');

const BEYOND_2_53 = '9007199254740993';
const HUGE_STRING = 'x'.repeat(100_000);
/** Numbers for which zero is not a meaningful value (quantities, amounts, sizes, ratings). */
const ZERO_IS_BAD =
  /(^|\.)(quantity|minOrderQty|minQty|amountVnd|areaM2|stars)$|^priceVnd$|priceTiers\[0\]\.priceVnd$/;
/** Numbers that may never be negative. (`delta` of a stock adjustment legitimately is.) */
const NEGATIVE_IS_BAD =
  /(quantity|Qty|priceVnd|amountVnd|areaM2|stars|target|leadTimeDays|paymentTermsDays|stockOnHand|vatRate)$/;

type Schema = {
  type?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  required?: string[];
  enum?: unknown[];
  format?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
};

export function resolveSchema(doc: any, schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolveSchema(doc, doc.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.allOf?.length === 1) return resolveSchema(doc, schema.allOf[0]);
  return schema;
}

interface Leaf {
  path: Array<string | number>;
  kind: 'string' | 'number' | 'array' | 'object' | 'boolean';
  /** A closed set of values (enum, uuid, date, email), where any injection string is invalid. */
  closed: boolean;
  /** The schema also accepts a number here (oneOf string | number). */
  numberAllowed: boolean;
}

function kindOf(value: unknown, schema?: Schema): Leaf['kind'] | undefined {
  if (Array.isArray(value) || schema?.type === 'array') return 'array';
  if (typeof value === 'number' || schema?.type === 'number' || schema?.type === 'integer') return 'number';
  if (typeof value === 'string' || schema?.type === 'string') return 'string';
  if (typeof value === 'boolean' || schema?.type === 'boolean') return 'boolean';
  if ((value && typeof value === 'object') || schema?.properties) return 'object';
  return undefined;
}

const CLOSED_TEXT = /^([0-9a-f]{8}-[0-9a-f]{4}-|\d{4}-\d{2}-\d{2}|[^@\s]+@[^@\s]+\.|https?:\/\/)/i;

/** The valid body's fields (one level into objects and the first element of arrays) and the schema's. */
function leaves(doc: any, schema: Schema | undefined, value: any, path: Array<string | number> = []): Leaf[] {
  const s = resolveSchema(doc, schema);
  const names = new Set([...Object.keys(s?.properties ?? {}), ...Object.keys(value ?? {})]);
  const found: Leaf[] = [];
  for (const name of names) {
    const propSchema = resolveSchema(doc, s?.properties?.[name]);
    const current = value?.[name];
    const kind = kindOf(current, propSchema);
    if (!kind) continue;
    const closed =
      !!propSchema?.enum ||
      ['uuid', 'date', 'date-time', 'email', 'uri'].includes(propSchema?.format ?? '') ||
      (typeof current === 'string' && CLOSED_TEXT.test(current));
    const numberAllowed = !!propSchema?.oneOf?.some((option) => option.type === 'number');
    found.push({ path: [...path, name], kind, closed, numberAllowed });
    if (path.length < 2 && kind === 'object' && current)
      found.push(...leaves(doc, propSchema, current, [...path, name]));
    if (path.length < 2 && kind === 'array' && current?.[0] && typeof current[0] === 'object') {
      found.push(...leaves(doc, propSchema?.items, current[0], [...path, name, 0]));
    }
  }
  return found;
}

function withValue(body: any, path: Array<string | number>, value: unknown): any {
  const copy = structuredClone(body ?? {});
  let cursor = copy;
  for (const key of path.slice(0, -1)) {
    if (cursor[key] === undefined) cursor[key] = typeof key === 'number' ? [] : {};
    cursor = cursor[key];
  }
  cursor[path[path.length - 1]] = value;
  return copy;
}

const label = (path: Array<string | number>) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');

const PLACEHOLDER = '__ocop_raw_placeholder__';

/** The JSON of `body` with the value at `path` replaced by raw JSON text or bytes. */
function rawWith(body: any, path: Array<string | number>, raw: string | Buffer): Buffer {
  const [before, after] = JSON.stringify(withValue(body, path, PLACEHOLDER)).split(`"${PLACEHOLDER}"`);
  return Buffer.concat([
    Buffer.from(before),
    Buffer.isBuffer(raw) ? raw : Buffer.from(raw),
    Buffer.from(after),
  ]);
}

/** Cases that break the body's syntax or size: they apply to every write route, with or without a body. */
export function parserCases(): BadBody[] {
  return [
    { name: 'malformed JSON', raw: '{"name": "Chè",' },
    {
      name: 'invalid UTF-8 bytes',
      raw: Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]),
    },
    { name: 'body over 1 MiB', raw: JSON.stringify({ name: 'y'.repeat(1_100_000) }) },
  ];
}

export function badBodies(doc: any, requestSchema: Schema | undefined, valid: any): BadBody[] {
  const schema = resolveSchema(doc, requestSchema);
  const json = (name: string, body: unknown): BadBody => ({ name, raw: JSON.stringify(body) });
  const cases: BadBody[] = [...parserCases()];
  if (schema?.required?.length) cases.push(json('missing required fields (empty object)', {}));
  cases.push(json('unknown extra field', { ...valid, zzUnknownField: 'x' }));
  cases.push(json('array instead of object', [valid]));
  const firstText = leaves(doc, schema, valid).find((l) => l.kind === 'string');
  if (firstText) {
    cases.push({
      name: `invalid UTF-8 inside ${label(firstText.path)}`,
      raw: rawWith(
        valid,
        firstText.path,
        Buffer.concat([Buffer.from('"Ch'), Buffer.from([0xe1, 0xba]), Buffer.from('"')]),
      ),
    });
  }
  for (const leaf of leaves(doc, schema, valid)) {
    const at = label(leaf.path);
    if (leaf.kind === 'string') {
      if (!leaf.numberAllowed)
        cases.push(json(`number for string ${at}`, withValue(valid, leaf.path, 12345)));
      cases.push(json(`100k-char ${at}`, withValue(valid, leaf.path, HUGE_STRING)));
      cases.push(json(`array for string ${at}`, withValue(valid, leaf.path, ['a'])));
      // PostgreSQL text cannot hold U+0000: a 400 naming the field, never the database's error.
      cases.push(json(`NUL character in ${at}`, withValue(valid, leaf.path, 'Ch\u0000è')));
      if (leaf.closed) {
        cases.push(json(`SQL injection in ${at}`, withValue(valid, leaf.path, SQL_INJECTION)));
        cases.push(json(`script injection in ${at}`, withValue(valid, leaf.path, SCRIPT_INJECTION)));
      }
    }
    if (leaf.kind === 'number') {
      cases.push(json(`string for number ${at}`, withValue(valid, leaf.path, 'abc')));
      cases.push(json(`object for number ${at}`, withValue(valid, leaf.path, { value: 1 })));
      cases.push({ name: `2^53+1 in ${at}`, raw: rawWith(valid, leaf.path, BEYOND_2_53) });
      cases.push({ name: `1e308 in ${at}`, raw: rawWith(valid, leaf.path, '1e308') });
      if (NEGATIVE_IS_BAD.test(at)) cases.push(json(`negative ${at}`, withValue(valid, leaf.path, -1)));
      if (ZERO_IS_BAD.test(at)) cases.push(json(`zero ${at}`, withValue(valid, leaf.path, 0)));
      if (/quantity|Qty|priceVnd|amountVnd/.test(at))
        cases.push(json(`fraction ${at}`, withValue(valid, leaf.path, 1.5)));
    }
    if (leaf.kind === 'array') {
      const current = leaf.path.reduce((v: any, k) => v?.[k], valid);
      const item = Array.isArray(current) && current.length ? current[0] : 'x';
      cases.push(
        json(
          `10k-item ${at}`,
          withValue(
            valid,
            leaf.path,
            Array.from({ length: 10_000 }, () => item),
          ),
        ),
      );
      cases.push(json(`object for array ${at}`, withValue(valid, leaf.path, { 0: item })));
    }
    if (leaf.kind === 'object') {
      cases.push(json(`array for object ${at}`, withValue(valid, leaf.path, [])));
      cases.push(json(`string for object ${at}`, withValue(valid, leaf.path, 'abc')));
    }
  }
  return cases;
}

/** Free-text fields of a valid body, where NFD or injection text is legitimate content. */
export function freeTextFields(
  doc: any,
  requestSchema: Schema | undefined,
  valid: any,
): Array<Array<string | number>> {
  return leaves(doc, requestSchema, valid)
    .filter(
      (l) =>
        l.kind === 'string' && !l.closed && typeof l.path.reduce((v: any, k) => v?.[k], valid) === 'string',
    )
    .map((l) => l.path);
}

export { withValue, label };
