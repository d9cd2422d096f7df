/** The OCR stage's own logic (batches, second readings of malformed values), with a fake engine. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesToGrayImages, type GrayImage } from '../src/image/gray.js';
import type { OcrCrop, OcrEngine, OcrResult } from '../src/ocr/engine.js';
import { lazyOcrProvider } from '../src/ocr/engine.js';
import { RETRY_READINGS, scanPagesToRows } from '../src/scan/ocr-pages.js';

const PAGE = join(resolve(import.meta.dirname, '..'), 'fixtures', 'scan-page150', 'page.jpg');

/** An engine that answers each batch with the texts `answer(batchIndex, cropIndex)` gives. */
function fakeEngine(answer: (batch: number, crop: number) => string): OcrEngine & { batches: number[]; closed: boolean } {
  const engine = {
    name: 'tesseract' as const,
    batches: [] as number[],
    closed: false,
    async recognize(crops: readonly OcrCrop[]): Promise<OcrResult[]> {
      const b = engine.batches.length;
      engine.batches.push(crops.length);
      return crops.map((_, i) => {
        const text = answer(b, i);
        return { text, confidence: 0.9, words: [{ text, confidence: 0.9, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 } }] };
      });
    },
    async close() {
      engine.closed = true;
    },
  };
  return engine;
}

let image: GrayImage;
const pages = async () => {
  image ??= (await bytesToGrayImages(readFileSync(PAGE)))[0]!;
  return [{ number: 1, image: async () => image }];
};

describe('scanPagesToRows with a fake engine', { timeout: 60_000 }, () => {
  it('reads a page in one batch and reads nothing again when the values are well-formed (the second reading off)', async () => {
    const engine = fakeEngine(() => '2018-01-01');
    const ocr = lazyOcrProvider(async () => engine);
    const result = await scanPagesToRows(await pages(), { ocr, secondReading: false });
    expect(engine.batches).toHaveLength(1);
    expect(result.rows.length).toBeGreaterThan(20);
    expect(result.issues).toEqual([]);
    expect(engine.closed).toBe(false); // the provider's owner closes it
  });

  it('reads the key values a second time, in one batch of the short cells, with the same engine even when the run has another', async () => {
    const engine = fakeEngine(() => '2018-01-01');
    const other = fakeEngine(() => '2018-01-01');
    const ocr = { ...lazyOcrProvider(async () => engine), second: lazyOcrProvider(async () => other) };
    const result = await scanPagesToRows(await pages(), { ocr });
    expect(engine.batches).toHaveLength(2);
    expect(other.batches).toHaveLength(0);
    expect(engine.batches[1]!).toBeGreaterThan(0);
    expect(engine.batches[1]!).toBeLessThan(engine.batches[0]!);
    expect(result.issues).toEqual([]);
  });

  it('reads malformed values again and keeps the value the readings agree on', async () => {
    const engine = fakeEngine((batch) => (batch === 0 ? '2018-(8-01' : '2018-01-01'));
    const result = await scanPagesToRows(await pages(), { ocr: lazyOcrProvider(async () => engine) });
    // Every cell was malformed and settled by the vote: none is read a second time.
    expect(engine.batches).toHaveLength(1 + RETRY_READINGS.length);
    const texts = result.rows.flatMap((r) => r.cells).map((c) => c.text).filter(Boolean);
    expect(texts.every((t) => t === '2018-01-01' || /[☑☐]/.test(t))).toBe(true);
    expect(result.issues).toEqual([]);
  });

  it('flags a malformed value the readings do not agree on, with confidence 0 and an issue on its page', async () => {
    const engine = fakeEngine((batch, crop) => `${1000 + batch * 7 + crop},${batch}0.0`);
    const result = await scanPagesToRows(await pages(), { ocr: lazyOcrProvider(async () => engine) });
    const doubted = result.rows.flatMap((r) => r.cells).filter((c) => c.text && !/[☑☐]/.test(c.text));
    expect(doubted.length).toBeGreaterThan(0);
    for (const c of doubted) expect(c.confidence).toBe(0);
    // One issue per doubted crop; an option cell holds several.
    expect(result.issues.length).toBeGreaterThanOrEqual(doubted.length);
    for (const i of result.issues) expect(i).toMatchObject({ code: 'read.low-confidence', page: 1 });
  });
});

describe('blank pages', () => {
  it('tells a blank page from its look and sends only the page with ink to OCR', async () => {
    const [page] = await pages();
    const blank: GrayImage = { width: 1240, height: 1754, data: new Uint8Array(1240 * 1754).fill(250), dpi: 150 };
    let blankDecoded = false;
    const engine = fakeEngine(() => '');
    const result = await scanPagesToRows(
      [
        { number: 1, image: page!.image },
        // A preview that shows no ink: the full page is never decoded.
        { number: 2, preview: async () => ({ ...blank, width: 124, height: 175, data: new Uint8Array(124 * 175).fill(255) }), image: async () => ((blankDecoded = true), blank) },
        { number: 3, image: async () => blank },
      ],
      { ocr: lazyOcrProvider(async () => engine) },
    );
    expect(blankDecoded).toBe(false);
    expect(result.issues.filter((i) => i.code === 'read.blank-page').map((i) => [i.page, i.severity])).toEqual([[2, 'info'], [3, 'info']]);
    expect(result.layouts.map((l) => l.number)).toEqual([1]);
    expect(engine.batches.length).toBeGreaterThan(0);
  });

  it('never starts the OCR engine for a document of blank pages', async () => {
    let started = false;
    const blank: GrayImage = { width: 600, height: 800, data: new Uint8Array(600 * 800).fill(255), dpi: 72 };
    const result = await scanPagesToRows([{ number: 1, image: async () => blank }], { ocr: lazyOcrProvider(async () => ((started = true), fakeEngine(() => ''))) });
    expect(started).toBe(false);
    expect(result.rows).toEqual([]);
  });
});
