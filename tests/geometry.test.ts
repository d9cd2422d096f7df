/** The small shared pieces of geometry: Otsu's threshold, 1-D clustering, boxes around points and boxes. */
import { describe, expect, it } from 'vitest';
import { boxesToUnion, pointsToBox } from '../src/geometry/boxes.js';
import { valuesToClusterMeans, valuesToClusters } from '../src/geometry/clusters.js';
import { histogramToOtsuThreshold } from '../src/image/otsu.js';

/** A 256-bin histogram with the given counts at the given grey levels. */
const histogram = (counts: Record<number, number>): number[] => {
  const h = new Array<number>(256).fill(0);
  for (const [level, n] of Object.entries(counts)) h[Number(level)] = n;
  return h;
};

describe('histogramToOtsuThreshold', () => {
  it.each<{ counts: Record<number, number>; low: number; high: number }>([
    { counts: { 20: 1000, 230: 5000 }, low: 20, high: 230 },
    { counts: { 40: 100, 45: 50, 200: 400, 210: 300 }, low: 45, high: 200 },
  ])('splits $counts between its modes', ({ counts, low, high }) => {
    const t = histogramToOtsuThreshold(histogram(counts));
    expect(t).toBeGreaterThanOrEqual(low);
    expect(t).toBeLessThan(high);
  });

  it('puts a lone darker level on the ink side of the threshold', () => {
    expect(histogramToOtsuThreshold(histogram({ 10: 1, 250: 999 }))).toBe(10);
  });

  it('gives 128 for a page of one grey level', () => {
    expect(histogramToOtsuThreshold(histogram({ 250: 5000 }))).toBe(128);
  });

  it('reads typed-array histograms', () => {
    const h = new Uint32Array(histogram({ 30: 10, 220: 90 }));
    expect(histogramToOtsuThreshold(h)).toBe(30);
  });
});

describe('valuesToClusters', () => {
  it.each([
    { values: [1, 2, 10, 11.5, 30], tol: 2, expected: [[1, 2], [10, 11.5], [30]] },
    { values: [5, 1, 3], tol: 2, expected: [[1, 3, 5]] },
    { values: [], tol: 1, expected: [] },
    { values: [0, 3], tol: 2, expected: [[0], [3]] },
  ])('$values within $tol', ({ values, tol, expected }) => expect(valuesToClusters(values, tol)).toEqual(expected));
});

describe('valuesToClusterMeans', () => {
  it.each([
    { values: [12, 10, 11, 40, 42], tol: 2, expected: [11, 41] },
    { values: [7], tol: 0, expected: [7] },
    { values: [], tol: 3, expected: [] },
  ])('$values within $tol', ({ values, tol, expected }) => expect(valuesToClusterMeans(values, tol)).toEqual(expected));
});

describe('pointsToBox and boxesToUnion', () => {
  it('bounds points in any order, a turned square included', () => {
    expect(pointsToBox([{ x: 5, y: 1 }, { x: 1, y: 9 }, { x: 3, y: -2 }])).toEqual({ x0: 1, y0: -2, x1: 5, y1: 9 });
    expect(pointsToBox([{ x: 2, y: 2 }])).toEqual({ x0: 2, y0: 2, x1: 2, y1: 2 });
  });

  it('unites overlapping and disjoint boxes', () => {
    const a = { x0: 10, y0: 10, x1: 20, y1: 15 };
    const b = { x0: 15, y0: 5, x1: 18, y1: 30 };
    const c = { x0: 40, y0: 40, x1: 41, y1: 41 };
    expect(boxesToUnion([a, b])).toEqual({ x0: 10, y0: 5, x1: 20, y1: 30 });
    expect(boxesToUnion([a, c])).toEqual({ x0: 10, y0: 10, x1: 41, y1: 41 });
    expect(boxesToUnion([c])).toEqual(c);
  });
});
