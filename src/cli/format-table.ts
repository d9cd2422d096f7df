/**
 * Plain-text tables for the terminal: columns aligned by display width, so that Chinese text
 * (two terminal columns per character) lines up with digits and Latin letters; control
 * characters removed; optionally fitted to a width by cutting the widest text columns.
 */
import { textToTerminalSafe } from './terminal.js';

/** East Asian wide and fullwidth code points (Unicode UAX #11, the ranges that occur in forms). */
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

/** How many terminal columns one character takes. */
export function charToWidth(ch: string): number {
  return WIDE.test(ch) ? 2 : 1;
}

/** How many terminal columns a string takes. */
export function textToWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charToWidth(ch);
  return w;
}

/** Cuts a string to at most `max` terminal columns, ending it with `…` when something was cut. */
export function truncateToWidth(text: string, max: number): string {
  if (textToWidth(text) <= max) return text;
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = charToWidth(ch);
    if (w + cw > max - 1) break;
    out += ch;
    w += cw;
  }
  return out + '…';
}

/**
 * A text as lines of at most `width` terminal columns (at least 10), broken at line feeds and
 * where a line is full: after its last blank when there is one in its second half (Latin words
 * stay whole), else anywhere (Chinese has no blanks between words).
 */
export function textToWrappedLines(text: string, width: number): string[] {
  const max = Math.max(10, width);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const ch of paragraph) {
      if (textToWidth(line) + charToWidth(ch) > max) {
        const blank = line.lastIndexOf(' ');
        const cut = blank > line.length / 2 ? blank + 1 : line.length;
        lines.push(line.slice(0, cut).trimEnd());
        line = line.slice(cut);
      }
      line += ch;
    }
    lines.push(line);
  }
  return lines;
}

/** One value as a table cell: nulls blank, objects as JSON, line breaks shown as `⏎`, tabs as blanks, no control characters. */
export function valueToCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return textToTerminalSafe(value.replace(/\r?\n/g, '⏎').replace(/\t/g, ' '));
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  return textToTerminalSafe(JSON.stringify(value));
}

export interface FormatTableOptions {
  /** Column order and header names; defaults to the keys of the rows in first-seen order. */
  columns?: readonly string[];
  /** Widest a cell may be, in terminal columns, before it is cut with `…` (default 48). */
  maxCellWidth?: number;
  /** Widest a line may be, in terminal columns: the widest text columns are cut to fit (numbers never are). */
  maxWidth?: number;
}

/** The width of a table's lines with these column widths and two blanks between columns. */
const tableWidth = (widths: readonly number[], gap = 2): number => widths.reduce((a, b) => a + b, 0) + gap * Math.max(0, widths.length - 1);

/** The narrowest a text column is cut to when fitting a width: enough for a few characters and `…`. */
const MIN_FITTED_WIDTH = 6;

/**
 * Column widths that fit `maxWidth` (with `gap` columns between them): the widest columns are cut
 * to one common cap, found by binary search, never below MIN_FITTED_WIDTH; fixed columns keep
 * their width. When even that does not fit, the narrowest possible widths are returned.
 */
export function widthsToFit(widths: readonly number[], fixed: readonly boolean[], maxWidth: number, gap = 2): number[] {
  const total = (ws: readonly number[]) => tableWidth(ws, gap);
  if (total(widths) <= maxWidth) return [...widths];
  const capped = (cap: number) => widths.map((w, i) => (fixed[i] ? w : Math.min(w, Math.max(cap, MIN_FITTED_WIDTH))));
  let lo = MIN_FITTED_WIDTH;
  let hi = Math.max(...widths);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (total(capped(mid)) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return capped(lo);
}

/**
 * Formats rows as an aligned table with a header line and a rule; numbers are right-aligned.
 * Returns the empty string when there are no rows and no columns were given.
 */
export function formatTable(rows: Record<string, unknown>[], options: FormatTableOptions = {}): string {
  const maxCell = options.maxCellWidth ?? 48;
  const columns = options.columns ? [...options.columns] : rowsToColumns(rows);
  if (columns.length === 0) return '';
  const headers = columns.map((c) => valueToCell(c));
  let cells = rows.map((row) => columns.map((c) => truncateToWidth(valueToCell(row[c]), maxCell)));
  const numeric = columns.map((c) => rows.length > 0 && rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === 'number'));
  let widths = columns.map((_, i) => Math.max(textToWidth(headers[i]!), ...cells.map((r) => textToWidth(r[i]!))));
  if (options.maxWidth !== undefined) {
    // A cut number would read as another number: numeric columns keep their width, though their
    // headers may be cut to it when the table does not fit otherwise.
    const numberWidths = columns.map((_, i) => Math.max(MIN_FITTED_WIDTH, ...cells.map((r) => textToWidth(r[i]!))));
    const fitted = widthsToFit(widths, numeric, options.maxWidth);
    widths = tableWidth(fitted) <= options.maxWidth ? fitted : widthsToFit(widths.map((w, i) => (numeric[i] ? Math.min(w, numberWidths[i]!) : w)), numeric, options.maxWidth);
    cells = cells.map((r) => r.map((text, i) => truncateToWidth(text, widths[i]!)));
  }
  const pad = (text: string, i: number): string => {
    const gap = ' '.repeat(Math.max(0, widths[i]! - textToWidth(text)));
    return numeric[i] ? gap + text : text + gap;
  };
  const line = (texts: string[]): string => texts.map(pad).join('  ').trimEnd();
  const out = [line(headers.map((h, i) => truncateToWidth(h, widths[i]!))), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)];
  return out.join('\n') + '\n';
}

/** The union of the rows' keys, in the order they are first seen. */
function rowsToColumns(rows: Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}
