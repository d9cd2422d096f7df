/**
 * Field values from cells, and the two parts of a cell split by a page break joined into one
 * value (provenance stays with the first part).
 */
import { boxesToUnion } from '../geometry/boxes.js';
import type { BBox, Cell, FieldValue } from '../model.js';

/** Union of the cells' boxes on the first cell's page (boxes on other pages are left out). */
function cellsToBBox(cells: readonly Cell[]): BBox | undefined {
  const page = cells[0]?.page;
  const boxes = cells.filter((c) => c.page === page && c.bbox).map((c) => c.bbox!);
  return boxes.length ? boxesToUnion(boxes) : undefined;
}

/**
 * The value as a second reading of its cells gives it, when one of them was read differently;
 * only for a value that is its cells' whole text (a part cut from a cell has no counterpart).
 */
function cellsToOtherReading(cells: readonly Cell[], text: string): string | undefined {
  if (!cells.some((c) => c.otherReading !== undefined)) return undefined;
  const whole = cells.map((c) => c.text.trim()).filter(Boolean).join(' ');
  if (whole !== text) return undefined;
  return cells.map((c) => (c.otherReading ?? c.text).trim()).filter(Boolean).join(' ');
}

/** The text of cells: each trimmed, the empty left out, joined with a blank. */
const cellsToText = (cells: readonly Cell[]): string => (cells.length === 1 ? cells[0]!.text.trim() : cells.map((c) => c.text.trim()).filter(Boolean).join(' '));

/** One field value from the cells that hold it (joined with a blank when several). */
export function cellsToValue(cells: readonly Cell[], text = cellsToText(cells)): FieldValue {
  const first = cells[0]!;
  const last = cells[cells.length - 1]!;
  // Built key by key (no spreads): the mapper makes one for every value of every form.
  const value: FieldValue = { text, page: first.page, via: first.via };
  const bbox = cells.some((c) => c.bbox) ? cellsToBBox(cells) : undefined;
  if (bbox) value.bbox = bbox;
  let confidence: number | undefined;
  for (const c of cells) if (c.confidence !== undefined) confidence = confidence === undefined ? c.confidence : Math.min(confidence, c.confidence);
  if (confidence !== undefined) value.confidence = confidence;
  const otherReading = cellsToOtherReading(cells, text);
  if (otherReading !== undefined) value.otherReading = otherReading;
  if (first.opensParagraph) value.opensParagraph = true;
  if (last.closesParagraph) value.closesParagraph = true;
  return value;
}

/**
 * Two parts of a cell split by a page break, joined: with `\n` when the break fell between
 * paragraphs (the reader saw a paragraph end or start there, or the first part ends a
 * sentence), with nothing when it fell inside a paragraph.
 */
export function joinSplitText(first: string, rest: string, paragraphBreak = false): string {
  if (!first) return rest;
  if (!rest) return first;
  const between = paragraphBreak || /[。；;！!？?：:…]\s*$/.test(first);
  return between ? `${first.trimEnd()}\n${rest.trimStart()}` : first.trimEnd() + rest.trimStart();
}

/** Joins two values of the same field; provenance stays with the first part. */
export const joinValues = (a: FieldValue, b: FieldValue): FieldValue => ({
  ...a,
  text: joinSplitText(a.text, b.text, !!(a.closesParagraph || b.opensParagraph)),
  ...(a.otherReading !== undefined || b.otherReading !== undefined
    ? { otherReading: joinSplitText(a.otherReading ?? a.text, b.otherReading ?? b.text, !!(a.closesParagraph || b.opensParagraph)) }
    : {}),
  ...(b.closesParagraph ? { closesParagraph: true } : { closesParagraph: undefined }),
  ...(a.confidence !== undefined || b.confidence !== undefined
    ? { confidence: Math.min(a.confidence ?? 1, b.confidence ?? 1) }
    : {}),
});
