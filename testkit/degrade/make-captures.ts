/**
 * Writes the degradation kit's captures: every condition applied to every page of the sample
 * forms' clean prints, seeded by condition, form and page. Layout: DIR/CONDITION/STEM-K.jpg, the
 * pages of one form named so the reader groups them, beside STEM.truth (the truth file's path).
 *
 *   node dist/testkit/degrade/make-captures.js OUT_DIR [SAMPLES_DIR] [CONDITION,…]
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeRandom } from '../synth/random.js';
import { CONDITIONS } from './conditions.js';
import { pdfToRgbPages } from './render-pages.js';

/** The clean prints the captures start from: STEM.pdf in the samples, truth STEM.json. */
export const SOURCE_FORMS = ['seed1', 'seed2', 'seed3', 'seed4'] as const;

export async function makeCaptures(outDir: string, samplesDir: string, only?: readonly string[]): Promise<number> {
  let written = 0;
  const conditions = CONDITIONS.filter((c) => !only || only.includes(c.name));
  for (const stem of SOURCE_FORMS) {
    const pages = await pdfToRgbPages(await readFile(join(samplesDir, `${stem}.pdf`)));
    for (const condition of conditions) {
      const dir = join(outDir, condition.name);
      await mkdir(dir, { recursive: true });
      for (const [k, page] of pages.entries()) {
        const capture = await condition.degrade(page, makeRandom(`${condition.name}:${stem}:${k + 1}`));
        await writeFile(join(dir, `${stem}-${k + 1}${capture.ext}`), capture.bytes);
        written++;
      }
    }
  }
  return written;
}

const [outDir, samplesDir, only] = process.argv.slice(2);
if (!outDir || !samplesDir) {
  process.stderr.write('usage: node dist/testkit/degrade/make-captures.js OUT_DIR SAMPLES_DIR [CONDITION,…]\n');
  process.exit(2);
}
const n = await makeCaptures(outDir, samplesDir, only?.split(','));
process.stdout.write(`${n} captures written to ${outDir}\n`);
