/**
 * Otsu's threshold (N. Otsu, "A threshold selection method from gray-level histograms", 1979):
 * the grey level that maximises the between-class variance of a 256-bin histogram. Pixels at or
 * below it are ink. A histogram of one grey level has no split: 128 then.
 */
export function histogramToOtsuThreshold(hist: ArrayLike<number>): number {
  let total = 0;
  let sum = 0;
  for (let i = 0; i < 256; i++) {
    total += hist[i] ?? 0;
    sum += i * (hist[i] ?? 0);
  }
  let wB = 0;
  let sumB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    const h = hist[t] ?? 0;
    wB += h;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * h;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}
