import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { extractInput } from '../src/extract.js';
import { currentPipelineVersion } from '../src/pipeline-version.js';
import type { FieldValue, Issue } from '../src/model.js';
import { openStoreForWriting, openStoreReadOnly, type Db } from '../src/store/open.js';
import { beginRun, isAlreadyStored, storeDoc } from '../src/store/write.js';
import { currentDeclarationIds, loadDeclarationDetail, loadRecords, allDeclarationIds } from '../src/store/read.js';
import { SCHEMA_VERSION } from '../src/store/schema.js';
import { SEED_TEXT, recordsToDoc, seedTruth, tempDir } from './store-helpers.js';

let dir: string;
let db: Db;
let runId: number;
const V = 'test-1';
const store = (doc: ReturnType<typeof recordsToDoc>, pipelineVersion = V) =>
  storeDoc(db, doc, { runId, pipelineVersion, parts: [join(dir, doc.source.path)] });

beforeEach(() => {
  dir = tempDir();
  db = openStoreForWriting(join(dir, 'out', 'd.sqlite'));
  runId = beginRun(db, 'import', V, {});
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const issue: Issue = { code: 'validate.budget-sum', field: 'budgetItems', severity: 'warning', message: 'items add up to 1, not 2', page: 2 };

describe('store round trip', () => {
  it('creates the folder, migrates, and sets WAL and foreign keys', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('gives back exactly the records it stored, key order and issues included', () => {
    const doc = recordsToDoc(seedTruth(), 'seed.txt', 'seed', [[issue]]);
    const out = store(doc);
    expect(out.forms.map((f) => f.status)).toEqual(['new', 'new', 'new', 'new']);
    const records = loadRecords(db, currentDeclarationIds(db));
    const expected = doc.forms.map((f) => f.record!);
    expect(records).toEqual(expected);
    expect(records.map((r) => JSON.stringify(r))).toEqual(expected.map((r) => JSON.stringify(r)));
    expect(loadDeclarationDetail(db, out.forms[0]!.id)!.issues[0]!.page).toBe(2);
  });

  it('skips content already read by the same pipeline version, not by a newer one', () => {
    const doc = recordsToDoc(seedTruth(), 'seed.txt');
    store(doc);
    expect(isAlreadyStored(db, doc.source.sha256, V)).toBe(true);
    expect(isAlreadyStored(db, doc.source.sha256, 'test-2')).toBe(false);
    expect(store(doc).alreadyStored).toBe(true);
    // a newer pipeline giving the same records stores no new version
    const again = store(doc, 'test-2');
    expect(again.alreadyStored).toBe(false);
    expect(again.forms.map((f) => f.status)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(allDeclarationIds(db)).toHaveLength(4);
  });

  it('stores a new scan of a stored form as a new current version, keeping the old one', () => {
    const truth = seedTruth();
    const first = store(recordsToDoc(truth, 'a.txt'));
    const changed = { ...truth[1]!, overview: '新的概况' };
    const second = store(recordsToDoc([changed], 'scan-b.txt'));
    expect(second.forms[0]!.status).toBe('version');
    expect(second.forms[0]!.previous!.id).toBe(first.forms[1]!.id);
    expect(second.forms[0]!.previous!.changes.map((c) => c.field)).toEqual(['overview']);
    const ids = currentDeclarationIds(db);
    expect(ids).toHaveLength(4);
    expect(ids).toContain(second.forms[0]!.id);
    expect(ids).not.toContain(first.forms[1]!.id);
    const detail = loadDeclarationDetail(db, second.forms[0]!.id)!;
    expect(detail.versions.map((v) => [v.version, v.current, v.sourcePath])).toEqual([
      [1, false, 'a.txt'],
      [2, true, 'scan-b.txt'],
    ]);
    // the earlier version stays readable
    expect(loadRecords(db, [first.forms[1]!.id])[0]!.overview).toBe(truth[1]!.overview);
  });

  it('stores a new version when only the pages of a form changed', () => {
    const doc = recordsToDoc([seedTruth()[0]!], 'p.txt');
    store(doc);
    const moved = recordsToDoc([seedTruth()[0]!], 'p.txt');
    moved.forms[0]!.record!.source.pages = [1, 2];
    const out = store(moved, 'test-2');
    expect(out.forms[0]!.status).toBe('version');
    expect(out.forms[0]!.previous!.changes).toEqual([]);
    expect(loadRecords(db, currentDeclarationIds(db))[0]!.source.pages).toEqual([1, 2]);
  });

  it('a re-extraction of an older scan does not replace a newer one', () => {
    const truth = seedTruth();
    const old = recordsToDoc([truth[0]!], 'old.txt');
    store(old);
    const newer = store(recordsToDoc([{ ...truth[0]!, remarks: '新扫描' }], 'new.txt'));
    const re = store(recordsToDoc([{ ...truth[0]!, basis: '改进后的读取' }], 'old.txt'), 'test-2');
    expect(re.forms[0]!.status).toBe('superseded');
    expect(currentDeclarationIds(db)).toEqual([newer.forms[0]!.id]);
  });

  it('stores a file all or nothing', () => {
    const truth = seedTruth();
    const doc = recordsToDoc(truth, 'bad.txt');
    (doc.forms[2]!.record as { fundUse: string }).fundUse = 'not_an_enum';
    expect(() => store(doc)).toThrow(/CHECK constraint/);
    expect(db.prepare('SELECT count(*) FROM declarations').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM declarations_fts').pluck().get()).toBe(0);
  });

  it.each([
    ['project_category', "'nope'"],
    ['start_date', "'2018/1/1'"],
    ['overview', "''"],
  ])('rejects %s = %s', (column, value) => {
    store(recordsToDoc([seedTruth()[0]!], 'x.txt'));
    expect(() => db.exec(`UPDATE declarations SET ${column} = ${value}`)).toThrow(/CHECK constraint/);
  });

  it('opens read-only so that nothing can be written', () => {
    store(recordsToDoc([seedTruth()[0]!], 'x.txt'));
    const path = db.name;
    const ro = openStoreReadOnly(path);
    try {
      expect(() => ro.exec('DELETE FROM declarations')).toThrow(/readonly/);
    } finally {
      ro.close();
    }
    expect(() => openStoreReadOnly(join(dir, 'missing.sqlite'))).toThrow(/no database/);
  });
});

describe('the seed through the real extractor', () => {
  it('stores and gives back exactly the records extraction produced', async () => {
    const doc = await extractInput({ path: SEED_TEXT, parts: [SEED_TEXT] });
    const out = storeDoc(db, doc, { runId, pipelineVersion: currentPipelineVersion(), parts: [SEED_TEXT] });
    expect(out.forms.map((f) => f.status)).toEqual(doc.forms.map(() => 'new'));
    const records = loadRecords(db, currentDeclarationIds(db));
    expect(records).toEqual(doc.forms.map((f) => f.record));
    expect(JSON.stringify(records)).toBe(JSON.stringify(doc.forms.map((f) => f.record)));
    // provenance and issue pages are kept for show
    // Paragraph edges serve joining cells while reading and are not stored.
    const withoutEdges = (p: Record<string, FieldValue>) => Object.fromEntries(Object.entries(p).map(([k, { opensParagraph: _o, closesParagraph: _c, ...v }]) => [k, v]));
    out.forms.forEach((f, i) => expect(loadDeclarationDetail(db, f.id)!.provenance).toEqual(withoutEdges(doc.forms[i]!.provenance!)));
    const detail = loadDeclarationDetail(db, out.forms[0]!.id)!;
    // Texts that are the stored value are not stored again; others (an amount as written) are.
    const stored = new Map((db.prepare('SELECT field, text FROM provenance WHERE declaration_id = ?').all(out.forms[0]!.id) as { field: string; text: string | null }[]).map((r) => [r.field, r.text]));
    expect(stored.get('overview')).toBeNull();
    expect(stored.get('indicators[0].name')).toBeNull();
    expect(stored.get('totalBudget')).toBe(doc.forms[0]!.provenance!.totalBudget!.text);
    expect(detail.issues).toEqual(doc.forms[0]!.issues.map(({ field, code, severity, message, page }) => ({ field, code, severity, message, page })));
  });
});

describe('opening', () => {
  it('refuses a database written by a newer schema, and a file that is no database', () => {
    const newer = join(dir, 'newer.sqlite');
    const d = new Database(newer);
    d.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    d.close();
    expect(() => openStoreForWriting(newer)).toThrow(/newer declx/);
    expect(() => openStoreReadOnly(newer)).toThrow(/newer declx/);
    const junk = join(dir, 'junk.sqlite');
    writeFileSync(junk, 'this is not a database, just text that is long enough to be looked at');
    expect(() => openStoreForWriting(junk)).toThrow(/not a declx database/);
    expect(() => openStoreReadOnly(junk)).toThrow(/not a declx database|cannot open/);
  });
});
