/** Clean colour pages of a printed form: every page of a PDF rendered with pdf.js and @napi-rs/canvas. */
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openPdf, PDFJS_OPTIONS } from '../../src/pdf/open-pdf.js';
import { registerCjkFont } from '../scan/render-scan.js';

/** One page as interleaved RGB, with its resolution. */
export interface RgbPage {
  width: number;
  height: number;
  data: Uint8Array;
  dpi: number;
}

type Canvas = { getContext: (t: '2d') => { fillStyle: string; fillRect: (...a: number[]) => void; getImageData: (...a: number[]) => { data: Uint8ClampedArray } } };

/**
 * Every page of the PDF rendered at `dpi` on white. `systemFonts`: the PDF names fonts it does not
 * embed (the generator's prints), drawn with the installed CJK font.
 */
export async function pdfToRgbPages(bytes: Uint8Array, dpi = 300, systemFonts = false): Promise<RgbPage[]> {
  const { createCanvas } = (await import('@napi-rs/canvas')) as unknown as { createCanvas: (w: number, h: number) => Canvas };
  if (systemFonts) await registerCjkFont();
  const pdf = systemFonts
    ? await pdfjs.getDocument({ data: new Uint8Array(bytes), ...PDFJS_OPTIONS, useSystemFonts: true, disableFontFace: false }).promise
    : await openPdf(bytes, 'form.pdf');
  const pages: RgbPage[] = [];
  try {
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const viewport = page.getViewport({ scale: dpi / 72 });
      const w = Math.ceil(viewport.width);
      const h = Math.ceil(viewport.height);
      const canvas = createCanvas(w, h);
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, w, h);
      await page.render({ canvasContext: context as never, canvas: canvas as never, viewport }).promise;
      const rgba = context.getImageData(0, 0, w, h).data;
      const rgb = new Uint8Array(w * h * 3);
      for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
        rgb[i] = rgba[j]!;
        rgb[i + 1] = rgba[j + 1]!;
        rgb[i + 2] = rgba[j + 2]!;
      }
      pages.push({ width: w, height: h, data: rgb, dpi });
      page.cleanup();
    }
  } finally {
    await pdf.destroy();
  }
  return pages;
}
