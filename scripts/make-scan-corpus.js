#!/usr/bin/env node
// Writes synthetic scans with their truth: NNNNN-1.png, NNNNN-2.png … (one form, 300 dpi, printed
// as a text PDF at 9 to 13 pt and rendered) beside NNNNN.expected.json (records as SPEC prints them, no
// `source`). With --stamp, every page 1 gets a grey round stamp over the table's top right and
// the option boxes. Runs from dist/ (npm run build first).
//
//   node scripts/make-scan-corpus.js [DIR] [COUNT] [SEED] [--stamp]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = (p) => new URL(`../dist/${p}`, import.meta.url);
if (!existsSync(fileURLToPath(dist('testkit/scan/render-scan.js')))) {
  process.stderr.write('make-scan-corpus: not built yet; run `npm run build` first\n');
  process.exit(2);
}
const { renderScanPages, stampGray, grayToPngBytes } = await import(dist('testkit/scan/render-scan.js').href);
const { generateForm, makeRandom } = await import(dist('testkit/synth/generate-form.js').href);
const { formsToExpected } = await import(dist('testkit/synth/write-corpus.js').href);
const { DEFAULT_PDF_STYLE } = await import(dist('testkit/pdf/render-pdf.js').href);
const args = process.argv.slice(2);
const stamp = args.includes('--stamp');
const [dir = 'output/scan-corpus', count = '10', seed = '1'] = args.filter((a) => !a.startsWith('--'));
const n = Number(count);
if (!Number.isInteger(n) || n < 0) {
  process.stderr.write('usage: node scripts/make-scan-corpus.js [DIR] [COUNT] [SEED] [--stamp]\n');
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
for (let i = 0; i < n; i++) {
  const rand = makeRandom(`scan:${seed}:${i}`);
  const form = generateForm(rand.fork('form'), { plantProbability: 0 });
  // Print sizes from 9 to 13 pt move the page breaks through the form: inside the budget and
  // indicator tables, or before a last page holding only the table's end and 备注.
  const fontSizePt = 9 + rand.fork('size').int(0, 8) / 2;
  let pages = await renderScanPages([form], { ...DEFAULT_PDF_STYLE, fontSizePt });
  if (stamp) {
    const r = rand.fork('stamp');
    const grey = r.int(90, 170);
    pages = pages.map((p, k) => (k === 0 ? stampGray(p, { cx: 0.62 + r.int(0, 20) / 100, cy: 0.2 + r.int(0, 12) / 100, radius: 0.1 + r.int(0, 3) / 100, grey }) : p));
  }
  const name = String(i).padStart(5, '0');
  for (const [k, p] of pages.entries()) writeFileSync(join(dir, `${name}-${k + 1}.png`), await grayToPngBytes(p));
  writeFileSync(join(dir, `${name}.expected.json`), JSON.stringify(formsToExpected([form]).map(({ issues, ...r }) => r), null, 1) + '\n');
  process.stdout.write(`${name}: ${pages.length} page(s), ${fontSizePt} pt\n`);
}
