/** Pixel stages on synthetic pages: deskew, rulings, grid, tick boxes. */
import { describe, expect, it } from 'vitest';
import { grayToBinaries, grayToBinary, grayToHistogram, type BinaryImage } from '../src/image/binarize.js';
import { histogramToOtsuThreshold } from '../src/image/otsu.js';
import { binaryToSkewDegrees } from '../src/image/deskew.js';
import { rotateGray, sizeToDpi, type GrayImage } from '../src/image/gray.js';
import { binaryToRulings, dpiToRulingOptions } from '../src/image/rulings.js';
import { binaryToBoxes, boxesToOptionGroup, dpiToBoxOptions, inkToTicks } from '../src/scan/boxes.js';
import { rulingsToTables, tableToCells } from '../src/scan/grid.js';
import { binaryToTextLines } from '../src/scan/layout.js';

const DPI = 150;

/** A white page of the given size in pixels. */
function page(width: number, height: number): GrayImage {
  return { width, height, data: new Uint8Array(width * height).fill(250), dpi: DPI };
}

function fill(img: GrayImage, x0: number, y0: number, x1: number, y1: number, v = 10): void {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) img.data[y * img.width + x] = v;
}

/** A table: 3 columns, 4 rows, the first column's last two rows merged; 2 px rulings. */
function drawTable(img: GrayImage): void {
  const xs = [100, 300, 600, 900];
  const ys = [100, 200, 300, 400, 500];
  ys.forEach((y, i) => {
    // The ruling between the merged rows stops at the first column's right edge.
    fill(img, i === 3 ? 300 : 100, y, 900, y + 2);
  });
  for (const x of xs) fill(img, x, 100, x + 2, 502);
}

const toBin = (img: GrayImage): BinaryImage => grayToBinary(img, histogramToOtsuThreshold(grayToHistogram(img)));

describe('sizeToDpi', () => {
  it.each([
    { w: 2479, h: 3508, density: 300, dpi: 300 },
    { w: 1240, h: 1754, density: 72, dpi: 150 },
    { w: 1240, h: 1754, density: undefined, dpi: 150 },
  ])('$w×$h at density $density → $dpi dpi', ({ w, h, density, dpi }) => {
    expect(sizeToDpi(w, h, density)).toBe(dpi);
  });
});

describe('binaryToSkewDegrees', () => {
  it('finds the angle of a rotated ruled page within 0.1°', async () => {
    const img = page(1000, 700);
    drawTable(img);
    for (const angle of [0, 0.8, -1.3]) {
      const turned = await rotateGray(img, angle);
      expect(Math.abs(binaryToSkewDegrees(toBin(turned)) - angle)).toBeLessThan(0.1);
    }
  });
});

describe('grayToBinaries', () => {
  it('gives, in one pass, the images grayToBinary gives one threshold at a time', () => {
    const img = page(64, 16);
    for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 37) % 256;
    const thresholds = [0, 90, 128, 200, 255];
    grayToBinaries(img, thresholds).forEach((b, k) => expect(b).toEqual(grayToBinary(img, thresholds[k]!)));
  });
});

describe('rulings → tables → cells', () => {
  it('finds the grid with its merged cell', () => {
    const img = page(1000, 700);
    drawTable(img);
    // Text-like strokes inside cells must not become rulings.
    fill(img, 320, 140, 340, 160);
    fill(img, 620, 240, 650, 243);
    const bin = toBin(img);
    const { horizontal, vertical } = binaryToRulings(bin, dpiToRulingOptions(DPI, 'horizontal'), dpiToRulingOptions(DPI, 'vertical'));
    expect(horizontal).toHaveLength(5);
    expect(vertical).toHaveLength(4);
    const tables = rulingsToTables(horizontal, vertical, 4);
    expect(tables).toHaveLength(1);
    const cells = tableToCells(tables[0]!, 4, 20);
    expect(cells).toHaveLength(11);
    const merged = cells.filter((c) => c.rowSpan > 1);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ row: 2, rowSpan: 2 });
    expect(Math.abs(merged[0]!.bbox.x1 - 301)).toBeLessThan(2);
  });

  it('keeps the last row of a table cut by a page break (no closing ruling)', () => {
    const img = page(1000, 700);
    fill(img, 100, 100, 900, 102);
    fill(img, 100, 200, 900, 202);
    for (const x of [100, 300, 900]) fill(img, x, 100, x + 2, 400);
    const { horizontal, vertical } = binaryToRulings(toBin(img), dpiToRulingOptions(DPI, 'horizontal'), dpiToRulingOptions(DPI, 'vertical'));
    const cells = tableToCells(rulingsToTables(horizontal, vertical, 4)[0]!, 4, 20);
    expect(cells.filter((c) => c.row === 1)).toHaveLength(2);
    expect(Math.max(...cells.map((c) => c.bbox.y1))).toBeGreaterThan(395);
  });
});

describe('tick boxes', () => {
  /** A line of option boxes (side 22 px at 150 dpi), the given ones ticked with a √ or filled. */
  function options(ticked: Partial<Record<number, 'check' | 'fill'>>): BinaryImage {
    const img = page(900, 80);
    for (let i = 0; i < 5; i++) {
      const x = 60 + i * 160;
      // option text: a few strokes before the box
      fill(img, x - 50, 30, x - 10, 33);
      fill(img, x - 40, 25, x - 37, 50);
      fill(img, x, 25, x + 22, 27);
      fill(img, x, 45, x + 22, 47);
      fill(img, x, 25, x + 2, 47);
      fill(img, x + 20, 25, x + 22, 47);
      const t = ticked[i];
      if (t === 'fill') fill(img, x + 5, 30, x + 17, 42);
      if (t === 'check')
        for (let k = 0; k < 14; k++) {
          fill(img, x + 4 + Math.floor(k / 2), 34 + Math.floor(k / 2), x + 7 + Math.floor(k / 2), 36 + Math.floor(k / 2));
          fill(img, x + 10 + k, 40 - k, x + 13 + k, 42 - k);
        }
    }
    return toBin(img);
  }

  it.each([
    { ticked: { 2: 'check' as const }, expected: [false, false, true, false, false] },
    { ticked: { 0: 'fill' as const }, expected: [true, false, false, false, false] },
    { ticked: {}, expected: [false, false, false, false, false] },
    { ticked: { 1: 'fill' as const, 4: 'check' as const }, expected: [false, true, false, false, true] },
  ])('finds five boxes and reads the ticks $expected', ({ ticked, expected }) => {
    const bin = options(ticked);
    const boxes = boxesToOptionGroup(binaryToBoxes(bin, { x0: 0, y0: 0, x1: 900, y1: 80 }, dpiToBoxOptions(DPI)));
    expect(boxes).toHaveLength(5);
    expect(inkToTicks(boxes.map((b) => b.inkInside))).toEqual(expected);
  });

  it('does not take one box-shaped character for an option group', () => {
    const img = page(300, 80);
    fill(img, 100, 25, 122, 27);
    fill(img, 100, 45, 122, 47);
    fill(img, 100, 25, 102, 47);
    fill(img, 120, 25, 122, 47);
    fill(img, 106, 35, 116, 37);
    expect(boxesToOptionGroup(binaryToBoxes(toBin(img), { x0: 0, y0: 0, x1: 300, y1: 80 }, dpiToBoxOptions(DPI)))).toEqual([]);
  });
});

describe('binaryToTextLines', () => {
  it('cuts a block into its lines by the projection profile', () => {
    const img = page(400, 200);
    fill(img, 20, 20, 300, 40);
    fill(img, 20, 60, 200, 80);
    fill(img, 20, 120, 250, 140);
    const lines = binaryToTextLines(toBin(img), { x0: 0, y0: 0, x1: 400, y1: 200 }, 5, 5);
    expect(lines.map((l) => [l.y0, l.y1])).toEqual([
      [20, 40],
      [60, 80],
      [120, 140],
    ]);
  });
});
