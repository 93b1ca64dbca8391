import { foldVietnamese } from '@ocop/text';
import { LISTING_STATUSES, ListingStatus, VAT_RATES } from './listing';
import { PriceTier, priceTierProblems, sortedTiers } from './pricing';

export interface CsvRecord {
  /** 1-based line of the file on which the record starts (the header is line 1). */
  line: number;
  cells: string[];
}

/**
 * RFC 4180 CSV: quoted cells may hold separators, quotes ("") and line breaks. The separator is a
 * comma, or a semicolon when the header uses semicolons (Excel in a Vietnamese locale does). A
 * UTF-8 byte order mark is skipped. Blank lines are ignored.
 */
export function parseCsv(text: string): CsvRecord[] {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let sawContent = false;
  const endRecord = () => {
    cells.push(cell);
    if (sawContent || cells.length > 1 || cell.trim() !== '') records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    sawContent = false;
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
      sawContent = true;
    } else if (ch === separator) {
      cells.push(cell);
      cell = '';
      sawContent = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += ch;
    }
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}

export const IMPORT_COLUMNS = [
  'productId',
  'productName',
  'sku',
  'packSize',
  'priceVnd',
  'minOrderQty',
  'stockOnHand',
  'priceTiers',
  'leadTimeDays',
  'vatRate',
  'status',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Header spellings accepted, folded (no diacritics, lower case, letters and digits only). */
const HEADER_ALIASES: Record<ImportColumn, string[]> = {
  productId: ['productid', 'product', 'masanpham', 'idsanpham', 'sanphamid'],
  productName: ['productname', 'tensanpham', 'sanpham', 'ten'],
  sku: ['sku', 'masku', 'mahang', 'mamathang'],
  packSize: ['packsize', 'pack', 'quycach', 'quycachdonggoi', 'donggoi'],
  priceVnd: ['pricevnd', 'price', 'gia', 'giavnd', 'giaban', 'giabanvnd', 'dongia', 'dongiavnd'],
  minOrderQty: ['minorderqty', 'moq', 'soluongtoithieu', 'dathangtoithieu', 'soluongdattoithieu'],
  stockOnHand: ['stockonhand', 'stock', 'tonkho', 'soluongton', 'soluongtonkho'],
  priceTiers: ['pricetiers', 'tiers', 'bacgia', 'giatheosoluong'],
  leadTimeDays: [
    'leadtimedays',
    'leadtime',
    'thoigiangiao',
    'songaygiao',
    'thoigiangiaohangngay',
    'songaygiaohang',
  ],
  vatRate: ['vatrate', 'vat', 'thuevat', 'thuesuat', 'thuegtgt'],
  status: ['status', 'trangthai'],
};

export function headerKey(header: string): string {
  return foldVietnamese(header).replace(/[^a-z0-9]/g, '');
}

export function columnOf(header: string): ImportColumn | undefined {
  const key = headerKey(header);
  return IMPORT_COLUMNS.find((column) => HEADER_ALIASES[column].includes(key));
}

export interface ImportRow {
  line: number;
  productId?: string;
  productName?: string;
  sku: string;
  packSize?: string | number;
  priceVnd?: number;
  minOrderQty?: number;
  stockOnHand?: number;
  priceTiers?: PriceTier[];
  leadTimeDays?: number;
  vatRate?: number;
  status?: ListingStatus;
}

export interface RowProblem {
  line: number;
  field: string;
  message: string;
}

const STATUS_ALIASES: Record<string, ListingStatus> = {
  active: 'active',
  paused: 'paused',
  dangban: 'active',
  hoatdong: 'active',
  tamdung: 'paused',
  ngungban: 'paused',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whole numbers may be written with thousands separators: "45.000", "45,000", "45 000". */
function wholeNumber(raw: string): number | undefined {
  const compact = raw.replace(/[\s.,_]/g, '').replace(/(vnd|đ|d)$/i, '');
  if (!/^-?\d{1,16}$/.test(compact)) return undefined;
  return Number(compact);
}

/**
 * Reads the records of an import file into rows, reporting every problem with its line number.
 * `seenSkus` catches a SKU repeated within the file.
 */
export function readImportRows(records: CsvRecord[]): { rows: ImportRow[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const [header, ...data] = records;
  if (!header) return { rows: [], problems: [{ line: 1, field: 'header', message: 'the file is empty' }] };
  const columns = header.cells.map((cell) => columnOf(cell));
  header.cells.forEach((cell, index) => {
    if (columns[index] === undefined && cell.trim() !== '') {
      problems.push({ line: header.line, field: cell.trim(), message: 'unknown column' });
    }
  });
  for (const required of ['sku'] as const) {
    if (!columns.includes(required))
      problems.push({ line: header.line, field: required, message: 'column missing' });
  }
  if (!columns.includes('productId') && !columns.includes('productName')) {
    problems.push({
      line: header.line,
      field: 'productId',
      message: 'a productId or productName column is required',
    });
  }
  if (problems.length > 0) return { rows: [], problems };
  if (data.length === 0)
    return { rows: [], problems: [{ line: 2, field: 'rows', message: 'no listings in the file' }] };

  const rows: ImportRow[] = [];
  const seenSkus = new Map<string, number>();
  for (const record of data) {
    const row: ImportRow = { line: record.line, sku: '' };
    const bad = (field: string, message: string) => problems.push({ line: record.line, field, message });
    if (record.cells.length > columns.length)
      bad('row', `has ${record.cells.length} cells, the header ${columns.length}`);
    columns.forEach((column, index) => {
      const raw = (record.cells[index] ?? '').normalize('NFC').trim();
      if (column === undefined || raw === '') return;
      readCell(row, column, raw, bad);
    });
    if (row.sku === '') bad('sku', 'required');
    else if (seenSkus.has(row.sku)) bad('sku', `repeats line ${seenSkus.get(row.sku)}`);
    else seenSkus.set(row.sku, record.line);
    if (row.productId === undefined && row.productName === undefined) bad('productId', 'required');
    rows.push(row);
  }
  return { rows, problems };
}

function readCell(
  row: ImportRow,
  column: ImportColumn,
  raw: string,
  bad: (field: string, message: string) => void,
): void {
  const int = (min: number, max: number): number | undefined => {
    const value = wholeNumber(raw);
    if (value === undefined || value < min || value > max) {
      bad(column, `must be a whole number from ${min} to ${max}`);
      return undefined;
    }
    return value;
  };
  switch (column) {
    case 'productId':
      if (UUID.test(raw)) row.productId = raw.toLowerCase();
      else bad(column, 'must be a product id (UUID)');
      return;
    case 'productName':
      row.productName = raw;
      return;
    case 'sku':
      if (raw.length > 64) bad(column, 'at most 64 characters');
      else row.sku = raw;
      return;
    case 'packSize':
      if (raw.length > 100) bad(column, 'at most 100 characters');
      else row.packSize = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
      return;
    case 'priceVnd':
      row.priceVnd = int(1, 10 ** 13);
      return;
    case 'minOrderQty':
      row.minOrderQty = int(1, 1_000_000_000);
      return;
    case 'stockOnHand':
      row.stockOnHand = int(0, 1_000_000_000);
      return;
    case 'leadTimeDays':
      row.leadTimeDays = int(0, 365);
      return;
    case 'vatRate': {
      const value = wholeNumber(raw.replace(/%$/, ''));
      if (value === undefined || !(VAT_RATES as readonly number[]).includes(value))
        bad(column, 'must be 0, 5, 8 or 10');
      else row.vatRate = value;
      return;
    }
    case 'status': {
      const status = STATUS_ALIASES[headerKey(raw)];
      if (!status) bad(column, `must be one of ${LISTING_STATUSES.join(', ')}`);
      else row.status = status;
      return;
    }
    case 'priceTiers': {
      // "50:42000; 100:40000" (minimum quantity : unit price)
      const tiers: PriceTier[] = [];
      for (const part of raw
        .split(/[;|]/)
        .map((p) => p.trim())
        .filter(Boolean)) {
        const match = /^(\d+)\s*[:=]\s*([\d.,\s]+)$/.exec(part);
        const price = match ? wholeNumber(match[2]) : undefined;
        if (!match || price === undefined) {
          bad(column, 'write tiers as minQty:priceVnd separated by ";" (e.g. 50:42000;100:40000)');
          return;
        }
        tiers.push({ minQty: Number(match[1]), priceVnd: price });
      }
      const problems = priceTierProblems(tiers);
      if (problems.length > 0) problems.forEach((message) => bad(column, message));
      else row.priceTiers = sortedTiers(tiers);
      return;
    }
  }
}
