/**
 * A second reader for the key values of a scan: names, amounts, dates, budget items, indicator
 * names and targets are short cells, and each is read again at another scale. Where the two
 * readings agree the cell's confidence rises; where they differ the cell keeps its first reading
 * and carries the other (`Cell.otherReading`), and validation puts an issue with both on the field.
 * Prose (long cells), option cells (ticks come from pixels) and cells that are exactly a label
 * are read once.
 */
import { matchLabel } from '../vocab/labels.js';
import { ocrTextToCellText } from './clean-text.js';
import type { PageLayout } from './layout.js';

/** Cells longer than this (clean characters) are prose, read once. */
export const KEY_VALUE_MAX_CHARS = 40;

/**
 * Scale of the second reading relative to the first. Below 1, so that the two readings see the
 * strokes at different sizes (a rare character dropped at one size is kept at the other) and the
 * second reading costs less than the first.
 */
export const SECOND_READING_SCALE = 0.7;

/** The crops of a page whose text is a key value worth a second reading. */
export function layoutToKeyValueCrops(layout: PageLayout, firstTexts: readonly string[], skip: ReadonlySet<number> = new Set()): number[] {
  const crops: number[] = [];
  for (const region of layout.regions) {
    if (region.kind !== 'cell' || region.parts.some((p) => p.kind === 'box')) continue;
    for (const part of region.parts) {
      if (part.kind !== 'text' || skip.has(part.crop)) continue;
      const text = ocrTextToCellText(firstTexts[part.crop] ?? '');
      if (!text || text.length > KEY_VALUE_MAX_CHARS) continue;
      if (matchLabel(text, { fuzzy: false })) continue;
      crops.push(part.crop);
    }
  }
  return crops;
}

/**
 * A reading as compared: NFKC, no blanks, thousands separators and a final full stop dropped
 * (the size of a comma or a stop is what differs most between scales and means least).
 */
export function readingToComparable(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/(?<=\d),(?=\d{3})/g, '')
    .replace(/[。.,，]$/u, '');
}

/** Whether two clean readings of one cell say the same. */
export const readingsAgree = (a: string, b: string): boolean => readingToComparable(a) === readingToComparable(b);

/**
 * The confidence of a reading that a second, independent reading confirmed: both would have
 * to be wrong in the same way.
 */
export const confirmedConfidence = (confidence: number): number => 1 - (1 - confidence) ** 2;
