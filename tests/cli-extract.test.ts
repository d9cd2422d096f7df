/** `declx extract` as a user runs it: formats, exit codes, bad files as one line each, --help. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, declx, tempDir } from './store-helpers.js';

const SEED = join(import.meta.dirname, '..', 'fixtures', 'text-seed', 'input.txt');
const HTML = join(import.meta.dirname, '..', 'fixtures', 'html-seed2', 'input.html');

beforeAll(buildCli, 300_000);

// Each case starts the CLI a few times; a loaded machine needs more than the default 5 s.
describe('declx extract', { timeout: 60_000 }, () => {
  it('prints the records of several files as one JSON array, in order, exit 0', () => {
    const r = declx(['extract', SEED, HTML, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const records = JSON.parse(r.stdout) as { projectName: string; source: { formIndex: number; kind: string } }[];
    expect(records.map((x) => [x.source.kind, x.source.formIndex])).toEqual([['text', 0], ['text', 1], ['text', 2], ['text', 3], ['html', 0]]);
    expect(records[4]!.projectName).toBe('组织部弱电会议系统（运维）');
  });

  it('prints JSON lines and a table', () => {
    const lines = declx(['extract', SEED, '--format', 'jsonl']).stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[3]!).unitName).toBe('上海市干部教育中心');
    const table = declx(['extract', SEED, '--format', 'table']).stdout;
    expect(table).toContain('上海市干部教育中心');
    expect(table).toContain('validate.cell-truncated');
  });

  it('names each bad file in one line, prints the good ones, and exits 1', () => {
    const dir = tempDir('declx-extract-');
    const empty = join(dir, 'empty.txt');
    const fake = join(dir, 'scan.pdf');
    writeFileSync(empty, '');
    writeFileSync(fake, 'this is not a PDF at all, just words');
    const r = declx(['extract', empty, SEED, fake, join(dir, 'missing.txt')]);
    expect(r.code).toBe(1);
    const errors = r.stderr.trim().split('\n');
    expect(errors).toHaveLength(3);
    expect(errors.some((l) => l.includes(empty))).toBe(true);
    expect(errors.some((l) => l.includes(fake))).toBe(true);
    expect(errors.some((l) => l.includes('missing.txt'))).toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(JSON.parse(r.stdout)).toHaveLength(4);
  });

  it('exits 2 on bad usage, and lists every command in --help', () => {
    expect(declx(['extract', SEED, '--format', 'xml']).code).toBe(2);
    expect(declx(['extract']).code).toBe(2);
    expect(declx(['frobnicate']).code).toBe(2);
    const help = declx(['--help']);
    expect(help.code).toBe(0);
    for (const cmd of ['extract', 'import', 'reextract', 'query', 'search', 'show', 'export']) expect(help.stdout).toContain(cmd);
  });
});
