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

/** One field value from the cells that hold it (joined with a blank when several). */
export function cellsToValue(cells: readonly Cell[], text = cells.map((c) => c.text.trim()).filter(Boolean).join(' ')): FieldValue {
  const first = cells[0]!;
  const confidences = cells.map((c) => c.confidence).filter((c): c is number => c !== undefined);
  const bbox = cellsToBBox(cells);
  const last = cells[cells.length - 1]!;
  const otherReading = cellsToOtherReading(cells, text);
  return {
    text,
    page: first.page,
    via: first.via,
    ...(bbox ? { bbox } : {}),
    ...(confidences.length ? { confidence: Math.min(...confidences) } : {}),
    ...(otherReading !== undefined ? { otherReading } : {}),
    ...(first.opensParagraph ? { opensParagraph: true } : {}),
    ...(last.closesParagraph ? { closesParagraph: true } : {}),
  };
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
