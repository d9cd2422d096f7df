/**
 * Splitting a cell crop into text lines, from pixels: the recognition model reads one line at a
 * time, while a table cell may hold a wrapped paragraph. Pure functions over grey pixels.
 */
import { histogramToOtsuThreshold } from '../image/otsu.js';
import type { BBox } from '../model.js';
import { clearInkRuns, clearLongRuns, clearThinBorderInk, despeckle } from './mask-cleanup.js';

/** A run of rows holding ink; `y1` exclusive. */
export interface RowBand {
  y0: number;
  y1: number;
  /** Dark pixels in the band. */
  ink: number;
}

/** Options of {@link greyToLineBoxes}. */
export interface LineSplitOptions {
  /** A dark run at least this fraction of the crop's width is a ruling line, not text. */
  ruleMinWidthFraction: number;
  /** A dark column run at least this fraction of the crop's height, near a side, is a ruling line. */
  ruleMinHeightFraction: number;
  /** Thickest border debris, as a fraction of the crop's smaller side (see clearThinBorderInk). */
  ruleMaxThicknessFraction: number;
  /** How far from the left/right sides (fraction of width) a vertical rule may be found. */
  ruleEdgeFraction: number;
  /** A straight run of ink longer than this many line heights is a rule, not a glyph. */
  maxGlyphRunLines: number;
  /** Least share of dark pixels within a line's box: sparser bands are rule debris or noise. */
  minLineInkDensity: number;
  /** Rows with fewer dark pixels than this count as blank (dust, noise). */
  minRowInkPx: number;
  /** Margin added around each line, as a fraction of the line height (vertical). */
  padYFraction: number;
  /** Margin added before and after each line, as a fraction of the line height. */
  padXFraction: number;
  /**
   * Least grey-level spread (0..255) between paper and ink for a crop to hold anything: below
   * it the crop is blank paper and Otsu's threshold would only split noise.
   */
  minContrast: number;
}

export const defaultLineSplitOptions: LineSplitOptions = {
  ruleMinWidthFraction: 0.5,
  ruleMinHeightFraction: 0.6,
  ruleEdgeFraction: 0.04,
  ruleMaxThicknessFraction: 0.08,
  maxGlyphRunLines: 2.5,
  minLineInkDensity: 0.05,
  minRowInkPx: 2,
  padYFraction: 0.15,
  padXFraction: 0.3,
  minContrast: 60,
};

/**
 * Binarises grey pixels into an ink mask (1 = ink) with Otsu's threshold, and clears ruling-line
 * remnants at the crop's sides: long horizontal dark runs anywhere, long vertical runs near the
 * left and right sides. Returns null for a blank crop (too little contrast).
 */
export function greyToInkMask(
  grey: Uint8Array,
  width: number,
  height: number,
  options: LineSplitOptions = defaultLineSplitOptions,
): Uint8Array | null {
  const histogram = new Uint32Array(256);
  for (const v of grey) histogram[v]!++;
  // Spread between the darkest and lightest percent, robust to a few stray pixels.
  const low = percentile(histogram, grey.length, 0.01);
  const high = percentile(histogram, grey.length, 0.99);
  if (high - low < options.minContrast) return null;
  const threshold = histogramToOtsuThreshold(histogram);
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = (grey[i] ?? 255) <= threshold ? 1 : 0;
  despeckle(mask, width, height);

  // Horizontal rules: text always has gaps between characters, a rule does not.
  const minRunX = Math.max(8, Math.round(options.ruleMinWidthFraction * width));
  for (let y = 0; y < height; y++) clearLongRuns(mask, y * width, 1, width, minRunX);
  // Vertical rules only near the sides, where a cell's borders are: a tall stroke inside a
  // single-line crop would otherwise look like one.
  const minRunY = Math.max(8, Math.round(options.ruleMinHeightFraction * height));
  const edge = Math.max(2, Math.round(options.ruleEdgeFraction * width));
  for (let x = 0; x < width; x++) {
    if (x >= edge && x < width - edge) continue;
    clearLongRuns(mask, x, width, height, minRunY);
  }
  // What the long rules leave at the corners: short, thin pieces along a side.
  const maxThickness = Math.max(4, Math.round(options.ruleMaxThicknessFraction * Math.min(width, height)));
  clearThinBorderInk(mask, width, height, maxThickness);
  return mask;
}

function percentile(histogram: Uint32Array, total: number, q: number): number {
  const target = q * total;
  let seen = 0;
  for (let i = 0; i < 256; i++) {
    seen += histogram[i]!;
    if (seen >= target) return i;
  }
  return 255;
}

/** Dark pixels per row of an ink mask (the horizontal projection profile). */
export function inkMaskToRowProfile(mask: Uint8Array, width: number, height: number): number[] {
  const profile = new Array<number>(height).fill(0);
  for (let y = 0; y < height; y++) {
    let n = 0;
    const row = y * width;
    for (let x = 0; x < width; x++) n += mask[row + x]!;
    profile[y] = n;
  }
  return profile;
}

/**
 * Splits a horizontal projection profile into text-line bands.
 *
 * Runs of inked rows are found first; runs that together still fit in one line height are then
 * merged (a line of 二 or 三 leaves blank rows inside it, and so do accents of punctuation), and
 * tiny isolated runs (specks) are dropped. The line height is the median height of the taller
 * runs, so one overlong run (two touching lines, a stamp) does not set it.
 */
export function rowProfileToBands(profile: readonly number[], minRowInkPx = 1): RowBand[] {
  const runs: RowBand[] = [];
  let current: RowBand | null = null;
  for (let y = 0; y < profile.length; y++) {
    const v = profile[y]!;
    if (v >= minRowInkPx) {
      if (current) {
        current.y1 = y + 1;
        current.ink += v;
      } else current = { y0: y, y1: y + 1, ink: v };
    } else if (current) {
      runs.push(current);
      current = null;
    }
  }
  if (current) runs.push(current);
  if (runs.length === 0) return [];

  const lineHeight = bandsToLineHeight(runs);
  // Merge neighbours while the merged band still fits one line (with a little slack for tall
  // glyphs and a slight skew).
  const merged: RowBand[] = [];
  for (const run of runs) {
    const last = merged[merged.length - 1];
    if (last && run.y1 - last.y0 <= 1.3 * lineHeight) {
      last.y1 = run.y1;
      last.ink += run.ink;
    } else merged.push({ ...run });
  }
  // A lone 。 or 、 wrapped onto its own line is small but real; a speck of dust is smaller.
  const minInk = 0.01 * lineHeight * lineHeight;
  return merged.filter((b) => b.ink >= minInk && b.y1 - b.y0 >= Math.max(2, 0.15 * lineHeight));
}

/**
 * Drops bands that are pieces of a ruling line rather than text: short (under 40% of a line
 * height) and dense across the whole crop width. A broken or slightly skewed rule escapes the
 * run test of {@link greyToInkMask}; a lone 。 is short too but covers little of the width.
 */
export function dropRuleBands(bands: readonly RowBand[], width: number, lineHeight: number): RowBand[] {
  return bands.filter((b) => {
    const h = b.y1 - b.y0;
    return !(h < 0.4 * lineHeight && b.ink / (h * width) > 0.25);
  });
}

/**
 * The horizontal extent of ink from per-column ink counts; with `trim`, that fraction of the ink
 * is left out at each end (so far specks do not widen it). Null when there is no ink.
 */
export function columnsToExtent(columns: ArrayLike<number>, trim = 0): { x0: number; x1: number } | null {
  let total = 0;
  for (let x = 0; x < columns.length; x++) total += columns[x]!;
  if (total === 0) return null;
  let seen = 0;
  let x0 = -1;
  let x1 = -1;
  for (let x = 0; x < columns.length; x++) {
    const c = columns[x]!;
    if (c === 0) continue;
    seen += c;
    if (x0 < 0 && seen > trim * total) x0 = x;
    if (seen >= (1 - trim) * total || x1 < 0 || trim === 0) x1 = x + 1;
    if (trim > 0 && seen >= (1 - trim) * total) break;
  }
  return { x0, x1 };
}

/** A box cut back to the crop's `width × height`. */
export function clampBox(box: BBox, width: number, height: number): BBox {
  return {
    x0: Math.max(0, Math.min(width, box.x0)),
    y0: Math.max(0, Math.min(height, box.y0)),
    x1: Math.max(0, Math.min(width, box.x1)),
    y1: Math.max(0, Math.min(height, box.y1)),
  };
}

/** Surrounds grey pixels with `margin` pixels of the given tone on every side. */
export function padGrey(grey: Uint8Array, width: number, height: number, margin: number, tone: number): Uint8Array {
  const pw = width + 2 * margin;
  const out = new Uint8Array(pw * (height + 2 * margin)).fill(tone);
  for (let y = 0; y < height; y++) {
    out.set(grey.subarray(y * width, (y + 1) * width), (y + margin) * pw + margin);
  }
  return out;
}

/** The typical height of a text line among bands: the median of those at least half the tallest. */
export function bandsToLineHeight(bands: readonly RowBand[]): number {
  const heights = bands.map((b) => b.y1 - b.y0);
  const tallest = Math.max(...heights);
  const tall = heights.filter((h) => h >= tallest / 2).sort((a, b) => a - b);
  return tall[Math.floor(tall.length / 2)] ?? tallest;
}

/**
 * Finds the text lines of a grey cell crop: one box per line (crop pixels, right and bottom
 * exclusive), in reading order (top to bottom), with a margin like the one PP-OCR's detector
 * leaves around the text it hands to recognition. A margin may reach past the crop's sides (text
 * close to the cell's border): the caller pads the crop with paper before cutting the lines out
 * (see {@link clampBox}). Returns no boxes for a blank crop.
 */
export function greyToLineBoxes(
  grey: Uint8Array,
  width: number,
  height: number,
  options: LineSplitOptions = defaultLineSplitOptions,
): BBox[] {
  const mask = greyToInkMask(grey, width, height, options);
  if (!mask) return [];
  const first = rowProfileToBands(inkMaskToRowProfile(mask, width, height), options.minRowInkPx);
  if (first.length === 0) return [];
  // Second pass, now that the line height is known: a skewed or broken rule leaves runs much
  // shorter than the crop but still far longer than any glyph; clear those and find the lines again.
  const maxGlyphRun = Math.max(8, Math.round(options.maxGlyphRunLines * bandsToLineHeight(first)));
  clearInkRuns(mask, width, height, maxGlyphRun);
  const found = rowProfileToBands(inkMaskToRowProfile(mask, width, height), options.minRowInkPx);
  if (found.length === 0) return [];
  const bands = dropRuleBands(found, width, bandsToLineHeight(found));
  if (bands.length === 0) return [];
  const lineHeight = bandsToLineHeight(bands);
  const boxes: BBox[] = [];
  for (const band of bands) {
    const columns = new Uint32Array(width);
    for (let y = band.y0; y < band.y1; y++) {
      const row = y * width;
      for (let x = 0; x < width; x++) columns[x]! += mask[row + x]!;
    }
    const extent = columnsToExtent(columns);
    if (!extent) continue;
    const { x0, x1 } = extent;
    // What is left of a rule after clearing its long runs is a sparse scatter across the crop;
    // text is dense where it is (dust beside it does not count: the core extent is trimmed).
    const core = columnsToExtent(columns, 0.02)!;
    if (band.ink / ((core.x1 - core.x0) * (band.y1 - band.y0)) < options.minLineInkDensity) continue;
    // A short band (a lone 。) is grown to a full line height so the model sees a normal line.
    const grow = Math.max(0, lineHeight - (band.y1 - band.y0)) / 2;
    const padY = options.padYFraction * lineHeight + grow;
    const padX = options.padXFraction * lineHeight;
    boxes.push({
      x0: Math.floor(x0 - padX),
      y0: Math.floor(band.y0 - padY),
      x1: Math.ceil(x1 + padX),
      y1: Math.ceil(band.y1 + padY),
    });
  }
  return boxes;
}
