/**
 * The application layer without the command line: import's tally and skip check, re-extraction
 * of what import stored, the store's own error for a bad --where, and issues stored with their page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { importPaths } from '../src/app/import.js';
import { reextractSources } from '../src/app/reextract.js';
import { StoreError } from '../src/store/errors.js';
import { SEED_TEXT, tempDir } from './store-helpers.js';

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
    const counts = await reextractSources({ ...options(db), where: 'd.year = 2018' }, { source: (_s, _k, r) => kinds.push(r.kind) });
    expect(kinds).toEqual(['done']);
    expect(counts).toMatchObject({ sources: 1, changed: 0, unchanged: 4, failed: 0, missing: 0 });
  });

  it('refuses a condition that is not SQL, or that writes, with the store’s own error', async () => {
    const db = join(dir, 'reextract.sqlite');
    await expect(reextractSources({ ...options(db), where: 'year ==== 2018' })).rejects.toThrow(StoreError);
    await expect(reextractSources({ ...options(db), where: '1); DELETE FROM declarations; SELECT (1' })).rejects.toThrow(StoreError);
  });
});
