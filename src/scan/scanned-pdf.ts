/**
 * Scanned PDF pages: the page's one embedded image taken as it is (lossless and fast), or the
 * page rendered with pdf.js and @napi-rs/canvas when it holds more than one image, then read
 * like any page image.
 */
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pixelsToGray, type GrayImage } from '../image/gray.js';
import type { Doc, Issue, Page, Row } from '../model.js';
import type { StageContext } from '../pipeline.js';
import { scanPagesToRows } from './ocr-pages.js';

/** Resolution pages are rendered at when they cannot be taken as one image. */
export const RENDER_DPI = 300;

/** Resolution of the first look at a page that must be rendered: enough to see a ruling, about 1 % of the pixels. */
export const PREVIEW_DPI = 36;

interface PdfImage {
  width: number;
  height: number;
  data?: Uint8Array | Uint8ClampedArray;
  kind?: number;
}

/** pdf.js image kinds: 1 bit grey, 24 bit RGB, 32 bit RGBA. */
const KIND_CHANNELS: Record<number, number> = { 2: 3, 3: 4 };

/** Grey pixels of a decoded pdf.js image object. */
export function pdfImageToGray(img: PdfImage, dpi: number): GrayImage | null {
  if (!img.data || !img.width || !img.height) return null;
  if (img.kind === 1) {
    // 1 bit per pixel, rows padded to whole bytes.
    const stride = Math.ceil(img.width / 8);
    const out = new Uint8Array(img.width * img.height);
    for (let y = 0; y < img.height; y++)
      for (let x = 0; x < img.width; x++) out[y * img.width + x] = img.data[y * stride + (x >> 3)]! & (0x80 >> (x & 7)) ? 255 : 0;
    return { width: img.width, height: img.height, data: out, dpi };
  }
  const channels = KIND_CHANNELS[img.kind ?? 0] ?? Math.round(img.data.length / (img.width * img.height));
  if (![1, 3, 4].includes(channels)) return null;
  return { width: img.width, height: img.height, data: pixelsToGray(img.data, img.width, img.height, channels), dpi };
}

/** The name of the page's image when the page paints exactly one image object and no inline image. */
async function pageToSingleImageName(page: PDFPageProxy): Promise<string | null> {
  const ops = await page.getOperatorList();
  const names: string[] = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    if (fn === pdfjs.OPS.paintImageXObject) names.push(String((ops.argsArray[i] as unknown[])[0]));
    else if (fn === pdfjs.OPS.paintInlineImageXObject || fn === pdfjs.OPS.paintImageMaskXObject) return null;
  }
  return names.length === 1 ? names[0]! : null;
}

/** The page's image when the page is one image and nothing else worth reading. */
async function pageToSingleImage(page: PDFPageProxy): Promise<GrayImage | null> {
  const name = await pageToSingleImageName(page);
  if (name === null) return null;
  const objs = name.startsWith('g_') ? page.commonObjs : page.objs;
  const img = await new Promise<PdfImage | null>((resolve) => {
    try {
      objs.get(name, (o: unknown) => resolve(o as PdfImage));
    } catch {
      resolve(null);
    }
  });
  if (!img || !img.width || !img.height) return null;
  const viewport = page.getViewport({ scale: 1 });
  // The image is the page only when it has the page's shape (a lone logo on a blank page is not).
  const pageAspect = viewport.width / viewport.height;
  if (Math.abs(img.width / img.height - pageAspect) > 0.03 * pageAspect) return null;
  return pdfImageToGray(img, Math.round(img.width / (viewport.width / 72)));
}

/** The page rendered to grey pixels at `dpi`. */
async function pageToRendered(page: PDFPageProxy, dpi = RENDER_DPI): Promise<GrayImage> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const w = Math.ceil(viewport.width);
  const h = Math.ceil(viewport.height);
  const canvas = await canvasOfSize(w, h);
  const context = canvas.getContext('2d');
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, w, h);
  await page.render({ canvasContext: context as never, canvas: canvas as never, viewport }).promise;
  return { width: w, height: h, data: pixelsToGray(context.getImageData(0, 0, w, h).data, w, h, 4), dpi };
}

interface Canvas {
  getContext: (t: '2d') => {
    fillStyle: string;
    setTransform: (...a: number[]) => void;
    fillRect: (...a: number[]) => void;
    getImageData: (...a: number[]) => { data: Uint8ClampedArray };
  };
}

/**
 * Canvases by size, reused from page to page: a canvas's pixels are native memory that the
 * garbage collector does not feel, so a new canvas per page piled up (about 1.5 MB a preview,
 * 35 MB a 300 dpi page) until the process was gigabytes large. Two sizes cover a document: the
 * preview and the full rendering.
 */
const canvases = new Map<string, Canvas>();

async function canvasOfSize(w: number, h: number): Promise<Canvas> {
  const key = `${w}x${h}`;
  let canvas = canvases.get(key);
  if (!canvas) {
    const { createCanvas } = (await import('@napi-rs/canvas')) as unknown as { createCanvas: (w: number, h: number) => Canvas };
    canvas = createCanvas(w, h);
    if (canvases.size >= 2) canvases.delete(canvases.keys().next().value!);
    canvases.set(key, canvas);
  }
  return canvas;
}

/**
 * A small rendering of a page that has to be rendered, to tell a blank one cheaply; null for a
 * page that is one image (that image is decoded anyway and looked at itself).
 */
export async function pdfPageToPreview(pdf: PDFDocumentProxy, pageNumber: number): Promise<GrayImage | null> {
  const page = await pdf.getPage(pageNumber);
  try {
    return (await pageToSingleImageName(page)) !== null ? null : await pageToRendered(page, PREVIEW_DPI);
  } finally {
    page.cleanup();
  }
}

/** Grey pixels of one PDF page: its single image, or a rendering. */
export async function pdfPageToGray(pdf: PDFDocumentProxy, pageNumber: number): Promise<GrayImage> {
  const page = await pdf.getPage(pageNumber);
  try {
    return (await pageToSingleImage(page)) ?? (await pageToRendered(page));
  } finally {
    page.cleanup();
  }
}

/** Reads the given pages of a scanned PDF (1-based numbers) into pages and rows, in order, with the scan's issues. */
export async function readScannedPdfPages(
  doc: Doc,
  pdf: PDFDocumentProxy,
  pageNumbers: number[],
  ctx: StageContext,
): Promise<{ pages: Page[]; rows: Row[]; issues: Issue[] }> {
  void doc;
  const result = await scanPagesToRows(
    pageNumbers.map((n) => ({ number: n, preview: () => pdfPageToPreview(pdf, n), image: () => pdfPageToGray(pdf, n) })),
    ctx,
  );
  return { pages: result.pages, rows: result.rows, issues: result.issues };
}
