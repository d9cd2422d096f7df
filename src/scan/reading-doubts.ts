/**
 * Doubts a single reading raises about itself, without a second reading to compare: two readings
 * can make the same slip, the page's ink cannot. A reading with such a doubt keeps a confidence
 * below the field threshold, so the field it fills is flagged.
 */
import type { PageOcr } from './assemble.js';

/** The confidence a doubted reading keeps at most: below the field threshold, so it is flagged. */
export const DOUBTED_READING_CONFIDENCE = 0.3;

/**
 * Ink beyond what a reading's characters fill, in Chinese characters' widths, that says a
 * character was lost. PP-OCR drops a rarer character it cannot place (财务竣工 → 财务工, 修缮 → 修),
 * or a small sign before a number (≤40 → 40), with full confidence, and the reading at another
 * scale may drop it too; the line's ink still holds it. Measured on generated scans: a line read
 * whole has at most 0.32 of a character to spare, a line with a character dropped 0.48 or more.
 */
export const LOST_CHARACTER_WIDTH = 0.4;

/**
 * The widest a digit, a decimal point or a percent sign's share of it is printed, in Chinese
 * characters' widths (0.5 to 0.62 measured): a number's ink is at most this wide per character.
 */
const DIGIT_WIDTH_MAX = 0.65;

/** A line of Chinese characters only: its width is its count of characters at the page's pitch. */
const HAN_LINE = /^\p{Script=Han}{2,}$/u;
/** A line that is a number only (2018.1.1, 40, 79%): its width is at most DIGIT_WIDTH_MAX a character. */
const NUMBER_LINE = /^[\d.,%]+$/;

const measured = (w: PageOcr[number]['words'][number]) => w.bbox.x1 > w.bbox.x0;
const hanLines = (r: PageOcr[number]) => r.words.filter((w) => measured(w) && HAN_LINE.test(w.text.trim()));

/** The most ink a line's reading can fill, in Chinese characters' widths; null for a line of other shape. */
function readingToWidthMax(text: string): number | null {
  if (HAN_LINE.test(text)) return text.length;
  if (NUMBER_LINE.test(text)) return text.length * DIGIT_WIDTH_MAX;
  return null;
}

/**
 * The width of one Chinese character on a page's crops (pixels, median over its lines of Chinese
 * characters only), or null with fewer than five such lines. One print size per page is assumed:
 * the crops of a page are cut at one scale.
 */
export function pageOcrToCharacterPitch(ocr: PageOcr): number | null {
  const pitches = ocr.flatMap((r) => hanLines(r).map((w) => (w.bbox.x1 - w.bbox.x0) / w.text.trim().length)).sort((a, b) => a - b);
  return pitches.length >= 5 ? pitches[Math.floor(pitches.length / 2)]! : null;
}

/** Whether a reading (of Chinese characters, or of a number) leaves ink for a character more than it read. */
export function readingLostCharacter(r: PageOcr[number], pitch: number | null): boolean {
  if (pitch === null) return false;
  return r.words.some((w) => {
    const max = measured(w) ? readingToWidthMax(w.text.trim()) : null;
    return max !== null && (w.bbox.x1 - w.bbox.x0) / pitch - max > LOST_CHARACTER_WIDTH;
  });
}

/**
 * A reading that is a number with a Latin letter where its comparison sign or a digit stands
 * ("M80" or "M 200" for ≥80 and ≥200, "VO" or "ΛO" for >0 and <0, "O" for ≤0 with the sign lost,
 * "Okb" for 0kb, "v" for >8): the sign of a target (≥ ≤ > <) printed small is read as a letter
 * (Latin or Greek), or not at all, and a 0 as the letter O. Which sign it was no context tells, so the
 * reading is doubted rather than repaired. A unit after it has one or two characters (人, 人次) or
 * two or three small letters (kb); words (OA, ISO9001, G60科创走廊) do not have this shape.
 */
const LETTER = '[\\p{Script=Latin}\\p{Script=Greek}]';
const SIGN_READ_AS_LETTER = new RegExp(
  `^(?:${LETTER}\\s?[\\dOo][\\dOo.,]*|[\\d.,]*[Oo][\\dOo.,]*)(?:%|\\p{Script=Han}{1,2}|[a-z]{2,3})?$|^${LETTER}$`,
  'u',
);

export const readingHasLetterForSign = (text: string): boolean => SIGN_READ_AS_LETTER.test(text);

/**
 * A short value read from a scan with marks a name or a number does not have: an unmatched
 * bracket, or a slash, bar or sentence mark at its end (a stamp's edge or a ruling read as a
 * character, 费(运维/ for 费（运维）). Typed values are stored as the form has them.
 */
export function readingHasStrayMarks(text: string): boolean {
  const t = text.normalize('NFKC').trim();
  const opened = (t.match(/\(/g) ?? []).length;
  const closed = (t.match(/\)/g) ?? []).length;
  return opened !== closed || /[/\\|。,、]$/.test(t) || /^[/\\|。,、)]/.test(t);
}
