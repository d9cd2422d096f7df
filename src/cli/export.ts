/**
 * `declx export`: the whole database as records. JSON is exactly what `declx extract --format json`
 * prints for the same files; CSV is one row per declaration, lists as JSON cells.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import type { DeclarationRecord } from '../model.js';
import { openStoreReadOnly } from '../store/open.js';
import { allDeclarationIds, currentDeclarationIds, loadRecords } from '../store/read.js';
import { SCALAR_COLUMNS } from '../store/schema.js';
import { recordsToOutput } from './extract.js';
import { UTF8_BOM } from './csv-safe.js';
import { rowsToCsv } from './format-rows.js';
import { textToTerminalSafe } from './terminal.js';
import type { RegisterCommand } from './main.js';
import { dbOption } from './store-args.js';

export interface ExportOptions {
  db: string;
  format: 'json' | 'csv';
  /** Output file; stdout when absent or `-`. */
  out?: string;
  /** Every version of every form, not only the current ones. */
  allVersions?: boolean;
  /** Start CSV with a UTF-8 byte order mark, for Excel. */
  bom?: boolean;
}

/** CSV columns: the SPEC fields, with source flattened and lists as JSON. */
export const CSV_COLUMNS = [
  ...SCALAR_COLUMNS.map(([f]) => f),
  'budgetItems',
  'indicators',
  'sourcePath',
  'sourceSha256',
  'sourceKind',
  'formIndex',
  'pages',
  'issues',
] as const;

/** One record as a CSV row (keys from CSV_COLUMNS). */
export function recordToCsvRow(record: DeclarationRecord): Record<string, unknown> {
  const { source, ...rest } = record;
  return {
    ...rest,
    sourcePath: source.path,
    sourceSha256: source.sha256,
    sourceKind: source.kind,
    formIndex: source.formIndex,
    pages: source.pages.join(' '),
  };
}

/** Records in the chosen format. */
export function recordsToExport(records: readonly DeclarationRecord[], format: ExportOptions['format']): string {
  // JSON through extract's own formatter, so that export and extract print the same bytes.
  return format === 'json' ? recordsToOutput(records, 'json') : rowsToCsv(records.map(recordToCsvRow), CSV_COLUMNS);
}

/** The first bytes of every SQLite database file. */
const SQLITE_HEADER = 'SQLite format 3\0';

/** True when the file at `path` starts as an SQLite database does. */
function isSqliteFile(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(SQLITE_HEADER.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.toString('latin1') === SQLITE_HEADER;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Refuses an output file that is the database (or its journal) or any other SQLite database: an export never replaces a store. */
export function checkExportTarget(out: string, db: string): void {
  const real = (p: string): string => (existsSync(p) ? realpathSync(p) : resolve(p));
  const target = real(out);
  const store = real(db);
  if ([store, `${store}-wal`, `${store}-shm`, `${store}-journal`].includes(target))
    throw new UsageError(`export: --out ${out} is the database itself; name another file`);
  if (isSqliteFile(target)) throw new UsageError(`export: --out ${out} is an SQLite database; an export does not write over one`);
}

/** Removes temp files of earlier exports to `out` whose process is gone (killed while writing). */
function removeStaleTemps(out: string): void {
  const prefix = `${basename(out)}.tmp-`;
  for (const name of readdirSync(dirname(out))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join(dirname(out), name), { force: true });
    }
  }
}

/**
 * Writes `text` beside `out` and renames it into place, so a reader never sees half a file. The
 * write and the rename run in one go; Ctrl-C or a kill arriving meanwhile is held until they are
 * done and then leaves no temp file; a temp left by a `kill -9` is removed by the next export.
 */
function writeFileAtomically(out: string, text: string): void {
  mkdirSync(dirname(out), { recursive: true });
  removeStaleTemps(out);
  const tmp = `${out}.tmp-${process.pid}`;
  const stop = (signal: NodeJS.Signals): void => {
    rmSync(tmp, { force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, out);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new UsageError(`export: cannot write ${out} (${(err as Error).message})`);
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
  }
}

/** Runs `declx export`; resolves to the exit code. */
export async function runExport(
  options: ExportOptions,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  if (options.out && options.out !== '-') checkExportTarget(options.out, options.db);
  if (options.bom && options.format !== 'csv') throw new UsageError('export: --bom is for --format csv');
  const db = openStoreReadOnly(options.db);
  let text: string;
  let count: number;
  try {
    const records = loadRecords(db, options.allVersions ? allDeclarationIds(db) : currentDeclarationIds(db));
    count = records.length;
    text = (options.bom ? UTF8_BOM : '') + recordsToExport(records, options.format);
  } finally {
    db.close();
  }
  if (!options.out || options.out === '-') {
    // CSV shown on a terminal loses its control characters (JSON escapes them itself).
    io.stdout.write((io.stdout as NodeJS.WriteStream).isTTY ? textToTerminalSafe(text) : text);
    return 0;
  }
  writeFileAtomically(options.out, text);
  io.stderr.write(`${count} record${count === 1 ? '' : 's'} written to ${options.out}\n`);
  return 0;
}

export const registerExport: RegisterCommand = (program: Command, done) => {
  program
    .command('export')
    .description('write the current version of every stored form as SPEC records (JSON as `extract` prints them, or CSV)')
    .addOption(dbOption())
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv']).makeOptionMandatory())
    .option('--out <file>', 'output file (default: stdout)')
    .option('--all-versions', 'every version of every form, not only the current ones')
    .option('--bom', 'start CSV with a UTF-8 byte order mark (for Excel)')
    .action(async (opts: ExportOptions) => done(await runExport(opts)));
};
