/**
 * Rough captures made readable before the layout is searched: a photographed page found and
 * warped flat, and uneven light or grey paper evened out. A flatbed scan with even paper passes
 * unchanged, so clean scans are read exactly as before.
 */
import type { GrayImage } from '../image/gray.js';
import { grayToFlattened, grayToLevels, grayToPaperSpread, grayToStretched } from '../image/light.js';
import { grayToFlatPage, grayToPageQuad } from '../image/page-quad.js';
import { grayToSealCircles, sealCirclesToMask } from '../image/seal-shape.js';

/** Paper tone spread (grey levels) above which the light is evened out; flatbed scans stay well below. */
export const MAX_EVEN_PAPER_SPREAD = 25;

/** Paper darker than this (its typical grey) is lifted to white too: grey paper, low contrast. */
export const MIN_WHITE_PAPER = 200;

/** Ink (its darkest 0.2 %) closer than this to the paper (grey levels) is stretched to black; print on white is ~200 apart. */
export const MIN_INK_CONTRAST = 150;

/** What was done to a page before its layout was read. */
export interface Preparation {
  /** The paper was found in a photo and warped flat. */
  pageFound: boolean;
  /** The light was evened out. */
  flattened: boolean;
  /** The contrast was stretched. */
  stretched: boolean;
  /** Seals found by their shape (grey seals, which colour cannot tell from print). */
  greySeals: number;
  /** Milliseconds spent. */
  ms: number;
}

/** The median of the paper tone over the page. */
function paperLevel(img: GrayImage): number {
  const hist = new Uint32Array(256);
  for (let i = 0; i < img.data.length; i += 7) hist[img.data[i]!]!++;
  // The brightest level that a tenth of the pixels reach: the paper on a page mostly blank.
  let seen = 0;
  const total = Math.ceil(img.data.length / 7);
  for (let v = 255; v >= 0; v--) {
    seen += hist[v]!;
    if (seen >= 0.1 * total) return v;
  }
  return 255;
}

/** The page ready for deskew and layout. */
export function grayToPreparedPage(img: GrayImage): { image: GrayImage; preparation: Preparation } {
  const started = performance.now();
  let image = img;
  let pageFound = false;
  const quad = grayToPageQuad(image);
  if (quad) {
    const flat = grayToFlatPage(image, quad, image.seal ? [image.seal] : []);
    image = { ...flat.page, ...(image.seal ? { seal: flat.extra[0]! } : {}) };
    pageFound = true;
  }
  let flattened = false;
  if (pageFound || grayToPaperSpread(image) > MAX_EVEN_PAPER_SPREAD || paperLevel(image) < MIN_WHITE_PAPER) {
    image = grayToFlattened(image);
    flattened = true;
  }
  // Grey ink on grey paper: the darkest ink is made black and the paper white.
  const { ink, paper } = grayToLevels(image, 0.002, 0.1);
  const stretched = paper - ink < MIN_INK_CONTRAST;
  if (stretched) image = grayToStretched(image, ink, paper);
  // Grey seals join the red ones' mask, so what is read through them is doubted too.
  const circles = grayToSealCircles(image);
  if (circles.length > 0) {
    const mask = sealCirclesToMask(image, circles);
    if (image.seal) for (let i = 0; i < mask.length; i++) mask[i] = mask[i]! | image.seal[i]!;
    image = { ...image, seal: mask };
  }
  return { image, preparation: { pageFound, flattened, stretched, greySeals: circles.length, ms: performance.now() - started } };
}
