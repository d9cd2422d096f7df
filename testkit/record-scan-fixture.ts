/**
 * Records a golden fixture for tests/scan-golden.test.ts: the page layouts (from pixels) and the
 * OCR of their crops, for page images read together as one document.
 *
 *   npx vite-node testkit/record-scan-fixture.ts fixtures/scan-NAME PAGE.jpg [PAGE2.jpg …]
 *
 * Then `npx vitest run tests/scan-golden.test.ts -u` writes the expected rows and record.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesToGrayImages, type GrayImage } from '../src/image/gray.js';
import { withOcr } from '../src/app/ocr.js';
import { DEFAULT_OCR_ENGINE } from '../src/ocr/create-engine.js';
import { scanPagesToRows } from '../src/scan/ocr-pages.js';

const [folder, ...files] = process.argv.slice(2);
if (!folder || files.length === 0) {
  console.error('usage: record-scan-fixture.ts FOLDER PAGE.jpg [PAGE2.jpg …]');
  process.exit(2);
}
const images: GrayImage[] = [];
for (const f of files) images.push(...(await bytesToGrayImages(readFileSync(f))));
const result = await withOcr(DEFAULT_OCR_ENGINE, (ocr) => scanPagesToRows(images.map((image, i) => ({ number: i + 1, image: async () => image })), { ocr }));
// Word boxes are not needed downstream; dropping them keeps the fixture small.
const ocr = result.ocr.map((page) => page.map((r) => ({ text: r.text, confidence: r.confidence, words: r.words.map((w) => ({ text: w.text, confidence: w.confidence, bbox: { x0: 0, y0: 0, x1: 0, y1: 0 } })) })));
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, 'recorded-ocr.json'), JSON.stringify({ layouts: result.layouts, ocr }) + '\n');
console.log(`${folder}: ${result.rows.length} rows from ${images.length} page(s)`);
