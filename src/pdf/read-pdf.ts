/**
 * The PDF reader's two stages: `readPdf` (I/O: pages, text items, rulings; pages without a usable
 * text layer handed to the scan reader) and `pdfToRows` (pure: the grid rows of the text pages,
 * merged with the scanned pages' rows in page order).
 */
import { InputError } from '../errors.js';
import type { Doc, Issue, Page, Row } from '../model.js';
import type { Stage, StageContext } from '../pipeline.js';
import { pageContentToPage } from './content-to-page.js';
import { openPdf, type PDFDocumentProxy } from './open-pdf.js';
import { readPageContent } from './page-content.js';
import { DEFAULT_PAGE_ROWS, textPagesToRows, type PageRowsSettings } from './page-rows.js';
import { textItemsToUsability, type Usability } from './usability.js';

/** Reads the pages of a scanned PDF (the OCR route): rows in reading order with page numbers set. */
export type ScannedPagesReader = (
  doc: Doc,
  pdf: PDFDocumentProxy,
  pageNumbers: number[],
  ctx: StageContext,
) => Promise<{ pages: Page[]; rows: Row[] }>;

/** Wording of the reader's issues, by reason. */
const NO_TEXT_MESSAGE: Record<NonNullable<Usability['reason']>, string> = {
  'no-text': 'the page has no text layer; it needs OCR',
  garbled: 'the page’s text layer is mostly unreadable characters; it needs OCR',
  'scan-with-text': 'the page is a scanned image (its text layer holds a few words or hidden OCR text, and no ruled table); it needs OCR',
};

/** One issue per page that could not be read from its text layer and found no OCR reader. */
export function unusablePagesToIssues(verdicts: readonly { page: number; usability: Usability }[]): Issue[] {
  return verdicts
    .filter((v) => !v.usability.usable)
    .map((v) => ({
      code: 'read.no-text-layer' as const,
      field: null,
      severity: 'error' as const,
      message: `page ${v.page}: ${NO_TEXT_MESSAGE[v.usability.reason ?? 'no-text']}`,
      page: v.page,
    }));
}

/**
 * The reader stage for PDFs: opens the file, reads every page's text items and rulings into
 * `doc.pages`; pages whose text layer is unusable go to `scanned` (the OCR route) when given,
 * and otherwise become `read.no-text-layer` issues with no rows.
 */
export function readPdfWith(scanned: ScannedPagesReader | null): Stage {
  return async (doc, ctx) => {
    const bytes = doc.parts?.[0];
    if (!bytes) throw new InputError('unreadable', `${doc.source.path}: no PDF bytes to read`);
    const pdf = await openPdf(bytes, doc.source.path);
    try {
      const pages: Page[] = [];
      const verdicts: { page: number; usability: Usability }[] = [];
      for (let n = 1; n <= pdf.numPages; n++) {
        let page: Page;
        let usability: Usability;
        try {
          const proxy = await pdf.getPage(n);
          const content = await readPageContent(proxy, n);
          proxy.cleanup();
          const candidate = pageContentToPage(content);
          usability = textItemsToUsability(content.items, { ...content, rulingCount: candidate.rulings.length });
          page = usability.usable ? candidate : { number: n, width: content.width, height: content.height, items: [], rulings: [] };
        } catch (err) {
          if (err instanceof InputError) throw err;
          throw new InputError('pdf-corrupt', `${doc.source.path}: corrupt PDF (page ${n} cannot be read: ${String((err as Error)?.message ?? err).split('\n')[0]})`);
        }
        pages.push(page);
        verdicts.push({ page: n, usability });
      }
      const unusable = verdicts.filter((v) => !v.usability.usable).map((v) => v.page);
      let rows: Row[] = [];
      let issues: Issue[] = [];
      if (unusable.length > 0 && scanned) {
        try {
          const read = await scanned(doc, pdf, unusable, ctx);
          for (const p of read.pages) pages[p.number - 1] = p;
          rows = read.rows;
        } catch (err) {
          // OCR that cannot run (an engine that fails to start) costs the scanned pages, not the text pages.
          if (err instanceof InputError) throw err;
          const why = String((err as Error)?.message ?? err).split('\n')[0];
          issues = unusable.map((page) => ({ code: 'read.ocr-failed' as const, field: null, severity: 'error' as const, message: `page ${page}: OCR failed (${why})`, page }));
        }
      } else issues = unusablePagesToIssues(verdicts);
      return {
        ...doc,
        source: { ...doc.source, pages: pdf.numPages },
        pages,
        rows: [...doc.rows, ...rows],
        issues: [...doc.issues, ...issues],
      };
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

/** The reader stage for PDFs: text pages from their text layer, the other pages through OCR (see `readPdfWith`). */
export const readPdf: Stage = readPdfWith(readScannedPages);

/**
 * Reads a PDF file into its grid rows (ingest, `readPdf`, `pdfToRows`), without the form stages:
 * the PDF reader alone, for benchmarks and debugging.
 */
export async function readPdfRows(path: string, ctx: StageContext = {}): Promise<Doc> {
  const { readInput } = await import('../ingest/read-input.js');
  const doc = await readInput({ path, parts: [path] });
  if (doc.source.kind !== 'pdf') throw new InputError('not-a-pdf', `${path}: not a PDF`);
  return pdfToRows(await readPdf(doc, ctx), ctx);
}
