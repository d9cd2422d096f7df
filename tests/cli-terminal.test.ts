/**
 * The terminal and spreadsheets stay safe: hostile text in a form (escape sequences, OSC titles
 * and links, C1 controls, spreadsheet formulas) is printed harmless and exported neutralised while
 * the stored value keeps it; tables fit a width; pipes closed early, a full disk and Ctrl-C end
 * cleanly.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textToSafeCsvCell, UTF8_BOM } from '../src/cli/csv-safe.js';
import { runExport } from '../src/cli/export.js';
import { formatTable, textToWidth, widthsToFit } from '../src/cli/format-table.js';
import { guardOutputStreams } from '../src/cli/output-errors.js';
import { runQuery } from '../src/cli/query.js';
import { runSearch } from '../src/cli/search.js';
import { runShow } from '../src/cli/show.js';
import { jsonToTerminalSafe, textToTerminalSafe } from '../src/cli/terminal.js';
import { UsageError } from '../src/errors.js';
import { openStoreForWriting } from '../src/store/open.js';
import { beginRun, storeDoc } from '../src/store/write.js';
import { BIN, buildCli, declx, parseCsv, recordsToDoc, ROOT, seedTruth, tempDir, writeVariants } from './store-helpers.js';

/** A writable that keeps what was written; `isTTY` makes it pose as a terminal. */
function sink(isTTY = false): Writable & { text: () => string; isTTY: boolean } {
  const chunks: string[] = [];
  const w = new Writable({ write: (c, _e, cb) => (chunks.push(String(c)), cb()) }) as Writable & { text: () => string; isTTY: boolean };
  w.text = () => chunks.join('');
  w.isTTY = isTTY;
  return w;
}

const CLEAR = '\x1b[2J\x1b[H';
const TITLE = '\x1b]0;pwned\x07';
const LINK = '\x1b]8;;http://evil.example\x1b\\点击\x1b]8;;\x1b\\';
const C1 = '\u009b31m';
const HOSTILE_PROJECT = `${CLEAR}远程教育${TITLE}网络${LINK}${C1}运维费`;
const FORMULA_UNIT = '=HYPERLINK("http://evil.example","点击")';
/** What a terminal must never receive from a value: ESC, BEL, C1 controls. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

let dir: string;
let db: string;
let hostileId: number;
beforeAll(() => {
  dir = tempDir('declx-terminal-');
  db = join(dir, 'd.sqlite');
  const truth = seedTruth();
  truth[0] = { ...truth[0]!, projectName: HOSTILE_PROJECT, unitName: FORMULA_UNIT, overview: `${truth[0]!.overview}\n${CLEAR}第二段\t制表` };
  const store = openStoreForWriting(db);
  hostileId = storeDoc(store, recordsToDoc(truth, `seed${TITLE}.txt`, 'hostile'), { runId: beginRun(store, 'import', 't', {}), pipelineVersion: 't', parts: [] }).forms[0]!.id;
  store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('control characters never reach the terminal', () => {
  it.each([
    ['a clear-screen sequence', `a${CLEAR}b`, 'ab'],
    ['an OSC title (BEL)', `a${TITLE}b`, 'ab'],
    ['an OSC 8 hyperlink (ST)', LINK, '点击'],
    ['a C1 CSI', `a${C1}b`, 'ab'],
    ['bare C0 controls, CR and DEL', 'a\x07\x08\rb\x7f', 'ab'],
    ['bidi overrides', 'a\u202eb\u2066c', 'abc'],
    ['line feeds, tabs and Chinese stay', '上海\n市\t财政', '上海\n市\t财政'],
  ])('%s', (_, input, expected) => expect(textToTerminalSafe(input)).toBe(expected));

  it('JSON keeps the exact value and escapes every control character', () => {
    const json = jsonToTerminalSafe(JSON.stringify({ v: HOSTILE_PROJECT }));
    expect(json).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(json)).toEqual({ v: HOSTILE_PROJECT });
  });

  it('search, show and query tables print the value without its controls', async () => {
    const outs = [sink(), sink(), sink(), sink()];
    await runSearch('远程教育', { db, format: 'table' }, { stdout: outs[0]!, stderr: sink() });
    await runShow(String(hostileId), { db, format: 'text' }, outs[1]!);
    await runQuery('SELECT project_name, unit_name FROM current_declarations', { db, format: 'table' }, outs[2]!);
    await runShow(String(hostileId), { db, format: 'json' }, outs[3]!);
    for (const out of outs) expect(out.text()).not.toMatch(RAW_CONTROL);
    expect(outs[0]!.text()).toContain('远程教育网络点击运维费');
    expect(outs[1]!.text()).toContain('远程教育网络点击运维费');
    expect(outs[1]!.text()).toContain('第二段\t制表');
    expect(JSON.parse(outs[3]!.text()).record.projectName).toBe(HOSTILE_PROJECT);
  });

  it('the stored value keeps its controls (JSON output gives it back exactly)', async () => {
    const out = sink();
    await runQuery('SELECT project_name FROM current_declarations', { db, format: 'json' }, out);
    expect(JSON.parse(out.text()).map((r: { project_name: string }) => r.project_name)).toContain(HOSTILE_PROJECT);
  });

  it('CSV keeps the value in a file or pipe, and drops controls on a terminal', async () => {
    const file = sink();
    const tty = sink(true);
    await runQuery('SELECT project_name FROM current_declarations', { db, format: 'csv' }, file);
    await runQuery('SELECT project_name FROM current_declarations', { db, format: 'csv' }, tty);
    expect(parseCsv(file.text()).map((r) => r.project_name)).toContain(HOSTILE_PROJECT);
    expect(tty.text()).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('tables fit the width', () => {
  const rows = [
    { id: 1, name: '上海市党员干部现代远程网络体系运维费(非信息化项目)二〇一八年度', unit: 'a'.repeat(70), budget: 12345678901 },
    { id: 22, name: 'short', unit: 'b', budget: 5 },
  ];
  it.each([40, 60, 80, 120])('at %i columns every line fits, numbers are never cut', (width) => {
    const text = formatTable(rows, { maxWidth: width });
    for (const line of text.trimEnd().split('\n')) expect(textToWidth(line)).toBeLessThanOrEqual(width);
    expect(text).toContain('12345678901');
  });
  it('cuts the widest text columns first, with …', () => {
    // one cap for both text columns: 2 + 30 + 30 + 11 and three gaps of 2 fill 79 of 80 (a cap of 31 needs 81)
    expect(widthsToFit([2, 60, 70, 11], [true, false, false, true], 80)).toEqual([2, 30, 30, 11]);
    expect(widthsToFit([2, 60, 10, 11], [true, false, false, true], 40)).toEqual([2, 11, 10, 11]);
    const text = formatTable(rows, { maxWidth: 60 });
    expect(text).toContain('…');
  });
  it('search and show fit 80 columns when asked', async () => {
    const search = sink();
    const show = sink();
    await runSearch('', { db, format: 'table', width: 80 }, { stdout: search, stderr: sink() });
    await runShow(String(hostileId), { db, format: 'text', width: 80 }, show);
    for (const line of [...search.text().split('\n'), ...show.text().split('\n')]) expect(textToWidth(line)).toBeLessThanOrEqual(80);
  });
  it('output to a file or pipe is not cut', async () => {
    const out = sink();
    await runSearch('', { db, format: 'table' }, { stdout: out, stderr: sink() });
    expect(Math.max(...out.text().split('\n').map(textToWidth))).toBeGreaterThan(120);
  });
  it('search --columns chooses and orders the columns', async () => {
    const out = sink();
    await runSearch('', { db, format: 'csv', columns: ['projectName', 'id'] }, { stdout: out, stderr: sink() });
    expect(out.text().split('\n')[0]).toBe('projectName,id');
  });
});

describe('spreadsheets open the CSV as data', () => {
  it.each([
    ['=HYPERLINK("http://x","点击")', `'=HYPERLINK("http://x","点击")`],
    ['+cmd|x', `'+cmd|x`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['-5', '-5'],
    ['+3.5', '+3.5'],
    ['上海市=1', '上海市=1'],
    ['', ''],
  ])('%j → %j', (input, expected) => expect(textToSafeCsvCell(input)).toBe(expected));

  it('export and query neutralise formulas, keep numbers, and add a BOM when asked', async () => {
    const exported = sink();
    await runExport({ db, format: 'csv', bom: true }, { stdout: exported, stderr: sink() });
    expect(exported.text().startsWith(UTF8_BOM)).toBe(true);
    const rows = parseCsv(exported.text().slice(1));
    expect(rows.map((r) => r.unitName)).toContain(`'${FORMULA_UNIT}`);
    expect(rows.map((r) => r.totalBudget)).toContain(String(seedTruth()[0]!.totalBudget));
    const queried = sink();
    await runQuery('SELECT unit_name, total_budget, -1 AS minus FROM current_declarations', { db, format: 'csv', bom: true }, queried);
    expect(queried.text().startsWith(UTF8_BOM)).toBe(true);
    const qrows = parseCsv(queried.text().slice(1));
    expect(qrows.map((r) => r.unit_name)).toContain(`'${FORMULA_UNIT}`);
    expect(qrows[0]!.minus).toBe('-1');
    await expect(runQuery('SELECT 1', { db, format: 'json', bom: true }, sink())).rejects.toThrow(UsageError);
    await expect(runExport({ db, format: 'json', bom: true }, { stdout: sink(), stderr: sink() })).rejects.toThrow(UsageError);
  });
});

describe('write errors of the output', () => {
  it('a reader that went away (EPIPE) ends quietly with 0; another error is one line and 1', () => {
    for (const [code, exitCode, lines] of [
      ['EPIPE', 0, 0],
      ['ENOSPC', 1, 1],
    ] as const) {
      const stdout = sink();
      const stderr = sink();
      let exited: number | undefined;
      guardOutputStreams({ stdout, stderr }, (c) => (exited = c));
      stdout.emit('error', Object.assign(new Error(`write ${code}`), { code }));
      expect(exited).toBe(exitCode);
      expect(stderr.text().split('\n').filter((l) => l !== '')).toHaveLength(lines);
    }
  });
  it('losing stderr stops nothing', () => {
    const stderr = sink();
    let exited: number | undefined;
    guardOutputStreams({ stdout: sink(), stderr }, (c) => (exited = c));
    stderr.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(exited).toBeUndefined();
  });
});

describe('the command line', () => {
  beforeAll(async () => {
    await buildCli();
  }, 180_000);

  it('piped to a reader that stops early: no stack trace, exit 0', async () => {
    const sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 300000) SELECT i, 'some text to fill the pipe' FROM n";
    const child = spawn(process.execPath, [BIN, 'query', sql, '--db', db, '--format', 'csv'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);

  it('a full disk on stdout: one line, exit 1', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, 'search', '', '--db', db], { cwd: ROOT, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n')).toEqual(['declx: cannot write the output: no space left on the device (ENOSPC)']);
    } finally {
      closeSync(full);
    }
  });

  it('--version, and a bad --columns or --width is a usage error', () => {
    expect(declx(['--version']).stdout).toMatch(/^declx \d+\.\d+\.\d+ \(pipeline \S+\)\n$/);
    const bad = declx(['search', '', '--db', db, '--columns', 'id,nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no column nope');
    expect(declx(['search', '', '--db', db, '--width', '5']).code).toBe(2);
  });

  it('Ctrl-C during an import on a terminal restores the cursor and line wrap and exits 130', async () => {
    const folder = join(dir, 'many');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(folder);
    writeVariants(folder, 300);
    // `script` runs the import on a pseudo-terminal; ^C typed into it becomes SIGINT.
    const cmd = `${process.execPath} ${BIN} import ${folder} --db ${join(dir, 'ctrl-c.sqlite')} --concurrency 1`;
    const child = spawn('script', ['-qefc', cmd, '/dev/null'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let sent = false;
    let storedWhenSent = 0;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
      const shown = /([1-9]\d*)\/300 files/.exec(out);
      if (!sent && shown) {
        sent = true;
        storedWhenSent = Number(shown[1]);
        child.stdin.write('\x03');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(sent).toBe(true);
    const afterBar = out.slice(out.lastIndexOf('\x1b[?25l'));
    expect(afterBar).toContain('\x1b[?25h');
    expect(afterBar).toContain('\x1b[?7h');
    expect(out).not.toMatch(/at .*\.js:\d+/);
    expect(code).toBe(130);
    // What was committed on the way out is whole and searchable.
    const { default: Database } = await import('better-sqlite3');
    const d = new Database(join(dir, 'ctrl-c.sqlite'), { readonly: true });
    try {
      expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
      // at least every file the bar had shown as stored
      expect(d.prepare('SELECT count(*) FROM extractions').pluck().get()).toBeGreaterThanOrEqual(storedWhenSent);
      expect(d.prepare('SELECT count(*) FROM declarations').pluck().get()).toBe(d.prepare('SELECT count(*) FROM extractions').pluck().get());
      expect(d.prepare('SELECT count(*) FROM declarations WHERE id NOT IN (SELECT rowid FROM declarations_fts)').pluck().get()).toBe(0);
    } finally {
      d.close();
    }
  }, 120_000);
});
