/**
 * An import killed with SIGKILL part-way leaves a sound database, and importing again stores every
 * file exactly once, with no half-stored form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIN, ROOT, buildCli, declx, seedTruth, tempDir, writeVariants } from './store-helpers.js';

const FILES = 300;
/** Kill once this many files have been reported done (each report follows its commit). */
const KILL_AFTER = 40;

let dir: string;
beforeAll(async () => {
  await buildCli();
  dir = tempDir('declx-kill-');
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts an import and kills it with SIGKILL after `after` progress lines; resolves to the lines seen. */
function importAndKill(folder: string, db: string, after: number): Promise<{ lines: number; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'import', folder, '--db', db, '--concurrency', '2'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let lines = 0;
    let buffered = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      lines += parts.filter((l) => /^\[\s*\d+\/\d+\]/.test(l)).length;
      if (lines >= after && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ lines, signal }));
  });
}

describe('an import killed part-way', { timeout: 300_000 }, () => {
  it('leaves no half-stored file, and the next import completes the batch exactly once', async () => {
    const folder = join(dir, 'in');
    mkdirSync(folder);
    writeVariants(folder, FILES);
    const db = join(dir, 'kill.sqlite');

    const killed = await importAndKill(folder, db, KILL_AFTER);
    expect(killed.signal).toBe('SIGKILL');

    const check = new Database(db, { readonly: true });
    const storedAtKill = check.prepare('SELECT count(*) FROM extractions').pluck().get() as number;
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    // searchable right after the crash: every committed declaration has its full-text row
    expect(check.prepare('SELECT count(*) FROM declarations').pluck().get()).toBeGreaterThan(0);
    expect(check.prepare('SELECT count(*) FROM declarations WHERE id NOT IN (SELECT rowid FROM declarations_fts)').pluck().get()).toBe(0);
    expect(check.prepare('SELECT count(*) FROM declarations_fts').pluck().get()).toBe(check.prepare('SELECT count(*) FROM declarations').pluck().get());
    check.close();
    // killed part-way: some files stored, not all
    expect(storedAtKill).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(storedAtKill).toBeLessThan(FILES);

    const again = declx(['import', folder, '--db', db]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`^${FILES} files: ${FILES - storedAtKill} stored, ${storedAtKill} skipped`, 'm'));

    const d = new Database(db, { readonly: true });
    try {
      expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(d.pragma('foreign_key_check')).toEqual([]);
      // every file exactly once: one source, one extraction, one declaration each
      expect(d.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(FILES);
      expect(d.prepare('SELECT count(DISTINCT path) FROM sources').pluck().get()).toBe(FILES);
      expect(d.prepare('SELECT count(*) FROM extractions').pluck().get()).toBe(FILES);
      expect(d.prepare('SELECT count(*) FROM declarations').pluck().get()).toBe(FILES);
      expect(d.prepare('SELECT count(*) FROM declarations_fts').pluck().get()).toBe(FILES);
      // no half-stored form: each declaration has all the budget items and indicators of its seed form
      const truth = seedTruth();
      const rows = d
        .prepare(
          `SELECT s.path,
                  (SELECT count(*) FROM budget_items b WHERE b.declaration_id = x.id) AS items,
                  (SELECT count(*) FROM indicators i WHERE i.declaration_id = x.id) AS indicators
           FROM declarations x JOIN sources s ON s.id = x.source_id ORDER BY s.path`,
        )
        .all() as { path: string; items: number; indicators: number }[];
      expect(rows).toHaveLength(FILES);
      rows.forEach((r, i) => {
        const form = truth[i % truth.length]!;
        expect(r.path).toBe(join(folder, `form-${String(i).padStart(4, '0')}.txt`));
        expect([r.items, r.indicators]).toEqual([form.budgetItems.length, form.indicators.length]);
      });
      // the killed run never finished; the second did
      expect(d.prepare('SELECT count(*) FROM runs WHERE finished_at IS NULL').pluck().get()).toBe(1);
    } finally {
      d.close();
    }
  });
});
