/**
 * Checkboxes from pixels: the small printed squares beside option texts, found by their four
 * straight edges, and ticked or not by the ink inside them compared with their siblings. OCR
 * reads ☐ as 口 and ☑ as 回/加, so the marks never come from OCR text.
 */
import type { BinaryImage } from '../image/binarize.js';
import type { BBox } from '../model.js';

/** A box found in a cell, with the share of its inside covered by ink. */
export interface PxBox extends BBox {
  /** Ink inside the box (its edges excluded), 0..1. */
  inkInside: number;
}

export interface BoxOptions {
  /** Side of the smallest and largest box, in pixels. */
  minSidePx: number;
  maxSidePx: number;
}

/** Boxes between 0.09 and 0.25 in a side: the size of a character of 9 to 18 pt. */
export function dpiToBoxOptions(dpi: number): BoxOptions {
  return { minSidePx: Math.round(0.09 * dpi), maxSidePx: Math.round(0.25 * dpi) };
}

/** Vertical runs of ink in each column of a rectangle, with their length in range. */
function columnRuns(bin: BinaryImage, r: BBox, minLen: number, maxLen: number): { x: number; y0: number; y1: number }[] {
  const out: { x: number; y0: number; y1: number }[] = [];
  const { width: w, data } = bin;
  for (let x = r.x0; x < r.x1; x++) {
    let start = -1;
    let last = -2;
    const flush = () => {
      const len = last - start + 1;
      if (start >= 0 && len >= minLen && len <= maxLen) out.push({ x, y0: start, y1: last + 1 });
    };
    for (let y = r.y0; y < r.y1; y++) {
      if (data[y * w + x]) {
        if (start < 0 || y - last > 2) {
          flush();
          start = y;
        }
        last = y;
      }
    }
    flush();
  }
  return out;
}

/** Share of the columns x0..x1 with ink within `band` rows of y. */
function rowCoverage(bin: BinaryImage, y: number, x0: number, x1: number, band: number): number {
  let hit = 0;
  for (let x = x0; x < x1; x++) {
    let ink = 0;
    for (let yy = Math.max(0, y - band); yy <= Math.min(bin.height - 1, y + band); yy++) ink |= bin.data[yy * bin.width + x]!;
    hit += ink;
  }
  return x1 > x0 ? hit / (x1 - x0) : 0;
}

/** Share of ink in a rectangle. */
function inkShare(bin: BinaryImage, r: BBox): number {
  let n = 0;
  let area = 0;
  for (let y = r.y0; y < r.y1; y++)
    for (let x = r.x0; x < r.x1; x++) {
      n += bin.data[y * bin.width + x]!;
      area++;
    }
  return area ? n / area : 0;
}

/**
 * Square boxes inside a rectangle of a binary page: a left and a right vertical edge of about
 * the same extent, as far apart as they are long, joined by a top and a bottom edge.
 */
export function binaryToBoxes(bin: BinaryImage, rect: BBox, o: BoxOptions): PxBox[] {
  const r = {
    x0: Math.max(0, Math.floor(rect.x0)),
    y0: Math.max(0, Math.floor(rect.y0)),
    x1: Math.min(bin.width, Math.ceil(rect.x1)),
    y1: Math.min(bin.height, Math.ceil(rect.y1)),
  };
  const runs = columnRuns(bin, r, o.minSidePx, Math.round(o.maxSidePx * 1.3));
  const byX = new Map<number, typeof runs>();
  for (const run of runs) {
    let list = byX.get(run.x);
    if (!list) byX.set(run.x, (list = []));
    list.push(run);
  }
  const found: PxBox[] = [];
  for (const left of runs) {
    const len = left.y1 - left.y0;
    for (let d = Math.round(len * 0.8); d <= Math.round(len * 1.25); d++) {
      const right = byX.get(left.x + d)?.find(
        (q) => Math.min(q.y1, left.y1) - Math.max(q.y0, left.y0) >= 0.8 * len && Math.abs(q.y1 - q.y0 - len) <= 0.25 * len,
      );
      if (!right) continue;
      const y0 = Math.max(left.y0, right.y0);
      const y1 = Math.min(left.y1, right.y1);
      const side = Math.min(d, y1 - y0);
      if (side < o.minSidePx || side > o.maxSidePx) continue;
      const band = Math.max(1, Math.round(side * 0.06));
      if (rowCoverage(bin, y0, left.x, left.x + d + 1, band) < 0.85) continue;
      if (rowCoverage(bin, y1 - 1, left.x, left.x + d + 1, band) < 0.85) continue;
      const box = { x0: left.x, y0, x1: left.x + d + 1, y1 };
      if (found.some((b) => overlap(b, box) > 0.3)) continue;
      found.push({ ...box, inkInside: boxToInkInside(bin, box) });
      break;
    }
  }
  return found.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

/** Share of ink inside a box, its edges left out. */
export function boxToInkInside(bin: BinaryImage, box: BBox): number {
  const inset = Math.max(2, Math.round(Math.min(box.x1 - box.x0, box.y1 - box.y0) * 0.18));
  return inkShare(bin, { x0: box.x0 + inset, y0: box.y0 + inset, x1: box.x1 - inset, y1: box.y1 - inset });
}

/** Ink inside a box that is pale (stamp ink) rather than dark (print), above this share, puts the box under a stamp. */
export const STAMPED_INK_SHARE = 0.08;

/**
 * The option boxes of a cell, found on all ink and on dark ink only (a stamp's ring crossing a
 * box's edge hides it from the first), the finding with more boxes kept; each box says whether
 * stamp ink lies inside it, and its ink is then counted on dark ink only.
 */
export function cellToOptionBoxes(bin: BinaryImage, darkBin: BinaryImage, inner: BBox, o: BoxOptions): (PxBox & { underStamp: boolean })[] {
  const all = boxesToOptionGroup(binaryToBoxes(bin, inner, o));
  const dark = boxesToOptionGroup(binaryToBoxes(darkBin, inner, o));
  const boxes = dark.length > all.length ? dark : all;
  return boxes.map((b) => {
    const inkAll = boxToInkInside(bin, b);
    const inkDark = boxToInkInside(darkBin, b);
    const underStamp = inkAll - inkDark > STAMPED_INK_SHARE;
    return { ...b, inkInside: underStamp ? inkDark : inkAll, underStamp };
  });
}

/** Intersection over the smaller area of two rectangles. */
function overlap(a: BBox, b: BBox): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / Math.min((a.x1 - a.x0) * (a.y1 - a.y0), (b.x1 - b.x0) * (b.y1 - b.y0));
}

/**
 * Which boxes of one group are ticked: a box is ticked when the ink inside it clearly exceeds
 * that of the empty boxes beside it (the group's median, as most boxes of a group are empty).
 */
export function inkToTicks(inkInside: readonly number[]): boolean[] {
  if (inkInside.length === 0) return [];
  const sorted = [...inkInside].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return inkInside.map((f) => f >= 0.06 && f >= median + 0.05);
}

/**
 * The option boxes among the squares found in a cell, or none when they are box-shaped
 * characters in running text (国, 回): the squares of the common size (within a quarter of the
 * median side), of which at least two are empty.
 */
export function boxesToOptionGroup(boxes: readonly PxBox[]): PxBox[] {
  if (boxes.length < 2) return [];
  const sides = boxes.map((b) => Math.min(b.x1 - b.x0, b.y1 - b.y0)).sort((a, b) => a - b);
  const median = sides[Math.floor(sides.length / 2)]!;
  const group = boxes.filter((b) => Math.abs(Math.min(b.x1 - b.x0, b.y1 - b.y0) - median) <= 0.25 * median);
  return group.filter((b) => b.inkInside < 0.04).length >= 2 ? group : [];
}
