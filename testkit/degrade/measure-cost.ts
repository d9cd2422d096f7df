/**
 * Cost per page of the steps added for rough captures, on the kit's captures: finding the page
 * (and warping it when found), evening out light and contrast, finding grey seals by their shape
 * (part of preparing the page, also timed alone), and the second rulings pass, in milliseconds of
 * CPU time.
 *
 *   node dist/testkit/degrade/measure-cost.js CAPTURES_DIR CONDITION,…
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { binaryToRulings, binaryToUnitedRulings, dpiToRulingOptions } from '../../src/image/rulings.js';
import { bytesToGrayImage } from '../../src/image/gray.js';
import { grayToSealCircles } from '../../src/image/seal-shape.js';
import { grayToDeskewed } from '../../src/scan/layout.js';
import { grayToPreparedPage } from '../../src/scan/prepare-page.js';

const [dir, conditions] = process.argv.slice(2);
if (!dir || !conditions) {
  process.stderr.write('usage: node dist/testkit/degrade/measure-cost.js CAPTURES_DIR CONDITION,…\n');
  process.exit(2);
}
// CPU time of this process, not wall time: the machine may be busy with other work.
const now = (): number => process.cpuUsage().user / 1000;
const ms = (t: number) => Math.round(now() - t);
process.stdout.write('condition              pages  prepare ms/page  (found, flattened, stretched, grey seals)  of which seals ms/page  rulings one/united ms/page\n');
for (const cond of conditions.split(',')) {
  let prepare = 0;
  let one = 0;
  let united = 0;
  let seals = 0;
  let pages = 0;
  const did = { found: 0, flattened: 0, stretched: 0, seals: 0 };
  for (const f of (await readdir(join(dir, cond))).sort()) {
    const img = await bytesToGrayImage(await readFile(join(dir, cond, f)));
    let t = now();
    const { image, preparation } = grayToPreparedPage(img);
    prepare += ms(t);
    did.found += Number(preparation.pageFound);
    did.flattened += Number(preparation.flattened);
    did.stretched += Number(preparation.stretched);
    did.seals += preparation.greySeals;
    t = now();
    grayToSealCircles(image);
    seals += ms(t);
    const d = await grayToDeskewed(image);
    const h = dpiToRulingOptions(image.dpi, 'horizontal');
    const v = dpiToRulingOptions(image.dpi, 'vertical');
    t = now();
    binaryToRulings(d.lineBin, h, v);
    one += ms(t);
    t = now();
    binaryToUnitedRulings([d.lineBin, d.bin], h, v);
    united += ms(t);
    pages++;
  }
  process.stdout.write(
    `${cond.padEnd(22)} ${String(pages).padStart(5)}  ${String(Math.round(prepare / pages)).padStart(15)}  (${did.found}, ${did.flattened}, ${did.stretched}, ${did.seals})${' '.repeat(30)}${String(Math.round(seals / pages)).padStart(6)}${' '.repeat(20)}${Math.round(one / pages)}/${Math.round(united / pages)}\n`,
  );
}
