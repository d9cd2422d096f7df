/**
 * Resampling a rectangle of grey pixels to a new size in plain JS: the text lines handed to the
 * recognition model are small (48 px high), and resizing each through sharp cost more in calls
 * than in arithmetic. A triangle (linear) filter, widened when shrinking so every source pixel
 * counts (as libvips's `linear` kernel does), separable: rows first, then columns.
 */

/** Taps of a 1-D triangle filter: for each output index, its first source index and weights. */
interface Taps {
  first: Int32Array;
  count: Int32Array;
  weights: Float32Array;
  /** Weights per output index (the widest tap). */
  stride: number;
}

function triangleTaps(from: number, to: number): Taps {
  const scale = to / from;
  // Shrinking: the filter spans 1/scale source pixels either side, so nothing is skipped.
  const support = scale < 1 ? 1 / scale : 1;
  const stride = Math.ceil(2 * support) + 2;
  const first = new Int32Array(to);
  const count = new Int32Array(to);
  const weights = new Float32Array(to * stride);
  for (let o = 0; o < to; o++) {
    // Pixel centres line up: output centre o + 0.5 maps to source (o + 0.5) / scale.
    const centre = (o + 0.5) / scale - 0.5;
    const lo = Math.max(0, Math.ceil(centre - support));
    const hi = Math.min(from - 1, Math.floor(centre + support));
    let sum = 0;
    let n = 0;
    for (let i = lo; i <= hi && n < stride; i++, n++) {
      const w = Math.max(0, 1 - Math.abs(i - centre) / support);
      weights[o * stride + n] = w;
      sum += w;
    }
    if (sum === 0) {
      // A centre outside every tap (an edge pixel when growing): take the nearest pixel.
      weights[o * stride] = 1;
      first[o] = Math.min(from - 1, Math.max(0, Math.round(centre)));
      count[o] = 1;
      continue;
    }
    for (let k = 0; k < n; k++) weights[o * stride + k]! /= sum;
    first[o] = lo;
    count[o] = n;
  }
  return { first, count, weights, stride };
}

/**
 * The rectangle `(x0, y0, w, h)` of a `width`-wide grey image resized to `outW × outH` (the
 * rectangle must lie inside the image).
 */
export function resizeGreyRect(
  grey: Uint8Array,
  width: number,
  rect: { x0: number; y0: number; w: number; h: number },
  outW: number,
  outH: number,
): Uint8Array {
  const { x0, y0, w, h } = rect;
  const tx = triangleTaps(w, outW);
  const ty = triangleTaps(h, outH);
  // Rows first: every source row of the rectangle resized to outW.
  const rows = new Float32Array(h * outW);
  for (let y = 0; y < h; y++) {
    const src = (y0 + y) * width + x0;
    const dst = y * outW;
    for (let o = 0; o < outW; o++) {
      const f = tx.first[o]!;
      const base = o * tx.stride;
      let v = 0;
      for (let k = 0; k < tx.count[o]!; k++) v += tx.weights[base + k]! * grey[src + f + k]!;
      rows[dst + o] = v;
    }
  }
  const out = new Uint8Array(outW * outH);
  for (let o = 0; o < outH; o++) {
    const f = ty.first[o]!;
    const base = o * ty.stride;
    const n = ty.count[o]!;
    const dst = o * outW;
    for (let x = 0; x < outW; x++) {
      let v = 0;
      for (let k = 0; k < n; k++) v += ty.weights[base + k]! * rows[(f + k) * outW + x]!;
      out[dst + x] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
    }
  }
  return out;
}
