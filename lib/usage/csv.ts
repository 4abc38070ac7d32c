/**
 * CSV as spreadsheets read it: RFC 4180 quoting, CRLF, and a UTF-8 byte-order mark up front.
 *
 * Hand-written on purpose: the exports stream rows batch by batch from SQL, and the two rules
 * that matter here (quote when needed, defuse formula prefixes) are not what CSV libraries do by
 * default; a field writer is a few lines a test can pin down.
 */

export const CSV_BOM = "\uFEFF";

export type CsvValue = string | number | boolean | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  // Quote when needed; a leading = + - @ (after any white space, which spreadsheets skip) is
  // prefixed so that the cell is never run as a formula.
  const guarded =
    /^[\s\u00A0\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/.test(text) && typeof value === "string"
      ? `'${text}`
      : text;
  return /[",\r\n]/.test(guarded) || guarded !== text ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

export function isoTime(at: number | null | undefined): string {
  return at === null || at === undefined ? "" : new Date(at).toISOString();
}
