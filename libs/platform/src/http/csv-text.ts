/** Spreadsheets read a UTF-8 CSV as UTF-8 (Cyrillic and Kazakh names intact) only when it starts with the BOM. */
export const CSV_BOM = '\uFEFF';

/** A cell a spreadsheet would run as a formula (OWASP CSV injection): =, +, -, @, or a leading tab or carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 cell. Text that would start a formula is prefixed with a single quote, so the spreadsheet shows it
 * as text; numbers the service itself wrote (amounts, years) are left as numbers, a negative one included.
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 says. */
export function csvRow(values: Array<string | number>): string {
  return values.map(csvCell).join(',') + '\r\n';
}
