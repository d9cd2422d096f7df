/**
 * The application layer without the command line: import's tally and skip check, re-extraction
 * of what import stored, source filters, and issues stored with their page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { importPaths } from '../src/app/import.js';
import { reextractSources } from '../src/app/reextract.js';
import type { SourceFilters } from '../src/store/read.js';
import { SEED_TEXT, tempDir, writeVariants } from './store-helpers.js';

let dir: string;
beforeAll(() => {
  dir = tempDir('declx-app-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options = (db: string) => ({ db, concurrency: 2, ocr: 'tesseract' as const });

describe('importPaths', () => {
  it('stores the seed once, tells each file in input order, and skips it the second time', async () => {
    const db = join(dir, 'import.sqlite');
    const input = join(dir, 'seed.txt');
    copyFileSync(SEED_TEXT, input);
    const heard: string[] = [];
    const first = await importPaths([input, join(dir, 'absent.txt')], options(db), { file: (path, r) => heard.push(`${path} ${r.kind}`) });
    expect(heard).toEqual([`${join(dir, 'absent.txt')} failed`, `${input} stored`]);
    expect(first).toMatchObject({ files: 2, stored: 1, skipped: 0, failed: 1, forms: { new: 4, version: 0 } });
    const second = await importPaths([input], options(db));
    expect(second).toMatchObject({ files: 1, stored: 0, skipped: 1, failed: 0, forms: { new: 0 } });
    // Issues keep the page of the form issue they came from (the seed's truncated cells are on known pages).
    const d = new Database(db, { readonly: true });
    try {
      const pages = d.prepare(`SELECT DISTINCT page FROM issues WHERE code = 'validate.cell-truncated'`).pluck().all();
      expect(pages.length).toBeGreaterThan(0);
      expect(pages.every((p) => typeof p === 'number')).toBe(true);
    } finally {
      d.close();
    }
  });
});

describe('reextractSources', () => {
  it('re-reads what import stored and finds it unchanged', async () => {
    const db = join(dir, 'reextract.sqlite');
    await importPaths([SEED_TEXT], options(db));
    const kinds: string[] = [];
    const counts = await reextractSources({ ...options(db), filters: { year: 2018 } }, { source: (_s, _k, r) => kinds.push(r.kind) });
    expect(kinds).toEqual(['done']);
    expect(counts).toMatchObject({ sources: 1, changed: 0, unchanged: 4, failed: 0, missing: 0 });
  });

  it('chooses sources by filters whose values are never read as SQL', async () => {
    const db = join(dir, 'reextract.sqlite');
    const chosen = async (filters: SourceFilters): Promise<number> => (await reextractSources({ ...options(db), filters })).sources;
    expect(await chosen({ unit: '干部教育' })).toBe(1);
    expect(await chosen({ year: 2017 })).toBe(0);
    expect(await chosen({ code: 'validate.cell-truncated' })).toBe(1);
    expect(await chosen({ ids: [1] })).toBe(1);
    expect(await chosen({ ids: [999] })).toBe(0);
    // What once escaped the condition's parentheses is now only a unit name that no form has.
    expect(await chosen({ unit: "1=1) OR (1=1" })).toBe(0);
    expect(await chosen({ source: "' UNION SELECT 1, '/etc/passwd', 'x', '[\"/etc/passwd\"]' --" })).toBe(0);
  });

  it('stores the new versions of many sources in commit groups: each source reported once committed, each version searchable', async () => {
    const db = join(dir, 'reextract-many.sqlite');
    const inputs = join(dir, 'many');
    mkdirSync(inputs);
    // More forms than a commit group holds, so that several groups are committed.
    const paths = writeVariants(inputs, 130);
    await importPaths([inputs], options(db));
    // Stored values the extractor does not give (as after an extractor fix): each form gets a new version.
    const w = new Database(db);
    w.prepare(`UPDATE declarations SET remarks = 'stale'`).run();
    w.close();
    const reader = new Database(db, { readonly: true });
    try {
      const committedVersions = reader.prepare(`SELECT count(*) FROM declarations WHERE source_id = ? AND version = 2`).pluck();
      const reported: number[] = [];
      const counts = await reextractSources(options(db), {
        source: (s, _k, r) => {
          expect(r.kind).toBe('done');
          // What is reported has been committed: another connection sees it.
          expect(committedVersions.get(s.id)).toBe(1);
          reported.push(s.id);
        },
      });
      expect(counts).toMatchObject({ sources: 130, changed: 130, unchanged: 0, failed: 0, missing: 0 });
      expect(new Set(reported).size).toBe(paths.length);
      // Every declaration, old and new, has its one search row, holding its own text.
      const rows = reader
        .prepare(`SELECT d.id, d.version, f.remarks AS indexed, count(f.rowid) AS n FROM declarations d LEFT JOIN declarations_fts f ON f.rowid = d.id GROUP BY d.id`)
        .all() as { id: number; version: number; indexed: string | null; n: number }[];
      expect(rows).toHaveLength(260);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      expect(rows.filter((r) => r.version === 2).every((r) => r.indexed !== 'stale')).toBe(true);
      const found = reader.prepare(`SELECT count(*) FROM declarations_fts WHERE declarations_fts MATCH ?`).pluck();
      expect(found.get('"第129批"')).toBe(2);
    } finally {
      reader.close();
    }
  });
});
