import { describe, expect, it } from 'vitest';
import type { DeclarationRecord } from '../src/model.js';
import { recordsToChanges } from '../src/store/diff.js';
import { seedTruth } from './store-helpers.js';

const base = (): DeclarationRecord => ({
  ...seedTruth()[0]!,
  source: { path: 'a.txt', sha256: 'a'.repeat(64), kind: 'text', formIndex: 0, pages: [1, 2] },
  issues: [],
});

describe('recordsToChanges', () => {
  it.each<{ name: string; edit: (r: DeclarationRecord) => void; fields: string[] }>([
    { name: 'nothing', edit: () => {}, fields: [] },
    { name: 'another file only', edit: (r) => (r.source = { ...r.source, path: 'b.pdf', sha256: 'b'.repeat(64), kind: 'pdf' }), fields: [] },
    { name: 'a prose field', edit: (r) => (r.overview = '新'), fields: ['overview'] },
    { name: 'an amount and a date', edit: (r) => ((r.totalBudget = 1), (r.startDate = null)), fields: ['startDate', 'totalBudget'] },
    { name: 'a budget item amount', edit: (r) => (r.budgetItems[1] = { ...r.budgetItems[1]!, amount: 5 }), fields: ['budgetItems[1].amount'] },
    { name: 'one indicator fewer', edit: (r) => r.indicators.pop(), fields: ['indicators.length', 'indicators[9].category', 'indicators[9].name', 'indicators[9].target', 'indicators[9].targetParsed'] },
    { name: 'a parsed target', edit: (r) => (r.indicators[9] = { ...r.indicators[9]!, targetParsed: null }), fields: ['indicators[9].targetParsed'] },
    { name: 'an issue', edit: (r) => r.issues.push({ field: 'year', code: 'normalise.bad-year', severity: 'error', message: 'x' }), fields: ['issues.length', 'issues[0].field', 'issues[0].code', 'issues[0].severity', 'issues[0].message'] },
  ])('$name', ({ edit, fields }) => {
    const before = base();
    const after = structuredClone(before);
    edit(after);
    expect(recordsToChanges(before, after).map((c) => c.field).sort()).toEqual([...fields].sort());
  });

  it('gives old and new values', () => {
    const after = { ...base(), overview: '新' };
    expect(recordsToChanges(base(), after)).toEqual([{ field: 'overview', old: base().overview, new: '新' }]);
  });
});
