import { describe, expect, it } from 'vitest';
import { homographyToPoint, pointsToHomography, warpPixels } from '../src/image/homography.js';

describe('pointsToHomography', () => {
  it('sends each of four points where it was asked to, and lines to lines', () => {
    const from = [{ x: 10, y: 12 }, { x: 410, y: 30 }, { x: 395, y: 590 }, { x: 25, y: 570 }];
    const to = [{ x: 0, y: 0 }, { x: 400, y: 0 }, { x: 400, y: 566 }, { x: 0, y: 566 }];
    const h = pointsToHomography(from, to);
    from.forEach((p, i) => {
      const q = homographyToPoint(h, p);
      expect(q.x).toBeCloseTo(to[i]!.x, 6);
      expect(q.y).toBeCloseTo(to[i]!.y, 6);
    });
    // The midpoint of the top side lands on the top side of the rectangle.
    expect(homographyToPoint(h, { x: 210, y: 21 }).y).toBeCloseTo(0, 6);
  });

  it('refuses three points on one line', () => {
    const line = [{ x: 0, y: 0 }, { x: 1, y: 1 }, { x: 2, y: 2 }, { x: 0, y: 5 }];
    expect(() => pointsToHomography(line, line)).toThrow();
  });
});

describe('warpPixels', () => {
  it('samples bilinearly and fills outside the source', () => {
    const src = Uint8Array.from([0, 100, 200, 50]);
    const shiftHalf = [1, 0, 0.5, 0, 1, 0, 0, 0, 1];
    const out = warpPixels(src, 2, 2, 1, shiftHalf, 2, 2, [255]);
    expect([...out]).toEqual([50, 255, 125, 255]);
  });
});
