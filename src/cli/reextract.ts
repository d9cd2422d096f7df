/**
 * `declx reextract`: parses the options, runs the re-extraction (src/app/reextract.ts) and prints,
 * per declaration, the fields that changed, and each source that could not be re-read.
 */
import { availableParallelism } from 'node:os';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { reextractSources, type ReextractOptions } from '../app/reextract.js';
import { UsageError } from '../errors.js';
import { IssueCode } from '../model.js';
import { currentPipelineVersion } from '../pipeline-version.js';
import { DEFAULT_OCR_ENGINE } from '../ocr/create-engine.js';
import type { FieldChange } from '../store/diff.js';
import type { FormOutcome } from '../store/write.js';
import type { RegisterCommand } from './main.js';
import { createProgress, type Progress } from './progress.js';
import { dbOption, failureToLine, parsePositiveInt, parseYear } from './store-args.js';
import { lineToTerminalSafe } from './terminal.js';
import { truncateToWidth, valueToCell } from './format-table.js';
import type { Streams } from './import.js';

/** One changed value as `field: old → new`, long texts cut to stay on one line. */
export function changeToLine(change: FieldChange, width = 60): string {
  const show = (v: unknown): string => (v === null || v === undefined ? 'null' : truncateToWidth(typeof v === 'string' ? JSON.stringify(v) : valueToCell(v), width));
  return `${change.field}: ${show(change.old)} → ${show(change.new)}`;
}

/** The report lines for one re-read source: each form that changed, with its fields. */
export function outcomesToReport(path: string, forms: readonly FormOutcome[]): string[] {
  const lines: string[] = [];
  for (const f of forms) {
    if (f.status === 'version' && f.previous) {
      const n = f.previous.changes.length;
      const what = n === 0 ? 'only its place in the file (form index or pages) changed' : `${n} field${n === 1 ? '' : 's'} changed`;
      lines.push(`#${f.previous.id} → #${f.id} (${path}, form ${f.formIndex}, version ${f.previous.version} → ${f.previous.version + 1}): ${what}`);
      for (const c of f.previous.changes) lines.push(`  ${changeToLine(c)}`);
    } else if (f.status === 'new') {
      lines.push(`#${f.id} (${path}, form ${f.formIndex}): a form not found before, stored as new`);
    } else if (f.status === 'superseded') {
      lines.push(`${path}, form ${f.formIndex}: not stored, a later scan (#${f.id}) is current`);
    }
  }
  return lines;
}

/** Parses `--id 3,7` (and repeats of it) into declaration ids. */
export function parseIdList(text: string, previous: number[] = []): number[] {
  const ids = text.split(',').map((t) => t.trim());
  if (ids.some((t) => !/^[1-9]\d*$/.test(t))) throw new InvalidArgumentError('declaration ids are needed, e.g. 3 or 3,7.');
  return [...previous, ...ids.map(Number)];
}

/** Parses an issue code; only the codes declx writes are accepted. */
export function parseIssueCode(text: string): string {
  if (!IssueCode.safeParse(text).success) throw new InvalidArgumentError(`an issue code is needed, one of: ${IssueCode.options.join(', ')}.`);
  return text;
}

/** The command line's options for reextract. */
interface ReextractFlags extends Omit<ReextractOptions, 'filters'> {
  id?: number[];
  unit?: string;
  year?: number;
  source?: string;
  code?: string;
  where?: string;
}

/** The filters the flags name. */
export function flagsToOptions(flags: ReextractFlags): ReextractOptions {
  const { id, unit, year, source, code, where, ...rest } = flags;
  return {
    ...rest,
    filters: {
      ...(id ? { ids: id } : {}),
      ...(unit !== undefined ? { unit } : {}),
      ...(year !== undefined ? { year } : {}),
      ...(source !== undefined ? { source } : {}),
      ...(code !== undefined ? { code } : {}),
      ...(where !== undefined ? { where } : {}),
    },
  };
}

/** Runs a re-extraction and prints it; resolves to the exit code (1 when a source could not be re-read). */
export async function runReextract(options: ReextractOptions, io: Streams = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let progress: Progress | null = null;
  // What changed goes to stdout at the end, in source order, clear of the progress bar on stderr.
  const reports: string[][] = [];
  let counts;
  try {
    counts = await reextractSources(options, {
      start: (n) => (progress = createProgress(n, io.stderr, 'sources')),
      source: (source, k, result) => {
        const p = progress!;
        if (result.kind === 'missing') {
          p.log(`declx: ${source.path}: moved or deleted since it was imported (${result.gone} is not there); its stored declarations are kept`);
          p.tick(`${source.path}: missing`);
        } else if (result.kind === 'changed-on-disk') {
          p.log(`declx: ${source.path}: the file has changed since it was imported; run \`declx import\` on it to store the new content`);
          p.tick(`${source.path}: changed on disk`);
        } else if (result.kind === 'failed') {
          p.log(`declx: ${failureToLine(source.path, result.error)}`);
          p.tick(`${source.path}: failed`);
        } else {
          // Forms stored earlier that this extraction no longer finds are kept, and said so.
          reports[k] = [
            ...outcomesToReport(source.path, result.forms),
            ...result.notFound.map((d) => `#${d.id} (${source.path}, form ${d.formIndex}): not found by this extraction; the stored version is kept`),
          ];
          p.tick(`${source.path}: done`);
        }
      },
    });
  } finally {
    (progress as Progress | null)?.stop();
  }
  if (counts.sources === 0) {
    io.stdout.write('no stored source matches\n');
    return 0;
  }
  for (const line of reports.flatMap((r) => r ?? [])) io.stdout.write(`${lineToTerminalSafe(line)}\n`);
  io.stdout.write(
    `${counts.sources} source${counts.sources === 1 ? '' : 's'} re-read by pipeline ${currentPipelineVersion()}: ` +
      `${counts.changed} declaration${counts.changed === 1 ? '' : 's'} changed (new versions), ${counts.unchanged} unchanged` +
      (counts.added ? `, ${counts.added} new` : '') +
      (counts.superseded ? `, ${counts.superseded} left alone (a later scan is current)` : '') +
      `; ${counts.missing} missing or changed on disk, ${counts.failed} failed\n`,
  );
  return counts.failed + counts.missing > 0 ? 1 : 0;
}

export const registerReextract: RegisterCommand = (program: Command, done) => {
  program
    .command('reextract')
    .description('run the current pipeline again over the stored sources; store changed forms as new versions and print what changed')
    .addOption(dbOption())
    .addOption(new Option('--id <ids>', 'only the sources of these declarations (comma-separated, repeatable)').argParser(parseIdList))
    .option('--unit <text>', 'only sources with a current declaration whose unit name contains this text')
    .addOption(new Option('--year <year>', 'only sources with a current declaration of this year').argParser(parseYear))
    .option('--source <text>', 'only sources whose stored path contains this text')
    .addOption(new Option('--code <code>', 'only sources with a current declaration carrying this issue code').argParser(parseIssueCode))
    .option('--where <sql>', 'only sources with a current declaration meeting this SQL condition over the columns of current_declarations, e.g. "year = 2018 AND total_budget > 100"')
    .addOption(new Option('--concurrency <n>', 'sources extracted at once').argParser(parsePositiveInt).default(availableParallelism(), 'the number of CPU cores'))
    .addOption(new Option('--ocr <engine>', 'OCR engine for scans').choices(['tesseract', 'paddle']).default(DEFAULT_OCR_ENGINE))
    .action(async (opts: ReextractFlags) => done(await runReextract(flagsToOptions(opts))));
};
