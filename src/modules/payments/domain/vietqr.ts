/**
 * VietQR: the NAPAS 247 profile of the EMVCo merchant-presented QR code, which every Vietnamese
 * banking app scans to prefill an interbank transfer (beneficiary bank BIN and account, amount and
 * the transfer note that carries our payment reference).
 */
export interface VietQrInput {
  /** Six-digit bank identification number of the beneficiary's bank (NAPAS BIN). */
  bankBin: string;
  accountNo: string;
  /** Whole VND; omitted when the payer should type the amount. */
  amountVnd?: number;
  /** Transfer note (purpose of transaction); our payment reference. */
  reference?: string;
}

const NAPAS_GUID = 'A000000727';
const SERVICE_TRANSFER_TO_ACCOUNT = 'QRIBFTTA';
const CURRENCY_VND = '704';
/** EMVCo limits: transaction amount at most 13 characters, purpose of transaction at most 25. */
const MAX_AMOUNT_DIGITS = 13;
const MAX_PURPOSE_LENGTH = 25;

function field(id: string, value: string): string {
  if (value.length > 99) throw new RangeError(`EMV field ${id} is longer than 99 characters`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR), 4 upper-case hex digits. */
export function crc16CcittFalse(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** Transfer notes survive every bank only as plain ASCII letters, digits and spaces. */
function safePurpose(reference: string): string {
  return reference
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^0-9A-Za-z ]/g, '')
    .slice(0, MAX_PURPOSE_LENGTH);
}

export function vietQrPayload(input: VietQrInput): string {
  if (!/^\d{6}$/.test(input.bankBin)) throw new RangeError('bankBin must be six digits');
  if (!/^[0-9A-Za-z]{1,19}$/.test(input.accountNo))
    throw new RangeError('accountNo must be 1–19 letters or digits');
  const beneficiary = field('00', input.bankBin) + field('01', input.accountNo);
  const merchantAccount =
    field('00', NAPAS_GUID) + field('01', beneficiary) + field('02', SERVICE_TRANSFER_TO_ACCOUNT);
  const amount =
    input.amountVnd !== undefined &&
    input.amountVnd > 0 &&
    String(input.amountVnd).length <= MAX_AMOUNT_DIGITS
      ? String(Math.trunc(input.amountVnd))
      : undefined;
  const purpose = input.reference ? safePurpose(input.reference) : '';
  const body =
    field('00', '01') +
    // 12 = dynamic: the code is for this one payment (amount and note fixed).
    field('01', amount ? '12' : '11') +
    field('38', merchantAccount) +
    field('53', CURRENCY_VND) +
    (amount ? field('54', amount) : '') +
    field('58', 'VN') +
    (purpose ? field('62', field('08', purpose)) : '') +
    '6304';
  return body + crc16CcittFalse(body);
}

export type EmvFields = Map<string, string>;

/** Splits an EMV TLV string into its fields (one level); throws on a malformed string. */
export function parseEmv(text: string): EmvFields {
  const fields: EmvFields = new Map();
  let position = 0;
  while (position < text.length) {
    const id = text.slice(position, position + 2);
    const length = Number(text.slice(position + 2, position + 4));
    if (!/^\d{2}$/.test(id) || !Number.isInteger(length) || position + 4 + length > text.length) {
      throw new RangeError(`malformed EMV field at ${position}`);
    }
    fields.set(id, text.slice(position + 4, position + 4 + length));
    position += 4 + length;
  }
  return fields;
}

export interface DecodedVietQr {
  crcValid: boolean;
  guid: string;
  bankBin: string;
  accountNo: string;
  service: string;
  currency: string;
  country: string;
  amountVnd?: number;
  reference?: string;
  initiation: 'static' | 'dynamic';
}

/** Reads a VietQR string back (for tests and for checking what a client will scan). */
export function decodeVietQr(payload: string): DecodedVietQr {
  const crcValid =
    payload.length > 8 &&
    payload.slice(-8, -4) === '6304' &&
    crc16CcittFalse(payload.slice(0, -4)) === payload.slice(-4);
  const top = parseEmv(payload);
  const merchant = parseEmv(top.get('38') ?? '');
  const beneficiary = parseEmv(merchant.get('01') ?? '');
  const additional = parseEmv(top.get('62') ?? '');
  const amount = top.get('54');
  return {
    crcValid,
    guid: merchant.get('00') ?? '',
    bankBin: beneficiary.get('00') ?? '',
    accountNo: beneficiary.get('01') ?? '',
    service: merchant.get('02') ?? '',
    currency: top.get('53') ?? '',
    country: top.get('58') ?? '',
    amountVnd: amount === undefined ? undefined : Number(amount),
    reference: additional.get('08'),
    initiation: top.get('01') === '12' ? 'dynamic' : 'static',
  };
}
