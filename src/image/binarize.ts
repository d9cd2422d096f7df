/** Binarisation of grey pages (with Otsu's global threshold, see otsu.ts): ink as 1 and paper as 0. */
import type { GrayImage } from './gray.js';

/** A binary page: 1 for ink, 0 for paper, row-major, the size of its grey page. */
export interface BinaryImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The 256-bin histogram of grey values. */
export function grayToHistogram(img: GrayImage): Float64Array {
  const h = new Float64Array(256);
  for (let i = 0; i < img.data.length; i++) h[img.data[i]!]!++;
  return h;
}

/** Ink where the grey value is at or below the threshold. */
export function grayToBinary(img: GrayImage, threshold: number): BinaryImage {
  const data = new Uint8Array(img.data.length);
  for (let i = 0; i < data.length; i++) data[i] = img.data[i]! <= threshold ? 1 : 0;
  return { width: img.width, height: img.height, data };
}

/**
 * Ink at several thresholds in one pass over the pixels (a page is read once rather than once a
 * threshold): one binary image per threshold, in the order given.
 */
export function grayToBinaries(img: GrayImage, thresholds: readonly number[]): BinaryImage[] {
  const out = thresholds.map(() => new Uint8Array(img.data.length));
  const src = img.data;
  const n = thresholds.length;
  // A lookup per grey level (bit k: ink at threshold k) turns the pass into one read and n writes.
  const bits = new Uint8Array(256);
  for (let v = 0; v < 256; v++) for (let k = 0; k < n; k++) if (v <= thresholds[k]!) bits[v]! |= 1 << k;
  for (let i = 0; i < src.length; i++) {
    const b = bits[src[i]!]!;
    for (let k = 0; k < n; k++) out[k]![i] = (b >> k) & 1;
  }
  return out.map((data) => ({ width: img.width, height: img.height, data }));
}

/** The binary image with rows and columns swapped (so vertical runs can be found as horizontal ones). */
export function binaryToTransposed(bin: BinaryImage): BinaryImage {
  const { width: w, height: h } = bin;
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) data[x * h + y] = bin.data[row + x]!;
  }
  return { width: h, height: w, data };
}
