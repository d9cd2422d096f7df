/**
 * Whether a page's text layer can be trusted, or the page must be read from its pixels (OCR).
 * Scans have no text layer; some producers embed fonts without a usable Unicode map, so pdf.js
 * returns replacement or private-use characters; a scan may carry a few words of text (a stamp,
 * a page number) over a full-page image.
 */
import type { BBox, TextItem } from '../model.js';

/** Thresholds of the usability test. */
export interface UsabilitySettings {
  /** Share of unreadable characters (U+FFFD, private use, controls) above which the layer is garbage. */
  maxBadShare: number;
  /** A page covered by an image (share of the page area) with fewer characters than this is a scan. */
  minCharsOverImage: number;
  minImageCoverShare: number;
}

/** A layer is garbage when more than 30 % of its characters are unreadable; a scan carries fewer than 30 characters of its own. */
export const DEFAULT_USABILITY: UsabilitySettings = { maxBadShare: 0.3, minCharsOverImage: 30, minImageCoverShare: 0.5 };

/** The verdict on a page's text layer. */
export interface Usability {
  usable: boolean;
  /** Why not: no text at all, mostly unreadable characters, or a page-size image with a few words. */
  reason: 'no-text' | 'garbled' | 'scan-with-text' | null;
  chars: number;
  badChars: number;
}

/** U+FFFD, private-use code points and control characters: what a font without a Unicode map yields. */
const BAD_CHAR = /[\uFFFD\uE000-\uF8FF\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}\u0000-\u0008\u000E-\u001F\u007F-\u009F]/u;

/**
 * Decides whether a page's text items are a usable text layer; `images` (boxes of painted images)
 * and `rulingCount` (vector rules found) spot scans carrying a stray word or a hidden OCR layer.
 */
export function textItemsToUsability(
  items: readonly TextItem[],
  page: { width: number; height: number; images?: readonly BBox[]; rulingCount?: number },
  s: UsabilitySettings = DEFAULT_USABILITY,
): Usability {
  let chars = 0;
  let badChars = 0;
  for (const it of items)
    for (const ch of it.text) {
      if (/\s/u.test(ch)) continue;
      chars++;
      if (BAD_CHAR.test(ch)) badChars++;
    }
  if (chars === 0) return { usable: false, reason: 'no-text', chars, badChars };
  if (badChars / chars > s.maxBadShare) return { usable: false, reason: 'garbled', chars, badChars };
  const area = page.width * page.height;
  const covered = (page.images ?? []).some((b) => ((b.x1 - b.x0) * (b.y1 - b.y0)) / area >= s.minImageCoverShare);
  if (covered && chars - badChars < s.minCharsOverImage) return { usable: false, reason: 'scan-with-text', chars, badChars };
  // A scan with an invisible OCR text layer ("searchable" PDF): the table's rules exist only as
  // pixels, so the grid has to come from the image.
  if (covered && page.rulingCount === 0) return { usable: false, reason: 'scan-with-text', chars, badChars };
  return { usable: true, reason: null, chars, badChars };
}
