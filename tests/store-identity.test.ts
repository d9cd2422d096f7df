/**
 * Form identity in the store: keys compared in a folded spelling, OCR slips matched by similarity
 * with an issue, forms repeated within one file never made versions of each other, and a
 * re-extraction of unchanged sources storing nothing.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formStages } from '../pipelines/common.js';
import { importPaths } from '../src/app/import.js';
import { reextractSources } from '../src/app/reextract.js';
import type { Doc } from '../src/model.js';
import { runStages } from '../src/pipeline.js';
import { layoutsToRows, type PageOcr } from '../src/scan/assemble.js';
import type { PageLayout } from '../src/scan/layout.js';
import { editDistance, formToKey, nameToKeyPart, nearestKey } from '../src/store/form-key.js';
import { openStoreForWriting, openStoreReadOnly } from '../src/store/open.js';
import { currentDeclarationIds, loadRecords } from '../src/store/read.js';
import { searchDeclarations } from '../src/store/search.js';
import { beginRun, storeDoc } from '../src/store/write.js';
import { SEED_TEXT, recordsToDoc, seedForms, seedTruth, tempDir } from './store-helpers.js';

const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures');
const options = (db: string) => ({ db, concurrency: 1, ocr: 'tesseract' as const });

let dir: string;
beforeAll(() => {
  dir = tempDir('declx-identity-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A scan fixture's document, extracted from its recorded OCR (no OCR engine needed). */
async function scanDoc(name: string): Promise<Doc> {
  const recorded = JSON.parse(readFileSync(join(FIXTURES, name, 'recorded-ocr.json'), 'utf8')) as { layouts: PageLayout[]; ocr: PageOcr[] };
  const { rows } = layoutsToRows(recorded.layouts, recorded.ocr);
  const doc: Doc = {
    source: { path: `${name}.jpg`, sha256: name.padEnd(64, '0').slice(0, 64).replace(/[^0-9a-f]/g, 'a'), kind: 'image', bytes: 1, pages: recorded.layouts.length },
    pages: [],
    rows,
    forms: [],
    issues: [],
  };
  return runStages(formStages, doc, {});
}

/** Row counts of every table that grows with stored forms. */
function rowCounts(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    return Object.fromEntries(
      ['sources', 'declarations', 'budget_items', 'indicators', 'issues', 'provenance', 'lineages', 'changes'].map((t) => [
        t,
        db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number,
      ]),
    );
  } finally {
    db.close();
  }
}

function queryAll(path: string, sql: string, ...params: unknown[]): Record<string, unknown>[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

describe('form keys', () => {
  it.each([
    ['组织部弱电会议系统（运维）', '组织部弱电会议系统(运维)'],
    ['组织部弱电会议系统 ( 运维 )', '组织部弱电会议系统(运维)'],
    ['在线学习　工作经费', '在线学习工作经费'],
    ['ＩＰＴＶ平台运维—2018', 'IPTV平台运维-2018'],
    ['【非信息化项目】', '(非信息化项目)'],
  ])('folds %s to %s', (name, folded) => {
    expect(nameToKeyPart(name)).toBe(folded);
  });

  it('has no key without a unit or a project', () => {
    expect(formToKey(2018, null, '项目')).toBeNull();
    expect(formToKey(2018, '单位', ' ')).toBeNull();
    expect(formToKey(2018, '单位', '项目')).toBe('2018|单位|项目');
  });

  it('finds the one stored key within a slip, in the same year, and never guesses between two', () => {
    expect(editDistance('修缮工程', '修工程')).toBe(1);
    const stored = ['2018|单位|校舍修缮工程', '2017|单位|校舍修工程', '2018|单位|校舍维修工程经费'];
    expect(nearestKey('2018|单位|校舍修工程', stored)).toEqual({ key: '2018|单位|校舍修缮工程', distance: 1 });
    expect(nearestKey('2018|单位|完全不同的项目', stored)).toBeNull();
    expect(nearestKey('2018|单位|第三期', ['2018|单位|第一期', '2018|单位|第二期'])).toBeNull();
  });
});

describe('a text export, then a scan of the same form', () => {
  it('gives one current declaration with two versions, also when OCR misread the name slightly (flagged)', async () => {
    const db = join(dir, 'scan-after-text.sqlite');
    await importPaths([SEED_TEXT], options(db));
    const store = openStoreForWriting(db);
    try {
      const runId = beginRun(store, 'import', 'test', {});
      // scan-seed4: the same key as the export's form 3; scan-seed2: OCR read （运维） as "(运维) aa".
      const exact = storeDoc(store, await scanDoc('scan-seed4'), { runId, pipelineVersion: 'test', parts: ['/scan-seed4.jpg'] });
      const near = storeDoc(store, await scanDoc('scan-seed2'), { runId, pipelineVersion: 'test', parts: ['/scan-seed2.jpg'] });
      expect(exact.forms.map((f) => f.status)).toEqual(['version']);
      expect(near.forms.map((f) => f.status)).toEqual(['version']);
    } finally {
      store.close();
    }
    const lineages = queryAll(db, `SELECT lineage_id, count(*) AS versions, sum(is_current) AS current FROM declarations GROUP BY lineage_id ORDER BY lineage_id`);
    expect(lineages).toHaveLength(4);
    expect(lineages.map((l) => [l.versions, l.current])).toEqual([
      [1, 1],
      [2, 1],
      [1, 1],
      [2, 1],
    ]);
    const similar = queryAll(db, `SELECT d.project_name, i.field, i.message FROM issues i JOIN declarations d ON d.id = i.declaration_id WHERE i.code = 'store.similar-key'`);
    expect(similar).toHaveLength(1);
    expect(similar[0]!.field).toBe('projectName');
    expect(similar[0]!.message).toContain('组织部弱电会议系统(运维)');
  });
});

describe('matching by similarity', () => {
  it('is only for forms read by OCR: a typed name one character apart is another project', () => {
    const path = join(dir, 'similar.sqlite');
    const db = openStoreForWriting(path);
    try {
      const runId = beginRun(db, 'import', 'test', {});
      const [first] = seedTruth();
      storeDoc(db, recordsToDoc([first!], 'a.txt'), { runId, pipelineVersion: 'test', parts: ['/a.txt'] });
      const slip = { ...first!, projectName: first!.projectName!.replace('运维费', '运营费') };
      const typed = storeDoc(db, recordsToDoc([slip], 'b.txt'), { runId, pipelineVersion: 'test', parts: ['/b.txt'] });
      expect(typed.forms.map((f) => f.status)).toEqual(['new']);
      const scanned = recordsToDoc([slip], 'c.jpg');
      scanned.forms[0]!.provenance = { projectName: { text: slip.projectName!, page: 1, via: 'ocr', confidence: 0.9 } };
      // Two stored keys are now one character away (the typed one exactly equal): the equal one wins, no issue.
      expect(storeDoc(db, scanned, { runId, pipelineVersion: 'test', parts: ['/c.jpg'] }).forms.map((f) => f.status)).toEqual(['version']);
      const otherSlip = recordsToDoc([{ ...first!, projectName: first!.projectName!.replace('运维费', '运行费') }], 'd.jpg');
      otherSlip.forms[0]!.provenance = { projectName: { text: '', page: 1, via: 'ocr', confidence: 0.9 } };
      // One character from both stored keys (运维费, 运营费): no guess between them, a new form.
      expect(storeDoc(db, otherSlip, { runId, pipelineVersion: 'test', parts: ['/d.jpg'] }).forms.map((f) => f.status)).toEqual(['new']);
    } finally {
      db.close();
    }
    expect(queryAll(path, `SELECT count(*) AS n FROM issues WHERE code = 'store.similar-key'`)[0]!.n).toBe(0);
  });
});

describe('forms sharing a key within one file', () => {
  const forms = seedForms();
  const otherBudget = forms[0]!.replace(/^(项目总预算（元）\t)2880000/m, '$12990000');

  it('stores an identical repeat once and says so', async () => {
    const db = join(dir, 'repeat.sqlite');
    const input = join(dir, 'repeat.txt');
    writeFileSync(input, forms[0]! + forms[0]! + forms[1]!);
    const tally = await importPaths([input], options(db));
    expect(tally.forms).toMatchObject({ new: 2, version: 0, repeated: 1 });
    expect(queryAll(db, `SELECT count(*) AS n FROM current_declarations WHERE project_name LIKE '上海市党员干部%'`)[0]!.n).toBe(1);
    expect(queryAll(db, `SELECT field, code FROM current_issues WHERE code LIKE 'store.%'`)).toEqual([{ field: null, code: 'store.repeated-form' }]);
  });

  it('keeps a repeat with other content as a second current declaration, both flagged naming the other', async () => {
    expect(otherBudget).not.toBe(forms[0]);
    const db = join(dir, 'same-key.sqlite');
    const input = join(dir, 'same-key.txt');
    writeFileSync(input, forms[0]! + otherBudget);
    const tally = await importPaths([input], options(db));
    expect(tally.forms).toMatchObject({ new: 2, version: 0, repeated: 0 });
    const current = queryAll(db, `SELECT id, form_index, total_budget FROM current_declarations ORDER BY form_index`);
    expect(current.map((c) => c.total_budget)).toEqual([2880000, 2990000]);
    const flags = queryAll(db, `SELECT d.form_index, i.message FROM issues i JOIN declarations d ON d.id = i.declaration_id WHERE i.code = 'store.same-key-in-file' ORDER BY d.form_index`);
    expect(flags).toHaveLength(2);
    expect(flags[0]!.message).toContain('formIndex 1');
    expect(flags[1]!.message).toContain('formIndex 0');
    // Both are shown: search finds both, and the records read for show and export carry both budgets and the flag.
    const store = openStoreReadOnly(db);
    try {
      const hits = searchDeclarations(store, '上海市党员干部');
      expect(hits.map((h) => h.totalBudget).sort()).toEqual([2880000, 2990000]);
      const records = loadRecords(store, currentDeclarationIds(store));
      expect(records.map((r) => [r.totalBudget, r.issues.some((i) => i.code === 'store.same-key-in-file')])).toEqual([
        [2880000, true],
        [2990000, true],
      ]);
    } finally {
      store.close();
    }
  });

  it('stores nothing when re-extracted twice', async () => {
    const db = join(dir, 'reextract-twice.sqlite');
    const input = join(dir, 'mixed.txt');
    writeFileSync(input, forms[0]! + forms[0]! + otherBudget + forms[2]!);
    await importPaths([input, SEED_TEXT], options(db));
    const before = rowCounts(db);
    const first = await reextractSources(options(db));
    expect(first).toMatchObject({ changed: 0, added: 0, failed: 0, missing: 0 });
    expect(rowCounts(db)).toEqual(before);
    await reextractSources(options(db));
    expect(rowCounts(db)).toEqual(before);
  });
});

describe('upgrading a database stored before identity keys', () => {
  it('computes the keys of the stored forms and keeps their issues', async () => {
    const { MIGRATIONS } = await import('../src/store/schema.js');
    const path = join(dir, 'old.sqlite');
    const old = new Database(path);
    old.exec(MIGRATIONS[0]!);
    old.exec(MIGRATIONS[1]!);
    old.pragma('user_version = 2');
    old.exec(`
      INSERT INTO sources VALUES (1, '${'a'.repeat(64)}', 'old.txt', '["/old.txt"]', 'text', 1, 1, 'now');
      INSERT INTO runs (id, command, pipeline_version, options, started_at) VALUES (1, 'import', 'old', '{}', 'now');
      INSERT INTO lineages VALUES (1);
      INSERT INTO declarations (id, lineage_id, version, is_current, source_id, form_index, form_pages, run_id, pipeline_version, confidence, created_at, form_title, year, unit_name, project_name)
        VALUES (1, 1, 1, 1, 1, 0, '[1]', 1, 'old', 1, 'now', 't', 2018, '上海市组织人事信息技术服务中心', '组织部弱电会议系统（运维）');
      INSERT INTO issues (declaration_id, position, field, code, severity, message, page) VALUES (1, 0, 'overview', 'validate.cell-truncated', 'warning', 'm', 1);`);
    old.close();
    openStoreForWriting(path).close();
    expect(queryAll(path, `SELECT form_key FROM declarations`)).toEqual([{ form_key: '2018|上海市组织人事信息技术服务中心|组织部弱电会议系统(运维)' }]);
    expect(queryAll(path, `SELECT code FROM current_issues`)).toEqual([{ code: 'validate.cell-truncated' }]);
    expect(queryAll(path, `PRAGMA integrity_check`)).toEqual([{ integrity_check: 'ok' }]);
  });
});
