/**
 * A page whose table rulings cannot be found (too faint, broken, washed out) is still read: each
 * text line is cut at wide gaps of paper into the cells it lines up as (label, value, label,
 * value), so the form's labels can be mapped. The page is marked as guessed and an issue says so.
 */
import type { BinaryImage } from '../image/binarize.js';
import type { BBox } from '../model.js';

/** Gaps of paper at least this wide (inches) separate cells on a line; a word gap is far narrower. */
export const CELL_GAP_IN = 0.2;

/** The pieces of a text line separated by columns without ink at least `minGapPx` wide. */
export function lineToSegments(bin: BinaryImage, line: BBox, minGapPx: number): BBox[] {
  const x0 = Math.max(0, Math.round(line.x0));
  const x1 = Math.min(bin.width, Math.round(line.x1));
  const y0 = Math.max(0, Math.round(line.y0));
  const y1 = Math.min(bin.height, Math.round(line.y1));
  const segments: BBox[] = [];
  let start = -1;
  let lastInk = -1;
  for (let x = x0; x < x1; x++) {
    let ink = false;
    for (let y = y0; y < y1 && !ink; y++) ink = bin.data[y * bin.width + x] === 1;
    if (!ink) continue;
    if (start < 0) start = x;
    else if (x - lastInk - 1 >= minGapPx) {
      segments.push({ x0: start, y0, x1: lastInk + 1, y1 });
      start = x;
    }
    lastInk = x;
  }
  if (start >= 0) segments.push({ x0: start, y0, x1: lastInk + 1, y1 });
  return segments;
}
