/**
 * Synthetic scans: forms from testkit/synth printed as text PDFs (testkit/pdf), each page rendered
 * at 300 dpi to grey pixels as a scanner would give them, optionally with an official stamp (盖章)
 * pressed over the table's top right and its option boxes. Pages go to the scan reader as images.
 */
import sharp from 'sharp';
import type { GrayImage } from '../../src/image/gray.js';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFJS_OPTIONS } from '../../src/pdf/open-pdf.js';
import { pdfPageToGray } from '../../src/scan/scanned-pdf.js';
import type { SynthForm } from '../synth/generate-form.js';
import { renderPdf, type PdfStyle, DEFAULT_PDF_STYLE } from '../pdf/render-pdf.js';

/** A round stamp: centre and radius as shares of the page width, ink grey (0 black, 255 white). */
export interface Stamp {
  cx: number;
  cy: number;
  radius: number;
  grey: number;
}

/** A CJK font the canvas draws the PDF's unembedded STSong-Light with (and its serif fallback). */
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

export async function registerCjkFont(): Promise<void> {
  const { GlobalFonts } = (await import('@napi-rs/canvas')) as unknown as { GlobalFonts: { registerFromPath: (path: string, alias?: string) => boolean } };
  for (const alias of ['STSong-Light', 'serif', 'sans-serif'])
    if (!GlobalFonts.registerFromPath(CJK_FONT, alias)) throw new Error(`no CJK font at ${CJK_FONT} (apt-get install fonts-wqy-microhei)`);
}

/** The form's pages as a 300 dpi scan. */
export async function renderScanPages(forms: readonly SynthForm[], style: PdfStyle = DEFAULT_PDF_STYLE): Promise<GrayImage[]> {
  const { bytes, pages } = renderPdf(forms, style);
  // The synthetic PDF names its fonts without embedding them: they are drawn with the system's
  // fonts (a CJK font must be installed, such as Debian's fonts-wqy-microhei).
  await registerCjkFont();
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes), ...PDFJS_OPTIONS, useSystemFonts: true, disableFontFace: false }).promise;
  try {
    const out: GrayImage[] = [];
    for (let n = 1; n <= pages; n++) out.push(await pdfPageToGray(pdf, n));
    return out;
  } finally {
    await pdf.destroy();
  }
}

/**
 * A stamp pressed on a page: a thick ring, an inner ring and a star, in a grey that darkens the
 * paper and the print under it (ink over ink stays the darker of the two), as a red seal looks
 * once scanned in grey.
 */
export function stampGray(page: GrayImage, stamp: Stamp): GrayImage {
  const data = new Uint8Array(page.data);
  const cx = stamp.cx * page.width;
  const cy = stamp.cy * page.width;
  const r = stamp.radius * page.width;
  const ring = r * 0.07;
  const inner = r * 0.82;
  const starR = r * 0.28;
  for (let y = Math.max(0, Math.floor(cy - r)); y < Math.min(page.height, Math.ceil(cy + r)); y++)
    for (let x = Math.max(0, Math.floor(cx - r)); x < Math.min(page.width, Math.ceil(cx + r)); x++) {
      const dx = x - cx;
      const dy = y - cy;
      const d = Math.hypot(dx, dy);
      // Five-pointed star: radius of its outline at this angle.
      const a = Math.atan2(dy, dx) + Math.PI / 2;
      const k = Math.abs(((a * 5) / (2 * Math.PI)) % 1 - 0.5) * 2;
      const inStar = d < starR * (0.45 + 0.55 * k);
      const inRing = (d <= r && d >= r - ring) || (d <= inner && d >= inner - ring * 0.4);
      if (inRing || inStar) {
        const i = y * page.width + x;
        data[i] = Math.min(data[i]!, stamp.grey);
      }
    }
  return { ...page, data };
}

/** PNG bytes of a page, for writing a fixture or handing to the CLI. */
export const grayToPngBytes = (page: GrayImage): Promise<Buffer> =>
  sharp(Buffer.from(page.data), { raw: { width: page.width, height: page.height, channels: 1 } })
    .withMetadata({ density: page.dpi })
    .png()
    .toBuffer();
