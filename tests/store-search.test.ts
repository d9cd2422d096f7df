import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { openStoreForWriting, type Db } from '../src/store/open.js';
import { beginRun, storeDoc } from '../src/store/write.js';
import { searchDeclarations, searchToWhere, termToLikePattern, termUsesIndex, textToSnippet, type SearchFilters } from '../src/store/search.js';
import { recordsToDoc, seedTruth, tempDir } from './store-helpers.js';

let dir: string;
let db: Db;
const truth = seedTruth();
let ids: number[];

beforeAll(() => {
  dir = tempDir();
  db = openStoreForWriting(join(dir, 'd.sqlite'));
  const runId = beginRun(db, 'import', 't', {});
  ids = storeDoc(db, recordsToDoc(truth, 'seed.txt'), { runId, pipelineVersion: 't', parts: [] }).forms.map((f) => f.id);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Which seed forms (by index) a search returns, computed from the truth records themselves. */
const expectedForms = (pred: (r: (typeof truth)[number]) => boolean): number[] =>
  truth.flatMap((r, i) => (pred(r) ? [ids[i]!] : [])).sort((a, b) => a - b);
const found = (text: string, filters: SearchFilters = {}): number[] =>
  searchDeclarations(db, text, filters)
    .map((h) => h.id)
    .sort((a, b) => a - b);
const textOf = (r: (typeof truth)[number]): string =>
  [r.unitName, r.projectName, r.overview, r.basis, r.necessity, r.safeguards, r.implementationPlan, r.overallGoal, r.annualGoal, r.remarks,
   ...r.indicators.flatMap((i) => [i.name, i.target]), ...r.budgetItems.map((b) => b.name)].join('\n');

describe('searchDeclarations', () => {
  it('finds 远程教育 in the first form', () => {
    const hits = searchDeclarations(db, '远程教育');
    expect(hits.map((h) => h.id)).toContain(ids[0]);
    expect(hits.find((h) => h.id === ids[0])!.snippet).toContain('【远程教育】');
    expect(found('远程教育')).toEqual(expectedForms((r) => textOf(r).includes('远程教育')));
  });

  it.each(['远程教育', '平台', '党', '满意度', 'IPTV', '上海市 平台'])('finds exactly the forms whose text holds %s', (text) => {
    const terms = text.split(' ');
    const expected = expectedForms((r) => terms.every((t) => textOf(r).toLowerCase().includes(t.toLowerCase())));
    expect(expected.length).toBeGreaterThan(0);
    expect(found(text)).toEqual(expected);
  });

  it('finds nothing for text that occurs nowhere', () => {
    expect(found('不存在的词语')).toEqual([]);
    expect(found('％_')).toEqual([]);
  });

  it.each([
    { filters: { category: truth[0]!.projectCategory! }, pred: (r: (typeof truth)[number]) => r.projectCategory === truth[0]!.projectCategory },
    { filters: { fundUse: truth[1]!.fundUse! }, pred: (r: (typeof truth)[number]) => r.fundUse === truth[1]!.fundUse },
    { filters: { unit: truth[2]!.unitName!.slice(0, 4) }, pred: (r: (typeof truth)[number]) => r.unitName!.includes(truth[2]!.unitName!.slice(0, 4)) },
    { filters: { minBudget: truth[0]!.totalBudget! }, pred: (r: (typeof truth)[number]) => r.totalBudget! >= truth[0]!.totalBudget! },
    { filters: { maxBudget: truth[0]!.totalBudget! }, pred: (r: (typeof truth)[number]) => r.totalBudget! <= truth[0]!.totalBudget! },
    { filters: { year: 2018 }, pred: (r: (typeof truth)[number]) => r.year === 2018 },
    { filters: { year: 2017 }, pred: (r: (typeof truth)[number]) => r.year === 2017 },
  ])('filters $filters narrow to the matching forms', ({ filters, pred }) => {
    const all = found('', {});
    const narrowed = found('', filters);
    expect(narrowed).toEqual(expectedForms(pred));
    expect(narrowed.every((id) => all.includes(id))).toBe(true);
  });

  it('combines text and filters', () => {
    const cat = truth[0]!.projectCategory!;
    expect(found('平台', { category: cat })).toEqual(expectedForms((r) => textOf(r).includes('平台') && r.projectCategory === cat));
  });
});

describe('search helpers', () => {
  it.each([
    { term: '党', expected: false },
    { term: '平台', expected: false },
    { term: '满意度', expected: true },
    { term: 'ab', expected: false },
  ])('$term uses the index: $expected', ({ term, expected }) => expect(termUsesIndex(term)).toBe(expected));

  it('escapes LIKE wildcards', () => expect(termToLikePattern('5%_\\')).toBe('%5\\%\\_\\\\%'));

  it('puts short terms in LIKE and long ones in one MATCH', () => {
    const { where, params } = searchToWhere('平台 远程教育 "x"y', { year: 2018 });
    expect(where.match(/MATCH/g)).toHaveLength(1);
    expect(params[0]).toBe('"远程教育" AND """x""y"');
    expect(where).toContain('d.year = ?');
  });

  it('marks the match in a snippet', () => {
    expect(textToSnippet('abcdef远程教育ghijk', ['远程教育'], 2)).toBe('…ef【远程教育】gh…');
    expect(textToSnippet('abc', ['x'])).toBeNull();
  });
});
