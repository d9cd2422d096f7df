/**
 * The store commands end to end, through the built CLI: import, skip, versions, reextract,
 * query's refusal, and export equal to extract.
 */
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SEED_TEXT, buildCli, declx, seedForms, tempDir, variantOfForm, writeVariants , scalar } from './store-helpers.js';

let dir: string;
beforeAll(async () => {
  await buildCli();
  dir = tempDir('declx-cli-store-');
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each step spawns the CLI (about a second to start on a busy machine).
const SLOW = { timeout: 120_000 };

describe('import and export of the seed', SLOW, () => {
  it('exports exactly the records extract prints for the same file', () => {
    const db = join(dir, 'seed', 'd.sqlite');
    const imported = declx(['import', SEED_TEXT, '--db', db]);
    expect(imported.stderr).not.toMatch(/failed|Error/);
    expect(imported.code).toBe(0);
    const exported = declx(['export', '--format', 'json', '--db', db]);
    expect(exported.code).toBe(0);
    const extracted = declx(['extract', SEED_TEXT, '--format', 'json']);
    expect(extracted.code).toBe(0);
    const records = JSON.parse(exported.stdout);
    expect(records).toHaveLength(seedForms().length);
    expect(records).toEqual(JSON.parse(extracted.stdout));
  });

  it('refuses a DELETE in query with one clear line, exit 2, and changes nothing', () => {
    const db = join(dir, 'seed', 'd.sqlite');
    const before = scalar(db, 'SELECT count(*) FROM declarations');
    const r = declx(['query', 'DELETE FROM declarations', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('declx: query: only reading statements are allowed (DELETE …)\n');
    expect(r.stdout).toBe('');
    expect(scalar(db, 'SELECT count(*) FROM declarations')).toBe(before);
    expect(before).toBe(seedForms().length);
  });

  it('searches, shows and queries the imported seed', () => {
    const db = join(dir, 'seed', 'd.sqlite');
    const hits = JSON.parse(declx(['search', '远程教育', '--db', db, '--format', 'json']).stdout) as { id: number; projectName: string }[];
    const firstId = scalar(db, 'SELECT id FROM declarations WHERE form_index = 0') as number;
    expect(hits.map((h) => h.id)).toContain(firstId);
    const shown = declx(['show', String(firstId), '--db', db]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(hits.find((h) => h.id === firstId)!.projectName);
    const q = declx(['query', 'SELECT count(*) AS n FROM current_declarations', '--db', db, '--format', 'csv']);
    expect(q.stdout).toBe(`n\n${seedForms().length}\n`);
  });

  it('uses output/declarations.sqlite in the current folder by default', () => {
    const cwd = join(dir, 'default');
    mkdirSync(cwd);
    expect(declx(['import', SEED_TEXT], cwd).code).toBe(0);
    expect(scalar(join(cwd, 'output', 'declarations.sqlite'), 'SELECT count(*) FROM declarations')).toBe(seedForms().length);
  });
});

describe('re-importing', SLOW, () => {
  it('stores nothing new for the same folder and only the changed file after a change', () => {
    const folder = join(dir, 'batch');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    const files = [...writeVariants(folder, 3), ...writeVariants(join(folder, 'sub'), 2, 3)];
    const db = join(dir, 'batch.sqlite');
    const first = declx(['import', folder, '--db', db]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^5 files: 5 stored, 0 skipped/m);

    const again = declx(['import', folder, '--db', db]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^nothing new: all 5 files were already stored/m);
    expect(scalar(db, 'SELECT count(*) FROM declarations')).toBe(5);

    // a new scan of one form: same year, unit and project, different text
    const changed = files[3]!;
    writeFileSync(changed, readFileSync(changed, 'utf8').replace(/^(项目概况\t)/m, '$1补充说明。'));
    const third = declx(['import', folder, '--db', db]);
    expect(third.code).toBe(0);
    expect(third.stdout).toMatch(/^5 files: 1 stored, 4 skipped/m);
    expect(third.stdout).toMatch(/^forms: 0 new, 1 new version/m);
    expect(scalar(db, 'SELECT count(*) FROM declarations')).toBe(6);
    expect(scalar(db, 'SELECT count(*) FROM current_declarations')).toBe(5);
    expect(scalar(db, "SELECT group_concat(version || ':' || is_current, ' ') FROM (SELECT * FROM declaration_versions WHERE lineage_id = (SELECT lineage_id FROM declarations GROUP BY lineage_id HAVING count(*) = 2) ORDER BY version)")).toBe('1:0 2:1');
    expect(scalar(db, "SELECT overview FROM current_declarations c JOIN declarations d USING (id) WHERE d.version = 2")).toMatch(/^补充说明。/);
  });

  it('commits one batch in path order: of two scans of one form, the later path is current', () => {
    const folder = join(dir, 'order');
    mkdirSync(folder);
    const form = variantOfForm(seedForms()[2]!, 99);
    writeFileSync(join(folder, 'a-first.txt'), form);
    writeFileSync(join(folder, 'b-second.txt'), form.replace(/^(项目概况\t)/m, '$1第二次扫描。'));
    const db = join(dir, 'order.sqlite');
    const r = declx(['import', folder, '--db', db, '--concurrency', '2']);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('['))).toEqual([
      `[1/2] ${join(folder, 'a-first.txt')}: 1 form stored`,
      `[2/2] ${join(folder, 'b-second.txt')}: 1 form stored`,
    ]);
    expect(scalar(db, 'SELECT source_path FROM current_declarations')).toBe(join(folder, 'b-second.txt'));
    expect(scalar(db, "SELECT group_concat(version || ':' || is_current || ':' || source_path, ' ') FROM (SELECT * FROM declaration_versions ORDER BY version)")).toBe(
      `1:0:${join(folder, 'a-first.txt')} 2:1:${join(folder, 'b-second.txt')}`,
    );
  });

  it('names a bad file in one line, stores the others and exits 1', () => {
    const folder = join(dir, 'bad');
    mkdirSync(folder);
    writeVariants(folder, 2, 10);
    writeFileSync(join(folder, 'empty.txt'), '');
    writeFileSync(join(folder, 'notes.txt'), '这不是申报表。\n');
    const db = join(dir, 'bad.sqlite');
    const r = declx(['import', folder, '--db', db]);
    expect(r.code).toBe(1);
    const failures = r.stderr.split('\n').filter((l) => !/^\[\s*\d+\/\d+\]/.test(l) && l !== '');
    expect(failures).toHaveLength(2);
    expect(failures.some((l) => l.startsWith(`declx: ${join(folder, 'empty.txt')}: `))).toBe(true);
    expect(failures.some((l) => l.startsWith(`declx: ${join(folder, 'notes.txt')}: `))).toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(scalar(db, 'SELECT count(*) FROM declarations')).toBe(2);
  });
});

describe('reextract', SLOW, () => {
  it('reports changed fields as new versions, and sources that vanished', () => {
    const folder = join(dir, 're');
    mkdirSync(folder);
    const files = writeVariants(folder, 3, 20);
    const db = join(dir, 're.sqlite');
    expect(declx(['import', folder, '--db', db]).code).toBe(0);

    // nothing changed: nothing stored
    const same = declx(['reextract', '--db', db]);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/0 declarations changed \(new versions\), 3 unchanged/);
    expect(scalar(db, 'SELECT count(*) FROM declarations')).toBe(3);

    // an older extractor had read one field differently
    const w = new Database(db);
    const target = w.prepare('SELECT id, overview FROM declarations ORDER BY id LIMIT 1').get() as { id: number; overview: string };
    w.prepare('UPDATE declarations SET overview = ? WHERE id = ?').run('旧的读取结果', target.id);
    w.close();
    renameSync(files[2]!, join(dir, 'moved.txt'));

    const re = declx(['reextract', '--db', db]);
    expect(re.code).toBe(1);
    expect(re.stdout).toContain(`#${target.id} → #`);
    expect(re.stdout).toMatch(/^ {2}overview: "旧的读取结果" → "/m);
    expect(re.stderr).toContain(`declx: ${files[2]}: moved or deleted since it was imported`);
    expect(re.stdout).toMatch(/1 declaration changed \(new versions\), 1 unchanged; 1 missing/);
    expect(scalar(db, `SELECT overview FROM current_declarations c JOIN declarations d USING (id) WHERE d.lineage_id = (SELECT lineage_id FROM declarations WHERE id = ${target.id})`)).toBe(target.overview);
    expect(scalar(db, `SELECT overview FROM declarations WHERE id = ${target.id}`)).toBe('旧的读取结果');
    copyFileSync(join(dir, 'moved.txt'), files[2]!);
    appendFileSync(files[2]!, '\n');
    const changedOnDisk = declx(['reextract', '--db', db]);
    expect(changedOnDisk.stderr).toContain(`declx: ${files[2]}: the file has changed since it was imported`);
  });
});
