/**
 * Writes the degradation kit's captures: every condition applied to every page of some forms'
 * clean prints, seeded by condition, form and page. Layout: DIR/CONDITION/STEM-K.jpg, the pages of
 * one form named so the reader groups them. The forms are either the samples' prints (STEM.pdf,
 * truth STEM.json beside the samples) or forms the generator makes (testkit/synth, printed by
 * testkit/pdf), never seen by the extractor, with their truth written to DIR/truth/STEM.json.
 *
 *   node dist/testkit/degrade/make-captures.js OUT_DIR SAMPLES_DIR [CONDITION,…]
 *   node dist/testkit/degrade/make-captures.js OUT_DIR --synth COUNT [SEED] [CONDITION,…]
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_PDF_STYLE, renderPdf } from '../pdf/render-pdf.js';
import { generateForm } from '../synth/generate-form.js';
import { makeRandom } from '../synth/random.js';
import { formsToExpected } from '../synth/write-corpus.js';
import { CONDITIONS } from './conditions.js';
import { pdfToRgbPages, type RgbPage } from './render-pages.js';

/** The clean prints the captures start from: STEM.pdf in the samples, truth STEM.json. */
export const SOURCE_FORMS = ['seed1', 'seed2', 'seed3', 'seed4'] as const;

/** A form to degrade: its name and its clean pages. */
interface SourceForm {
  stem: string;
  pages: () => Promise<RgbPage[]>;
}

const sampleForms = (samplesDir: string): SourceForm[] =>
  SOURCE_FORMS.map((stem) => ({ stem, pages: async () => pdfToRgbPages(await readFile(join(samplesDir, `${stem}.pdf`))) }));

/**
 * Generated forms, printed at 9 to 13 pt (so page breaks fall in different places, as in the
 * scan corpus), their truth written beside the captures.
 */
async function synthForms(outDir: string, count: number, seed: string): Promise<SourceForm[]> {
  await mkdir(join(outDir, 'truth'), { recursive: true });
  const forms: SourceForm[] = [];
  for (let i = 0; i < count; i++) {
    const rand = makeRandom(`degrade:${seed}:${i}`);
    const form = generateForm(rand.fork('form'), { plantProbability: 0 });
    const fontSizePt = 9 + rand.fork('size').int(0, 8) / 2;
    const stem = `synth${String(i).padStart(3, '0')}`;
    await writeFile(join(outDir, 'truth', `${stem}.json`), JSON.stringify(formsToExpected([form]).map(({ issues, ...r }) => r), null, 1) + '\n');
    forms.push({ stem, pages: () => pdfToRgbPages(renderPdf([form], { ...DEFAULT_PDF_STYLE, fontSizePt }).bytes, 300, true) });
  }
  return forms;
}

export async function makeCaptures(outDir: string, sources: readonly SourceForm[], only?: readonly string[]): Promise<number> {
  let written = 0;
  const conditions = CONDITIONS.filter((c) => !only || only.includes(c.name));
  for (const { stem, pages: render } of sources) {
    const pages = await render();
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

const usage = () => {
  process.stderr.write('usage: node dist/testkit/degrade/make-captures.js OUT_DIR (SAMPLES_DIR | --synth COUNT [SEED]) [CONDITION,…]\n');
  process.exit(2);
};
const [outDir, source, ...rest] = process.argv.slice(2);
if (!outDir || !source) usage();
let sources: SourceForm[];
let only: string | undefined;
if (source === '--synth') {
  const [count, seed, conditions] = rest;
  if (!count || !/^\d+$/.test(count)) usage();
  sources = await synthForms(outDir!, Number(count), seed ?? '1');
  only = conditions;
} else {
  sources = sampleForms(source!);
  only = rest[0];
}
const n = await makeCaptures(outDir!, sources, only?.split(','));
process.stdout.write(`${n} captures written to ${outDir}\n`);
