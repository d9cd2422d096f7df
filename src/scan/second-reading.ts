/**
 * A second reader for the key values of a scan: names, amounts, dates, budget items, indicator
 * names and targets are short cells, and each is read again at another scale. Where the two
 * readings agree the cell's confidence rises; where they differ the cell keeps its first reading
 * and carries the other (`Cell.otherReading`), and validation puts an issue with both on the field.
 * Prose (long cells), option cells (ticks come from pixels) and cells that are exactly a label
 * are read once.
 */
import { matchLabel } from '../vocab/labels.js';
import type { PageOcr } from './assemble.js';
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

/**
 * Ink beyond what a reading's characters fill, in characters' widths, that says a character was
 * lost. PP-OCR drops a rarer character it cannot place (财务竣工 → 财务工, 修缮 → 修) with full
 * confidence, and the other engine may drop it too; the line's ink still holds it. Measured on
 * generated scans: a line read whole has at most 0.32 of a character to spare, a line with one
 * character dropped 0.48 or more.
 */
export const LOST_CHARACTER_WIDTH = 0.4;

/** The confidence a reading narrower than its ink keeps at most: below the field threshold, so it is flagged. */
export const LOST_CHARACTER_CONFIDENCE = 0.3;

/** A line of Chinese characters only: its width is its count of characters at the page's pitch. */
const HAN_LINE = /^\p{Script=Han}{2,}$/u;

const hanLines = (r: PageOcr[number]) => r.words.filter((w) => HAN_LINE.test(w.text.trim()) && w.bbox.x1 > w.bbox.x0);

/**
 * The width of one Chinese character on a page's crops (pixels, median over its lines of Chinese
 * characters only), or null with fewer than five such lines. One print size per page is assumed:
 * the crops of a page are cut at one scale.
 */
export function pageOcrToCharacterPitch(ocr: PageOcr): number | null {
  const pitches = ocr.flatMap((r) => hanLines(r).map((w) => (w.bbox.x1 - w.bbox.x0) / w.text.trim().length)).sort((a, b) => a - b);
  return pitches.length >= 5 ? pitches[Math.floor(pitches.length / 2)]! : null;
}

/** Whether a reading of Chinese characters leaves ink for a character more than it read. */
export function readingLostCharacter(r: PageOcr[number], pitch: number | null): boolean {
  if (pitch === null) return false;
  return hanLines(r).some((w) => (w.bbox.x1 - w.bbox.x0) / pitch - w.text.trim().length > LOST_CHARACTER_WIDTH);
}
