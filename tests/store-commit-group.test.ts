import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openStoreForWriting, type Db } from '../src/store/open.js';
import { createCommitGroup } from '../src/store/commit-group.js';
import { beginRun, storeDoc } from '../src/store/write.js';
import { searchDeclarations } from '../src/store/search.js';
import { recordsToDoc, seedTruth, tempDir } from './store-helpers.js';

let dir: string;
let path: string;
let db: Db;
let runId: number;
const V = 'test-1';

const store = (doc: ReturnType<typeof recordsToDoc>) => storeDoc(db, doc, { runId, pipelineVersion: V, parts: [join(dir, doc.source.path)] });
/** The seed's forms as a file of their own, renamed by `tag` so that each is a new form. */
const fileOf = (tag: string, n = 1) =>
  recordsToDoc(seedTruth().slice(0, n).map((r) => ({ ...r, projectName: `${r.projectName}${tag}` })), `${tag}.txt`);
/** Declarations another connection sees (what is committed). */
const committedCount = (): number => {
  const other = new Database(path, { readonly: true });
  try {
    return other.prepare('SELECT count(*) FROM declarations').pluck().get() as number;
  } finally {
    other.close();
  }
};

beforeEach(() => {
  dir = tempDir();
  path = join(dir, 'd.sqlite');
  db = openStoreForWriting(path);
  runId = beginRun(db, 'import', V, {});
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a commit group', () => {
  it('commits many files at once and reports each only once committed', () => {
    const group = createCommitGroup(db, { maxForms: 3, idleMs: 60_000, maxOpenMs: 60_000 }, () => {});
    const reported: string[] = [];
    for (const tag of ['a', 'b']) {
      group.open();
      group.add({ write: () => store(fileOf(tag)), forms: () => 1, report: () => reported.push(tag) });
    }
    expect(reported).toEqual([]);
    expect(committedCount()).toBe(0);
    group.open();
    group.add({ write: () => store(fileOf('c')), forms: () => 1, report: () => reported.push('c') });
    // The third form fills the group.
    expect(reported).toEqual(['a', 'b', 'c']);
    expect(committedCount()).toBe(3);
    expect(db.inTransaction).toBe(false);
  });

  it('rolls back a failing file alone, keeping the files before and after it in the group', () => {
    const group = createCommitGroup(db, { maxForms: 100, idleMs: 60_000, maxOpenMs: 60_000 }, () => {});
    group.open();
    store(fileOf('a', 2));
    const bad = fileOf('b', 2);
    // The second form breaks a CHECK constraint after the first was written.
    bad.forms[1]!.record!.startDate = 'not a date';
    expect(() => store(bad)).toThrow(/CHECK/);
    store(fileOf('c'));
    group.commit();
    const names = db.prepare('SELECT project_name FROM declarations ORDER BY id').pluck().all() as string[];
    expect(names.map((n) => n.slice(-1))).toEqual(['a', 'a', 'c']);
    expect(db.prepare(`SELECT count(*) FROM sources WHERE path = 'b.txt'`).pluck().get()).toBe(0);
    // The full-text rows of exactly the kept forms, written at the commit.
    expect(db.prepare('SELECT rowid FROM declarations_fts ORDER BY rowid').pluck().all()).toEqual(db.prepare('SELECT id FROM declarations ORDER BY id').pluck().all());
    const kept = `${seedTruth()[0]!.projectName}a`;
    expect(searchDeclarations(db, kept).map((h) => h.projectName)).toEqual([kept]);
    expect(searchDeclarations(db, `${seedTruth()[1]!.projectName}b`)).toEqual([]);
  });

  it('commits by itself once no file came for a while', async () => {
    const group = createCommitGroup(db, { maxForms: 100, idleMs: 20, maxOpenMs: 60_000 }, () => {});
    const reported: string[] = [];
    group.open();
    group.add({ write: () => store(fileOf('a')), forms: () => 1, report: () => reported.push('a') });
    expect(committedCount()).toBe(0);
    await new Promise((r) => setTimeout(r, 80));
    expect(reported).toEqual(['a']);
    expect(committedCount()).toBe(1);
  });

  it('commits files coming faster than the idle time once it has been open its longest', async () => {
    const group = createCommitGroup(db, { maxForms: 100, idleMs: 5000, maxOpenMs: 100 }, () => {});
    const reported: string[] = [];
    const started = performance.now();
    for (let i = 0; reported.length === 0 && i < 40; i++) {
      group.open();
      group.add({ write: () => store(fileOf(`f${i}`)), forms: () => 1, report: () => reported.push(`f${i}`) });
      await new Promise((r) => setTimeout(r, 10));
    }
    // Committed by the open time (about 100 ms), not after the idle time that never came.
    expect(reported.length).toBeGreaterThan(1);
    expect(performance.now() - started).toBeLessThan(4000);
    expect(committedCount()).toBe(reported.length);
    group.commit();
  });

  it('writes and reports at once when no group is open (a file that failed before writing)', () => {
    const group = createCommitGroup(db, { maxForms: 100, idleMs: 60_000, maxOpenMs: 60_000 }, () => {});
    const reported: string[] = [];
    group.add({ write: () => 'failed', forms: () => 0, report: (r) => reported.push(r) });
    expect(reported).toEqual(['failed']);
  });

  it('drops the reports of a group the database lost', () => {
    const group = createCommitGroup(db, { maxForms: 100, idleMs: 60_000, maxOpenMs: 60_000 }, () => {});
    const reported: string[] = [];
    group.open();
    group.add({ write: () => store(fileOf('a')), forms: () => 1, report: () => reported.push('a') });
    // As SQLite does itself on some failures (a full disk): the transaction is gone.
    db.exec('ROLLBACK');
    group.abandon();
    expect(reported).toEqual([]);
    expect(committedCount()).toBe(0);
    expect(db.inTransaction).toBe(false);
  });
});
