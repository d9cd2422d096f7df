/**
 * Rows of a result (query, search) as the user asked for them: an aligned table, JSON or CSV.
 * CSV goes through csv-stringify so that prose cells with commas, quotes and line breaks stay one
 * field in any spreadsheet (RFC 4180 quoting).
 */
import { InvalidArgumentError, Option } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { textToSafeCsvCell, UTF8_BOM } from './csv-safe.js';
import { formatTable } from './format-table.js';
import { UsageError } from '../errors.js';
import { jsonToTerminalSafe, streamToWidth, textToTerminalSafe } from './terminal.js';

export const ROW_FORMATS = ['table', 'json', 'csv'] as const;
export type RowFormat = (typeof ROW_FORMATS)[number];

/** One value as a CSV field: nulls empty, objects and arrays as JSON, texts that would start a spreadsheet formula neutralised. */
export function valueToCsvField(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return textToSafeCsvCell(value);
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Rows as CSV with a header line; the columns default to the keys of the first row. */
export function rowsToCsv(rows: readonly Record<string, unknown>[], columns: readonly string[] = Object.keys(rows[0] ?? {})): string {
  return stringify(
    rows.map((r) => columns.map((c) => valueToCsvField(r[c]))),
    { header: true, columns: columns.map(textToSafeCsvCell), record_delimiter: '\n' },
  );
}

/** How rows are laid out for the reader: the table's width, and the order of its columns. */
export interface RowLayout {
  columns?: readonly string[];
  /** Fit a table to this many terminal columns. */
  width?: number;
}

/** Rows in the chosen format, ending with a newline (an empty table prints only its header). */
export function formatRows(rows: readonly Record<string, unknown>[], format: RowFormat, layout: RowLayout = {}): string {
  const { columns, width } = layout;
  switch (format) {
    case 'json':
      return jsonToTerminalSafe(JSON.stringify(columns ? rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))) : rows, null, 2)) + '\n';
    case 'csv':
      return rowsToCsv(rows, columns);
    case 'table':
      return formatTable([...rows], { ...(columns ? { columns } : {}), ...(width !== undefined ? { maxWidth: width } : {}) });
  }
}

export interface RowOutputOptions {
  format: RowFormat;
  columns?: readonly string[];
  /** `--width`: fit a table to this many columns (default: the terminal's, when writing to one). */
  width?: number;
  /** `--bom`: start CSV with a UTF-8 byte order mark, for Excel. */
  bom?: boolean;
}

/**
 * Rows as they are written to `stream`: a table fitted to the width, CSV with its BOM when asked;
 * CSV shown on a terminal loses its control characters (a file or a pipe gets the values exact).
 */
export function rowsToOutput(rows: readonly Record<string, unknown>[], options: RowOutputOptions, stream: NodeJS.WritableStream): string {
  if (options.bom && options.format !== 'csv') throw new UsageError('--bom is for --format csv');
  const width = options.format === 'table' ? streamToWidth(options.width, stream) : undefined;
  const text = formatRows(rows, options.format, { ...(options.columns ? { columns: options.columns } : {}), ...(width !== undefined ? { width } : {}) });
  if (options.format !== 'csv') return text;
  return (options.bom ? UTF8_BOM : '') + ((stream as NodeJS.WriteStream).isTTY ? textToTerminalSafe(text) : text);
}

/** A `--columns a,b,c` option choosing and ordering the columns among `allowed`. */
export const columnsOption = (allowed: readonly string[]): Option =>
  new Option('--columns <list>', `columns to show, comma-separated, in order (of: ${allowed.join(', ')})`).argParser((text: string) => {
    const columns = text.split(',').map((c) => c.trim()).filter((c) => c !== '');
    const unknown = columns.filter((c) => !allowed.includes(c));
    if (columns.length === 0 || unknown.length > 0) throw new InvalidArgumentError(`${unknown.length ? `no column ${unknown.join(', ')}; ` : ''}choose among ${allowed.join(', ')}.`);
    return columns;
  });
