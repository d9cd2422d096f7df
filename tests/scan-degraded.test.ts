/**
 * Rough captures from the degradation kit (testkit/degrade/), made from the seed 2 print exactly as
 * `make-captures` makes them: the pixel stages must find the same table on each as on the clean
 * capture. A photo's page is found and flattened, uneven light evened out, a red seal taken out by
 * colour (and the readings under it doubted), a flatbed scan left as it is. No OCR.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesToGrayImage, type GrayImage } from '../src/image/gray.js';
import { grayToPaperSpread } from '../src/image/light.js';
import { makeRandom } from '../testkit/synth/random.js';
import { deskewedToLayout, grayToDeskewed, type PageLayout } from '../src/scan/layout.js';
import { grayToPreparedPage, type Preparation } from '../src/scan/prepare-page.js';
import { MAX_SEAL_SHARE, rectsToSealShares } from '../src/scan/seal-overlap.js';
import { CONDITIONS } from '../testkit/degrade/conditions.js';
import { pdfToRgbPages, type RgbPage } from '../testkit/degrade/render-pages.js';

const PRINT = resolve(import.meta.dirname, '..', 'fixtures', 'pdf-seed2', 'input.pdf');

let page: RgbPage;

async function capture(condition: string): Promise<GrayImage> {
  const c = CONDITIONS.find((x) => x.name === condition)!;
  const { bytes } = await c.degrade(page, makeRandom(`${condition}:seed2:1`));
  return bytesToGrayImage(bytes);
}

async function read(condition: string): Promise<{ captured: GrayImage; prepared: GrayImage; preparation: Preparation; layout: PageLayout; sealShares: number[] }> {
  const captured = await capture(condition);
  const { image: prepared, preparation } = grayToPreparedPage(captured);
  const deskewed = await grayToDeskewed(prepared);
  const layout = deskewedToLayout(1, deskewed);
  const sealShares = rectsToSealShares(deskewed.gray.seal, deskewed.gray.width, deskewed.gray.height, layout.crops.map((c) => c.rect));
  return { captured, prepared, preparation, layout, sealShares };
}

/** The table's shape: per table row, how many cells it has. */
const shape = (layout: PageLayout): number[] => {
  const rows = new Map<string, number>();
  for (const r of layout.regions) if (r.kind === 'cell') rows.set(`${r.table}:${r.row}`, (rows.get(`${r.table}:${r.row}`) ?? 0) + 1);
  return [...rows.values()];
};

describe('degraded captures of seed 2: the same table as the clean capture', { timeout: 180_000 }, () => {
  let clean: Awaited<ReturnType<typeof read>>;
  beforeAll(async () => {
    page = (await pdfToRgbPages(readFileSync(PRINT)))[0]!;
    clean = await read('clean300');
  }, 180_000);

  it('leaves a clean flatbed capture as it is', () => {
    expect(clean.preparation).toMatchObject({ pageFound: false, flattened: false });
    expect(clean.prepared).toBe(clean.captured);
    expect(shape(clean.layout).length).toBeGreaterThan(15);
  });

  it('finds the page in a phone photo and warps it flat to A4 at the photo’s resolution', async () => {
    const photo = await read('photo');
    expect(photo.preparation).toMatchObject({ pageFound: true, flattened: true });
    expect(photo.prepared.height / photo.prepared.width).toBeCloseTo(297 / 210, 2);
    expect(photo.prepared.dpi).toBeGreaterThan(150);
    expect(photo.prepared.dpi).toBeLessThan(260);
    expect(shape(photo.layout)).toEqual(shape(clean.layout));
  });

  it('evens out light falling off towards a corner', async () => {
    const lit = await read('lighting');
    expect(grayToPaperSpread(lit.captured)).toBeGreaterThan(25);
    expect(lit.preparation.flattened).toBe(true);
    expect(grayToPaperSpread(lit.prepared)).toBeLessThan(10);
    expect(shape(lit.layout)).toEqual(shape(clean.layout));
  });

  it('takes red seals out by colour and doubts the crops under them', async () => {
    const sealed = await read('seals');
    const seal = sealed.captured.seal!;
    expect(seal).toBeDefined();
    // Where the red ink was, the grey page is paper (black print under it aside).
    const under: number[] = [];
    for (let i = 0; i < seal.length; i++) if (seal[i]) under.push(sealed.captured.data[i]!);
    under.sort((a, b) => a - b);
    expect(under.length).toBeGreaterThan(10_000);
    expect(under[Math.floor(under.length / 2)]).toBeGreaterThan(225);
    expect(sealed.preparation.pageFound).toBe(false);
    // A grey seal cannot be told from print by colour: its ring may split one row's cell.
    const got = shape(sealed.layout);
    const want = shape(clean.layout);
    expect(got).toHaveLength(want.length);
    expect(got.filter((c, i) => c !== want[i]).length).toBeLessThanOrEqual(1);
    expect(sealed.sealShares.some((s) => s > MAX_SEAL_SHARE)).toBe(true);
    expect(clean.sealShares.every((s) => s === 0)).toBe(true);
  });

  it.each(['dpi200-low-contrast', 'dpi150', 'jpeg-blur', 'skew'])('finds the same table at %s', async (condition) => {
    const r = await read(condition);
    expect(r.preparation.pageFound).toBe(false);
    expect(shape(r.layout)).toEqual(shape(clean.layout));
  });
});
