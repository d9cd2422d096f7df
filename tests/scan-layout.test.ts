/** Layout from pixels on a real page: a 150 dpi scan of seed 2, slightly rotated, with a stamp. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesToGrayImages } from '../src/image/gray.js';
import { deskewedToLayout, grayToDeskewed, type PageLayout } from '../src/scan/layout.js';

const PAGE = join(resolve(import.meta.dirname, '..'), 'fixtures', 'scan-page150', 'page.jpg');

let layout: PageLayout;

beforeAll(async () => {
  const [img] = await bytesToGrayImages(readFileSync(PAGE));
  layout = deskewedToLayout(1, await grayToDeskewed(img!));
});

const ticks = (l: PageLayout) =>
  l.regions
    .filter((r) => r.parts.some((p) => p.kind === 'box'))
    .map((r) => r.parts.filter((p) => p.kind === 'box').map((p) => (p.kind === 'box' && p.ticked ? 1 : 0)));

describe('deskewedToLayout on a 150 dpi scan', () => {
  it('reads the resolution and straightens the page', () => {
    expect(layout.dpi).toBe(150);
    expect(Math.abs(layout.skewDegrees)).toBeGreaterThan(0.2);
    expect(Math.abs(layout.skewDegrees)).toBeLessThan(2);
    expect(layout.width).toBeCloseTo(595, -1);
  });

  it('finds one table with the rows of the form', () => {
    const cells = layout.regions.filter((r) => r.kind === 'cell');
    expect(new Set(cells.map((c) => c.table))).toEqual(new Set([0]));
    const rows = new Set(cells.map((c) => c.row));
    expect(rows.size).toBeGreaterThanOrEqual(20);
    // 开始时间 | date | 结束时间 | date
    const dateRow = cells.filter((c) => c.row === 3);
    expect(dateRow).toHaveLength(4);
    // The budget label spans the header row and the item row.
    expect(cells.some((c) => (c.rowSpan ?? 1) === 2)).toBe(true);
  });

  it('reads the ticks from pixels: one box in each group, the right one', () => {
    expect(ticks(layout)).toEqual([
      [0, 0, 1, 0, 0],
      [0, 1, 0, 0, 0, 0],
    ]);
  });

  it('keeps the lines above the table and drops nothing inside the form as furniture', () => {
    const lines = layout.regions.filter((r) => r.kind === 'line');
    const tableTop = Math.min(...layout.regions.filter((r) => r.kind === 'cell').map((r) => r.bbox.y0));
    // 附件, the title, (2018年), 申报单位名称…
    expect(lines.filter((l) => l.bbox.y1 <= tableTop).length).toBeGreaterThanOrEqual(3);
    for (const l of lines) expect(l.bbox.y1).toBeLessThan(layout.height * 0.93);
  });

  it('names every crop it needs read, inside the page', () => {
    for (const c of layout.crops) {
      expect(c.rect.x0).toBeGreaterThanOrEqual(0);
      expect(c.rect.y0).toBeGreaterThanOrEqual(0);
      expect(c.rect.x1).toBeGreaterThan(c.rect.x0);
      expect(c.rect.y1).toBeGreaterThan(c.rect.y0);
    }
  });
});
