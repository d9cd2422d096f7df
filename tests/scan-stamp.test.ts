/**
 * Option rows under an official stamp, on synthetic pages rendered at 300 dpi and stamped in
 * grey (fixtures/scan-stamp): rulings and boxes found through the stamp's ink, the ticks read,
 * and an issue on the field whose tick box lies under the stamp.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesToGrayImages } from '../src/image/gray.js';
import type { Row } from '../src/model.js';
import { deskewedToLayout, grayToDeskewed, type PageLayout } from '../src/scan/layout.js';
import { stampedBoxesToIssues } from '../src/scan/stamp-doubts.js';

const DIR = resolve(import.meta.dirname, '..', 'fixtures', 'scan-stamp');

async function layoutOf(name: string): Promise<PageLayout> {
  const [img] = await bytesToGrayImages(readFileSync(join(DIR, name)));
  return deskewedToLayout(1, await grayToDeskewed(img!));
}

const optionRows = (l: PageLayout) => l.regions.filter((r) => r.parts.some((p) => p.kind === 'box'));
const ticks = (l: PageLayout) => optionRows(l).map((r) => r.parts.flatMap((p) => (p.kind === 'box' ? [p.ticked ? 1 : 0] : [])));

describe('a stamp over the right ends of the option rows', () => {
  let layout: PageLayout;
  beforeAll(async () => {
    layout = await layoutOf('ticks-clear.png');
  });

  it('keeps each option row one row of the table, with all its boxes and the visible ticks', () => {
    const rows = optionRows(layout);
    expect(rows.map((r) => r.row)).toEqual([1, 2]);
    expect(ticks(layout)).toEqual([
      [0, 0, 0, 1, 0],
      [0, 0, 1, 0, 0, 0],
    ]);
  });

  it('keeps the date row of four cells under the stamp', () => {
    expect(layout.regions.filter((r) => r.kind === 'cell' && r.row === 3)).toHaveLength(4);
  });
});

describe('a stamp over the ticked box', () => {
  let layout: PageLayout;
  beforeAll(async () => {
    layout = await layoutOf('tick-under-stamp.png');
  });

  it('finds the five boxes of 项目类型 in one row and marks those under the stamp', () => {
    const [first] = optionRows(layout);
    const boxes = first!.parts.filter((p) => p.kind === 'box');
    expect(boxes).toHaveLength(5);
    expect(boxes.some((b) => b.kind === 'box' && b.underStamp)).toBe(true);
  });

  it('puts an issue on the field the row answers', () => {
    const region = optionRows(layout)[0]!;
    const round2 = (n: number) => Math.round(n * 100) / 100;
    const row: Row = {
      page: 1,
      pageBreakBefore: false,
      cells: [
        { col: 0, colSpan: 1, rowSpan: 1, text: '项目类型', page: 1, via: 'ocr' },
        { col: 1, colSpan: 3, rowSpan: 1, text: '…', page: 1, via: 'ocr', bbox: { x0: round2(region.bbox.x0), y0: round2(region.bbox.y0), x1: round2(region.bbox.x1), y1: round2(region.bbox.y1) } },
      ],
    };
    const issues = stampedBoxesToIssues([layout], [row]);
    expect(issues.map((i) => [i.code, i.field])).toEqual([['read.box-under-stamp', 'projectCategory']]);
  });
});
