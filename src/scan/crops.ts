/**
 * The crops of a page handed to OCR: one rectangle of the page's grey pixels, scaled, with the
 * paper above a grey level made white and a white margin round it. Raw pixels throughout: the
 * engines take them as they are (no image file is encoded or decoded per crop).
 */
import sharp from 'sharp';
import type { GrayImage } from '../image/gray.js';
import type { BBox } from '../model.js';
import type { OcrCrop } from '../ocr/engine.js';

/**
 * One rectangle of the page for OCR, scaled by `scale`, with every pixel at or above
 * `whiteAbove` made white (drops a pale stamp or paper tone without touching the dark strokes),
 * and `padPx` of white round it (tesseract reads text touching the border poorly).
 */
export async function grayToOcrCrop(img: GrayImage, rect: BBox, scale = 1, whiteAbove = 256, padPx = 8): Promise<OcrCrop> {
  const x0 = Math.max(0, Math.floor(rect.x0));
  const y0 = Math.max(0, Math.floor(rect.y0));
  const x1 = Math.min(img.width, Math.ceil(rect.x1));
  const y1 = Math.min(img.height, Math.ceil(rect.y1));
  const w = Math.max(1, x1 - x0);
  const h = Math.max(1, y1 - y0);
  const cut = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = img.data.subarray((y0 + y) * img.width + x0, (y0 + y) * img.width + x0 + Math.min(w, x1 - x0));
    if (whiteAbove > 255) cut.set(row, y * w);
    else for (let x = 0; x < row.length; x++) cut[y * w + x] = row[x]! >= whiteAbove ? 255 : row[x]!;
  }
  let pixels = { width: w, height: h, data: cut };
  if (scale !== 1) {
    const width = Math.max(1, Math.round(w * scale));
    const height = Math.max(1, Math.round(h * scale));
    // Only pages below 300 dpi and the re-readings at other scales come here; sharp's cubic kernel
    // keeps thin strokes sharper than a linear one.
    const data = await sharp(cut, { raw: { width: w, height: h, channels: 1 } }).resize(width, height, { kernel: 'cubic' }).toColourspace('b-w').raw().toBuffer();
    pixels = { width, height, data: new Uint8Array(data.buffer, data.byteOffset, width * height) };
  }
  return padWhite(pixels, padPx);
}

/** The pixels with `pad` white pixels on every side. */
function padWhite(crop: OcrCrop, pad: number): OcrCrop {
  if (pad <= 0) return crop;
  const width = crop.width + 2 * pad;
  const height = crop.height + 2 * pad;
  const data = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < crop.height; y++) data.set(crop.data.subarray(y * crop.width, (y + 1) * crop.width), (y + pad) * width + pad);
  return { width, height, data };
}
