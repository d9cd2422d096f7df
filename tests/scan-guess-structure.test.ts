import { describe, expect, it } from 'vitest';
import type { BinaryImage } from '../src/image/binarize.js';
import { lineToSegments } from '../src/scan/guess-structure.js';

/** A 20-pixel-high line with ink in the given column ranges. */
function line(width: number, inked: [number, number][]): BinaryImage {
  const data = new Uint8Array(width * 20);
  for (const [a, b] of inked) for (let y = 5; y < 15; y++) for (let x = a; x < b; x++) data[y * width + x] = 1;
  return { width, height: 20, data };
}

describe('lineToSegments', () => {
  it('cuts a line at gaps of paper at least the given width, not at narrower ones', () => {
    // label | word gap | label | wide gap | value
    const bin = line(400, [[10, 60], [66, 120], [200, 300]]);
    expect(lineToSegments(bin, { x0: 0, y0: 0, x1: 400, y1: 20 }, 40).map((s) => [s.x0, s.x1])).toEqual([
      [10, 120],
      [200, 300],
    ]);
  });

  it('gives one segment for a line without a wide gap and none for an empty one', () => {
    expect(lineToSegments(line(200, [[10, 50], [60, 100]]), { x0: 0, y0: 0, x1: 200, y1: 20 }, 40)).toHaveLength(1);
    expect(lineToSegments(line(200, []), { x0: 0, y0: 0, x1: 200, y1: 20 }, 40)).toHaveLength(0);
  });
});
