/**
 * Grey page images in memory: decoding (PNG, JPEG, TIFF with all its pages) with sharp, and
 * rotation. sharp is used because it decodes every format we meet with
 * libvips's own prebuilt binaries (no system libraries, no network at install), streams large
 * scans with little memory, and rotates/crops/encodes far faster than pure-JS decoders.
 */
import sharp from 'sharp';
import { rgbToGrayWithoutRed } from './colour.js';

/** One grey page: one byte per pixel, 0 black … 255 white, row-major. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
  /** Scan resolution in dots per inch (pixels → points: × 72 / dpi). */
  dpi: number;
  /** Colour pages with a red seal: 255 where the seal's ink was (removed from `data`). */
  seal?: Uint8Array;
}

/** A4 width in inches, used to guess the resolution of an image without a usable density. */
const A4_WIDTH_IN = 8.27;

/**
 * The resolution of a scan: its recorded density when that gives a plausible paper size (5–17 in),
 * otherwise the density that makes it A4 (portrait or landscape).
 */
export function sizeToDpi(width: number, height: number, density: number | undefined): number {
  if (density && density >= 50 && density <= 1200) {
    const wIn = width / density;
    if (wIn >= 5 && wIn <= 17) return density;
  }
  const portrait = height >= width;
  return Math.round((portrait ? width : height) / A4_WIDTH_IN) || 300;
}

/** The number of pages of an image file (a multi-page TIFF has several; other images one). */
export async function bytesToPageCount(bytes: Uint8Array): Promise<number> {
  return (await sharp(bytes).metadata()).pages ?? 1;
}

/** Decodes one page (0-based) of an image file to grey pixels. */
export async function bytesToGrayImage(bytes: Uint8Array, page = 0): Promise<GrayImage> {
  const meta = await sharp(bytes, { page }).metadata();
  const colour = (meta.channels ?? 1) >= 3 && meta.space !== 'b-w';
  let s = sharp(bytes, { page, limitInputPixels: 400_000_000 }).flatten({ background: '#ffffff' });
  if (!colour) s = s.grayscale();
  const { data, info } = await s.raw().toBuffer({ resolveWithObject: true });
  const dpi = sizeToDpi(info.width, info.height, meta.density);
  if (info.channels >= 3) {
    // Red seals are taken out by their colour before the page is made grey.
    const { gray, seal } = rgbToGrayWithoutRed(data, info.width, info.height, info.channels);
    return { width: info.width, height: info.height, data: gray, dpi, ...(seal ? { seal } : {}) };
  }
  const gray = info.channels === 1 ? data : rawToGray(data, info.channels);
  return {
    width: info.width,
    height: info.height,
    data: new Uint8Array(gray.buffer, gray.byteOffset, info.width * info.height),
    dpi,
  };
}

/** Decodes every page of an image file (multi-page TIFF gives several) to grey pixels. */
export async function bytesToGrayImages(bytes: Uint8Array): Promise<GrayImage[]> {
  const out: GrayImage[] = [];
  const pages = await bytesToPageCount(bytes);
  for (let page = 0; page < pages; page++) out.push(await bytesToGrayImage(bytes, page));
  return out;
}

/** Keeps the first channel of interleaved pixels (already grey after sharp's `grayscale`). */
function rawToGray(data: Uint8Array, channels: number): Uint8Array {
  const n = data.length / channels;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = data[i * channels]!;
  return out;
}

/** Grey pixels from 1, 3 or 4 interleaved channels (RGB by the ITU-R 601 luma weights). */
export function pixelsToGray(data: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: number): Uint8Array {
  if (channels === 1) return new Uint8Array(data);
  const out = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < out.length; i++, j += channels)
    out[i] = (data[j]! * 299 + data[j + 1]! * 587 + data[j + 2]! * 114) / 1000;
  return out;
}

/** The image rotated by `degrees` (clockwise) about its centre, same size, new corners white. */
export async function rotateGray(img: GrayImage, degrees: number): Promise<GrayImage> {
  if (Math.abs(degrees) < 0.01) return img;
  const turned = await rotatePlane(img.data, img.width, img.height, degrees, 255);
  return { ...img, data: turned, ...(img.seal ? { seal: await rotatePlane(img.seal, img.width, img.height, degrees, 0) } : {}) };
}

/** One plane of bytes rotated about its centre, same size, new corners `fill`. */
async function rotatePlane(plane: Uint8Array, width: number, height: number, degrees: number, fill: number): Promise<Uint8Array> {
  const img = { width, height };
  const { data, info } = await sharp(plane, { raw: { width, height, channels: 1 } })
    .rotate(degrees, { background: { r: fill, g: fill, b: fill } })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const src = info.channels === 1 ? data : rawToGray(data, info.channels);
  // Cut the enlarged canvas back to the original size around the centre.
  const ox = Math.floor((info.width - img.width) / 2);
  const oy = Math.floor((info.height - img.height) / 2);
  const out = new Uint8Array(img.width * img.height);
  for (let y = 0; y < img.height; y++) {
    const sy = y + oy;
    if (sy < 0 || sy >= info.height) continue;
    const start = sy * info.width + ox;
    out.set(src.subarray(start, start + img.width), y * img.width);
  }
  return out;
}
