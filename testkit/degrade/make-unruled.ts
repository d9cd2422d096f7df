/**
 * A legible form whose table has no rulings to find: a generated form printed borderless (no
 * rules, as some offices print, or rules too faint to survive a scan), scanned at 300 dpi in grey,
 * its pages written as PNG beside its truth. The scan path must still give a record from it, with
 * `read.table-guessed`.
 *
 *   npx vite-node testkit/degrade/make-unruled.ts OUT_DIR [SEED]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PDF_STYLE } from '../pdf/render-pdf.js';
import { grayToPngBytes, renderScanPages } from '../scan/render-scan.js';
import { generateForm } from '../synth/generate-form.js';
import { makeRandom } from '../synth/random.js';
import { formsToExpected } from '../synth/write-corpus.js';

const [dir, seed = '1'] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: make-unruled.ts OUT_DIR [SEED]\n');
  process.exit(2);
}
const form = generateForm(makeRandom(`unruled:${seed}`).fork('form'), { plantProbability: 0 });
const pages = await renderScanPages([form], { ...DEFAULT_PDF_STYLE, rules: 'none' });
mkdirSync(dir, { recursive: true });
for (const [k, page] of pages.entries()) writeFileSync(join(dir, `page-${k + 1}.png`), await grayToPngBytes(page));
writeFileSync(join(dir, 'truth.json'), JSON.stringify(formsToExpected([form]).map(({ issues, ...r }) => r), null, 1) + '\n');
process.stdout.write(`${dir}: ${pages.length} page(s)\n`);
