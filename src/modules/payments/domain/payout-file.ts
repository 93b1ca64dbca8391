export interface PayoutFileLine {
  bankBin: string;
  accountNo: string;
  accountName: string;
  amountVnd: number;
  reference: string;
}

const HEADER = ['bank_bin', 'account_no', 'account_name', 'amount_vnd', 'reference'];

/** Quotes a CSV cell and defuses spreadsheet formulas (a cell starting with = + - @ is text). */
function cell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The bank-transfer file of a payout batch: UTF-8 with a byte-order mark (so spreadsheet software
 * shows Vietnamese names correctly), CRLF line ends, one line per producer.
 */
export function payoutCsv(lines: PayoutFileLine[]): string {
  const rows = [
    HEADER,
    ...lines.map((line) => [line.bankBin, line.accountNo, line.accountName, line.amountVnd, line.reference]),
  ];
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
