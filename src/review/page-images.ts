/**
 * Page images for the review page, rendered from the stored source with the project's own page
 * readers (pdf.js with @napi-rs/canvas for PDFs, sharp for page images) and kept in memory, so
 * each page is rendered once. Sizes are also given in page points, the unit of the stored boxes.
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { bytesToGrayImage, type GrayImage } from '../image/gray.js';
import { openPdf } from '../pdf/open-pdf.js';
import { pdfPageToGray } from '../scan/scanned-pdf.js';

export interface PageImage {
  png: Buffer;
  /** The page's size in points (the boxes' unit). */
  widthPt: number;
  heightPt: number;
}

/** Widest image sent to the browser, in pixels: enough to read a cell, small enough to load fast. */
const MAX_WIDTH_PX = 1400;

/** A grey page as a PNG no wider than MAX_WIDTH_PX, with its size in points. */
async function grayToPageImage(gray: GrayImage): Promise<PageImage> {
  const png = await sharp(Buffer.from(gray.data), { raw: { width: gray.width, height: gray.height, channels: 1 } })
    .resize({ width: Math.min(gray.width, MAX_WIDTH_PX) })
    .png()
    .toBuffer();
  return { png, widthPt: (gray.width * 72) / gray.dpi, heightPt: (gray.height * 72) / gray.dpi };
}

/** Renders page `page` (1-based) of a stored source from its parts (absolute paths). */
export async function renderSourcePage(kind: string, parts: readonly string[], page: number): Promise<PageImage> {
  if (kind === 'pdf') {
    const path = parts[0]!;
    const pdf = await openPdf(new Uint8Array(await readFile(path)), path);
    try {
      if (page < 1 || page > pdf.numPages) throw new RangeError(`page ${page} is not in ${path}`);
      return await grayToPageImage(await pdfPageToGray(pdf, page));
    } finally {
      await pdf.destroy();
    }
  }
  if (kind === 'image') {
    // Page images of one form are one part each; a multi-page TIFF is one part with pages.
    const [path, index] = parts.length > 1 ? [parts[page - 1], 0] : [parts[0], page - 1];
    if (!path) throw new RangeError(`page ${page} is not in the source`);
    return grayToPageImage(await bytesToGrayImage(new Uint8Array(await readFile(path)), index));
  }
  throw new RangeError(`a ${kind} source has no page images`);
}

/** A cache of rendered pages by source content and page number (content never changes under a sha256). */
export function createPageImageCache(maxPages = 64): (sha256: string, kind: string, parts: readonly string[], page: number) => Promise<PageImage> {
  const cache = new Map<string, Promise<PageImage>>();
  return (sha256, kind, parts, page) => {
    const key = `${sha256}:${page}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = renderSourcePage(kind, parts, page);
      // A failed render is not kept: the file may come back.
      hit.catch(() => cache.delete(key));
      cache.set(key, hit);
      if (cache.size > maxPages) cache.delete(cache.keys().next().value!);
    }
    return hit;
  };
}
