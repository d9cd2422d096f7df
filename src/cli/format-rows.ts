/**
 * Rows of a result (query, search) as the user asked for them: an aligned table, JSON or CSV.
 * CSV goes through csv-stringify so that prose cells with commas, quotes and line breaks stay one
 * field in any spreadsheet (RFC 4180 quoting).
 */
import { stringify } from 'csv-stringify/sync';
import { formatTable } from './format-table.js';

export const ROW_FORMATS = ['table', 'json', 'csv'] as const;
export type RowFormat = (typeof ROW_FORMATS)[number];

/** One value as a CSV field: nulls empty, objects and arrays as JSON. */
export function valueToCsvField(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Rows as CSV with a header line; the columns default to the keys of the first row. */
export function rowsToCsv(rows: readonly Record<string, unknown>[], columns: readonly string[] = Object.keys(rows[0] ?? {})): string {
  return stringify(
    rows.map((r) => columns.map((c) => valueToCsvField(r[c]))),
    { header: true, columns: [...columns], record_delimiter: '\n' },
  );
}

/** Rows in the chosen format, ending with a newline (an empty table prints only its header). */
export function formatRows(rows: readonly Record<string, unknown>[], format: RowFormat, columns?: readonly string[]): string {
  switch (format) {
    case 'json':
      return JSON.stringify(rows, null, 2) + '\n';
    case 'csv':
      return rowsToCsv(rows, columns);
    case 'table':
      return formatTable([...rows], columns ? { columns } : {});
  }
}
