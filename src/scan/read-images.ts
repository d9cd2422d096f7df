/** The image reader stage: every page of every image of the input, OCR'd into rows. */
import { InputError } from '../errors.js';
import { bytesToGrayImage, bytesToPageCount, type GrayImage } from '../image/gray.js';
import type { Doc } from '../model.js';
import type { Stage } from '../pipeline.js';
import { scanPagesToRows, type ScanPage } from './ocr-pages.js';

/**
 * The pages of a document's images, in order (a multi-page TIFF gives several), each decoded
 * only when its turn comes so a long TIFF never sits in memory whole.
 */
export async function partsToScanPages(doc: Doc): Promise<ScanPage[]> {
  const pages: ScanPage[] = [];
  // A bad page of a group of page images is named by its own file, not by the group's first page.
  const unreadable = (i: number, err: unknown) =>
    new InputError('image-unreadable', `${doc.partPaths?.[i] ?? doc.source.path}: unreadable image (${String((err as Error)?.message ?? err).split('\n')[0]})`);
  for (const [i, part] of (doc.parts ?? []).entries()) {
    let count: number;
    try {
      count = await bytesToPageCount(part);
    } catch (err) {
      throw unreadable(i, err);
    }
    for (let k = 0; k < count; k++)
      pages.push({ number: pages.length + 1, image: () => bytesToGrayImage(part, k).catch((err: unknown) => Promise.reject(unreadable(i, err))) });
  }
  if (pages.length === 0) throw new InputError('image-unreadable', `${doc.source.path}: no image found`);
  return pages;
}

/** Decodes the images of a document (one per part; a multi-page TIFF gives several pages). */
export async function partsToGrayImages(doc: Doc): Promise<GrayImage[]> {
  const images: GrayImage[] = [];
  for (const page of await partsToScanPages(doc)) images.push(await page.image());
  return images;
}

/** Reads the page images of a document into `pages` and `rows`. */
export const readImages: Stage = async (doc, ctx) => {
  const pages = await partsToScanPages(doc);
  const result = await scanPagesToRows(pages, ctx);
  return {
    ...doc,
    source: { ...doc.source, pages: pages.length },
    pages: result.pages,
    rows: result.rows,
    issues: [...doc.issues, ...result.issues],
  };
};
