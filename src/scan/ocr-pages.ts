/**
 * OCR of scanned pages: layout from pixels, then every cell crop of a page recognised in one
 * batch (the engine spreads a batch over its workers), then the grid assembled.
 */
import { grayToPng, type GrayImage } from '../image/gray.js';
import type { Issue, Page, Row } from '../model.js';
import type { OcrEngine } from '../ocr/engine.js';
import type { StageContext } from '../pipeline.js';
import { createOcrEngine, DEFAULT_OCR_ENGINE } from '../ocr/create-engine.js';
import { layoutsToRows, type PageOcr } from './assemble.js';
import { deskewedToLayout, grayToDeskewed, type PageLayout } from './layout.js';

/** Crops are scaled to this resolution at least before OCR (tesseract reads 150 dpi text poorly). */
export const OCR_MIN_DPI = 300;

/**
 * White margin round every crop, in pixels at 300 dpi or more: with a tight margin tesseract
 * reads a short cell poorly (measured: 70.00% read as 70.009%4, and as 70.00% with 30 px).
 */
export const OCR_PAD_PX = 30;

/** One page image to read, with its 1-based page number in the file. */
export interface ScanPage {
  number: number;
  /** Decodes the page when its turn comes, so only one page's pixels are held at a time. */
  image: () => Promise<GrayImage>;
}

export interface ScanResult {
  pages: Page[];
  rows: Row[];
  layouts: PageLayout[];
  ocr: PageOcr[];
  issues: Issue[];
}

/** The layout of one page and the OCR of its crops. */
export async function scanPageToOcr(page: ScanPage, engine: OcrEngine): Promise<{ layout: PageLayout; ocr: PageOcr }> {
  const deskewed = await grayToDeskewed(await page.image());
  const layout = deskewedToLayout(page.number, deskewed);
  const scale = deskewed.gray.dpi < OCR_MIN_DPI * 0.85 ? OCR_MIN_DPI / deskewed.gray.dpi : 1;
  const pngs = await Promise.all(layout.crops.map((c) => grayToPng(deskewed.gray, c.rect, scale, c.whiteAbove, OCR_PAD_PX)));
  const results = await engine.recognize(pngs.map((png) => ({ png })));
  return { layout, ocr: results.map((r) => ({ text: r.text, confidence: r.confidence, words: r.words })) };
}

/** Reads scanned pages in order into pages and rows; the engine comes from `ctx.ocr` or is made here. */
export async function scanPagesToRows(scanPages: readonly ScanPage[], ctx: StageContext): Promise<ScanResult> {
  const own = ctx.ocr ? null : await createOcrEngine(DEFAULT_OCR_ENGINE);
  try {
    const engine = own ?? (await ctx.ocr!.get());
    const layouts: PageLayout[] = [];
    const ocr: PageOcr[] = [];
    const issues: Issue[] = [];
    for (const page of scanPages) {
      const r = await scanPageToOcr(page, engine);
      layouts.push(r.layout);
      ocr.push(r.ocr);
      if (!r.layout.regions.some((x) => x.kind === 'cell'))
        issues.push({ code: 'read.no-table', field: null, severity: 'warning', message: `page ${page.number}: no ruled table found`, page: page.number });
    }
    return { ...layoutsToRows(layouts, ocr), layouts, ocr, issues };
  } finally {
    if (own) await own.close();
  }
}
