/**
 * Round trip through the PDF reader beyond the four samples: synthetic forms (testkit/synth) printed
 * by testkit/pdf in the ways office producers print them (stroked or filled rules, one run per
 * line or per glyph, drawn boxes ticked by a glyph or a drawn tick, ■/□ characters, centred or
 * top-left labels, several font sizes, cells split by page breaks, borderless tables, a browser's
 * print headers and footers, several forms per file) must
 * read back to the generated records. Text is compared without blanks and line breaks, as
 * score.py does.
 */
import { describe, expect, it } from 'vitest';
import { formStages } from '../pipelines/common.js';
import { sha256 } from '../src/ingest/read-input.js';
import type { Doc } from '../src/model.js';
import { runStages } from '../src/pipeline.js';
import { pdfToRows, readPdfTextLayer, reportPagesWithoutText } from '../src/pdf/read-pdf.js';
import { DEFAULT_PDF_STYLE, renderPdf, type PdfStyle } from '../testkit/pdf/render-pdf.js';
import { generateFormForSeed } from '../testkit/synth/generate-form.js';

const STYLES: PdfStyle[] = [
  { ...DEFAULT_PDF_STYLE },
  { ...DEFAULT_PDF_STYLE, rules: 'fill', runs: 'glyph', labels: 'centre', boxes: 'drawn-tick', boxPosition: 'before', footer: 'slash' },
  { ...DEFAULT_PDF_STYLE, boxes: 'text-square', boxPosition: 'before', fontSizePt: 9, formPerPage: true },
  { ...DEFAULT_PDF_STYLE, rules: 'fill', runs: 'line', fontSizePt: 12, footer: 'none' },
  { ...DEFAULT_PDF_STYLE, runs: 'glyph', boxes: 'drawn-tick', labels: 'centre', fontSizePt: 10 },
  { ...DEFAULT_PDF_STYLE, rules: 'fill', sideways: true },
  { ...DEFAULT_PDF_STYLE, boxes: 'drawn-solid', boxPosition: 'before', runs: 'glyph' },
  { ...DEFAULT_PDF_STYLE, rules: 'none', labels: 'centre' },
  { ...DEFAULT_PDF_STYLE, rules: 'none', runs: 'glyph' },
  { ...DEFAULT_PDF_STYLE, rules: 'fill', runs: 'glyph', labels: 'centre', footer: 'browser' },
];

const squash = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'string' ? x.replace(/\s+/g, '') : x)));

describe('synthetic PDFs read back to their records', () => {
  const cases = Array.from({ length: 20 }, (_, i) => ({ seed: 200 + i, style: STYLES[i % STYLES.length]!, forms: i % 3 === 2 ? 2 : 1 }));
  for (const c of cases) {
    it(`seed ${c.seed}, ${c.style.rules} rules, ${c.style.runs} runs, ${c.style.boxes} boxes${c.style.sideways ? ', drawn sideways' : ''}, ${c.forms} form(s)`, async () => {
      const forms = Array.from({ length: c.forms }, (_, k) => generateFormForSeed(c.seed + 1000 * k, { plantProbability: 0 }));
      const { bytes, pages } = renderPdf(forms, c.style);
      const doc: Doc = {
        source: { path: `synth-${c.seed}.pdf`, sha256: sha256(bytes), kind: 'pdf', bytes: bytes.length, pages: 0 },
        parts: [bytes],
        pages: [],
        rows: [],
        forms: [],
        issues: [],
      };
      const done = await runStages([readPdfTextLayer, reportPagesWithoutText, pdfToRows, ...formStages], doc, {});
      expect(done.source.pages).toBe(pages);
      expect(done.issues).toEqual([]);
      expect(done.forms.map((f) => squash({ ...f.record, source: undefined, issues: undefined }))).toEqual(
        forms.map((f) => squash({ ...f.record, source: undefined, issues: undefined })),
      );
      // Every row of a later page than the first starts after a page break.
      const firstOfPage = done.rows.filter((r, i) => i > 0 && done.rows[i - 1]!.page !== r.page);
      expect(firstOfPage.every((r) => r.pageBreakBefore)).toBe(true);
    });
  }
});
