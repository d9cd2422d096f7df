/**
 * Pages to rows: table rows and outside lines in reading order, page numbers left out, page
 * breaks marked, tables continued across pages on shared columns, the no-rules fallback, and the
 * reader stage's routing of pages without text to the scan reader.
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '../src/ingest/read-input.js';
import type { Doc, Page, Row, Segment, TextItem } from '../src/model.js';
import { charWeight } from '../src/pdf/chars.js';
import { charsToLines } from '../src/pdf/cell-text.js';
import { gapsToRowThreshold, linesToGutters, pageToRows, textPagesToRows } from '../src/pdf/page-rows.js';
import {
  ocrPagesWithoutTextWith,
  pagesToRows,
  pdfToRows,
  readPdfRows,
  readPdfTextLayer,
  reportPagesWithoutText,
  unusablePagesToIssues,
  type ScannedPagesReader,
} from '../src/pdf/read-pdf.js';
import { runStages } from '../src/pipeline.js';
import { makeIssue } from '../src/issues.js';
import { ucs2Hex, writePdf } from '../testkit/pdf/pdf-writer.js';

/** A line of glyphs at (x, y), 10.5 pt. */
function glyphs(text: string, x: number, y: number, page = 1, size = 10.5): TextItem[] {
  const out: TextItem[] = [];
  for (const ch of text) {
    const w = charWeight(ch) * size;
    out.push({ text: ch, bbox: { x0: x, y0: y, x1: x + w, y1: y + size }, page, via: 'pdf' });
    x += w;
  }
  return out;
}
const hr = (y: number, x0: number, x1: number): Segment => ({ x0, y0: y, x1, y1: y });
const vr = (x: number, y0: number, y1: number): Segment => ({ x0: x, y0, x1: x, y1 });

/** Rules of a table with columns at `xs` and rows at `ys`, every cell closed. */
const table = (xs: number[], ys: number[]): Segment[] => [...ys.map((y) => hr(y, xs[0]!, xs[xs.length - 1]!)), ...xs.map((x) => vr(x, ys[0]!, ys[ys.length - 1]!))];

const page = (number: number, items: TextItem[], rulings: Segment[]): Page => ({ number, width: 595, height: 842, items, rulings });
const texts = (rows: readonly Row[]) => rows.map((r) => r.cells.map((c) => c.text));

describe('pageToRows', () => {
  it('gives the title lines and the table rows in reading order, footer left out', () => {
    const p = page(
      1,
      [
        ...glyphs('上海市财政支出项目绩效目标申报表', 150, 60),
        ...glyphs('(2018年)', 270, 85),
        ...glyphs('项目名称', 65, 125),
        ...glyphs('在线学习工作经费', 165, 125),
        ...glyphs('开始时间', 65, 155),
        ...glyphs('2018/1/1', 165, 155),
        ...glyphs('结束时间', 305, 155),
        ...glyphs('2018/12/31', 405, 155),
        ...glyphs('第 1 页 共 2 页', 260, 805),
      ],
      [...table([60, 160, 540], [120, 145]), ...table([60, 160, 300, 400, 540], [145, 170])],
    );
    const rows = pageToRows(p);
    expect(texts(rows)).toEqual([['上海市财政支出项目绩效目标申报表'], ['(2018年)'], ['项目名称', '在线学习工作经费'], ['开始时间', '2018/1/1', '结束时间', '2018/12/31']]);
    expect(rows[2]!.cells.map((c) => [c.col, c.colSpan])).toEqual([
      [0, 1],
      [1, 3],
    ]);
    expect(rows[2]!.cells[1]).toMatchObject({ page: 1, via: 'pdf', bbox: { x0: 160, y0: 120, x1: 540, y1: 145 } });
  });

  it('splits a run that crosses a cell border between the two cells', () => {
    const run: TextItem = { text: '项目名称在线学习', bbox: { x0: 65, y0: 125, x1: 149, y1: 135.5 }, page: 1, via: 'pdf' };
    // 8 full-width characters of 10.5 pt from x 65: the border at x 107 falls after the fourth.
    const rows = pageToRows(page(1, [run], table([60, 107, 300], [120, 145])));
    expect(texts(rows)).toEqual([['项目名称', '在线学习']]);
  });

  it('takes a frame around the page for no table: the table inside keeps its text', () => {
    const p = page(1, [...glyphs('项目名称', 65, 125), ...glyphs('在线学习', 165, 125), ...glyphs('填报人：张三', 65, 300)], [...table([30, 565], [30, 812]), ...table([60, 160, 540], [120, 145])]);
    expect(texts(pageToRows(p))).toEqual([['项目名称', '在线学习'], ['填报人：张三']]);
  });
  it('falls back to rows and aligned columns when the page has no rules', () => {
    const p = page(1, [...glyphs('项目名称', 60, 100), ...glyphs('在线学习工作经费', 200, 100), ...glyphs('项目类型', 60, 130), ...glyphs('结转项目☑', 202, 130)], []);
    const rows = pageToRows(p);
    expect(texts(rows)).toEqual([
      ['项目名称', '在线学习工作经费'],
      ['项目类型', '结转项目☑'],
    ]);
    expect(rows.map((r) => r.cells.map((c) => c.col))).toEqual([
      [0, 1],
      [0, 1],
    ]);
  });
});

describe('borderless tables', () => {
  it('keeps a wrapped cell and the label centred beside it in one row', () => {
    // Label column 60–170, value column from 180; row pitch 23 pt, line pitch 15 pt inside a cell.
    const p = page(
      1,
      [
        ...glyphs('项目名称', 65, 100),
        ...glyphs('在线学习工作经费', 180, 100),
        ...glyphs('项目一二三四五六七八九十一二三四五六七八九十', 180, 123),
        ...glyphs('项目概况', 65, 130.5),
        ...glyphs('二三四五六七八九十。', 180, 138),
        ...glyphs('立项依据', 65, 161),
        ...glyphs('依据文件。', 180, 161),
      ],
      [],
    );
    expect(texts(pageToRows(p))).toEqual([
      ['项目名称', '在线学习工作经费'],
      ['项目概况', '项目一二三四五六七八九十一二三四五六七八九十二三四五六七八九十。'],
      ['立项依据', '依据文件。'],
    ]);
  });
  it('finds the gutters no line crosses, even under a centred title', () => {
    const lines = charsToLines([
      ...glyphs('上海市财政支出项目绩效目标申报表', 100, 20),
      ...Array.from({ length: 12 }, (_, i) => [...glyphs('标签', 65, 50 + i * 20), ...glyphs('内容内容', 180, 50 + i * 20)]).flat(),
    ]);
    const gutters = linesToGutters(lines);
    expect(gutters).toHaveLength(1);
    expect(gutters[0]![0]).toBeGreaterThanOrEqual(86);
    expect(gutters[0]![1]).toBeLessThanOrEqual(181);
  });
  it.each([
    { gaps: [4.7, 4.7, 12.7, 12.7, 4.7, 9.3], size: 10.5, expected: 7 },
    { gaps: [12.7, 12.7, 12.9], size: 10.5, expected: null },
    { gaps: [], size: 10.5, expected: null },
  ])('row threshold of gaps $gaps', ({ gaps, size, expected }) => {
    const t = gapsToRowThreshold(gaps, size);
    if (expected === null) expect(t).toBeNull();
    else expect(t).toBeCloseTo(expected, 0);
  });
});

describe('textPagesToRows', () => {
  it('numbers a table continued on the next page on the columns of both parts', () => {
    // Page 1: a header row with columns 60|160|300|540 and a first indicator; the table runs to the page's foot.
    const p1 = page(1, [...glyphs('分解目标内容', 62, 705), ...glyphs('绩效指标', 162, 705), ...glyphs('指标目标值', 302, 705), ...glyphs('产出目标', 62, 735), ...glyphs('数量', 162, 735), ...glyphs('≥1500', 302, 735)], [
      ...table([60, 160, 300, 540], [700, 725]),
      hr(750, 160, 540),
      vr(60, 725, 780),
      vr(160, 725, 750),
      vr(300, 725, 750),
      vr(540, 725, 750),
    ]);
    // Page 2: only the last two columns' boundary differs from page 1's by a new rule at 420.
    const p2 = page(2, [...glyphs('质量', 162, 65), ...glyphs('合格', 302, 65), ...glyphs('达标', 422, 65)], [...table([60, 160, 300, 420, 540], [60, 85])]);
    const rows = textPagesToRows([p1, p2]);
    const second = rows.get(2)!;
    // On page 2 alone the target column would be 2 as well; with a column at 420 that page 1 lacks, page 1's target cell spans 2.
    expect(rows.get(1)!.find((r) => r.cells.some((c) => c.text === '指标目标值'))!.cells.at(-1)).toMatchObject({ col: 2, colSpan: 2 });
    expect(second[0]!.cells.map((c) => [c.text, c.col, c.colSpan])).toEqual([
      ['', 0, 1],
      ['质量', 1, 1],
      ['合格', 2, 1],
      ['达标', 3, 1],
    ]);
  });
});

describe('pagesToRows', () => {
  it('marks the first row after each page break and merges rows read by OCR in page order', () => {
    const textPage = (n: number, label: string) => page(n, [...glyphs(label, 65, 125, n), ...glyphs('值', 165, 125, n)], table([60, 160, 540], [120, 145]));
    const scanned: Row = { cells: [{ col: 0, colSpan: 1, rowSpan: 1, text: '项目概况', page: 2, via: 'ocr' }], page: 2, pageBreakBefore: false };
    const ocrPage: Page = { number: 2, width: 595, height: 842, items: [{ text: '项目概况', bbox: { x0: 0, y0: 0, x1: 40, y1: 10 }, page: 2, via: 'ocr' }], rulings: [] };
    const rows = pagesToRows([textPage(1, '项目名称'), ocrPage, textPage(3, '备注')], [scanned]);
    expect(rows.map((r) => [r.page, r.cells[0]!.text, r.pageBreakBefore])).toEqual([
      [1, '项目名称', false],
      [2, '项目概况', true],
      [3, '备注', true],
    ]);
  });
});

describe('readPdfRows', () => {
  it('reads a PDF file into rows with pages and provenance', async () => {
    const path = new URL('../fixtures/pdf-seed2/input.pdf', import.meta.url).pathname;
    const doc = await readPdfRows(path);
    expect(doc.source).toMatchObject({ kind: 'pdf', pages: 1 });
    expect(doc.rows.some((r) => r.cells.some((c) => c.text === '项目名称'))).toBe(true);
    expect(doc.rows.every((r) => r.cells.every((c) => c.via === 'pdf' && c.page === 1 && c.bbox !== undefined))).toBe(true);
  });
  it('refuses a file that is no PDF', async () => {
    const path = new URL('../fixtures/pdf-wingdings-boxes/README.md', import.meta.url).pathname;
    await expect(readPdfRows(path)).rejects.toMatchObject({ reason: 'not-a-pdf' });
  });
});

describe('the PDF reading stages', () => {
  /** A two-page PDF: page 1 with a ruled table and text, page 2 with rules only (a scan would have an image). */
  function mixedPdf(): Uint8Array {
    const textPage = `BT /F1 10.5 Tf 65 710 Td ${ucs2Hex('项目名称')} Tj ET\nBT /F1 10.5 Tf 165 710 Td ${ucs2Hex('在线学习')} Tj ET\n0.5 w 60 700 480 25 re S 160 700 m 160 725 l S`;
    return writePdf([
      { width: 595, height: 842, content: textPage },
      { width: 595, height: 842, content: '0.5 w 60 700 480 25 re S' },
    ]);
  }
  const docOf = (bytes: Uint8Array): Doc => ({
    source: { path: 'mixed.pdf', sha256: sha256(bytes), kind: 'pdf', bytes: bytes.length, pages: 0 },
    parts: [bytes],
    pages: [],
    rows: [],
    forms: [],
    issues: [],
  });

  it('sends the pages without text to the scan reader and keeps the text pages', async () => {
    const asked: number[][] = [];
    const fake: ScannedPagesReader = async (_doc, pdf, numbers) => {
      asked.push(numbers);
      expect(pdf.numPages).toBe(2);
      return {
        pages: numbers.map((n) => ({ number: n, width: 595, height: 842, items: [], rulings: [] })),
        rows: numbers.map((n) => ({ cells: [{ col: 0, colSpan: 1, rowSpan: 1, text: `OCR ${n}`, page: n, via: 'ocr' as const }], page: n, pageBreakBefore: false })),
        issues: numbers.map((n) => makeIssue('read.no-table', null, { page: n }, n, 'warning')),
      };
    };
    const done = await runStages([readPdfTextLayer, ocrPagesWithoutTextWith(fake), pdfToRows], docOf(mixedPdf()), {});
    expect(asked).toEqual([[2]]);
    expect(done.source.pages).toBe(2);
    expect(done.issues.map(({ code, page }) => ({ code, page }))).toEqual([{ code: 'read.no-table', page: 2 }]);
    expect(done.pages.every((p) => p.textLayerUnusable === undefined)).toBe(true);
    expect(texts(done.rows)).toEqual([['项目名称', '在线学习'], ['OCR 2']]);
    expect(done.rows.map((r) => r.pageBreakBefore)).toEqual([false, true]);
  });

  it('keeps the text pages when OCR fails, and reports the scanned pages', async () => {
    const failing: ScannedPagesReader = async () => {
      throw new Error('engine did not start');
    };
    const done = await runStages([readPdfTextLayer, ocrPagesWithoutTextWith(failing), pdfToRows], docOf(mixedPdf()), {});
    expect(done.issues.map(({ code, page }) => ({ code, page }))).toEqual([{ code: 'read.ocr-failed', page: 2 }]);
    expect(texts(done.rows)).toEqual([['项目名称', '在线学习']]);
  });

  it('without a scan reader, reports each page without text as an issue and gives it no rows', async () => {
    const done = await runStages([readPdfTextLayer, reportPagesWithoutText, pdfToRows], docOf(mixedPdf()), {});
    expect(done.issues.map(({ code, page }) => ({ code, page }))).toEqual([{ code: 'read.no-text-layer', page: 2 }]);
    expect(done.rows.every((r) => r.page === 1)).toBe(true);
  });

  it('words the issue by reason', () => {
    const issues = unusablePagesToIssues([
      { page: 1, usability: { usable: true, reason: null, chars: 10, badChars: 0 } },
      { page: 3, usability: { usable: false, reason: 'garbled', chars: 10, badChars: 9 } },
    ]);
    expect(issues).toEqual([expect.objectContaining({ code: 'read.no-text-layer', page: 3, severity: 'error', field: null })]);
  });
});
