/**
 * No file stops the batch: hostile inputs (a PDF of blank pages, HTML nested 100,000 deep, a file
 * over its time or memory limit) fail alone with one line, in bounded time and memory, while the
 * good files of the same run are printed or stored.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordWriter, recordsToOutput } from '../src/cli/extract.js';
import { extractInput } from '../src/extract.js';
import type { DeclarationRecord } from '../src/model.js';
import { Element, Text } from 'domhandler';
import { InputError } from '../src/errors.js';
import { nodeToText } from '../src/read/html-text.js';
import { blankPdf, deepHtml } from '../testkit/hostile/blank-pdf.js';
import { BIN, ROOT, SEED_TEXT, buildCli, tempDir } from './store-helpers.js';

const GNU_TIME = '/usr/bin/time';
const SCAN_PAGE = join(ROOT, 'fixtures', 'scan-page150', 'page.jpg');

let dir: string;
beforeAll(async () => {
  await buildCli();
  dir = tempDir('declx-isolation-');
  copyFileSync(SEED_TEXT, join(dir, 'seed.txt'));
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `declx ARGS` under GNU time: exit code, output, peak RSS of the process (KiB) and wall seconds. */
function measured(args: string[]): { code: number; stdout: string; stderr: string; peakKiB: number; seconds: number } {
  const report = join(dir, 'time.txt');
  const r = spawnSync(GNU_TIME, ['-f', '%M %e', '-o', report, process.execPath, BIN, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const [peak, seconds] = readFileSync(report, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, peakKiB: peak!, seconds: seconds! };
}

const lines = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '');

/** `PRAGMA integrity_check` and the number of current declarations of a database. */
function storeState(db: string): { integrity: string; forms: number } {
  const d = new Database(db, { readonly: true });
  try {
    return {
      integrity: d.pragma('integrity_check', { simple: true }) as string,
      forms: d.prepare('SELECT count(*) FROM current_declarations').pluck().get() as number,
    };
  } finally {
    d.close();
  }
}

describe.skipIf(!existsSync(GNU_TIME))('hostile files in a batch', () => {
  it('reads a PDF of 100 blank pages page by page, under 1 GiB, without OCR, and fails it alone', () => {
    writeFileSync(join(dir, 'blank.pdf'), blankPdf(100));
    const r = measured(['extract', 'blank.pdf', 'seed.txt', '--format', 'jsonl']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/^declx: blank\.pdf: no declaration form found/)]);
    expect(lines(r.stdout)).toHaveLength(4);
    expect(r.peakKiB).toBeLessThan(2 ** 20);
  });

  it('refuses HTML nested 100,000 deep in bounded time and stores the rest of the batch', () => {
    writeFileSync(join(dir, 'deep.html'), deepHtml(100_000));
    const db = join(dir, 'deep.sqlite');
    const r = measured(['import', 'deep.html', 'seed.txt', '--db', db, '--concurrency', '2']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr).filter((l) => l.startsWith('declx:'))).toEqual([expect.stringMatching(/^declx: deep\.html: HTML elements nested more than 512 deep/)]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.seconds).toBeLessThan(30);
    expect(storeState(db)).toEqual({ integrity: 'ok', forms: 4 });
  });

  it('stops a file over --file-timeout and stores the others', () => {
    // Six scanned pages of one form: OCR takes over a second a page, the seed export well under one.
    const pages = [1, 2, 3, 4, 5, 6].map((n) => `scan-${n}.jpg`);
    for (const p of pages) copyFileSync(SCAN_PAGE, join(dir, p));
    const db = join(dir, 'timeout.sqlite');
    const r = measured(['import', ...pages, 'seed.txt', '--db', db, '--file-timeout', '5', '--concurrency', '1']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr).filter((l) => l.startsWith('declx:'))).toEqual(['declx: scan-1.jpg: took longer than 5 s (--file-timeout); stopped']);
    expect(r.stderr).not.toMatch(/terminate called|\n\s+at /);
    expect(storeState(db)).toEqual({ integrity: 'ok', forms: 4 });
  });

  it('stops a file over --file-memory and prints the others', () => {
    // A thousand copies of the seed export (19 MB, 4,000 forms): far more than 40 MiB once read.
    writeFileSync(join(dir, 'big.txt'), readFileSync(SEED_TEXT, 'utf8').repeat(1000));
    const r = measured(['extract', 'big.txt', 'seed.txt', '--format', 'jsonl', '--file-memory', '40']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual(['declx: big.txt: needed more than 40 MiB of memory (--file-memory); stopped']);
    expect(lines(r.stdout)).toHaveLength(4);
  });

  it('stops a text file over --file-timeout read in the main thread, and prints the others', () => {
    // 19 MB, 4,000 forms: small enough to be read without a pool thread, seconds of work.
    writeFileSync(join(dir, 'long.txt'), readFileSync(SEED_TEXT, 'utf8').repeat(1000));
    const r = measured(['extract', 'long.txt', 'seed.txt', '--format', 'jsonl', '--file-timeout', '1']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual(['declx: long.txt: took longer than 1 s (--file-timeout); stopped']);
    expect(lines(r.stdout)).toHaveLength(4);
    // Stopped between forms soon after its second, not read to the end.
    expect(r.seconds).toBeLessThan(30);
  });
});

describe('deep HTML in a text export cell', () => {
  it('refuses a cell nested 100,000 deep at once, naming the file', async () => {
    const path = join(dir, 'deep-cell.txt');
    writeFileSync(path, readFileSync(SEED_TEXT, 'utf8').replace('\t', `\t${'<span>'.repeat(100_000)}经费${'</span>'.repeat(100_000)}`));
    const started = performance.now();
    const err = await extractInput({ path, parts: [path] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(`${path}: a cell's HTML elements nested more than 512 deep; no form is, so the file is not read`);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('walks a cell element tree 100,000 deep without overflowing the stack', () => {
    const leaf = new Text('经费');
    let node: Element = new Element('span', {}, [leaf]);
    for (let i = 1; i < 100_000; i++) node = new Element(i % 2 ? 'span' : 'b', {}, [node]);
    expect(nodeToText(new Element('p', {}, [new Text('项目'), node]))).toBe('项目经费');
  });
});

describe('records written as they come', () => {
  let records: DeclarationRecord[];
  beforeAll(async () => {
    records = (await extractInput({ path: SEED_TEXT, parts: [SEED_TEXT] })).forms.flatMap((f) => (f.record ? [f.record] : []));
  });

  /** What the writer prints when handed `batches` of records one after another. */
  const written = (format: 'json' | 'jsonl', batches: DeclarationRecord[][]): string => {
    let out = '';
    const writer = createRecordWriter(format, { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream);
    for (const b of batches) writer.write(b);
    writer.end();
    return out;
  };

  it('prints a JSON array element by element, the same text as all at once', () => {
    expect(records).toHaveLength(4);
    expect(written('json', [records.slice(0, 1), [], records.slice(1)])).toBe(recordsToOutput(records, 'json'));
    expect(written('json', [])).toBe(recordsToOutput([], 'json'));
    expect(JSON.parse(written('json', [records]))).toEqual(JSON.parse(JSON.stringify(records)));
  });

  it('prints JSONL a line per record', () => {
    expect(written('jsonl', [records.slice(0, 2), records.slice(2)])).toBe(recordsToOutput(records, 'jsonl'));
  });
});
