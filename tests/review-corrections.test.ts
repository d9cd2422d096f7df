import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../src/errors.js';
import type { DeclarationRecord } from '../src/model.js';
import { correctField } from '../src/review/correct.js';
import { listDoubts } from '../src/review/doubts.js';
import { openStoreForWriting, type Db } from '../src/store/open.js';
import { currentDeclarationIds, loadRecords } from '../src/store/read.js';
import { loadReviewedDetail, loadReviewedRecords } from '../src/store/reviewed.js';
import { searchDeclarations } from '../src/store/search.js';
import { buildCli, declxAsync, SEED_TEXT, tempDir } from './store-helpers.js';

// The seed's first form, as the text export spells it.
const NAME = '上海市党员干部现代远程网络体系运维费(非信息化项目)';
const FIXED = '党员干部现代远程教育网络体系运维费';
const SLOW = { timeout: 120_000 };

let dir: string;
let dbPath: string;
let db: Db | undefined;

/** Runs the built CLI on the test's database. */
const cli = (...args: string[]) => declxAsync([...args, '--db', dbPath], dir);

/** The database, opened for the in-process steps (closed after each test, so the CLI runs alone). */
const store = (): Db => (db ??= openStoreForWriting(dbPath));
afterEach(() => {
  db?.close();
  db = undefined;
});
const reviewed = (): DeclarationRecord[] => loadReviewedRecords(store(), currentDeclarationIds(store()));
const machine = (): DeclarationRecord[] => loadRecords(store(), currentDeclarationIds(store()));
const currentId = (): number => currentDeclarationIds(store())[0]!;

/** The seed export with some text replaced, written as a new file (a new scan of the same forms). */
function variant(name: string, ...replacements: [string, string][]): string {
  let text = readFileSync(join(dir, 'forms.txt'), 'utf8');
  for (const [a, b] of replacements) {
    if (!text.includes(a)) throw new Error(`the seed has no "${a}"`);
    text = text.replace(a, b);
  }
  writeFileSync(join(dir, name), text);
  return name;
}

beforeAll(async () => {
  await buildCli();
  dir = tempDir('declx-review-');
  dbPath = join(dir, 'd.sqlite');
  copyFileSync(SEED_TEXT, join(dir, 'forms.txt'));
  expect((await cli('import', 'forms.txt')).code).toBe(0);
}, 120_000);

describe('correct and confirm', () => {
  it('declx correct: export, search and the views give the corrected name; --machine the raw one; a bad amount exits 2', SLOW, async () => {
    const r = await cli('correct', '1', 'projectName', FIXED, '--reason', 'misread', '--reviewer', 'auditor');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`→ "${FIXED}" by auditor`);
    const bad = await cli('correct', '1', 'totalBudget', 'abc');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^declx: totalBudget: "abc" is not an amount in yuan[^\n]*\n$/);

    const exported = JSON.parse((await cli('export', '--format', 'json')).stdout) as DeclarationRecord[];
    expect(exported[0]!.projectName).toBe(FIXED);
    const raw = JSON.parse((await cli('export', '--format', 'json', '--machine')).stdout) as DeclarationRecord[];
    expect(raw[0]!.projectName).toBe(NAME);
    expect(searchDeclarations(store(), '远程教育网络').map((h) => h.projectName)).toEqual([FIXED]);
    expect(store().prepare('SELECT project_name FROM current_declarations WHERE id = 1').pluck().get()).toBe(FIXED);
    const detail = loadReviewedDetail(store(), 1)!;
    expect(detail.provenance.projectName).toMatchObject({ via: 'review', reviewer: 'auditor', text: FIXED });
    expect(detail.corrections[0]).toMatchObject({ field: 'projectName', machineValue: NAME, value: FIXED, reason: 'misread', status: 'active' });
  });

  it.each([
    ['budgetItems[0].amount', '十万', /not an amount/],
    ['fundUse', 'software', /one of capital_construction/],
    ['startDate', '2018-02-30', /not a date/],
    ['year', '18', /four-digit year/],
    ['budgetItems[0].name', '', /cannot be empty/],
    ['budgetItems[99].amount', '5', /has no such row/],
    ['source', 'x', /not a field that can be corrected/],
  ])('refuses %s = %j as a usage error and stores nothing', (field, text, message) => {
    const before = JSON.stringify(reviewed());
    expect(() => correctField(store(), { id: 1, field, text })).toThrow(UsageError);
    expect(() => correctField(store(), { id: 1, field, text })).toThrow(message);
    expect(JSON.stringify(reviewed())).toBe(before);
  });

  it('values go through the normalisers: amounts as written, Chinese option names, targets re-parsed (record and view)', () => {
    correctField(store(), { id: 1, field: 'previousYearBudget', text: '288万元' });
    correctField(store(), { id: 1, field: 'projectCategory', text: '结转项目' });
    const t = correctField(store(), { id: 1, field: 'indicators[1].target', text: '不低于 98%' });
    expect(t.targetParsed).toMatchObject({ op: '>=', value: 98, unit: '%' });
    const r = reviewed()[0]!;
    expect(r.previousYearBudget).toBe(2880000);
    expect(r.projectCategory).toBe('carry_over');
    expect(r.indicators[1]).toMatchObject({ target: '不低于 98%', targetParsed: { op: '>=', value: 98, unit: '%' } });
    expect(store().prepare('SELECT op, value, unit FROM current_indicators WHERE declaration_id = 1 AND position = 1').get()).toEqual({ op: '>=', value: 98, unit: '%' });
    expect(machine()[0]!.indicators[1]!.target).not.toBe('不低于 98%');
  });

  it('a corrected amount is validated again with the record; a confirmed field settles its doubt', () => {
    correctField(store(), { id: 1, field: 'budgetItems[0].amount', text: '1,070,100' });
    const r = reviewed()[0]!;
    expect(r.budgetItems[0]!.amount).toBe(1070100);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'validate.budget-sum', field: 'budgetItems' }));
    expect(listDoubts(store(), { code: 'validate.budget-sum' }).map((d) => d.id)).toEqual([1]);

    const truncated = listDoubts(store(), { code: 'validate' }).filter((d) => d.code === 'validate.cell-truncated');
    expect(truncated.length).toBeGreaterThan(1);
    const severities = truncated.map((d) => d.severity);
    expect(severities).toEqual([...severities].sort((a, b) => (a === b ? 0 : a === 'warning' ? -1 : 1)));
    const { id, field } = truncated[0]!;
    expect(correctField(store(), { id, field: field!, reviewer: 'auditor' }).action).toBe('confirm');
    const after = listDoubts(store());
    expect(after.filter((d) => d.id === id && d.field === field)).toEqual([]);
  });

  it('refuses a write made on a state older than the one in force (optimistic concurrency)', () => {
    const seen = { declarationId: 1, correctionId: null };
    expect(() => correctField(store(), { id: 1, field: 'projectName', text: 'x', seen })).toThrow(/after you loaded it/);
    expect(reviewed()[0]!.projectName).toBe(FIXED);
  });
});

describe('re-extraction keeps corrections', () => {
  it('a new version with the old machine values keeps every correction in force', SLOW, async () => {
    const file = variant('v2.txt', ['数字互动电视平台运维', '数字互动电视平台运维 ']);
    expect((await cli('import', file)).stdout).toContain('new version');
    const id = currentId();
    expect(id).not.toBe(1);
    const r = reviewed()[0]!;
    expect(r.projectName).toBe(FIXED);
    expect(r.budgetItems[0]!.amount).toBe(1070100);
    expect(r.issues.filter((i) => i.code === 'review.conflict')).toEqual([]);
    // correcting the superseded version is refused and names the current one
    expect(() => correctField(store(), { id: 1, field: 'remarks', text: 'x' })).toThrow(`#${id}`);
  });

  it('a third machine value keeps the correction and raises review.conflict with all three values', SLOW, async () => {
    expect((await cli('import', variant('v3.txt', ['1070000', '1070500']))).code).toBe(0);
    const r = reviewed()[0]!;
    expect(r.budgetItems[0]!.amount).toBe(1070100);
    expect(machine()[0]!.budgetItems[0]!.amount).toBe(1070500);
    const conflict = r.issues.find((i) => i.code === 'review.conflict')!;
    expect(conflict).toMatchObject({ field: 'budgetItems[0].amount', severity: 'warning' });
    for (const v of ['1070500', '1070000', '1070100']) expect(conflict.message).toContain(v);
    expect(listDoubts(store(), { code: 'review' }).map((d) => d.field)).toEqual(['budgetItems[0].amount']);
    expect(store().prepare(`SELECT count(*) FROM current_issues WHERE code = 'review.conflict'`).pluck().get()).toBe(1);
  });

  it('a machine value equal to the correction closes it (kept as history); the form stays one lineage', SLOW, async () => {
    expect((await cli('import', variant('v4.txt', [NAME, FIXED], ['1070000', '1070500']))).stdout).toContain('new version');
    const detail = loadReviewedDetail(store(), currentId())!;
    expect(detail.versions.length).toBe(4);
    expect(detail.corrections.find((c) => c.field === 'projectName')).toMatchObject({ status: 'closed', value: FIXED });
    expect(detail.record.projectName).toBe(FIXED);
    expect(detail.provenance.projectName!.via).toBe('text');
    // the confirmation of an unchanged field stays in force
    expect(store().prepare(`SELECT status FROM corrections WHERE action = 'confirm'`).pluck().all()).toEqual(['active']);
  });

  it('reextract of an unchanged source stores nothing and keeps the corrections', SLOW, async () => {
    const before = JSON.stringify(reviewed());
    db?.close();
    db = undefined;
    expect((await cli('reextract')).code).toBe(0);
    expect(JSON.stringify(reviewed())).toBe(before);
  });
});
