/**
 * The second reader of a scan's key values: which crops it reads again (on a recorded page
 * layout), how two readings of a cell become its text, confidence and other reading, and the
 * issue a field gets when its readings differ.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formStages } from '../pipelines/common.js';
import type { Doc, Row } from '../src/model.js';
import { runStages } from '../src/pipeline.js';
import { layoutsToRows, regionToText, type PageOcr } from '../src/scan/assemble.js';
import type { LayoutRegion, PageLayout } from '../src/scan/layout.js';
import { KEY_VALUE_MAX_CHARS, layoutToKeyValueCrops, readingsAgree } from '../src/scan/second-reading.js';
import { ocrTextToCellText } from '../src/scan/clean-text.js';
import { joinValues, cellsToValue } from '../src/map/join-values.js';

const FIXTURE = resolve(import.meta.dirname, '..', 'fixtures', 'scan-seed2', 'recorded-ocr.json');
const recorded = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { layouts: PageLayout[]; ocr: PageOcr[] };
const layout = recorded.layouts[0]!;
const firstTexts = recorded.ocr[0]!.map((r) => r.text);

const word = (text: string, confidence: number) => ({ text, confidence, words: [{ text, confidence, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 } }] });

describe('layoutToKeyValueCrops on the recorded seed 2 page', () => {
  const crops = layoutToKeyValueCrops(layout, firstTexts);
  const texts = crops.map((i) => ocrTextToCellText(firstTexts[i]!));

  it('reads the key values again: project name, amounts, dates', () => {
    expect(texts).toContain('300000.00');
    expect(texts.some((t) => t.startsWith('组织部弱电会议系统'))).toBe(true);
    expect(texts).toContain('2018-12-31');
    expect(texts).toContain('财务竣工报告编制及时性');
    expect(texts).toContain('100%');
  });

  it('reads the unit line above the table again, and no other line', () => {
    const lines = crops.filter((i) => layout.regions.some((r) => r.kind === 'line' && r.parts.some((p) => p.kind === 'text' && p.crop === i)));
    expect(lines.map((i) => ocrTextToCellText(firstTexts[i]!))).toEqual([expect.stringMatching(/^申报单位名称[:：]/)]);
  });

  it('leaves out prose, exact labels and the options beside tick boxes', () => {
    expect(texts.every((t) => t.length <= KEY_VALUE_MAX_CHARS)).toBe(true);
    expect(texts).not.toContain('项目名称');
    const optionCrops = new Set(layout.regions.filter((r) => r.parts.some((p) => p.kind === 'box')).flatMap((r) => r.parts.flatMap((p) => (p.kind === 'text' ? [p.crop] : []))));
    expect(optionCrops.size).toBeGreaterThan(0);
    for (const c of crops) expect(optionCrops.has(c)).toBe(false);
    expect(crops.length).toBeLessThan(layout.crops.length);
  });

  it('skips crops already settled by the vote on malformed values', () => {
    const skip = new Set(crops.slice(0, 3));
    expect(layoutToKeyValueCrops(layout, firstTexts, skip)).toEqual(crops.slice(3));
  });
});

describe('regionToText with a second reading', () => {
  const region: LayoutRegion = { kind: 'cell', bbox: { x0: 0, y0: 0, x1: 10, y1: 10 }, parts: [{ kind: 'text', crop: 0 }] };

  it('raises the confidence when both readings agree (blanks and thousands separators aside)', () => {
    const r = regionToText(region, [{ ...word('1,665,500.00', 0.8), second: '1665500.00' }]);
    expect(r.text).toBe('1,665,500.00');
    expect(r.confidence).toBeCloseTo(0.96);
    expect(r.otherReading).toBeUndefined();
  });

  it('keeps the first reading and carries the other when they differ', () => {
    const r = regionToText(region, [{ ...word('办公楼修工程', 0.95), second: '办公楼修缮工程' }]);
    expect(r.text).toBe('办公楼修工程');
    expect(r.confidence).toBe(0.95);
    expect(r.otherReading).toBe('办公楼修缮工程');
  });

  it('cleans the second reading as the first (CJK blanks, O among digits)', () => {
    expect(regionToText(region, [{ ...word('2018年', 0.9), second: '2O18 年' }]).otherReading).toBeUndefined();
  });

  it('reads once where no second reading was made', () => {
    expect(regionToText(region, [word('办公楼修缮工程', 0.9)])).toEqual({ text: '办公楼修缮工程', confidence: 0.9 });
  });

  it('compares what the readings say', () => {
    expect(readingsAgree('300000.00', '300000.00。')).toBe(true);
    expect(readingsAgree('300000.00', '30000000')).toBe(false);
    expect(readingsAgree('5月—6月', '5月6月')).toBe(false);
    // A bar under a sign lost by the second reading confirms the first; the reverse does not.
    expect(readingsAgree('覆盖率≤3400', '覆盖率<3400')).toBe(true);
    expect(readingsAgree('≥80%', '>80%')).toBe(true);
    expect(readingsAgree('覆盖率<3400', '覆盖率≤3400')).toBe(false);
    expect(readingsAgree('≤3400', '<3401')).toBe(false);
  });
});

describe('a field whose two readings differ', () => {
  it('keeps its other reading through joins of cells split by a page break', () => {
    const a = cellsToValue([{ col: 1, colSpan: 1, rowSpan: 1, text: '办公楼', page: 1, via: 'ocr', confidence: 0.9 }]);
    const b = cellsToValue([{ col: 1, colSpan: 1, rowSpan: 1, text: '修工程', page: 2, via: 'ocr', confidence: 0.9, otherReading: '修缮工程' }]);
    expect(a.otherReading).toBeUndefined();
    expect(joinValues(a, b)).toMatchObject({ text: '办公楼修工程', otherReading: '办公楼修缮工程' });
  });

  it('gets an issue carrying both readings, on the record read from the recorded page', async () => {
    // The recorded page, with a second reading of the project name that drops a character.
    const ocr = recorded.ocr.map((page) => page.map((r) => ({ ...r })));
    const nameCrop = layoutToKeyValueCrops(layout, firstTexts).find((i) => ocrTextToCellText(firstTexts[i]!).startsWith('组织部弱电会议系统'))!;
    expect(nameCrop).toBeDefined();
    const first = ocrTextToCellText(firstTexts[nameCrop]!);
    ocr[0]![nameCrop]!.second = first.replace('运维', '运');
    for (const [i, r] of ocr[0]!.entries()) if (i !== nameCrop && layoutToKeyValueCrops(layout, firstTexts).includes(i)) r.second = r.text;
    const { rows } = layoutsToRows(recorded.layouts, ocr);
    const form = await rowsToForm(rows);
    const issues = form.record!.issues.filter((i) => i.code === 'read.readings-differ');
    expect(issues.map((i) => i.field)).toEqual(['projectName']);
    expect(issues[0]!.message).toContain(first.replace('运维', '运').slice(0, 20));
    expect(form.record!.projectName).toBe(first);
    // One issue for the field: the readings, not a low confidence besides.
    expect(form.record!.issues.filter((i) => i.field === 'projectName')).toHaveLength(1);
  });
});

async function rowsToForm(rows: Row[]) {
  const doc: Doc = { source: { path: 'scan.jpg', sha256: '0'.repeat(64), kind: 'image', bytes: 1, pages: 1 }, pages: [], rows, forms: [], issues: [] };
  const done = await runStages(formStages, doc, {});
  expect(done.forms).toHaveLength(1);
  return done.forms[0]!;
}
