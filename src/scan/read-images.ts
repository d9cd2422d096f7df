/** The image reader stage: every page of every image of the input, OCR'd into rows. */
import { InputError } from '../errors.js';
import { bytesToGrayImages, type GrayImage } from '../image/gray.js';
import type { Doc } from '../model.js';
import type { Stage } from '../pipeline.js';
import { scanPagesToRows, type ScanPage } from './ocr-pages.js';

/** Decodes the images of a document (one per part; a multi-page TIFF gives several pages). */
export async function partsToGrayImages(doc: Doc): Promise<GrayImage[]> {
  const images: GrayImage[] = [];
  for (const part of doc.parts ?? []) {
    try {
      images.push(...(await bytesToGrayImages(part)));
    } catch (err) {
      throw new InputError('image-unreadable', `${doc.source.path}: unreadable image (${(err as Error).message.split('\n')[0]})`);
    }
  }
  if (images.length === 0) throw new InputError('image-unreadable', `${doc.source.path}: no image found`);
  return images;
}

/** Reads the page images of a document into `pages` and `rows`. */
export const readImages: Stage = async (doc, ctx) => {
  const images = await partsToGrayImages(doc);
  const pages: ScanPage[] = images.map((img, i) => ({ number: i + 1, image: async () => img }));
  const result = await scanPagesToRows(pages, ctx);
  return {
    ...doc,
    source: { ...doc.source, pages: images.length },
    pages: result.pages,
    rows: result.rows,
    issues: [...doc.issues, ...result.issues],
  };
};
