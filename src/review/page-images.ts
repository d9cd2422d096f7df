/**
 * Page images for the review page, rendered from the stored source with the project's own page
 * readers (pdf.js with @napi-rs/canvas for PDFs, sharp for page images) and kept in memory, so
 * each page is rendered once. Sizes are also given in page points, the unit of the stored boxes.
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { bytesToGrayImage, type GrayImage } from '../image/gray.js';
import { sha256 } from '../ingest/read-input.js';
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

/** The parts' bytes, refused when they are no longer what was read (the boxes would not match the page). */
async function readUnchanged(parts: readonly string[], expectedSha256: string): Promise<Buffer[]> {
  const bytes = await Promise.all(parts.map((p) => readFile(p)));
  // The same hash as ingest: of the file, or of the parts' hashes for a form in several page images.
  const hash = bytes.length === 1 ? sha256(bytes[0]!) : sha256(Buffer.from(bytes.map(sha256).join('\n')));
  if (hash !== expectedSha256) throw new Error(`${parts[0]} has changed since it was read`);
  return bytes;
}

/** Renders page `page` (1-based) of a stored source from its parts (absolute paths), checked against its sha256. */
export async function renderSourcePage(kind: string, parts: readonly string[], sha: string, page: number): Promise<PageImage> {
  const files = await readUnchanged(parts, sha);
  if (kind === 'pdf') {
    const path = parts[0]!;
    const pdf = await openPdf(new Uint8Array(files[0]!), path);
    try {
      if (page < 1 || page > pdf.numPages) throw new RangeError(`page ${page} is not in ${path}`);
      return await grayToPageImage(await pdfPageToGray(pdf, page));
    } finally {
      await pdf.destroy();
    }
  }
  if (kind === 'image') {
    // Page images of one form are one part each; a multi-page TIFF is one part with pages.
    const [bytes, index] = parts.length > 1 ? [files[page - 1], 0] : [files[0], page - 1];
    if (!bytes) throw new RangeError(`page ${page} is not in the source`);
    return grayToPageImage(await bytesToGrayImage(new Uint8Array(bytes), index));
  }
  throw new RangeError(`a ${kind} source has no page images`);
}

/** A cache of rendered pages by source content and page number (content never changes under a sha256). */
export function createPageImageCache(maxPages = 64): (sha256: string, kind: string, parts: readonly string[], page: number) => Promise<PageImage> {
  const cache = new Map<string, Promise<PageImage>>();
  return (sourceSha256, kind, parts, page) => {
    const key = `${sourceSha256}:${page}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = renderSourcePage(kind, parts, sourceSha256, page);
      // A failed render is not kept: the file may come back.
      hit.catch(() => cache.delete(key));
      cache.set(key, hit);
      if (cache.size > maxPages) cache.delete(cache.keys().next().value!);
    }
    return hit;
  };
}
