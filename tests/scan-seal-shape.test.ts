/**
 * Grey seals found by their shape (a ring of pale, thick ink), since colour cannot tell them from
 * print: found where they were pressed on the seed 2 print and on the stamped scans, never on
 * print alone (clean, blurred, 150 dpi), and the boxes and readings under them doubted. No OCR.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesToGrayImage, type GrayImage } from '../src/image/gray.js';
import { grayToSealCircles, sealCirclesToMask } from '../src/image/seal-shape.js';
import { deskewedToLayout, grayToDeskewed } from '../src/scan/layout.js';
import { grayToPreparedPage } from '../src/scan/prepare-page.js';
import { boxIsUnderSeal, rulingsOffSeal } from '../src/scan/seal-overlap.js';
import { CONDITIONS } from '../testkit/degrade/conditions.js';
import { pdfToRgbPages, type RgbPage } from '../testkit/degrade/render-pages.js';
import { stampGray } from '../testkit/scan/render-scan.js';
import { makeRandom } from '../testkit/synth/random.js';

const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures');
const PRINT = resolve(FIXTURES, 'pdf-seed2', 'input.pdf');

let page: RgbPage;

async function capture(condition: string): Promise<GrayImage> {
  const c = CONDITIONS.find((x) => x.name === condition)!;
  return bytesToGrayImage((await c.degrade(page, makeRandom(`${condition}:seed2:1`))).bytes);
}

describe('grey seals found by shape', { timeout: 180_000 }, () => {
  let clean: GrayImage;
  beforeAll(async () => {
    page = (await pdfToRgbPages(readFileSync(PRINT)))[0]!;
    clean = await capture('clean300');
  }, 180_000);

  it.each([
    { cx: 0.7, cy: 0.25, radius: 0.1, grey: 150 },
    { cx: 0.35, cy: 0.6, radius: 0.075, grey: 120 },
    { cx: 0.8, cy: 0.9, radius: 0.09, grey: 175 },
  ])('finds a grey stamp pressed over print at ($cx, $cy), radius $radius, grey $grey', (stamp) => {
    const stamped = stampGray(clean, stamp);
    const circles = grayToSealCircles(stamped);
    expect(circles).toHaveLength(1);
    const [c] = circles;
    const r = stamp.radius * clean.width;
    expect(Math.hypot(c!.cx - stamp.cx * clean.width, c!.cy - stamp.cy * clean.width)).toBeLessThan(0.1 * r);
    expect(Math.abs(c!.r - r)).toBeLessThan(0.12 * r);
  });

  it.each(['clean300', 'jpeg-blur', 'dpi150'])('finds none on print alone (%s)', async (condition) => {
    const { image } = grayToPreparedPage(await capture(condition));
    expect(grayToSealCircles(image)).toEqual([]);
  });

  it('finds the stamp of each stamped scan', async () => {
    for (const name of ['ticks-clear.png', 'tick-under-stamp.png']) {
      const img = await bytesToGrayImage(readFileSync(resolve(FIXTURES, 'scan-stamp', name)));
      expect(grayToSealCircles(img)).toHaveLength(1);
    }
  });

  it('puts the seal in the page mask, so the option boxes under it are doubted', async () => {
    const stampedBoxes = async (img: GrayImage) => {
      const { image, preparation } = grayToPreparedPage(img);
      const layout = deskewedToLayout(1, await grayToDeskewed(image));
      const boxes = layout.regions.flatMap((r) => r.parts).filter((p) => p.kind === 'box');
      return { seals: preparation.greySeals, boxes: boxes.length, underSeal: boxes.filter((p) => p.kind === 'box' && p.underStamp).length };
    };
    // Over the right end of the option rows (项目类型, 资金用途), as in the kit's captures.
    const sealed = await stampedBoxes(stampGray(clean, { cx: 0.72, cy: 0.36, radius: 0.09, grey: 160 }));
    const plain = await stampedBoxes(clean);
    expect(plain).toMatchObject({ seals: 0, underSeal: 0 });
    expect(sealed.seals).toBe(1);
    expect(sealed.boxes).toBe(plain.boxes);
    expect(sealed.underSeal).toBeGreaterThan(0);
  });
});

describe('seal ink against boxes and rulings', () => {
  // A 100 × 100 page with a pale ring of radius 20 round (30, 30) on white.
  const page: GrayImage = { width: 100, height: 100, dpi: 300, data: new Uint8Array(100 * 100).fill(255) };
  for (let y = 0; y < 100; y++) for (let x = 0; x < 100; x++) if (Math.abs(Math.hypot(x - 30, y - 30) - 20) < 2) page.data[y * 100 + x] = 160;
  for (let y = 80; y < 95; y++) for (let x = 80; x < 95; x++) page.data[y * 100 + x] = 0; // some print, so the page has an ink level
  const mask = sealCirclesToMask(page, [{ cx: 30, cy: 30, r: 20, cover: 1 }]);

  it('tells a box with seal ink in it from one beside the seal', () => {
    expect(boxIsUnderSeal(mask, 100, 100, { x0: 45, y0: 25, x1: 55, y1: 35 })).toBe(true);
    expect(boxIsUnderSeal(mask, 100, 100, { x0: 60, y0: 25, x1: 70, y1: 35 })).toBe(false);
    expect(boxIsUnderSeal(undefined, 100, 100, { x0: 45, y0: 25, x1: 50, y1: 35 })).toBe(false);
  });

  it('drops a short ruling along the ring’s flank and keeps one crossing the seal', () => {
    const flank = { pos: 50, from: 24, to: 37, thickness: 2 };
    const crossing = { pos: 30, from: 0, to: 100, thickness: 2 };
    expect(rulingsOffSeal(mask, 100, 100, [flank, crossing], 'vertical', 2)).toEqual([crossing]);
    expect(rulingsOffSeal(undefined, 100, 100, [flank], 'vertical', 2)).toEqual([flank]);
  });
});
