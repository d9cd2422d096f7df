/**
 * `declx export`: the whole database as records. JSON is exactly what `declx extract --format json`
 * prints for the same files; CSV is one row per declaration, lists as JSON cells.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Option, type Command } from 'commander';
import type { DeclarationRecord } from '../model.js';
import { openStoreReadOnly } from '../store/open.js';
import { allDeclarationIds, currentDeclarationIds, loadRecords } from '../store/read.js';
import { loadReviewedRecords } from '../store/reviewed.js';
import { SCALAR_COLUMNS } from '../store/schema.js';
import { recordsToOutput } from './extract.js';
import { rowsToCsv } from './format-rows.js';
import type { RegisterCommand } from './main.js';
import { dbOption } from './store-args.js';

export interface ExportOptions {
  db: string;
  format: 'json' | 'csv';
  /** Output file; stdout when absent or `-`. */
  out?: string;
  /** Every version of every form, not only the current ones. */
  allVersions?: boolean;
  /** The records as the machine read them, without people's corrections. */
  machine?: boolean;
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

/** Runs `declx export`; resolves to the exit code. */
export async function runExport(
  options: ExportOptions,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const db = openStoreReadOnly(options.db);
  let text: string;
  let count: number;
  try {
    const records = (options.machine ? loadRecords : loadReviewedRecords)(db, options.allVersions ? allDeclarationIds(db) : currentDeclarationIds(db));
    count = records.length;
    text = recordsToExport(records, options.format);
  } finally {
    db.close();
  }
  if (!options.out || options.out === '-') {
    io.stdout.write(text);
    return 0;
  }
  // Written beside the target and renamed, so a reader never sees half a file.
  mkdirSync(dirname(options.out), { recursive: true });
  const tmp = `${options.out}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, options.out);
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
    .option('--machine', 'the records as the machine read them, without corrections')
    .action(async (opts: ExportOptions) => done(await runExport(opts)));
};
