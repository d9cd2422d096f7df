import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import { UsageError } from '../src/errors.js';
import { openStoreForWriting, openStoreReadOnly } from '../src/store/open.js';
import { beginRun, storeDoc } from '../src/store/write.js';
import { runQuery, runReadQuery, sqlToVerb, columnsToUnique } from '../src/cli/query.js';
import { runExport } from '../src/cli/export.js';
import { runShow, textToDeclarationId } from '../src/cli/show.js';
import { runSearch } from '../src/cli/search.js';
import { parseCsv, recordsToDoc, seedTruth, tempDir } from './store-helpers.js';

let dir: string;
let dbPath: string;
let stored: ReturnType<typeof recordsToDoc>;
let ids: number[];

/** A writable that keeps what was written. */
function sink(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({ write: (c, _e, cb) => (chunks.push(String(c)), cb()) }) as Writable & { text: () => string };
  w.text = () => chunks.join('');
  return w;
}

beforeAll(() => {
  dir = tempDir();
  dbPath = join(dir, 'd.sqlite');
  const db = openStoreForWriting(dbPath);
  stored = recordsToDoc(seedTruth(), 'seed.txt', 'seed', [[{ code: 'map.checkbox-none', field: 'fundUse', severity: 'warning', message: 'no box ticked', page: 1 }]]);
  ids = storeDoc(db, stored, { runId: beginRun(db, 'import', 't', {}), pipelineVersion: 't', parts: [] }).forms.map((f) => f.id);
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const count = (): number => {
  const db = openStoreReadOnly(dbPath);
  try {
    return db.prepare('SELECT count(*) FROM declarations').pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('query', () => {
  it.each([
    'DELETE FROM declarations',
    'UPDATE declarations SET year = 1',
    'DROP TABLE declarations',
    'INSERT INTO lineages DEFAULT VALUES',
    '/* c */ delete from issues',
    'CREATE TABLE x (a)',
  ])('refuses %s with a clear message and changes nothing', async (sql) => {
    const before = count();
    const out = sink();
    await expect(runQuery(sql, { db: dbPath, format: 'table' }, out)).rejects.toThrow(UsageError);
    await expect(runQuery(sql, { db: dbPath, format: 'table' }, out)).rejects.toThrow(
      new RegExp(`^query: only reading statements are allowed \\(${sqlToVerb(sql)} …\\)$`),
    );
    expect(out.text()).toBe('');
    expect(count()).toBe(before);
    expect(before).toBe(4);
  });

  it('reports SQL errors as usage errors', async () => {
    await expect(runQuery('SELECT * FROM nope', { db: dbPath, format: 'table' })).rejects.toThrow(/^query: no such table: nope$/);
    await expect(runQuery('SELECT 1; SELECT 2', { db: dbPath, format: 'table' })).rejects.toThrow(/^query: .*more than one statement/);
  });

  it('prints the views as table, JSON and CSV', async () => {
    const sql = 'SELECT id, project_name, total_budget, budget_item_count FROM current_declarations ORDER BY id';
    const json = sink();
    await runQuery(sql, { db: dbPath, format: 'json' }, json);
    const rows = JSON.parse(json.text()) as { id: number; project_name: string; total_budget: number; budget_item_count: number }[];
    expect(rows.map((r) => r.project_name)).toEqual(seedTruth().map((r) => r.projectName));
    expect(rows.map((r) => r.budget_item_count)).toEqual(seedTruth().map((r) => r.budgetItems.length));
    const csv = sink();
    await runQuery(sql, { db: dbPath, format: 'csv' }, csv);
    expect(parseCsv(csv.text())).toEqual(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v ?? '')]))));
    const table = sink();
    await runQuery(sql, { db: dbPath, format: 'table' }, table);
    expect(table.text().split('\n')[0]).toMatch(/^id +project_name +total_budget +budget_item_count$/);
    expect(table.text().trimEnd().split('\n')).toHaveLength(2 + rows.length);
  });

  it('parses targets into columns in current_indicators', () => {
    const db = openStoreReadOnly(dbPath);
    try {
      const { rows } = runReadQuery(db, "SELECT op, value, unit, subject FROM current_indicators WHERE op IS NOT NULL ORDER BY declaration_id, position");
      const expected = seedTruth().flatMap((r) => r.indicators.flatMap((i) => (i.targetParsed ? [i.targetParsed] : [])));
      expect(rows).toEqual(expected);
    } finally {
      db.close();
    }
  });

  it('keeps duplicate column names apart', () => expect(columnsToUnique(['id', 'id', 'x', 'id'])).toEqual(['id', 'id:2', 'x', 'id:3']));
});

describe('export', () => {
  it('writes exactly the records that were stored, as JSON', async () => {
    const out = join(dir, 'sub', 'export.json');
    const err = sink();
    expect(await runExport({ db: dbPath, format: 'json', out }, { stdout: sink(), stderr: err })).toBe(0);
    expect(err.text()).toBe(`4 records written to ${out}\n`);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(stored.forms.map((f) => f.record));
    expect(readFileSync(out, 'utf8')).toBe(JSON.stringify(stored.forms.map((f) => f.record), null, 2) + '\n');
  });

  it('writes one CSV row per declaration with the SPEC fields', async () => {
    const out = sink();
    await runExport({ db: dbPath, format: 'csv' }, { stdout: out, stderr: sink() });
    const rows = parseCsv(out.text());
    expect(rows.map((r) => r.projectName)).toEqual(seedTruth().map((r) => r.projectName));
    expect(rows.map((r) => JSON.parse(r.indicators!))).toEqual(seedTruth().map((r) => r.indicators));
    expect(rows.map((r) => Number(r.totalBudget))).toEqual(seedTruth().map((r) => r.totalBudget));
  });
});

describe('show', () => {
  it('prints every field, the tables and the versions', async () => {
    const out = sink();
    await runShow(String(ids[0]), { db: dbPath, format: 'text' }, out);
    const text = out.text();
    const r = seedTruth()[0]!;
    for (const v of [r.projectName!, r.unitName!, r.overview!, r.budgetItems[0]!.name, r.indicators[0]!.name, 'map.checkbox-none', 'versions'])
      expect(text).toContain(v);
  });

  it('prints JSON with record, issues with pages, provenance and versions', async () => {
    const out = sink();
    await runShow(`#${ids[0]}`, { db: dbPath, format: 'json' }, out);
    const d = JSON.parse(out.text());
    expect(d.record).toEqual(stored.forms[0]!.record);
    expect(d.issues).toEqual([{ code: 'map.checkbox-none', field: 'fundUse', severity: 'warning', message: 'no box ticked', page: 1 }]);
    expect(d.provenance.projectName.page).toBe(1);
    expect(d.versions).toHaveLength(1);
  });

  it.each(['x', '1.5', ''])('refuses the id %j', (id) => expect(() => textToDeclarationId(id)).toThrow(UsageError));
  it('says when there is no such declaration', async () => {
    await expect(runShow('999', { db: dbPath, format: 'text' })).rejects.toThrow(/no declaration #999/);
  });
});

describe('search command', () => {
  it('lists the hits with a snippet', async () => {
    const out = sink();
    await runSearch('远程教育', { db: dbPath, format: 'json' }, { stdout: out, stderr: sink() });
    const hits = JSON.parse(out.text()) as { id: number; snippet: string }[];
    expect(hits.map((h) => h.id)).toContain(ids[0]);
    expect(hits.every((h) => h.snippet.includes('远程教育'))).toBe(true);
  });
});
