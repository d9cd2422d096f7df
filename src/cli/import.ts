/**
 * `declx import PATH...`: parses the options, runs the import (src/app/import.ts) and prints its
 * progress and summary.
 */
import { availableParallelism } from 'node:os';
import { Option, type Command } from 'commander';
import { importPaths, type ImportOptions, type ImportTally } from '../app/import.js';
import { PIPELINE_VERSION } from '../extract.js';
import { DEFAULT_OCR_ENGINE } from '../ocr/create-engine.js';
import type { RegisterCommand } from './main.js';
import { createProgress, type Progress } from './progress.js';
import { dbOption, failureToLine, parsePositiveInt } from './store-args.js';

export interface Streams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
}

/** The summary printed at the end of an import. */
export function tallyToSummary(tally: ImportTally, elapsedMs: number): string {
  const seconds = (elapsedMs / 1000).toFixed(elapsedMs < 10_000 ? 2 : 1);
  const written = tally.forms.new + tally.forms.version;
  const lines: string[] = [];
  if (tally.files > 0 && tally.skipped === tally.files) {
    lines.push(`nothing new: ${tally.files === 1 ? 'the file was' : `all ${tally.files} files were`} already stored by pipeline ${PIPELINE_VERSION} (${seconds} s)`);
  } else {
    const rate = elapsedMs > 0 ? ` (${((written * 1000) / elapsedMs).toFixed(1)} forms/s)` : '';
    lines.push(
      `${tally.files} file${tally.files === 1 ? '' : 's'}: ${tally.stored} stored, ${tally.skipped} skipped (already stored), ${tally.failed} failed; in ${seconds} s${rate}`,
    );
    lines.push(
      `forms: ${tally.forms.new} new, ${tally.forms.version} new version${tally.forms.version === 1 ? '' : 's'}` +
        (tally.forms.unchanged ? `, ${tally.forms.unchanged} unchanged` : '') +
        (tally.forms.superseded ? `, ${tally.forms.superseded} superseded by a later scan` : '') +
        (tally.forms.repeated ? `, ${tally.forms.repeated} repeated in their file (stored once)` : ''),
    );
  }
  if (tally.issuesByCode.size > 0) {
    const codes = [...tally.issuesByCode].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    lines.push(`issues: ${codes.map(([code, n]) => `${code} ${n}`).join(', ')}`);
  }
  return lines.join('\n') + '\n';
}

/** Runs an import and prints it; resolves to the exit code (0 all stored or skipped, 1 some file failed). */
export async function runImport(paths: readonly string[], options: ImportOptions, io: Streams = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const started = performance.now();
  let progress: Progress | null = null;
  let tally: ImportTally;
  try {
    tally = await importPaths(paths, options, {
      start: (files) => (progress = createProgress(files, io.stderr)),
      file: (path, result) => {
        // Inputs that could not even be listed come before the progress bar.
        if (!progress) {
          if (result.kind === 'failed') io.stderr.write(`declx: ${failureToLine(path, result.error)}\n`);
          return;
        }
        if (result.kind === 'failed') {
          progress.log(`declx: ${failureToLine(path, result.error)}`);
          progress.tick(`${path}: failed`);
        } else if (result.kind === 'skipped') progress.tick(`${path}: skipped (already stored${result.relocated ? '; its stored place was gone and now points here' : ''})`);
        else {
          const repeated = result.outcome.forms.filter((f) => f.status === 'repeated').length;
          const n = result.outcome.forms.length - repeated;
          progress.tick(`${path}: ${n} form${n === 1 ? '' : 's'} stored${repeated ? ` (${repeated} repeated in the file, stored once)` : ''}`);
        }
      },
    });
  } finally {
    (progress as Progress | null)?.stop();
  }
  if (!progress) {
    io.stdout.write(tally.failed ? 'nothing imported\n' : 'no input files found under the given paths\n');
    return tally.failed ? 1 : 0;
  }
  io.stdout.write(tallyToSummary(tally, performance.now() - started));
  return tally.failed > 0 ? 1 : 0;
}

export const registerImport: RegisterCommand = (program: Command, done) => {
  program
    .command('import')
    .description('extract every form in the files and folders (recursively) and store it; files already stored are skipped')
    .argument('<path...>', 'files and folders')
    .addOption(dbOption())
    .addOption(
      new Option('--concurrency <n>', 'files extracted at once').argParser(parsePositiveInt).default(availableParallelism(), 'the number of CPU cores'),
    )
    .addOption(new Option('--ocr <engine>', 'OCR engine for scans').choices(['tesseract', 'paddle']).default(DEFAULT_OCR_ENGINE))
    .action(async (paths: string[], opts: ImportOptions) => done(await runImport(paths, opts)));
};
