/**
 * A scanned PDF and the same page given as an image report the same reading issues: the PDF's
 * OCR route returns the scan stage's issues instead of dropping them. A fake engine stands in
 * for OCR (fast, and its doubts are known): it reads one crop per page as an amount that no two
 * readings agree on.
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInput } from '../src/ingest/read-input.js';
import type { Issue } from '../src/model.js';
import type { OcrCrop, OcrEngine, OcrResult } from '../src/ocr/engine.js';
import { lazyOcrProvider } from '../src/ocr/engine.js';
import { ocrPagesWithoutText, pdfToRows, readPdfTextLayer } from '../src/pdf/read-pdf.js';
import { runStages } from '../src/pipeline.js';
import { readImages } from '../src/scan/read-images.js';

const SAMPLES = join(resolve(import.meta.dirname, '..'), '..', 'shared', 'samples');
const SCAN_PDF = join(SAMPLES, 'seed2.scan.pdf');
const SCAN_JPG = join(SAMPLES, 'seed2.scan-1.jpg');

/** Reads the first crop of every batch as a different malformed amount; every other crop as a word. */
function doubtingEngine(): OcrEngine {
  let batch = 0;
  return {
    name: 'tesseract',
    async recognize(crops: readonly OcrCrop[]): Promise<OcrResult[]> {
      const b = batch++;
      return crops.map((_, i) => {
        const text = i === 0 ? `${1000 + b * 7},${b}0.0` : '项目';
        return { text, confidence: 0.9, words: [{ text, confidence: 0.9, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 } }] };
      });
    },
    async close() {},
  };
}

const readIssues = (issues: readonly Issue[]) => issues.filter((i) => i.code.startsWith('read.')).map(({ code, page, message, severity }) => ({ code, page, message, severity }));

describe('a scanned PDF and its page as an image', () => {
  it('report the same read.* issues', async () => {
    const pdf = await runStages([readPdfTextLayer, ocrPagesWithoutText, pdfToRows], await readInput({ path: SCAN_PDF, parts: [SCAN_PDF] }), {
      ocr: lazyOcrProvider(async () => doubtingEngine()),
    });
    const image = await runStages([readImages], await readInput({ path: SCAN_JPG, parts: [SCAN_JPG] }), {
      ocr: lazyOcrProvider(async () => doubtingEngine()),
    });
    const fromImage = readIssues(image.issues);
    expect(fromImage).toEqual([expect.objectContaining({ code: 'read.low-confidence', page: 1 })]);
    expect(readIssues(pdf.issues)).toEqual(fromImage);
    // The doubt points at its cell on the page.
    expect(pdf.issues.find((i) => i.code === 'read.low-confidence')?.bbox).toBeDefined();
  }, 120_000);
});
