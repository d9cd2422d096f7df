/**
 * Adaptive binarisation by Sauvola & Pietikäinen ("Adaptive document image binarization", Pattern
 * Recognition 33, 2000): a pixel is ink when darker than m·(1 + k·(s/R − 1)), m and s the mean and
 * standard deviation of its window. Means and variances come from integral images (Shafait, Keysers
 * & Breuel, "Efficient implementation of local adaptive thresholding techniques using integral
 * images", DRR 2008), so the cost does not depend on the window size.
 */
import type { BinaryImage } from './binarize.js';
import type { GrayImage } from './gray.js';

export interface SauvolaOptions {
  /** Side of the window in inches (wider than a character, narrower than the light's changes). */
  windowIn: number;
  /** Sensitivity k: higher keeps less faint ink. */
  k: number;
  /** Dynamic range of the standard deviation. */
  r: number;
}

export const SAUVOLA_DEFAULTS: SauvolaOptions = { windowIn: 0.2, k: 0.2, r: 128 };

/** The binary page by Sauvola's local threshold. */
export function grayToSauvolaBinary(img: GrayImage, options: Partial<SauvolaOptions> = {}): BinaryImage {
  const o = { ...SAUVOLA_DEFAULTS, ...options };
  const { width: w, height: h, data } = img;
  const W = w + 1;
  const sum = new Float64Array(W * (h + 1));
  const sq = new Float64Array(W * (h + 1));
  for (let y = 0; y < h; y++) {
    let rs = 0;
    let rq = 0;
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x]!;
      rs += v;
      rq += v * v;
      sum[(y + 1) * W + x + 1] = sum[y * W + x + 1]! + rs;
      sq[(y + 1) * W + x + 1] = sq[y * W + x + 1]! + rq;
    }
  }
  const half = Math.max(3, Math.round((o.windowIn * img.dpi) / 2));
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const ya = Math.max(0, y - half);
    const yb = Math.min(h, y + half + 1);
    for (let x = 0; x < w; x++) {
      const xa = Math.max(0, x - half);
      const xb = Math.min(w, x + half + 1);
      const n = (yb - ya) * (xb - xa);
      const s = sum[yb * W + xb]! - sum[ya * W + xb]! - sum[yb * W + xa]! + sum[ya * W + xa]!;
      const q = sq[yb * W + xb]! - sq[ya * W + xb]! - sq[yb * W + xa]! + sq[ya * W + xa]!;
      const mean = s / n;
      const sd = Math.sqrt(Math.max(0, q / n - mean * mean));
      out[y * w + x] = data[y * w + x]! <= mean * (1 + o.k * (sd / o.r - 1)) ? 1 : 0;
    }
  }
  return { width: w, height: h, data: out };
}
