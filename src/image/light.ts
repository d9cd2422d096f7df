/**
 * Uneven light and low contrast: the paper's tone measured over the page, and the page divided by
 * it so the paper is white everywhere and the ink keeps its darkness relative to the paper around it
 * (background normalisation, as in Lu, Su & Tan, "Document image binarization using background
 * estimation and stroke edges", IJDAR 2010: estimate the background, then compensate by division).
 */
import type { GrayImage } from './gray.js';

/** The paper tone of a page: per tile of about `tileIn` inches, a high percentile of its grey values. */
export function grayToPaperTiles(img: GrayImage, tileIn = 0.5): { cols: number; rows: number; tile: number; levels: Uint8Array } {
  const tile = Math.max(8, Math.round(tileIn * img.dpi));
  const cols = Math.ceil(img.width / tile);
  const rows = Math.ceil(img.height / tile);
  const levels = new Uint8Array(cols * rows);
  const hist = new Uint32Array(256);
  for (let ty = 0; ty < rows; ty++)
    for (let tx = 0; tx < cols; tx++) {
      hist.fill(0);
      let n = 0;
      for (let y = ty * tile; y < Math.min(img.height, (ty + 1) * tile); y += 2)
        for (let x = tx * tile; x < Math.min(img.width, (tx + 1) * tile); x += 2) {
          hist[img.data[y * img.width + x]!]!++;
          n++;
        }
      // The 90th percentile: paper even in a tile half full of text.
      let seen = 0;
      let v = 0;
      for (; v < 255 && seen + hist[v]! < 0.9 * n; v++) seen += hist[v]!;
      levels[ty * cols + tx] = v;
    }
  return { cols, rows, tile, levels };
}

/**
 * How uneven the paper is: the spread between the lighter and darker tiles' paper tone (10th to
 * 90th percentile over the tiles), in grey levels. A flatbed scan is within ~15; light falling off
 * across a photo gives 40 and more.
 */
export function grayToPaperSpread(img: GrayImage): number {
  const { levels } = grayToPaperTiles(img);
  const sorted = [...levels].sort((a, b) => a - b);
  return sorted[Math.floor(0.9 * (sorted.length - 1))]! - sorted[Math.floor(0.1 * (sorted.length - 1))]!;
}

/** Maximum over a square window of radius `r` (separable), on a small grid. */
function maxFilter(src: Float64Array, cols: number, rows: number, r: number): Float64Array {
  const tmp = new Float64Array(src.length);
  const out = new Float64Array(src.length);
  for (let y = 0; y < rows; y++)
    for (let x = 0; x < cols; x++) {
      let m = 0;
      for (let k = Math.max(0, x - r); k <= Math.min(cols - 1, x + r); k++) m = Math.max(m, src[y * cols + k]!);
      tmp[y * cols + x] = m;
    }
  for (let y = 0; y < rows; y++)
    for (let x = 0; x < cols; x++) {
      let m = 0;
      for (let k = Math.max(0, y - r); k <= Math.min(rows - 1, y + r); k++) m = Math.max(m, tmp[k * cols + x]!);
      out[y * cols + x] = m;
    }
  return out;
}

/**
 * The page with its paper made white: each pixel divided by the paper tone around it (tiles of
 * 0.25 in, their bright level spread over neighbours so text blocks do not darken it, interpolated
 * bilinearly), then scaled to 0..255.
 */
export function grayToFlattened(img: GrayImage): GrayImage {
  const { cols, rows, tile, levels } = grayToPaperTiles(img, 0.25);
  const bg = maxFilter(Float64Array.from(levels), cols, rows, 1);
  const out = new Uint8Array(img.data.length);
  for (let y = 0; y < img.height; y++) {
    const fy = Math.min(rows - 1, Math.max(0, (y + 0.5) / tile - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(rows - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < img.width; x++) {
      const fx = Math.min(cols - 1, Math.max(0, (x + 0.5) / tile - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(cols - 1, x0 + 1);
      const wx = fx - x0;
      const top = bg[y0 * cols + x0]! * (1 - wx) + bg[y0 * cols + x1]! * wx;
      const bottom = bg[y1 * cols + x0]! * (1 - wx) + bg[y1 * cols + x1]! * wx;
      const paper = Math.max(16, top * (1 - wy) + bottom * wy);
      const i = y * img.width + x;
      out[i] = Math.min(255, Math.round((img.data[i]! * 255) / paper));
    }
  }
  return { ...img, data: out };
}

/** The grey levels below which `low` and above which `high` of the page's pixels lie. */
export function grayToLevels(img: GrayImage, low: number, high: number): { ink: number; paper: number } {
  const hist = new Uint32Array(256);
  for (let i = 0; i < img.data.length; i += 3) hist[img.data[i]!]!++;
  const total = Math.ceil(img.data.length / 3);
  let seen = 0;
  let ink = 0;
  while (ink < 255 && seen + hist[ink]! < low * total) seen += hist[ink++]!;
  seen = 0;
  let paper = 255;
  while (paper > 0 && seen + hist[paper]! < high * total) seen += hist[paper--]!;
  return { ink, paper };
}

/** The page's grey levels stretched so `ink` becomes black and `paper` white (low-contrast captures). */
export function grayToStretched(img: GrayImage, ink: number, paper: number): GrayImage {
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round(((v - ink) * 255) / Math.max(1, paper - ink))));
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) out[i] = lut[img.data[i]!]!;
  return { ...img, data: out };
}
