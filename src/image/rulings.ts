/**
 * Ruling lines from pixels: long runs of ink along rows (and, on the transposed page, along
 * columns), stacked into lines and joined where noise broke them. Morphological line extraction
 * in the spirit of a long horizontal/vertical opening, done with run lengths.
 */
import type { BBox } from '../model.js';
import { binaryToTransposed, type BinaryImage } from './binarize.js';

/** A ruling line in pixels, horizontal or vertical: its position across and its extent along. */
export interface PxLine {
  /** Position across the line (y of a horizontal ruling, x of a vertical one): the centre of its thickness. */
  pos: number;
  /** Where it starts and ends along its length (x of a horizontal ruling, y of a vertical one); `to` exclusive. */
  from: number;
  to: number;
  thickness: number;
}

/** A ruling as a box of no thickness in pixels: along x for a horizontal one, along y for a vertical one. */
export function pxLineToBox(l: PxLine, orientation: 'horizontal' | 'vertical'): BBox {
  return orientation === 'horizontal' ? { x0: l.from, y0: l.pos, x1: l.to, y1: l.pos } : { x0: l.pos, y0: l.from, x1: l.pos, y1: l.to };
}

export interface RulingOptions {
  /** Shortest joined ruling, in pixels. */
  minLengthPx: number;
  /** Shortest run taken as a piece of a ruling, in pixels. */
  minPiecePx: number;
  /** Gaps of paper this long inside a run are bridged (noise, faint print). */
  maxGapPx: number;
  /** Lines thicker than this are blobs (filled areas, bold text), not rulings. */
  maxThicknessPx: number;
  /** Collinear pieces closer than this along the line are joined. */
  joinGapPx: number;
  /** Pieces whose positions differ by less than this are collinear. */
  joinOffsetPx: number;
}

/**
 * Options scaled to the resolution, for horizontal or vertical rulings. Verticals may be as short
 * as one row of the table (0.18 in); horizontals are at least 0.4 in, longer than any stroke of a
 * character. Rulings are at most 0.05 in thick.
 */
export function dpiToRulingOptions(dpi: number, direction: 'horizontal' | 'vertical' = 'horizontal'): RulingOptions {
  const vertical = direction === 'vertical';
  return {
    minLengthPx: Math.round((vertical ? 0.18 : 0.4) * dpi),
    minPiecePx: Math.round((vertical ? 0.1 : 0.2) * dpi),
    maxGapPx: Math.max(1, Math.round(0.015 * dpi)),
    maxThicknessPx: Math.max(3, Math.round(0.05 * dpi)),
    joinGapPx: Math.round(0.04 * dpi),
    joinOffsetPx: Math.max(2, Math.round(0.015 * dpi)),
  };
}

interface Run {
  y: number;
  x0: number;
  x1: number;
}

/** Runs of ink along each row at least `minLengthPx` long, bridging gaps up to `maxGapPx`. */
export function binaryToLongRuns(bin: BinaryImage, minLengthPx: number, maxGapPx: number): Run[] {
  const runs: Run[] = [];
  const { width: w, height: h, data } = bin;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let start = -1;
    let last = -1;
    for (let x = 0; x < w; x++) {
      if (data[row + x]) {
        if (start < 0) start = x;
        else if (x - last - 1 > maxGapPx) {
          if (last - start + 1 >= minLengthPx) runs.push({ y, x0: start, x1: last + 1 });
          start = x;
        }
        last = x;
      }
    }
    if (start >= 0 && last - start + 1 >= minLengthPx) runs.push({ y, x0: start, x1: last + 1 });
  }
  return runs;
}

/** Stacks runs on neighbouring rows that overlap into lines (one per stroke of a ruling). */
export function runsToLines(runs: readonly Run[], maxThicknessPx: number): PxLine[] {
  interface Open { y0: number; y1: number; x0: number; x1: number; sumY: number; n: number }
  const open: Open[] = [];
  const done: Open[] = [];
  let i = 0;
  const byY = [...runs].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  while (i < byY.length) {
    const y = byY[i]!.y;
    // Close lines that did not continue on the previous two rows.
    for (let k = open.length - 1; k >= 0; k--) if (open[k]!.y1 < y - 2) done.push(...open.splice(k, 1));
    for (; i < byY.length && byY[i]!.y === y; i++) {
      const r = byY[i]!;
      const hit = open.find((o) => Math.min(o.x1, r.x1) - Math.max(o.x0, r.x0) > 0.5 * Math.min(o.x1 - o.x0, r.x1 - r.x0));
      if (hit) {
        hit.y1 = y;
        hit.x0 = Math.min(hit.x0, r.x0);
        hit.x1 = Math.max(hit.x1, r.x1);
        hit.sumY += y;
        hit.n++;
      } else open.push({ y0: y, y1: y, x0: r.x0, x1: r.x1, sumY: y, n: 1 });
    }
  }
  done.push(...open);
  return done
    .filter((o) => o.y1 - o.y0 + 1 <= maxThicknessPx)
    .map((o) => ({ pos: o.sumY / o.n, from: o.x0, to: o.x1, thickness: o.y1 - o.y0 + 1 }));
}

/**
 * Joins collinear pieces of one ruling broken by noise or faint print, following the ruling
 * along its length so a slightly bowed or slanted line is still one line.
 */
export function linesToJoinedLines(lines: readonly PxLine[], joinGapPx: number, joinOffsetPx: number): PxLine[] {
  const sorted = [...lines].sort((a, b) => a.from - b.from || a.pos - b.pos);
  const out: (PxLine & { posEnd: number; weight: number })[] = [];
  for (const l of sorted) {
    let near: (typeof out)[number] | undefined;
    for (const o of out)
      if (Math.abs(o.posEnd - l.pos) <= joinOffsetPx && l.from <= o.to + joinGapPx && l.to >= o.from - joinGapPx)
        if (!near || Math.abs(o.posEnd - l.pos) < Math.abs(near.posEnd - l.pos)) near = o;
    const w1 = l.to - l.from;
    if (near) {
      near.pos = (near.pos * near.weight + l.pos * w1) / (near.weight + w1);
      near.weight += w1;
      near.posEnd = l.pos;
      near.from = Math.min(near.from, l.from);
      near.to = Math.max(near.to, l.to);
      near.thickness = Math.max(near.thickness, l.thickness);
    } else out.push({ ...l, posEnd: l.pos, weight: w1 });
  }
  return out.map(({ pos, from, to, thickness }) => ({ pos, from, to, thickness }));
}

/** Horizontal and vertical ruling lines of a binary page, in pixels. */
export function binaryToRulings(bin: BinaryImage, h: RulingOptions, v: RulingOptions = h): { horizontal: PxLine[]; vertical: PxLine[] } {
  const find = (b: BinaryImage, o: RulingOptions): PxLine[] =>
    linesToJoinedLines(runsToLines(binaryToLongRuns(b, o.minPiecePx, o.maxGapPx), o.maxThicknessPx), o.joinGapPx, o.joinOffsetPx).filter(
      (l) => l.to - l.from >= o.minLengthPx,
    );
  return { horizontal: find(bin, h), vertical: find(binaryToTransposed(bin), v) };
}

/**
 * Rulings found on several binary pages of one page (a pale and a dark threshold), joined: a ruling
 * merged into a blob with a pale seal's ring at the pale threshold stands alone at the dark one.
 */
export function binaryToUnitedRulings(bins: readonly BinaryImage[], h: RulingOptions, v: RulingOptions = h): { horizontal: PxLine[]; vertical: PxLine[] } {
  const found = bins.map((b) => binaryToRulings(b, h, v));
  if (found.length === 1) return found[0]!;
  const unite = (lines: PxLine[], o: RulingOptions) => linesToJoinedLines(lines, o.joinGapPx, o.joinOffsetPx).filter((l) => l.to - l.from >= o.minLengthPx);
  return { horizontal: unite(found.flatMap((f) => f.horizontal), h), vertical: unite(found.flatMap((f) => f.vertical), v) };
}
