/**
 * The PDF reader's stages, listed in `pipelines/pdf.ts`: `readPdfTextLayer` (I/O: pages, text
 * items, rulings; pages whose text layer is unusable are marked), then either
 * `ocrPagesWithoutText` (those pages read by the scan reader) or `reportPagesWithoutText` (one
 * issue each), then `pdfToRows` (pure: the grid rows of the text pages, merged with the scanned
 * pages' rows in page order).
 */
import { InputError } from '../errors.js';
import { makeIssue } from '../issues.js';
import type { Doc, Issue, Page, Row } from '../model.js';
import { runStages, type Stage, type StageContext } from '../pipeline.js';
import { pageContentToPage } from './content-to-page.js';
import { openPdf, type PDFDocumentProxy } from './open-pdf.js';
import { readPageContent } from './page-content.js';
import { DEFAULT_PAGE_ROWS, textPagesToRows, type PageRowsSettings } from './page-rows.js';
import { textItemsToUsability, type Usability } from './usability.js';

/** Reads the pages of a scanned PDF (the OCR route): rows in reading order with page numbers set, and the scan's issues. */
export type ScannedPagesReader = (
  doc: Doc,
  pdf: PDFDocumentProxy,
  pageNumbers: number[],
  ctx: StageContext,
) => Promise<{ pages: Page[]; rows: Row[]; issues: Issue[] }>;

type Unusable = NonNullable<Usability['reason']>;

/** Why a page's text layer was not used, as the issue says it. */
const NO_TEXT_WHY: Record<Unusable, string> = {
  'no-text': 'no text; it needs OCR',
  garbled: 'mostly unreadable characters; it needs OCR',
  'scan-with-text': 'a scanned image with a few words or hidden OCR text and no ruled table; it needs OCR',
};

/** One issue per page that could not be read from its text layer and found no OCR reader. */
export function unusablePagesToIssues(verdicts: readonly { page: number; usability: Usability }[]): Issue[] {
  return verdicts
    .filter((v) => !v.usability.usable)
    .map((v) => makeIssue('read.no-text-layer', null, { page: v.page, why: NO_TEXT_WHY[v.usability.reason ?? 'no-text'] }, v.page));
}

/** Opens the document's PDF bytes; the caller destroys it. */
async function openDocPdf(doc: Doc): Promise<PDFDocumentProxy> {
  const bytes = doc.parts?.[0];
  if (!bytes) throw new InputError('unreadable', `${doc.source.path}: no PDF bytes to read`);
  return openPdf(bytes, doc.source.path);
}

/**
 * The text reader stage: opens the file and reads every page's text items and rulings into
 * `doc.pages`; a page whose text layer is unusable keeps no items and is marked with why.
 */
export const readPdfTextLayer: Stage = async (doc, ctx) => {
  const pdf = await openDocPdf(doc);
  try {
    const pages: Page[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      ctx.signal?.throwIfAborted();
      try {
        const proxy = await pdf.getPage(n);
        const content = await readPageContent(proxy, n);
        proxy.cleanup();
        const candidate = pageContentToPage(content);
        const usability = textItemsToUsability(content.items, { ...content, rulingCount: candidate.rulings.length });
        pages.push(
          usability.usable
            ? candidate
            : { number: n, width: content.width, height: content.height, items: [], rulings: [], textLayerUnusable: usability.reason ?? 'no-text' },
        );
      } catch (err) {
        if (err instanceof InputError) throw err;
        throw new InputError('pdf-corrupt', `${doc.source.path}: corrupt PDF (page ${n} cannot be read: ${String((err as Error)?.message ?? err).split('\n')[0]})`);
      }
    }
    return { ...doc, source: { ...doc.source, pages: pdf.numPages }, pages };
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
};

const unusablePageNumbers = (doc: Doc): number[] => doc.pages.filter((p) => p.textLayerUnusable).map((p) => p.number);

/** The pages still marked unusable, without the mark. */
const withoutMarks = (pages: readonly Page[]): Page[] => pages.map(({ textLayerUnusable: _, ...p }) => p);

/** The stage for a reader without OCR: one `read.no-text-layer` issue per page whose text layer is unusable. */
export const reportPagesWithoutText: Stage = (doc) => {
  const verdicts = doc.pages
    .filter((p) => p.textLayerUnusable)
    .map((p) => ({ page: p.number, usability: { usable: false, reason: p.textLayerUnusable!, chars: 0, badChars: 0 } }));
  return { ...doc, pages: withoutMarks(doc.pages), issues: [...doc.issues, ...unusablePagesToIssues(verdicts)] };
};

/**
 * The OCR stage for PDFs: the pages whose text layer is unusable are read by `scanned` (rows and
 * the scan's own issues). OCR that cannot run (an engine that fails to start) costs those pages
 * one `read.ocr-failed` issue each, not the text pages.
 */
export function ocrPagesWithoutTextWith(scanned: ScannedPagesReader): Stage {
  return async (doc, ctx) => {
    const numbers = unusablePageNumbers(doc);
    if (numbers.length === 0) return doc;
    const pdf = await openDocPdf(doc);
    try {
      const read = await scanned(doc, pdf, numbers, ctx);
      const pages = withoutMarks(doc.pages);
      for (const p of read.pages) pages[p.number - 1] = p;
      return { ...doc, pages, rows: [...doc.rows, ...read.rows], issues: [...doc.issues, ...read.issues] };
    } catch (err) {
      // A file out of time stops here; it is no page that OCR failed on.
      if (err instanceof InputError || ctx.signal?.aborted) throw err;
      const why = String((err as Error)?.message ?? err).split('\n')[0];
      const issues = numbers.map((page) => makeIssue('read.ocr-failed', null, { what: `page ${page}`, why }, page));
      return { ...doc, pages: withoutMarks(doc.pages), issues: [...doc.issues, ...issues] };
    } finally {
      await pdf.destroy().catch(() => undefined);
    }
  };
}

/** Whether a page was read from its text layer (its items came from pdf.js). */
const isTextPage = (p: Page): boolean => p.items.some((i) => i.via === 'pdf');

/**
 * Rows of all pages in page order: the text pages' rows (grids from rulings, text by position)
 * merged with rows already on the document (scanned pages read by OCR); the first row of each
 * page after the first gets `pageBreakBefore`.
 */
export function pagesToRows(pages: readonly Page[], existing: readonly Row[], s: PageRowsSettings = DEFAULT_PAGE_ROWS): Row[] {
  const byPage = new Map<number, Row[]>();
  for (const row of existing) (byPage.get(row.page) ?? byPage.set(row.page, []).get(row.page)!).push(row);
  const textPages = pages.filter((p) => isTextPage(p) && !byPage.has(p.number));
  for (const [n, rows] of textPagesToRows(textPages, s)) byPage.set(n, rows);
  const out: Row[] = [];
  for (const n of [...byPage.keys()].sort((a, b) => a - b)) {
    byPage.get(n)!.forEach((row, i) => out.push({ ...row, pageBreakBefore: out.length > 0 && i === 0 }));
  }
  return out;
}

/** The stage that turns the PDF's pages into grid rows (see `pagesToRows`). */
export const pdfToRows: Stage = (doc) => ({ ...doc, rows: pagesToRows(doc.pages, doc.rows) });

/**
 * The scan reader (src/scan), loaded on first use so that text PDFs never load the image and OCR
 * modules.
 */
export const readScannedPages: ScannedPagesReader = async (doc, pdf, pageNumbers, ctx) => {
  const { readScannedPdfPages } = await import('../scan/scanned-pdf.js');
  return readScannedPdfPages(doc, pdf, pageNumbers, ctx);
};

/** The OCR stage for PDFs with the scan reader (see `ocrPagesWithoutTextWith`). */
export const ocrPagesWithoutText: Stage = ocrPagesWithoutTextWith(readScannedPages);

/**
 * Reads a PDF file into its grid rows (ingest, the PDF pipeline's reading stages), without the
 * form stages: the PDF reader alone, for benchmarks and debugging.
 */
export async function readPdfRows(path: string, ctx: StageContext = {}): Promise<Doc> {
  const { readInput } = await import('../ingest/read-input.js');
  const doc = await readInput({ path, parts: [path] });
  if (doc.source.kind !== 'pdf') throw new InputError('not-a-pdf', `${path}: not a PDF`);
  return runStages([readPdfTextLayer, ocrPagesWithoutText, pdfToRows], doc, ctx);
}
