/**
 * A generated scan corpus (scripts/make-scan-corpus.js) read once and replayed: `record` reads
 * every form's pages with the OCR engines (the slow part) and keeps, per form, the page layouts,
 * the OCR of their crops with the second readings, and the scan's issues in NAME.ocr.json; it
 * writes NAME.out.json as `declx extract` prints it. `replay` runs everything after OCR again
 * from NAME.ocr.json (cleaning, agreement of the readings, mapping, validation), so a change
 * there is measured on the whole corpus in seconds rather than hours.
 *
 *   node dist/testkit/scan/corpus-ocr.js record CORPUS_DIR OUT_DIR [--ocr paddle|tesseract]
 *   node dist/testkit/scan/corpus-ocr.js replay CORPUS_DIR OUT_DIR
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { formStages } from '../../pipelines/common.js';
import { withOcr } from '../../src/app/ocr.js';
import { bytesToGrayImage } from '../../src/image/gray.js';
import type { DeclarationRecord, Doc, Issue } from '../../src/model.js';
import type { OcrEngineName } from '../../src/ocr/create-engine.js';
import { runStages } from '../../src/pipeline.js';
import { layoutsToRows, type PageOcr } from '../../src/scan/assemble.js';
import type { PageLayout } from '../../src/scan/layout.js';
import { scanPagesToRows } from '../../src/scan/ocr-pages.js';
import { stampedBoxesToIssues } from '../../src/scan/stamp-doubts.js';

interface Recorded {
  layouts: PageLayout[];
  ocr: PageOcr[];
  /** The scan's issues except those replay derives again from the layouts and rows. */
  issues: Issue[];
}

/** Issues the replay makes again (they depend on the rows). */
const DERIVED = new Set(['read.box-under-stamp', 'read.boxes-missing']);

/** The forms of a corpus folder: stem → its page files in page order. */
function corpusToForms(dir: string): Map<string, string[]> {
  const forms = new Map<string, string[]>();
  for (const name of readdirSync(dir).sort()) {
    const m = /^(\d+)-(\d+)\.png$/.exec(name);
    if (m) forms.set(m[1]!, [...(forms.get(m[1]!) ?? []), name]);
  }
  for (const pages of forms.values()) pages.sort((a, b) => Number(/-(\d+)\./.exec(a)![1]) - Number(/-(\d+)\./.exec(b)![1]));
  return forms;
}

async function recordedToRecords(stem: string, pages: number, recorded: Recorded): Promise<DeclarationRecord[]> {
  const { pages: docPages, rows } = layoutsToRows(recorded.layouts, recorded.ocr);
  const doc: Doc = {
    source: { path: `${stem}-1.png`, sha256: '0'.repeat(64), kind: 'image', bytes: 1, pages },
    pages: docPages,
    rows,
    forms: [],
    issues: [...recorded.issues, ...stampedBoxesToIssues(recorded.layouts, rows)],
  };
  const done = await runStages(formStages, doc, {});
  return done.forms.flatMap((f) => (f.record ? [f.record] : []));
}

const write = (path: string, records: DeclarationRecord[]) => writeFileSync(path, JSON.stringify(records, null, 1) + '\n');

const [mode, corpus, out, ...rest] = process.argv.slice(2);
if ((mode !== 'record' && mode !== 'replay') || !corpus || !out) {
  process.stderr.write('usage: corpus-ocr.js record|replay CORPUS_DIR OUT_DIR [--ocr paddle|tesseract]\n');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const forms = corpusToForms(corpus);
if (mode === 'record') {
  const engine = (rest[rest.indexOf('--ocr') + 1] ?? 'paddle') as OcrEngineName;
  await withOcr(rest.includes('--ocr') ? engine : 'paddle', async (ocr) => {
    for (const [stem, files] of forms) {
      if (existsSync(join(out, `${stem}.ocr.json`))) continue;
      const started = Date.now();
      const result = await scanPagesToRows(
        files.map((f, i) => ({ number: i + 1, image: () => bytesToGrayImage(readFileSync(join(corpus, f))) })),
        { ocr },
      );
      const recorded: Recorded = { layouts: result.layouts, ocr: result.ocr, issues: result.issues.filter((i) => !DERIVED.has(i.code)) };
      writeFileSync(join(out, `${stem}.ocr.json`), JSON.stringify(recorded) + '\n');
      write(join(out, `${stem}.out.json`), await recordedToRecords(stem, files.length, recorded));
      process.stdout.write(`${stem}: ${files.length} page(s) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    }
  });
} else {
  for (const [stem, files] of forms) {
    const path = join(out, `${stem}.ocr.json`);
    if (!existsSync(path)) continue;
    write(join(out, `${stem}.out.json`), await recordedToRecords(stem, files.length, JSON.parse(readFileSync(path, 'utf8')) as Recorded));
  }
}
