/** One table of a report as Excel opens it: a header row, then rows of plain cells. */
export interface CsvTable {
  header: string[];
  rows: Array<Array<string | number | boolean | null | undefined>>;
}

/**
 * Excel reads a CSV as the machine's ANSI code page unless it starts with a UTF-8 byte order mark;
 * with the BOM Vietnamese names open intact.
 */
export const UTF8_BOM = '\uFEFF';

/** RFC 4180: a cell is quoted when it holds a comma, quote, CR or LF; quotes are doubled. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // A leading = + - @ makes Excel evaluate the cell as a formula (CSV injection); numbers stay numbers.
  const guarded = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function toCsv(table: CsvTable): string {
  const lines = [table.header, ...table.rows].map((row) => row.map(csvCell).join(','));
  return UTF8_BOM + lines.join('\r\n') + '\r\n';
}
