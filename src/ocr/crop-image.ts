/**
 * OCR crops to and from image files: decoding a crop saved as PNG or JPEG (fixtures, tools) and
 * encoding one as PGM, the plainest format tesseract's image reader takes (no compression to
 * spend time on).
 */
import sharp from 'sharp';
import type { OcrCrop } from './engine.js';

/** Decodes an image file's bytes to a grey crop. */
export async function imageBytesToCrop(bytes: Uint8Array): Promise<OcrCrop> {
  const { data, info } = await sharp(bytes).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const grey = new Uint8Array(info.width * info.height);
  // After greyscale() every channel holds the grey value; keep the first.
  for (let i = 0; i < grey.length; i++) grey[i] = data[i * info.channels]!;
  return { width: info.width, height: info.height, data: grey };
}

/** A crop as a binary PGM (P5) file: a short text header, then the pixels as they are. */
export function cropToPgm(crop: OcrCrop): Buffer {
  const header = Buffer.from(`P5\n${crop.width} ${crop.height}\n255\n`, 'latin1');
  return Buffer.concat([header, crop.data]);
}
