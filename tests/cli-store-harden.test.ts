/**
 * The store cannot be lost or fooled: each probe a careful or hostile user ran, through the built
 * CLI (and the store where a failure cannot be made from outside, such as a full disk).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../src/store/errors.js';
import { openStoreForWriting } from '../src/store/open.js';
import { beginRun, storeDoc } from '../src/store/write.js';
import { BIN, SEED_TEXT, buildCli, declx, recordsToDoc, seedTruth, tempDir, writeVariants , scalar } from './store-helpers.js';

let dir: string;
beforeAll(async () => {
  await buildCli();
  dir = tempDir('declx-harden-');
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SLOW = { timeout: 120_000 };

/**
 * Runs a command without blocking this worker: a test of several CLI runs in a row, blocked in
 * spawnSync on a busy machine, could outlast vitest's one-minute deadline for a worker's answer.
 */
function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** Runs `declx ARGS...` to the end. */
const declxAsync = (args: string[]) => run(process.execPath, [BIN, ...args]);

/** A database holding the seed, in its own folder. */
async function seededDb(name: string): Promise<string> {
  const db = join(dir, name, 'd.sqlite');
  expect((await declxAsync(['import', SEED_TEXT, '--db', db])).code).toBe(0);
  return db;
}

describe('--db must name a file', SLOW, () => {
  it.each([[''], [':memory:'], ['file::memory:']])('refuses --db %j with exit 2 and stores nothing', async (name) => {
    for (const args of [['import', SEED_TEXT], ['query', 'SELECT 1'], ['search', '经费']]) {
      const r = (await declxAsync([...args, '--db', name]));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('nothing would be kept');
      expect(r.stdout).not.toContain('stored');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('export --out', SLOW, () => {
  it('refuses to write over the database or another SQLite file, and leaves both whole', async () => {
    const db = await seededDb('export');
    const other = join(dir, 'export', 'other.sqlite');
    new Database(other).exec('CREATE TABLE t (x)');
    for (const out of [db, join(dir, 'export', '.', 'd.sqlite'), other]) {
      const r = (await declxAsync(['export', '--format', 'csv', '--db', db, '--out', out]));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is the database itself|is an SQLite database/);
    }
    expect(scalar(db, 'PRAGMA integrity_check')).toBe('ok');
    expect(scalar(db, 'SELECT count(*) FROM current_declarations')).toBe(4);
    expect(scalar(other, 'SELECT count(*) FROM t')).toBe(0);
  });

  it('leaves no temp file: one left by a killed export is removed by the next', async () => {
    const db = await seededDb('export-tmp');
    const out = join(dir, 'export-tmp', 'out.csv');
    // A pid that cannot be running (above the kernel's limit).
    const stale = `${out}.tmp-4194305`;
    writeFileSync(stale, 'half');
    const r = (await declxAsync(['export', '--format', 'csv', '--db', db, '--out', out]));
    expect(r.code).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(readFileSync(out, 'utf8')).toContain('在线学习工作经费');
  });
});

describe('two first imports on a new database at once', SLOW, () => {
  it('both work, whichever migrates first', async () => {
    const db = join(dir, 'race', 'd.sqlite');
    mkdirSync(join(dir, 'race'), { recursive: true });
    const files = writeVariants(join(dir, 'race'), 2);
    const [a, b] = await Promise.all([declxAsync(['import', files[0]!, '--db', db]), declxAsync(['import', files[1]!, '--db', db])]);
    expect(a.stderr + b.stderr).not.toContain('not a declx database');
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(scalar(db, 'SELECT count(*) FROM current_declarations')).toBe(2);
    expect(scalar(db, 'PRAGMA integrity_check')).toBe('ok');
  });
});

describe('a busy database', SLOW, () => {
  it('is waited for, then named busy in one line (exit 2), not blamed on the file', async () => {
    const db = await seededDb('busy');
    const file = writeVariants(join(dir, 'busy'), 1)[0]!;
    const holder = new Database(db);
    holder.pragma('busy_timeout = 0');
    holder.exec('BEGIN IMMEDIATE');
    try {
      const started = Date.now();
      const r = (await declxAsync(['import', file, '--db', db]));
      expect(Date.now() - started).toBeGreaterThan(4000);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('the database is busy');
      expect(r.stderr).not.toMatch(/could not be read|unexpected error/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect((await declxAsync(['import', file, '--db', db])).code).toBe(0);
  });
});

describe('a full disk', () => {
  it('stops storing with one "disk full" error and leaves the database whole', async () => {
    const path = join(dir, 'full.sqlite');
    const db = openStoreForWriting(path);
    try {
      const runId = beginRun(db, 'import', 'test', {});
      // No page may be added: the next file's rows do not fit, as on a full disk.
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
      const doc = recordsToDoc(seedTruth(), 'seed.txt');
      expect(() => storeDoc(db, doc, { runId, pipelineVersion: 'test', parts: ['/seed.txt'] })).toThrow(StoreError);
      expect(() => storeDoc(db, doc, { runId, pipelineVersion: 'test', parts: ['/seed.txt'] })).toThrow(/disk full/);
      expect(db.prepare('SELECT count(*) FROM declarations').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});

/** Mounts a small tmpfs at `folder` (root only); false where that is not allowed. */
function mountSmallDisk(folder: string, size: string): boolean {
  mkdirSync(folder, { recursive: true });
  return process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', folder]).status === 0;
}

describe('a full disk during an import', SLOW, () => {
  it('is one "disk full" line, the batch stops, and what was stored stays whole', async (ctx) => {
    const disk = join(dir, 'small-disk');
    if (!mountSmallDisk(disk, '400k')) return ctx.skip();
    try {
      mkdirSync(join(dir, 'many'), { recursive: true });
      const files = writeVariants(join(dir, 'many'), 60);
      const db = join(disk, 'd.sqlite');
      const r = (await declxAsync(['import', join(dir, 'many'), '--db', db, '--concurrency', '1']));
      expect(r.code).toBe(2);
      const lines = r.stderr.split('\n').filter((l) => l.startsWith('declx:'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('disk full');
      expect(r.stderr).not.toMatch(/could not be read|unexpected error/);
      const stored = scalar(db, 'SELECT count(*) FROM declarations') as number;
      expect(stored).toBeGreaterThan(0);
      expect(stored).toBeLessThan(files.length);
      expect(scalar(db, 'PRAGMA integrity_check')).toBe('ok');
    } finally {
      spawnSync('umount', [disk]);
    }
  });
});

describe('reextract filters', SLOW, () => {
  it('takes --where as a condition that can only choose declarations, and refuses a bad filter with exit 2', async () => {
    const db = await seededDb('filters');
    const chosen = await declxAsync(['reextract', '--db', db, '--where', "year = 2018 AND unit_name LIKE '%干部教育%'"]);
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).toContain('1 source re-read');
    expect((await declxAsync(['reextract', '--db', db, '--where', 'year = 1999'])).stdout).toContain('no stored source matches');
    // Breaking out of the parentheses only writes another condition; nothing else can be reached.
    expect((await declxAsync(['reextract', '--db', db, '--where', '1=1) OR (1=1'])).code).toBe(0);
    const union = await declxAsync(['reextract', '--db', db, '--where', "1) UNION SELECT '/etc/passwd' WHERE (1"]);
    expect(union.code).toBe(2);
    expect(union.stderr).toContain('not declaration ids');
    for (const bad of ['1; DELETE FROM sources', "1) UNION SELECT '/etc/passwd' --", 'no_such_column = 1']) {
      const r = await declxAsync(['reextract', '--db', db, '--where', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(scalar(db, 'SELECT count(*) FROM sources')).toBe(1);
    for (const bad of [['--year', '18'], ['--id', 'x'], ['--id', '0'], ['--code', 'no.such-code']]) expect((await declxAsync(['reextract', '--db', db, ...bad])).code).toBe(2);
    const some = (await declxAsync(['reextract', '--db', db, '--unit', '干部教育', '--year', '2018']));
    expect(some.code).toBe(0);
    expect(some.stdout).toContain('1 source re-read');
  });
});

describe('a moved archive', SLOW, () => {
  it('is found again by relocate, and by an import of the same bytes at the new place', async () => {
    const archive = join(dir, 'moves', 'archive');
    mkdirSync(archive, { recursive: true });
    const files = writeVariants(archive, 2);
    const db = join(dir, 'moves', 'd.sqlite');
    expect((await declxAsync(['import', archive, '--db', db])).code).toBe(0);
    const moved = join(dir, 'moves', 'moved');
    renameSync(archive, moved);
    expect((await declxAsync(['reextract', '--db', db])).code).toBe(1);

    const r = (await declxAsync(['relocate', archive, moved, '--db', db]));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 sources relocated, 0 not found');
    const again = (await declxAsync(['reextract', '--db', db]));
    expect(again.stderr).not.toContain('moved or deleted');
    expect(again.code).toBe(0);

    // Moved once more, then imported where it now is: skipped as stored, and its place updated.
    const third = join(dir, 'moves', 'third');
    renameSync(moved, third);
    const imported = (await declxAsync(['import', third, '--db', db]));
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('nothing new');
    expect(JSON.parse(scalar(db, `SELECT parts FROM sources ORDER BY path LIMIT 1`) as string)).toEqual([resolve(third, 'form-0000.txt')]);
    expect((await declxAsync(['reextract', '--db', db])).code).toBe(0);
    // A copy elsewhere does not take the place of files still where they were stored from.
    const copy = join(dir, 'moves', 'copy.txt');
    copyFileSync(join(third, 'form-0000.txt'), copy);
    expect((await declxAsync(['import', copy, '--db', db])).code).toBe(0);
    expect(scalar(db, `SELECT count(*) FROM sources WHERE parts LIKE '%copy.txt%'`)).toBe(0);
    expect(files).toHaveLength(2);
  });
});

describe('changes', SLOW, () => {
  it('lists what a run changed, from the database', async () => {
    const db = await seededDb('changes');
    expect((await declxAsync(['changes', '--db', db])).stdout).toContain('no run has changed a stored form yet');
    // A stored value the extractor does not give (as after an extractor fix): reextract restores it.
    const d = new Database(db);
    d.prepare(`UPDATE declarations SET overview = '旧的概况' WHERE project_name = '在线学习工作经费'`).run();
    d.close();
    const re = (await declxAsync(['reextract', '--db', db]));
    expect(re.code).toBe(0);
    const shown = (await declxAsync(['changes', '--db', db]));
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/run 2 \(reextract, .*\): 1 new version/);
    expect(shown.stdout).toContain('overview: "旧的概况" → ');
    expect((await declxAsync(['changes', '2', '--db', db])).stdout).toBe(shown.stdout);
    expect((await declxAsync(['changes', '99', '--db', db])).code).toBe(2);
  });
});

/**
 * Runs the CLI as a user who cannot write the database: as root (who may write anything) through
 * setpriv as nobody, otherwise directly.
 */
function declxWithoutWriteAccess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const asRoot = process.getuid?.() === 0;
  return asRoot ? run('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args]) : declxAsync(args);
}

describe('a read-only store', SLOW, () => {
  const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;
  it.skipIf(process.getuid?.() === 0 && !hasSetpriv)('answers reading commands; writing ones say it is read-only', async () => {
    const db = await seededDb('readonly');
    const folder = join(dir, 'readonly');
    chmodSync(dir, 0o755);
    chmodSync(db, 0o444);
    chmodSync(folder, 0o555);
    try {
      const q = (await declxWithoutWriteAccess(['query', 'SELECT count(*) AS n FROM current_declarations', '--format', 'csv', '--db', db]));
      expect(q.stderr).toBe('');
      expect(q.stdout).toBe('n\n4\n');
      expect((await declxWithoutWriteAccess(['search', '经费', '--db', db])).code).toBe(0);
      expect((await declxWithoutWriteAccess(['show', '1', '--db', db])).code).toBe(0);
      const imported = (await declxWithoutWriteAccess(['import', SEED_TEXT, '--db', db]));
      expect(imported.code).toBe(2);
      expect(imported.stderr).toContain('the database is read-only');
      expect((await declxWithoutWriteAccess(['reextract', '--db', db])).stderr).toContain('the database is read-only');
    } finally {
      chmodSync(folder, 0o755);
      chmodSync(db, 0o644);
    }
  });
});
