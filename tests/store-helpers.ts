/** Building documents for store tests from the seed's truth records (no extraction needed). */
import { createHash } from 'node:crypto';
import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { DeclarationRecord, Doc, Issue } from '../src/model.js';
import Database from 'better-sqlite3';

// The seed export and its truth, as bundled in fixtures/ (the tests need nothing outside the repo).
export const SEED_TRUTH = join(import.meta.dirname, '..', 'fixtures', 'text-seed', 'expected.json');
export const SEED_TEXT = join(import.meta.dirname, '..', 'fixtures', 'text-seed', 'input.txt');

type TruthRecord = Omit<DeclarationRecord, 'source' | 'issues'>;

/** The seed's four truth records. */
export function seedTruth(): TruthRecord[] {
  return JSON.parse(readFileSync(SEED_TRUTH, 'utf8')) as TruthRecord[];
}

/** A fresh temp folder. */
export function tempDir(prefix = 'declx-store-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A finished document holding the given records as its forms, as if extracted from `path`. */
export function recordsToDoc(records: TruthRecord[], path: string, content = path, issues: Issue[][] = []): Doc {
  const sha256 = createHash('sha256').update(content).digest('hex');
  return {
    source: { path, sha256, kind: 'text', bytes: content.length, pages: records.length },
    pages: [],
    rows: [],
    issues: [],
    forms: records.map((r, formIndex) => {
      const formIssues = issues[formIndex] ?? [];
      const record: DeclarationRecord = {
        ...r,
        source: { path, sha256, kind: 'text', formIndex, pages: [formIndex + 1] },
        issues: formIssues.map(({ field, code, severity, message }) => ({ field, code, severity, message })),
      };
      return {
        formIndex,
        rows: [],
        pages: [formIndex + 1],
        record,
        provenance: { projectName: { text: r.projectName ?? '', page: formIndex + 1, via: 'text' as const } },
        issues: formIssues,
      };
    }),
  };
}

/** Parses RFC 4180 CSV (quoted fields with commas, quotes and line breaks) into rows keyed by the header. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else field += ch;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

/** The seed text cut into its forms (each from its title line to the next form's title). */
export function seedForms(): string[] {
  const lines = readFileSync(SEED_TEXT, 'utf8').split('\n');
  const starts = lines.flatMap((l, i) => (l.trim() === '上海市财政支出项目绩效目标申报表' ? [i] : []));
  return starts.map((s, k) => lines.slice(s, starts[k + 1] ?? lines.length).join('\n').trimEnd() + '\n');
}

/** A seed form made distinct: its project name gets a batch number, so it is a new project. */
export function variantOfForm(form: string, n: number): string {
  const out = form.replace(/^(项目名称\t)([^\t\n]+)/m, (_m, label: string, name: string) => `${label}${name}（第${n}批）`);
  if (out === form) throw new Error('the seed form has no 项目名称 row to vary');
  return out;
}

/** Writes `count` distinct one-form text files into `dir` (form i is a variant of seed form i mod 4). */
export function writeVariants(dir: string, count: number, start = 0): string[] {
  const forms = seedForms();
  const paths: string[] = [];
  for (let i = start; i < start + count; i++) {
    const path = join(dir, `form-${String(i).padStart(4, '0')}.txt`);
    writeFileSync(path, variantOfForm(forms[i % forms.length]!, i));
    paths.push(path);
  }
  return paths;
}

export const ROOT = join(import.meta.dirname, '..');
export const BIN = join(ROOT, 'bin', 'declx.js');

/**
 * Compiles the CLI into dist/ once for all test files running at the same time: the first takes a
 * lock folder and builds, the others wait for it (two tsc writing dist/ at once could leave a file
 * half-written for a CLI started meanwhile). Type errors elsewhere do not stop tsc from emitting.
 */
export async function buildCli(): Promise<void> {
  // One lock per checkout: node_modules may be shared by several checkouts, each building its own dist.
  const lock = join(tmpdir(), `declx-test-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`);
  mkdirSync(dirname(lock), { recursive: true });
  let mine = false;
  try {
    mkdirSync(lock);
    mine = true;
  } catch {
    // another test file is building: wait until it is done (a stale lock is ignored after 5 min)
    const since = Date.now();
    while (existsSync(lock) && Date.now() - since < 300_000) await new Promise((r) => setTimeout(r, 200));
  }
  if (mine) {
    try {
      // Not spawnSync: a worker blocked for a minute on a busy machine misses vitest's RPC deadline.
      const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
      await new Promise((done) => spawn(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'ignore' }).on('close', done).on('error', done));
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('the CLI did not build');
}

/** Runs `declx ARGS...` to the end; returns its exit code and output. */
export function declx(args: string[], cwd = ROOT): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `declx ARGS...` without blocking the test worker; resolves to its exit code and output. */
export async function declxAsync(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The first column of the first row of a read-only query on a database file. */
export function scalar(db: string, sql: string): unknown {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).pluck().get();
  } finally {
    d.close();
  }
}
