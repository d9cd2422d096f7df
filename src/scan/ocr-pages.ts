/**
 * OCR of scanned pages: layout from pixels, then every cell crop of a page recognised in one
 * batch (the engine spreads a batch over its workers), then the grid assembled.
 */
import type { GrayImage } from '../image/gray.js';
import { grayIsBlank } from '../image/ink.js';
import { makeIssue } from '../issues.js';
import type { BBox, Issue, Page, Row } from '../model.js';
import type { OcrEngine } from '../ocr/engine.js';
import type { StageContext } from '../pipeline.js';
import { layoutsToRows, type PageOcr } from './assemble.js';
import { grayToOcrCrop } from './crops.js';
import { ocrTextToCellText, readingsToAgreedValue, textIsMalformedValue } from './clean-text.js';
import { deskewedToLayout, grayToDeskewed, rectToPt, type DeskewedPage, type PageLayout } from './layout.js';
import { grayToPreparedPage } from './prepare-page.js';
import { MAX_SEAL_SHARE, rectsToSealShares, UNDER_SEAL_CONFIDENCE } from './seal-overlap.js';
import { layoutToKeyValueCrops, SECOND_READING_SCALE } from './second-reading.js';
import { stampedBoxesToIssues } from './stamp-doubts.js';

/** Crops are scaled to this resolution at least before OCR (tesseract reads 150 dpi text poorly). */
export const OCR_MIN_DPI = 300;

/**
 * White margin round every crop, in pixels at 300 dpi or more: with a tight margin tesseract
 * reads a short cell poorly (measured: 70.00% read as 70.009%4, and as 70.00% with 30 px).
 */
export const OCR_PAD_PX = 30;

/**
 * How a malformed amount or date is read again: at other scales (tesseract's digits vary with
 * the size), and with the paper made white above Otsu's threshold.
 */
export const RETRY_READINGS: readonly { factor: number; paper: boolean }[] = [
  { factor: 0.5, paper: false },
  { factor: 0.6, paper: false },
  { factor: 0.75, paper: false },
  { factor: 1.25, paper: false },
  { factor: 1.5, paper: false },
  { factor: 1, paper: true },
  { factor: 0.6, paper: true },
];

/** One page image to read, with its 1-based page number in the file. */
export interface ScanPage {
  number: number;
  /** Decodes the page when its turn comes, so no more than two pages' pixels are held at a time. */
  image: () => Promise<GrayImage>;
  /**
   * A cheap low-resolution look at the page (a PDF page rendered small), to tell a blank page
   * before decoding it in full; null or absent: the full image is looked at instead.
   */
  preview?: () => Promise<GrayImage | null>;
}

export interface ScanResult {
  pages: Page[];
  rows: Row[];
  layouts: PageLayout[];
  ocr: PageOcr[];
  issues: Issue[];
}

export interface ScanOptions {
  /** Key values (short cells) read a second time at another scale (src/scan/second-reading.ts). */
  secondReading: boolean;
}

export const DEFAULT_SCAN_OPTIONS: ScanOptions = { secondReading: true };

/** A value OCR could not read with confidence: its first reading and its box on the page. */
export interface OcrDoubt {
  text: string;
  bbox: BBox;
}

/** A page made ready, straightened and laid out: what its reading needs. */
interface LaidOutPage {
  deskewed: DeskewedPage;
  layout: PageLayout;
  /** Scale of the crops for OCR (pages below 300 dpi are read larger). */
  scale: number;
}

/** The page made ready (a photo flattened, light evened), straightened and laid out. */
async function pageToLayout(page: { number: number; image: GrayImage }): Promise<LaidOutPage> {
  const { image } = grayToPreparedPage(page.image);
  const deskewed = await grayToDeskewed(image);
  const layout = deskewedToLayout(page.number, deskewed);
  const scale = deskewed.gray.dpi < OCR_MIN_DPI * 0.85 ? OCR_MIN_DPI / deskewed.gray.dpi : 1;
  return { deskewed, layout, scale };
}

/** The layout of one page and the OCR of its crops. */
export async function scanPageToOcr(
  page: { number: number; image: GrayImage },
  engine: OcrEngine,
  options: ScanOptions = DEFAULT_SCAN_OPTIONS,
): Promise<{ layout: PageLayout; ocr: PageOcr; doubts: OcrDoubt[] }> {
  return readLaidOutPage(await pageToLayout(page), engine, options);
}

/**
 * The OCR of a laid-out page's crops. The first batch is handed to the engine before this
 * function first waits, so a caller that goes on to lay out its next page does so while the
 * engine's workers read this one.
 */
async function readLaidOutPage(
  { deskewed, layout, scale }: LaidOutPage,
  engine: OcrEngine,
  options: ScanOptions,
): Promise<{ layout: PageLayout; ocr: PageOcr; doubts: OcrDoubt[] }> {
  const doubts: OcrDoubt[] = [];
  const crops = await Promise.all(layout.crops.map((c) => grayToOcrCrop(deskewed.gray, c.rect, scale, c.whiteAbove, OCR_PAD_PX)));
  const results = await engine.recognize(crops);
  // Amounts and dates that break their format ("1665,5200.00") are read again at other scales
  // and the value most readings agree on is kept; without agreement the first reading stays, with
  // no confidence, so the field is flagged rather than stored silently wrong.
  const retry = layout.crops.map((_, i) => i).filter((i) => textIsMalformedValue(ocrTextToCellText(results[i]!.text)));
  if (retry.length > 0) {
    const readings = retry.map((i) => [ocrTextToCellText(results[i]!.text)]);
    for (const { factor, paper } of RETRY_READINGS) {
      const whiteAbove = paper ? deskewed.threshold + 1 : 256;
      const again = await engine.recognize(
        await Promise.all(retry.map((i) => grayToOcrCrop(deskewed.gray, layout.crops[i]!.rect, scale * factor, Math.min(whiteAbove, layout.crops[i]!.whiteAbove), OCR_PAD_PX))),
      );
      again.forEach((r, k) => readings[k]!.push(ocrTextToCellText(r.text)));
    }
    retry.forEach((i, k) => {
      const agreed = readingsToAgreedValue(readings[k]!);
      const votes = agreed === null ? 0 : readings[k]!.filter((t) => t.replace(/\s+/g, '').replace(/,/g, '') === agreed).length;
      const first = results[i]!;
      if (agreed === null) doubts.push({ text: ocrTextToCellText(first.text), bbox: rectToPt(layout.crops[i]!.rect, deskewed.gray.dpi) });
      results[i] = agreed === null
        ? { ...first, confidence: 0, words: first.words.map((w) => ({ ...w, confidence: 0 })) }
        : { text: agreed, confidence: Math.min(first.confidence, votes / readings[k]!.length), words: [{ text: agreed, confidence: Math.min(first.confidence, votes / readings[k]!.length), bbox: first.words[0]?.bbox ?? { x0: 0, y0: 0, x1: 0, y1: 0 } }] };
    });
  }
  const sealShares = rectsToSealShares(deskewed.gray.seal, deskewed.gray.width, deskewed.gray.height, layout.crops.map((c) => c.rect));
  // Readings under a seal, and every reading of a page whose cells were guessed, are doubted.
  sealShares.forEach((share, i) => {
    if (share <= MAX_SEAL_SHARE && !layout.guessed) return;
    const r = results[i]!;
    const cap = (c: number) => Math.min(c, UNDER_SEAL_CONFIDENCE);
    results[i] = { ...r, confidence: cap(r.confidence), words: r.words.map((w) => ({ ...w, confidence: cap(w.confidence) })) };
  });
  const ocr: PageOcr = results.map((r) => ({ text: r.text, confidence: r.confidence, words: r.words }));
  // Values already settled by the vote above are not read a third time.
  const keyCrops = options.secondReading ? layoutToKeyValueCrops(layout, ocr.map((r) => r.text), new Set(retry)) : [];
  if (keyCrops.length > 0) {
    const again = await engine.recognize(
      await Promise.all(keyCrops.map((i) => grayToOcrCrop(deskewed.gray, layout.crops[i]!.rect, scale * SECOND_READING_SCALE, layout.crops[i]!.whiteAbove, OCR_PAD_PX))),
    );
    keyCrops.forEach((i, k) => (ocr[i]!.second = again[k]!.text));
  }
  return { layout, ocr, doubts };
}

/** The page's pixels to read, or null when a look (the preview, else the page itself) finds it blank. */
async function scanPageToImage(page: ScanPage): Promise<GrayImage | null> {
  const preview = page.preview ? await page.preview() : null;
  if (preview && grayIsBlank(preview)) return null;
  const image = await page.image();
  return !preview && grayIsBlank(image) ? null : image;
}

/**
 * Reads scanned pages in order into pages and rows, with the scan's issues (a blank page, a page
 * without a table, values no reading agreed on). Pages are decoded, read and let go in order,
 * each next page laid out while the engine reads the one before; a blank page is never sent to OCR. The engine is the run's (`ctx.ocr`, see `withOcr`),
 * started at the first page with ink.
 */
export async function scanPagesToRows(scanPages: readonly ScanPage[], ctx: StageContext): Promise<ScanResult> {
  if (!ctx.ocr) throw new Error('scanned pages need an OCR engine, and none was given to this run');
  const layouts: PageLayout[] = [];
  const ocr: PageOcr[] = [];
  const issues: Issue[] = [];
  // A page's pixels laid out, or null when it is blank (a blank page is never sent to OCR).
  const layOut = async (page: ScanPage): Promise<LaidOutPage | null> => {
    ctx.signal?.throwIfAborted();
    const image = await scanPageToImage(page);
    return image === null ? null : pageToLayout({ number: page.number, image });
  };
  const secondReading = ctx.secondReading !== false;
  const readPage = async (laidOut: LaidOutPage) => readLaidOutPage(laidOut, await ctx.ocr!.get(), { secondReading });
  let next = scanPages.length > 0 ? layOut(scanPages[0]!) : null;
  for (const [i, page] of scanPages.entries()) {
    const laidOut = await next!;
    // The next page is laid out while this one is read: layout runs on this thread, reading in
    // the engine's workers. Only two pages' pixels are held at a time.
    const reading = laidOut === null ? null : readPage(laidOut);
    next = i + 1 < scanPages.length ? layOut(scanPages[i + 1]!) : null;
    // Seen by the loop when its turn comes; until then a failure must not go unobserved.
    next?.catch(() => undefined);
    if (reading === null) {
      issues.push(makeIssue('read.blank-page', null, { page: page.number }, page.number));
      continue;
    }
    const r = await reading;
    layouts.push(r.layout);
    ocr.push(r.ocr);
    if (r.layout.guessed) issues.push(makeIssue('read.table-guessed', null, { page: page.number }, page.number));
    else if (!r.layout.regions.some((x) => x.kind === 'cell')) issues.push(makeIssue('read.no-table', null, { page: page.number }, page.number, 'warning'));
    for (const d of r.doubts) issues.push(makeIssue('read.low-confidence', null, { confidence: 0, text: d.text }, { page: page.number, bbox: d.bbox }));
  }
  const { pages, rows } = layoutsToRows(layouts, ocr);
  issues.push(...stampedBoxesToIssues(layouts, rows));
  return { pages, rows, layouts, ocr, issues };
}
