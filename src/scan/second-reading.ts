/**
 * A second reader for the key values of a scan: names, amounts, dates, budget items, indicator
 * names and targets are short cells, and each is read again at another scale. Where the two
 * readings agree the cell's confidence rises; where they differ the cell keeps its first reading
 * and carries the other (`Cell.otherReading`), and validation puts an issue with both on the field.
 * Prose (long cells), option cells (ticks come from pixels) and cells that are exactly a label
 * are read once.
 */
import { matchLabel, splitInlineLabel } from '../vocab/labels.js';
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

/**
 * The crops of a page whose text is a key value worth a second reading: short cells that are no
 * exact label, and lines above the table that hold a label and its value (申报单位名称：…).
 */
export function layoutToKeyValueCrops(layout: PageLayout, firstTexts: readonly string[], skip: ReadonlySet<number> = new Set()): number[] {
  const crops: number[] = [];
  for (const region of layout.regions) {
    if (region.parts.some((p) => p.kind === 'box')) continue;
    for (const part of region.parts) {
      if (part.kind !== 'text' || skip.has(part.crop)) continue;
      const text = ocrTextToCellText(firstTexts[part.crop] ?? '');
      if (!text || text.length > KEY_VALUE_MAX_CHARS) continue;
      if (region.kind === 'cell' ? matchLabel(text, { fuzzy: false }) : !splitInlineLabel(text)?.value) continue;
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

/** A comparison sign without its bar: what a reading that lost the bar sees. */
const withoutBars = (text: string) => text.replace(/≥/g, '>').replace(/≤/g, '<');

/**
 * Whether the second clean reading of a cell confirms the first: they say the same, or differ
 * only where the first reads a sign with its bar (≥, ≤) and the second without (>, <). The bar
 * is a thin stroke under the sign that the smaller reading loses (measured: 覆盖率≤3400 read as
 * 覆盖率<3400 at 0.7 scale); a reading does not see a stroke that is not printed. The other way
 * round (first <, second ≤) the readings differ.
 */
export const readingsAgree = (first: string, second: string): boolean => {
  const a = readingToComparable(first);
  const b = readingToComparable(second);
  return a === b || (/[≥≤]/.test(a) && withoutBars(a) === b);
};

/**
 * The confidence of a reading that a second, independent reading confirmed: both would have
 * to be wrong in the same way.
 */
export const confirmedConfidence = (confidence: number): number => 1 - (1 - confidence) ** 2;

