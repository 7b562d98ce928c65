/** A CSV that Excel opens correctly in Japanese: UTF-8 with a BOM, CRLF, RFC 4180 quoting. */
export const CSV_BOM = '\uFEFF';

/**
 * One field: a value Excel would read as a formula (starting with = + - @, or a tab or CR that
 * hides one) gets a leading apostrophe; a field with a comma, a quote or a line break is quoted,
 * its quotes doubled (RFC 4180).
 */
export function csvField(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export const csvLine = (fields: readonly string[]): string => `${fields.map(csvField).join(',')}\r\n`;

export const csvDocument = (header: readonly string[], rows: ReadonlyArray<readonly string[]>): string => CSV_BOM + csvLine(header) + rows.map(csvLine).join('');
