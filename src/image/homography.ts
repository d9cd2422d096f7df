/**
 * Plane-to-plane projective maps (homographies) and warping an image through one, for flattening a
 * photographed page. The 3×3 matrix comes from four point pairs by the direct linear transform
 * (Hartley & Zisserman, "Multiple View Geometry", 2nd ed., §4.1), solved as an 8×8 linear system
 * with h33 = 1; pixels are resampled bilinearly.
 */

export interface Point {
  x: number;
  y: number;
}

/** Row-major 3×3 matrix mapping (x, y, 1) to homogeneous image coordinates. */
export type Homography = readonly number[];

/** Solves A·x = b (n×n, row-major) by Gaussian elimination with partial pivoting; null when singular. */
function solveLinear(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    if (Math.abs(m[p]![c]!) < 1e-12) return null;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      if (f !== 0) for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/** The homography taking each `from[i]` to `to[i]` (four points, no three collinear). */
export function pointsToHomography(from: readonly Point[], to: readonly Point[]): Homography {
  const a: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i]!;
    const { x: u, y: v } = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  const h = solveLinear(a, b);
  if (!h) throw new Error('degenerate quadrilateral');
  return [...h, 1];
}

/** Where the homography sends a point. */
export function homographyToPoint(h: Homography, p: Point): Point {
  const w = h[6]! * p.x + h[7]! * p.y + h[8]!;
  return { x: (h[0]! * p.x + h[1]! * p.y + h[2]!) / w, y: (h[3]! * p.x + h[4]! * p.y + h[5]!) / w };
}

/**
 * An image of `width`×`height` whose pixel (x, y) is the source sampled bilinearly at
 * `dstToSrc(x, y)`; outside the source it is `fill`. Works on any number of interleaved channels.
 */
export function warpPixels(
  src: Uint8Array,
  srcWidth: number,
  srcHeight: number,
  channels: number,
  dstToSrc: Homography,
  width: number,
  height: number,
  fill: readonly number[],
): Uint8Array {
  const out = new Uint8Array(width * height * channels);
  const h = dstToSrc;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const w = h[6]! * x + h[7]! * y + h[8]!;
      const sx = (h[0]! * x + h[1]! * y + h[2]!) / w;
      const sy = (h[3]! * x + h[4]! * y + h[5]!) / w;
      const o = (y * width + x) * channels;
      if (sx < 0 || sy < 0 || sx > srcWidth - 1 || sy > srcHeight - 1) {
        for (let c = 0; c < channels; c++) out[o + c] = fill[c] ?? fill[0]!;
        continue;
      }
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(srcWidth - 1, x0 + 1);
      const y1 = Math.min(srcHeight - 1, y0 + 1);
      const fx = sx - x0;
      const fy = sy - y0;
      const i00 = (y0 * srcWidth + x0) * channels;
      const i10 = (y0 * srcWidth + x1) * channels;
      const i01 = (y1 * srcWidth + x0) * channels;
      const i11 = (y1 * srcWidth + x1) * channels;
      for (let c = 0; c < channels; c++) {
        const top = src[i00 + c]! + (src[i10 + c]! - src[i00 + c]!) * fx;
        const bottom = src[i01 + c]! + (src[i11 + c]! - src[i01 + c]!) * fx;
        out[o + c] = Math.round(top + (bottom - top) * fy);
      }
    }
  }
  return out;
}
