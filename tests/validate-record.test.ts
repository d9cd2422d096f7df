/** Validation checks, table-driven: each case changes a good record and names the issues it must raise. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FieldValue } from '../src/model.js';
import type { NormalisedForm } from '../src/model.js';
import { textToTruncationIssue, validateRecord } from '../src/validate/validate-record.js';

type Rec = NormalisedForm['record'];
const good = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'text-seed', 'expected.json'), 'utf8')) as Rec[])[0]!;
const at = (page: number, confidence?: number): FieldValue => ({ text: 'x', page, via: confidence === undefined ? 'text' : 'ocr', ...(confidence !== undefined ? { confidence } : {}) });

const read = (text: string, via: FieldValue['via'] = 'ocr'): FieldValue => ({ text, page: 1, via, ...(via === 'ocr' ? { confidence: 0.95 } : {}) });
const target = (t: string): Partial<Rec> => ({ indicators: good.indicators.map((ind, i) => (i === 1 ? { ...ind, target: t } : ind)) });

const cases: { name: string; change: Partial<Rec>; provenance?: Record<string, FieldValue>; earlier?: string[]; issues: string[] }[] = [
  { name: 'a complete form', change: {}, issues: [] },
  { name: 'items not adding up', change: { budgetItems: [{ name: 'a', amount: 1 }] }, issues: ['validate.budget-sum:budgetItems'] },
  { name: "year's budget above the total", change: { currentYearBudget: 3_000_000 }, issues: ['validate.budget-sum:budgetItems', 'validate.budget-order:currentYearBudget'] },
  { name: 'end before start', change: { endDate: '2017-12-31' }, issues: ['validate.date-order:endDate'] },
  { name: 'required fields missing', change: { projectName: null, indicators: [] }, issues: ['validate.required-missing:projectName', 'validate.required-missing:indicators'] },
  { name: 'a cell cut at 255 characters', change: { overview: '字'.repeat(255) }, issues: ['validate.cell-truncated:overview'] },
  // Characters, not UTF-16 units, and line breaks not counted: 250 + 5 pairs = 255 (260 units, 2 breaks).
  { name: 'a cell cut at 255 characters, some beyond the BMP, over lines', change: { overview: `${'字'.repeat(125)}\n${'字'.repeat(125)}\n${'𠀀'.repeat(5)}` }, issues: ['validate.cell-truncated:overview'] },
  { name: 'a cell of 255 UTF-16 units but fewer characters', change: { overview: `${'字'.repeat(244)}${'𠀀'.repeat(5)}。` }, issues: [] },
  { name: 'an OCR value read with low confidence', change: {}, provenance: { totalBudget: at(1, 0.3), overview: at(1, 0.9), basis: at(1) }, issues: ['read.low-confidence:totalBudget'] },
  // A target whose number was lost is doubted, and so is its parse.
  { name: 'a target that is a bare sign', change: target('='), issues: ['validate.target-incomplete:indicators[1].target', 'validate.target-doubted:indicators[1].targetParsed'] },
  { name: 'a comparison word before a letter O', change: target('小于等于okb'), issues: ['validate.target-incomplete:indicators[1].target', 'validate.target-doubted:indicators[1].targetParsed'] },
  { name: 'a comparison word before nothing', change: target('不低于'), issues: ['validate.target-incomplete:indicators[1].target', 'validate.target-doubted:indicators[1].targetParsed'] },
  { name: 'a comparison in words only', change: target('不低于上年水平'), issues: [] },
  { name: 'a target doubted by the reading', change: {}, earlier: ['read.low-confidence:indicators[2].target'], issues: ['validate.target-doubted:indicators[2].targetParsed'] },
  { name: 'a target doubted twice gets one pointer', change: {}, provenance: { 'indicators[0].target': { ...at(1, 0.3), text: '≥9O' } }, earlier: ['read.boxes-missing:indicators[0].target'], issues: ['read.low-confidence:indicators[0].target', 'validate.target-doubted:indicators[0].targetParsed'] },
  // A label wrapped in its cell, read with the value before it: the field it names is empty.
  { name: "an empty field's label inside another value", change: { previousYearExecuted: null }, provenance: { previousYearBudget: read('5620388 同名项目上年预算执 5240673\n行数（元）', 'text') }, issues: ['validate.label-in-value:previousYearExecuted'] },
  { name: 'a label inside a value whose field is filled', change: {}, provenance: { previousYearBudget: read('5620388 同名项目上年预算执行数（元）', 'text') }, issues: [] },
  // Stray marks in short values read from a scan (a stamp's edge, a ruling); typed values are as the form has them.
  { name: 'an unmatched bracket in a scanned name', change: {}, provenance: { projectName: read('血液安全专项业务费(运维/') }, issues: ['read.stray-marks:projectName'] },
  { name: 'a sentence mark ending a scanned name', change: {}, provenance: { projectName: read('非遗传承人培训信息化建设。') }, issues: ['read.stray-marks:projectName'] },
  { name: 'a scanned name with its brackets matched', change: {}, provenance: { unitName: read('上海市人才服务管理所（上海市质量技术监督信息中心）') }, issues: [] },
  { name: 'a typed name with an unmatched bracket', change: {}, provenance: { projectName: read('血液安全专项业务费(运维', 'text') }, issues: [] },
  { name: 'a value outside the schema', change: { projectCategory: 'nope' as never }, issues: ['validate.schema:null'] },
];

describe('validateRecord', () => {
  it.each(cases)('$name', ({ change, provenance, earlier, issues }) => {
    const before = (earlier ?? []).map((s) => {
      const [code, field] = s.split(':');
      return { code: code as never, field: field!, severity: 'warning' as const, message: '', page: null };
    });
    const found = validateRecord({ record: { ...good, ...change }, provenance: provenance ?? {}, issues: before });
    expect(found.map((i) => `${i.code}:${i.field}`)).toEqual(issues);
  });
});

describe('textToTruncationIssue', () => {
  it.each([
    ['字'.repeat(255), 'warning'],
    [`${'字'.repeat(120)}，`, 'info'],
    [`${'字'.repeat(120)}。`, null],
    [`${'字'.repeat(120)}等`, null],
    ['短句', null],
  ])('%#', (text, severity) => expect(textToTruncationIssue('overview', text, 1)?.severity ?? null).toBe(severity));
});
