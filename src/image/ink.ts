/** How much of a page is ink, from a cheap look: enough to tell a blank page before any OCR. */
import type { GrayImage } from './gray.js';

/** A pixel darker than this is ink (paper and anti-aliased edges of nothing stay above). */
const DARK_BELOW = 160;

/**
 * Below this share of ink a page is blank: a form page's rulings alone are over 1 %; a page
 * number alone may fall under it, and is worth no OCR either (the page keeps an info issue).
 */
export const BLANK_INK_SHARE = 0.0002;

/** The share of dark pixels, looking at every `step`-th pixel of every `step`-th row. */
export function grayToInkShare(img: GrayImage, step = 1): number {
  let dark = 0;
  let seen = 0;
  for (let y = 0; y < img.height; y += step) {
    const row = y * img.width;
    for (let x = 0; x < img.width; x += step, seen++) if (img.data[row + x]! < DARK_BELOW) dark++;
  }
  return seen === 0 ? 0 : dark / seen;
}

/** Whether a page image holds (next to) no ink; a full-resolution page is looked at on a sparse grid. */
export function grayIsBlank(img: GrayImage): boolean {
  const step = Math.max(1, Math.floor(Math.min(img.width, img.height) / 600));
  return grayToInkShare(img, step) < BLANK_INK_SHARE;
}
