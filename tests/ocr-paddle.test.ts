import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageBytesToCrop } from '../src/ocr/crop-image.js';
import type { OcrEngine } from '../src/ocr/engine.js';
import { createPaddleEngine } from '../src/ocr/paddle.js';
import { ctcGreedyDecode, dictionaryToClasses } from '../src/ocr/paddle-decode.js';
import {
  bandsToLineHeight,
  clampBox,
  dropRuleBands,
  greyToInkMask,
  greyToLineBoxes,
  inkMaskToRowProfile,
  padGrey,
  rowProfileToBands,
} from '../src/ocr/paddle-lines.js';
import { clearThinBorderInk, despeckle } from '../src/ocr/mask-cleanup.js';
import { characterErrorRate as cer } from '../testkit/cer.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'ocr-paddle');


/** A white grey image with dark rectangles drawn on it. */
function drawGrey(width: number, height: number, rects: [number, number, number, number][]): Uint8Array {
  const g = new Uint8Array(width * height).fill(235);
  for (const [x0, y0, x1, y1] of rects) {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) g[y * width + x] = 30;
  }
  return g;
}

/** A fake line of text: `count` glyph blocks `size` pixels square, separated by gaps. */
function glyphs(x: number, y: number, count: number, size: number): [number, number, number, number][] {
  return Array.from({ length: count }, (_, i) => {
    const x0 = x + i * Math.round(size * 1.25);
    return [x0, y, x0 + size, y + size] as [number, number, number, number];
  });
}

describe('dictionaryToClasses', () => {
  it.each([
    { input: 'a\nb\nc\n', expected: ['', 'a', 'b', 'c', ' '] },
    { input: 'a\nb\nc', expected: ['', 'a', 'b', 'c', ' '] },
    { input: '甲\r\n乙\r\n', expected: ['', '甲', '乙', ' '] },
  ])('$input puts the blank first and the space last', ({ input, expected }) => {
    expect(dictionaryToClasses(input)).toEqual(expected);
  });
});

describe('ctcGreedyDecode', () => {
  const classes = ['', 'a', 'b', ' '];
  const p = (winners: number[], v = 0.9) => new Float32Array(winners.length).fill(v);

  it.each([
    { winners: [1, 1, 2, 2], expected: 'ab' },
    { winners: [1, 0, 1, 2], expected: 'aab' },
    { winners: [0, 0, 0], expected: '' },
    { winners: [0, 2, 3, 1, 1, 0], expected: 'b a' },
  ])('$winners decodes to "$expected"', ({ winners, expected }) => {
    const decoded = ctcGreedyDecode(winners, p(winners), classes);
    expect(decoded.text).toBe(expected);
    expect(decoded.timesteps).toHaveLength([...expected].length);
  });

  it('averages the kept characters only, and gives 0 for nothing read', () => {
    // blank; a at 0.6; a again (collapsed, its 0.8 not counted); b at 1.0
    const decoded = ctcGreedyDecode([0, 1, 1, 2], [0.9, 0.6, 0.8, 1.0], classes);
    expect(decoded.text).toBe('ab');
    expect(decoded.confidence).toBeCloseTo(0.8, 6);
    expect(decoded.timesteps).toEqual([1, 3]);
    expect(ctcGreedyDecode([0, 0], p([0, 0]), classes).confidence).toBe(0);
  });

  it('rejects a path whose parts differ in length, or a class outside the table', () => {
    expect(() => ctcGreedyDecode([1, 2], [0.9], classes)).toThrow(RangeError);
    expect(() => ctcGreedyDecode([1, 4], [0.9, 0.9], classes)).toThrow(RangeError);
  });
});

describe('rowProfileToBands', () => {
  const line = (h: number, v = 50) => new Array<number>(h).fill(v);
  const gap = (h: number) => new Array<number>(h).fill(0);

  it('finds two lines separated by a gap', () => {
    const bands = rowProfileToBands([...gap(5), ...line(40), ...gap(12), ...line(40), ...gap(5)]);
    expect(bands.map((b) => [b.y0, b.y1])).toEqual([
      [5, 45],
      [57, 97],
    ]);
  });

  it('keeps a line with blank rows inside it (二, 三) whole', () => {
    const bands = rowProfileToBands([...line(40), ...gap(12), ...line(8), ...gap(6), ...line(8), ...gap(6), ...line(8)]);
    expect(bands.map((b) => [b.y0, b.y1])).toEqual([
      [0, 40],
      [52, 88],
    ]);
  });

  it('drops a speck but keeps a wrapped 。', () => {
    const speck = rowProfileToBands([...line(40), ...gap(30), 1, 1, ...gap(30), ...line(40)]);
    expect(speck).toHaveLength(2);
    const stop = rowProfileToBands([...line(40), ...gap(12), ...line(9, 4)]);
    expect(stop).toHaveLength(2);
  });

  it('gives nothing for a blank profile', () => {
    expect(rowProfileToBands(gap(30))).toEqual([]);
  });
});

describe('dropRuleBands', () => {
  it('drops a thin band dense across the width, keeps text and a lone 。', () => {
    const bands = [
      { y0: 0, y1: 4, ink: 4 * 300 },
      { y0: 10, y1: 50, ink: 4000 },
      { y0: 62, y1: 72, ink: 60 },
    ];
    const kept = dropRuleBands(bands, 400, bandsToLineHeight(bands));
    expect(kept.map((b) => b.y0)).toEqual([10, 62]);
  });
});

describe('greyToInkMask', () => {
  it('clears a horizontal rule and a vertical rule at the side, keeps the glyphs', () => {
    const w = 300;
    const h = 60;
    const grey = drawGrey(w, h, [[0, 0, w, 3], [0, 0, 3, h], ...glyphs(20, 12, 6, 36)]);
    const mask = greyToInkMask(grey, w, h)!;
    expect(mask).not.toBeNull();
    const profile = inkMaskToRowProfile(mask, w, h);
    expect(profile.slice(0, 3)).toEqual([0, 0, 0]);
    expect(profile[30]).toBe(6 * 36);
  });

  it('calls a crop of plain paper blank', () => {
    const grey = new Uint8Array(100 * 40).map((_, i) => 228 + (i % 7));
    expect(greyToInkMask(grey, 100, 40)).toBeNull();
  });
});

describe('greyToLineBoxes', () => {
  it('finds two lines top to bottom, not the rule above them', () => {
    const w = 400;
    const h = 130;
    const grey = drawGrey(w, h, [[0, 1, w, 4], ...glyphs(10, 15, 8, 40), ...glyphs(10, 75, 3, 40)]);
    const boxes = greyToLineBoxes(grey, w, h);
    expect(boxes).toHaveLength(2);
    const [first, second] = boxes as [(typeof boxes)[0], (typeof boxes)[0]];
    expect(first.y0).toBeLessThanOrEqual(15);
    expect(first.y1).toBeGreaterThanOrEqual(55);
    expect(second.y0).toBeGreaterThan(first.y0);
    // The second line is shorter: its box ends near its last glyph, not at the crop's side.
    expect(second.x1).toBeLessThan(10 + 3 * 50 + 40);
    // Margins may reach past the sides by a fraction of a line height, no more.
    for (const b of boxes) {
      expect(b.x0).toBeGreaterThanOrEqual(-20);
      expect(b.y1).toBeLessThanOrEqual(h + 20);
      expect(b.x1).toBeLessThanOrEqual(w + 20);
    }
  });

  it('finds nothing on blank paper', () => {
    expect(greyToLineBoxes(new Uint8Array(200 * 50).fill(240), 200, 50)).toEqual([]);
  });
});

describe('clearThinBorderInk', () => {
  it('clears a flat piece of rule along the bottom, keeps a glyph touching the side', () => {
    const w = 40;
    const h = 20;
    const mask = new Uint8Array(w * h);
    for (let x = 2; x < 20; x++) mask[(h - 1) * w + x] = 1; // a rule's corner, one pixel thick
    for (let y = 5; y < 15; y++) for (let x = 0; x < 8; x++) mask[y * w + x] = 1; // a glyph at the left side
    clearThinBorderInk(mask, w, h, 4);
    expect(mask.slice((h - 1) * w, h * w).every((v) => v === 0)).toBe(true);
    expect(mask[10 * w + 3]).toBe(1);
  });
});

describe('despeckle', () => {
  it('drops lone pixels and keeps strokes', () => {
    const w = 10;
    const mask = new Uint8Array(w * 5);
    mask[1 * w + 1] = 1; // lone
    for (let x = 4; x < 9; x++) mask[2 * w + x] = 1; // a stroke
    despeckle(mask, w, 5);
    expect(mask[1 * w + 1]).toBe(0);
    expect([...mask.slice(2 * w + 4, 2 * w + 9)]).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('clampBox', () => {
  it.each([
    { box: { x0: -5, y0: -2, x1: 105, y1: 30 }, expected: { x0: 0, y0: 0, x1: 100, y1: 30 } },
    { box: { x0: 10, y0: 5, x1: 20, y1: 50 }, expected: { x0: 10, y0: 5, x1: 20, y1: 40 } },
  ])('cuts $box back to 100×40', ({ box, expected }) => {
    expect(clampBox(box, 100, 40)).toEqual(expected);
  });
});

describe('padGrey', () => {
  it('surrounds the pixels with the tone', () => {
    const out = padGrey(new Uint8Array([1, 2, 3, 4]), 2, 2, 1, 9);
    expect([...out]).toEqual([9, 9, 9, 9, 9, 1, 2, 9, 9, 3, 4, 9, 9, 9, 9, 9]);
  });
});

// Real inference: generous limits, since the machine may be busy (this is no timing assertion).
describe('paddle engine on scanned cell crops', { timeout: 60_000 }, () => {
  let engine: OcrEngine;
  let expected: Record<string, string>;

  beforeAll(async () => {
    engine = await createPaddleEngine();
    expected = JSON.parse(await readFile(path.join(fixtures, 'expected.json'), 'utf8')) as Record<string, string>;
  }, 60_000);
  afterAll(async () => {
    await engine?.close();
  });

  it('reads each crop within a character error rate of 0.1, in one batch', async () => {
    const files = Object.keys(expected);
    const crops = await Promise.all(files.map(async (f) => imageBytesToCrop(await readFile(path.join(fixtures, f)))));
    const results = await engine.recognize(crops);
    expect(results).toHaveLength(files.length);
    results.forEach((r, i) => {
      const truth = expected[files[i]!]!;
      expect(cer(r.text, truth), `${files[i]}: ${r.text}`).toBeLessThanOrEqual(0.1);
      expect(r.words).toHaveLength(truth.split('\n').length);
      expect(r.confidence).toBeGreaterThan(0.5);
      expect(r.confidence).toBeLessThanOrEqual(1);
    });
  });

  it('returns one line per word with boxes inside the crop, top to bottom', async () => {
    const png = await readFile(path.join(fixtures, 'label-two-lines.png'));
    const { width, height } = await sharp(png).metadata();
    const [result] = await engine.recognize([await imageBytesToCrop(png)]);
    const words = result!.words;
    expect(words).toHaveLength(2);
    expect(words[0]!.bbox.y0).toBeLessThan(words[1]!.bbox.y0);
    for (const w of words) {
      expect(w.bbox.x0).toBeGreaterThanOrEqual(0);
      expect(w.bbox.y0).toBeGreaterThanOrEqual(0);
      expect(w.bbox.x1).toBeLessThanOrEqual(width!);
      expect(w.bbox.y1).toBeLessThanOrEqual(height!);
    }
  });

  it('reads nothing from a blank cell, and nothing from no crops', async () => {
    const scanned = await readFile(path.join(fixtures, 'blank-remarks.png'));
    const clean = await sharp({ create: { width: 300, height: 60, channels: 3, background: '#eeeeee' } })
      .png()
      .toBuffer();
    const results = await engine.recognize([await imageBytesToCrop(scanned), await imageBytesToCrop(clean)]);
    expect(results).toEqual([
      { text: '', confidence: 0, words: [] },
      { text: '', confidence: 0, words: [] },
    ]);
    expect(await engine.recognize([])).toEqual([]);
  });

  it('gives the same readings to batches sent at once as to one batch', async () => {
    const files = Object.keys(expected);
    const crops = await Promise.all(files.map(async (f) => imageBytesToCrop(await readFile(path.join(fixtures, f)))));
    const together = await engine.recognize(crops);
    const apart = await Promise.all(crops.map((c) => engine.recognize([c])));
    expect(apart.map((r) => r[0]!.text)).toEqual(together.map((r) => r.text));
  });

  it.each([{ concurrentRuns: 0 }, { intraOpNumThreads: 1.5 }, { maxBatchLines: -1 }])(
    'refuses the options %o',
    async (bad) => {
      await expect(createPaddleEngine(bad)).rejects.toThrow(RangeError);
    },
  );

  it('fails to start, with a message, when the model cannot be loaded', async () => {
    await expect(createPaddleEngine({ recModelPath: path.join(fixtures, 'missing.onnx') })).rejects.toThrow(
      /recognition worker did not start/,
    );
  });

  it('refuses work once closed', async () => {
    const other = await createPaddleEngine();
    await other.close();
    await expect(other.recognize([])).rejects.toThrow(/closed/);
  });
});
