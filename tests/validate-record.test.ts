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

const cases: { name: string; change: Partial<Rec>; provenance?: Record<string, FieldValue>; issues: string[] }[] = [
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
  { name: 'a value outside the schema', change: { projectCategory: 'nope' as never }, issues: ['validate.schema:null'] },
];

describe('validateRecord', () => {
  it.each(cases)('$name', ({ change, provenance, issues }) => {
    const found = validateRecord({ record: { ...good, ...change }, provenance: provenance ?? {}, issues: [] });
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
