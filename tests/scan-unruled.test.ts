/**
 * A legible form without rulings to find (printed borderless, as `testkit/degrade/make-unruled.ts`
 * makes it) is never rejected: its cells are guessed from the text lines, it gives a record, and
 * every page says its structure was guessed. From the pages' pixels to the record, with the OCR
 * recorded once from the real engine (fixtures/scan-degraded-unruled/recorded-ocr.json).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formStages } from '../pipelines/common.js';
import { bytesToGrayImage } from '../src/image/gray.js';
import type { Doc } from '../src/model.js';
import type { OcrCrop, OcrEngine, OcrResult } from '../src/ocr/engine.js';
import { lazyOcrProvider } from '../src/ocr/engine.js';
import { runStages } from '../src/pipeline.js';
import type { PageOcr } from '../src/scan/assemble.js';
import type { PageLayout } from '../src/scan/layout.js';
import { scanPagesToRows } from '../src/scan/ocr-pages.js';

const DIR = resolve(import.meta.dirname, '..', 'fixtures', 'scan-degraded-unruled');
const recorded = JSON.parse(readFileSync(join(DIR, 'recorded-ocr.json'), 'utf8')) as { layouts: PageLayout[]; ocr: PageOcr[] };
const truth = (JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as Record<string, unknown>[])[0]!;

/**
 * Answers each page's batch of crops with what the real engine read from them; the crops must be
 * the recorded ones (same count), and no other batch (a second reading) is expected.
 */
function replayEngine(): OcrEngine {
  let page = 0;
  return {
    name: 'paddle',
    async recognize(crops: readonly OcrCrop[]): Promise<OcrResult[]> {
      const answers = recorded.ocr[page++];
      if (!answers || answers.length !== crops.length) throw new Error(`batch ${page}: ${crops.length} crops, recorded ${answers?.length}`);
      return answers.map((r) => ({ text: r.text, confidence: r.confidence, words: r.words }));
    },
    async close() {},
  };
}

describe('a legible form with no rulings to find', { timeout: 120_000 }, () => {
  it('gives a record, with read.table-guessed on each page, from pixels to fields', async () => {
    const pages = recorded.layouts.map((_, k) => ({ number: k + 1, image: async () => bytesToGrayImage(readFileSync(join(DIR, `page-${k + 1}.png`))) }));
    const result = await scanPagesToRows(pages, { ocr: lazyOcrProvider(async () => replayEngine()), secondReading: false });
    expect(result.layouts.map((l) => [l.guessed, l.rulings?.length])).toEqual(recorded.layouts.map(() => [true, 0]));
    expect(result.issues.filter((i) => i.code === 'read.table-guessed').map((i) => i.page)).toEqual([1, 2]);
    const doc: Doc = {
      source: { path: 'unruled.png', sha256: '0'.repeat(64), kind: 'image', bytes: 1, pages: pages.length },
      pages: result.pages,
      rows: result.rows,
      forms: [],
      issues: result.issues,
    };
    const done = await runStages(formStages, doc, {});
    expect(done.forms).toHaveLength(1);
    const record = done.forms[0]!.record!;
    // The labels were mapped: the form's identity and its plain values come through.
    for (const field of ['year', 'unitName', 'startDate', 'endDate', 'totalBudget', 'currentYearBudget'] as const) expect(record[field]).toEqual(truth[field]);
    expect(record.indicators.length).toBe((truth.indicators as unknown[]).length);
    expect(record.issues.filter((i) => i.code === 'read.table-guessed')).toHaveLength(2);
  });
});
