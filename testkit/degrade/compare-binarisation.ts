/**
 * Global against local thresholds on the kit's captures, measured on structure alone (no OCR):
 * the table cells the layout finds on each capture against those on the clean print, for Otsu on
 * the page as captured, Otsu after the light is evened out (what the reader does), and Sauvola.
 *
 *   node dist/testkit/degrade/compare-binarisation.js CAPTURES_DIR CONDITION,…
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bytesToGrayImage, type GrayImage } from '../../src/image/gray.js';
import { grayToFlattened } from '../../src/image/light.js';
import { grayToFlatPage, grayToPageQuad } from '../../src/image/page-quad.js';
import { deskewedToLayout, grayToDeskewed } from '../../src/scan/layout.js';

const cells = async (img: GrayImage, binarise: 'otsu' | 'sauvola'): Promise<{ cells: number; ms: number }> => {
  const t = performance.now();
  const d = await grayToDeskewed(img, binarise);
  const n = deskewedToLayout(1, d).regions.filter((r) => r.kind === 'cell').length;
  return { cells: n, ms: performance.now() - t };
};

const [dir, conditions] = process.argv.slice(2);
if (!dir || !conditions) {
  process.stderr.write('usage: node dist/testkit/degrade/compare-binarisation.js CAPTURES_DIR CONDITION,…\n');
  process.exit(2);
}
process.stdout.write('capture                         clean  otsu  flat+otsu  sauvola  (cells; ms otsu/sauvola)\n');
for (const cond of conditions.split(',')) {
  for (const f of (await readdir(join(dir, cond))).sort()) {
    const clean = await cells(await bytesToGrayImage(await readFile(join(dir, 'clean300', f))), 'otsu');
    let img = await bytesToGrayImage(await readFile(join(dir, cond, f)));
    const quad = grayToPageQuad(img);
    if (quad) img = grayToFlatPage(img, quad).page;
    const otsu = await cells(img, 'otsu');
    const flat = await cells(grayToFlattened(img), 'otsu');
    const sauvola = await cells(img, 'sauvola');
    process.stdout.write(
      `${`${cond}/${f}`.padEnd(32)}${String(clean.cells).padStart(5)}${String(otsu.cells).padStart(6)}${String(flat.cells).padStart(11)}${String(sauvola.cells).padStart(9)}  ${Math.round(otsu.ms)}/${Math.round(sauvola.ms)}\n`,
    );
  }
}
