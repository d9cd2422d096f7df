/** Skew estimation from the page's long horizontal structures (ruling lines and text lines). */
import type { BinaryImage } from './binarize.js';

export interface DeskewOptions {
  /** Largest skew searched, in degrees either way. */
  maxDegrees?: number;
  /** Final angular resolution in degrees. */
  stepDegrees?: number;
}

/**
 * The skew of a binary page in degrees (positive: lines fall to the right, so rotate by the
 * negative to straighten), by the projection-profile method (Postl 1986): the angle whose
 * horizontal projection of ink is the most peaked, i.e. maximises the sum of squared bin counts.
 */
export function binaryToSkewDegrees(bin: BinaryImage, options: DeskewOptions = {}): number {
  const maxDeg = options.maxDegrees ?? 4;
  const step = options.stepDegrees ?? 0.02;
  // Sample the ink on every 4th column (every row: skipping rows would favour angle 0, whose
  // bins would then fall on the sampled rows only) to keep this fast on 300 dpi pages.
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < bin.height; y++) {
    const row = y * bin.width;
    for (let x = 0; x < bin.width; x += 4) if (bin.data[row + x]) {
      xs.push(x);
      ys.push(y);
    }
  }
  if (xs.length < 100) return 0;
  const pad = Math.ceil(bin.width * Math.tan((maxDeg * Math.PI) / 180)) + 2;
  const bins = new Float64Array(bin.height + 2 * pad);
  const score = (deg: number): number => {
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < xs.length; i++) bins[Math.round(ys[i]! - xs[i]! * t) + pad]!++;
    let s = 0;
    for (let i = 0; i < bins.length; i++) s += bins[i]! * bins[i]!;
    return s;
  };
  const search = (from: number, to: number, by: number): number => {
    let best = from;
    let bestScore = -1;
    for (let d = from; d <= to + 1e-9; d += by) {
      const s = score(d);
      if (s > bestScore) {
        bestScore = s;
        best = d;
      }
    }
    return best;
  };
  const coarse = search(-maxDeg, maxDeg, 0.2);
  const fine = search(coarse - 0.2, coarse + 0.2, step);
  return Math.round(fine * 1000) / 1000;
}
