import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cropToPgm, imageBytesToCrop } from '../src/ocr/crop-image.js';
import { grayToOcrCrop } from '../src/scan/crops.js';

/** A grey page `width × height` whose pixel at (x, y) is `f(x, y)`. */
function page(width: number, height: number, f: (x: number, y: number) => number) {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = f(x, y);
  return { width, height, data, dpi: 300 };
}

describe('grayToOcrCrop', () => {
  it('cuts the rectangle, whitens the paper above the level and pads with white', async () => {
    const img = page(10, 8, (x, y) => (x === 4 && y === 3 ? 10 : 200));
    const crop = await grayToOcrCrop(img, { x0: 3, y0: 2, x1: 6, y1: 5 }, 1, 150, 2);
    expect(crop.width).toBe(3 + 4);
    expect(crop.height).toBe(3 + 4);
    // The dark pixel at (4, 3) lands at (1, 1) of the cut, (3, 3) after the margin.
    expect(crop.data[3 * crop.width + 3]).toBe(10);
    // Paper at 200 ≥ 150 became white, as did the margin.
    expect([...crop.data].filter((v) => v !== 255)).toEqual([10]);
  });

  it('keeps the grey where no level is given, and scales', async () => {
    const img = page(40, 20, () => 120);
    const crop = await grayToOcrCrop(img, { x0: 0, y0: 0, x1: 40, y1: 20 }, 0.5, 256, 0);
    expect([crop.width, crop.height]).toEqual([20, 10]);
    expect(crop.data.every((v) => v === 120)).toBe(true);
  });
});

describe('crop files', () => {
  it('a PGM holds the pixels after a short header; a PNG decodes to the same crop', async () => {
    const crop = { width: 5, height: 3, data: new Uint8Array([...Array(15).keys()].map((i) => i * 17)) };
    const pgm = cropToPgm(crop);
    expect(pgm.subarray(0, 11).toString('latin1')).toBe('P5\n5 3\n255\n');
    expect([...pgm.subarray(11)]).toEqual([...crop.data]);
    const png = await sharp(crop.data, { raw: { width: 5, height: 3, channels: 1 } }).png().toBuffer();
    expect(await imageBytesToCrop(png)).toEqual(crop);
  });
});
