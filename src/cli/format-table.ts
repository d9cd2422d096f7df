/**
 * Plain-text tables for the terminal: columns aligned by display width, so that Chinese text
 * (two terminal columns per character) lines up with digits and Latin letters.
 */

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

/** One value as a table cell: nulls blank, objects as JSON, line breaks shown as `⏎`. */
export function valueToCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\r?\n/g, '⏎');
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  return JSON.stringify(value);
}

export interface FormatTableOptions {
  /** Column order and header names; defaults to the keys of the rows in first-seen order. */
  columns?: readonly string[];
  /** Widest a cell may be, in terminal columns, before it is cut with `…` (default 48). */
  maxCellWidth?: number;
}

/**
 * Formats rows as an aligned table with a header line and a rule; numbers are right-aligned.
 * Returns the empty string when there are no rows and no columns were given.
 */
export function formatTable(rows: Record<string, unknown>[], options: FormatTableOptions = {}): string {
  const maxCell = options.maxCellWidth ?? 48;
  const columns = options.columns ? [...options.columns] : rowsToColumns(rows);
  if (columns.length === 0) return '';
  const cells = rows.map((row) => columns.map((c) => truncateToWidth(valueToCell(row[c]), maxCell)));
  const numeric = columns.map((c) => rows.length > 0 && rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === 'number'));
  const widths = columns.map((c, i) => Math.max(textToWidth(c), ...cells.map((r) => textToWidth(r[i]!))));
  const pad = (text: string, i: number): string => {
    const gap = ' '.repeat(widths[i]! - textToWidth(text));
    return numeric[i] ? gap + text : text + gap;
  };
  const line = (texts: string[]): string => texts.map(pad).join('  ').trimEnd();
  const out = [line(columns), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)];
  return out.join('\n') + '\n';
}

/** The union of the rows' keys, in the order they are first seen. */
function rowsToColumns(rows: Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}
