import { describe, expect, it } from 'vitest';
import { changeToLine, outcomesToReport } from '../src/cli/reextract.js';
import { emptyTally, addOutcomeToTally } from '../src/app/import.js';
import { tallyToSummary } from '../src/cli/import.js';
import { textToWidth } from '../src/cli/format-table.js';

describe('changeToLine', () => {
  it.each([
    { change: { field: 'year', old: 2017, new: 2018 }, expected: 'year: 2017 → 2018' },
    { change: { field: 'remarks', old: null, new: '无' }, expected: 'remarks: null → "无"' },
    { change: { field: 'indicators[0].targetParsed', old: null, new: { op: '>=', value: 90, unit: '%', subject: null } }, expected: 'indicators[0].targetParsed: null → {"op":">=","value":90,"unit":"%","subject":null}' },
  ])('$expected', ({ change, expected }) => expect(changeToLine(change, 80)).toBe(expected));

  it('cuts long texts to the given width', () => {
    const line = changeToLine({ field: 'overview', old: '旧'.repeat(100), new: '新'.repeat(100) }, 20);
    const [, old, neu] = /^overview: (.*) → (.*)$/.exec(line)!;
    expect(textToWidth(old!)).toBeLessThanOrEqual(20);
    expect(textToWidth(neu!)).toBeLessThanOrEqual(20);
    expect(neu!.endsWith('…')).toBe(true);
  });
});

describe('outcomesToReport', () => {
  it('names changed, new and superseded forms and says nothing of unchanged ones', () => {
    const lines = outcomesToReport('a.txt', [
      { formIndex: 0, status: 'unchanged', id: 1 },
      { formIndex: 1, status: 'version', id: 9, previous: { id: 2, version: 1, changes: [{ field: 'basis', old: 'x', new: 'y' }] } },
      { formIndex: 2, status: 'new', id: 10 },
      { formIndex: 3, status: 'superseded', id: 7 },
    ]);
    expect(lines).toEqual([
      '#2 → #9 (a.txt, form 1, version 1 → 2): 1 field changed',
      '  basis: "x" → "y"',
      '#10 (a.txt, form 2): a form not found before, stored as new',
      'a.txt, form 3: not stored, a later scan (#7) is current',
    ]);
  });
});

describe('import summary', () => {
  it('counts stored, skipped and issues by code', () => {
    const t = emptyTally();
    t.files = 3;
    addOutcomeToTally(t, { sourceId: 1, alreadyStored: false, forms: [{ formIndex: 0, status: 'new', id: 1 }, { formIndex: 1, status: 'version', id: 2 }] }, ['validate.budget-sum', 'map.checkbox-none', 'validate.budget-sum']);
    addOutcomeToTally(t, { sourceId: 2, alreadyStored: true, forms: [] }, []);
    t.failed = 1;
    const text = tallyToSummary(t, 1500);
    expect(text).toMatch(/^3 files: 1 stored, 1 skipped \(already stored\), 1 failed; in 1\.50 s/);
    expect(text).toContain('forms: 1 new, 1 new version\n');
    expect(text).toContain('issues: validate.budget-sum 2, map.checkbox-none 1\n');
  });

  it('says so when nothing was new', () => {
    const t = emptyTally();
    t.files = 2;
    addOutcomeToTally(t, { sourceId: 1, alreadyStored: true, forms: [] }, []);
    addOutcomeToTally(t, { sourceId: 2, alreadyStored: true, forms: [] }, []);
    expect(tallyToSummary(t, 10)).toMatch(/^nothing new: all 2 files were already stored/);
  });
});
