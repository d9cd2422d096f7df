/**
 * `declx import PATH...`: extracts every form under the paths and stores it, one file per
 * transaction, files in parallel through one p-queue. A file whose content this pipeline version
 * has already read is skipped before any extraction.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import PQueue from 'p-queue';
import { extractDoc, PIPELINE_VERSION } from '../extract.js';
import { collectInputs } from '../ingest/collect-inputs.js';
import { readInput, type InputGroup } from '../ingest/read-input.js';
import { lazyOcrProvider } from '../ocr/engine.js';
import { createOcrEngine, DEFAULT_OCR_ENGINE, type OcrEngineName } from '../ocr/create-engine.js';
import type { Doc } from '../model.js';
import type { StageContext } from '../pipeline.js';
import { openStoreForWriting, type Db } from '../store/open.js';
import { beginRun, finishRun, isAlreadyStored, storeDoc, type FormOutcome, type StoreOutcome } from '../store/write.js';
import type { RegisterCommand } from './main.js';
import { createProgress, type Progress } from './progress.js';
import { lineToTerminalSafe } from './terminal.js';
import { dbOption, failureToLine, parsePositiveInt } from './store-args.js';

export interface ImportOptions {
  db: string;
  /** Files extracted at once (default: one per core). */
  concurrency: number;
  ocr: OcrEngineName;
}

export interface Streams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
}

/** What an import did, for its summary line. */
export interface ImportTally {
  files: number;
  stored: number;
  skipped: number;
  failed: number;
  forms: Record<FormOutcome['status'], number>;
  issuesByCode: Map<string, number>;
}

/** A tally with nothing counted yet. */
export function emptyTally(): ImportTally {
  return { files: 0, stored: 0, skipped: 0, failed: 0, forms: { new: 0, version: 0, unchanged: 0, superseded: 0 }, issuesByCode: new Map() };
}

/** Adds one stored file's outcome (and the issues of the forms it wrote) to the tally. */
export function addOutcomeToTally(tally: ImportTally, outcome: StoreOutcome, issueCodes: readonly string[]): void {
  if (outcome.alreadyStored) {
    tally.skipped++;
    return;
  }
  tally.stored++;
  for (const f of outcome.forms) tally.forms[f.status]++;
  for (const code of issueCodes) tally.issuesByCode.set(code, (tally.issuesByCode.get(code) ?? 0) + 1);
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
        (tally.forms.superseded ? `, ${tally.forms.superseded} superseded by a later scan` : ''),
    );
  }
  if (tally.issuesByCode.size > 0) {
    const codes = [...tally.issuesByCode].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    lines.push(`issues: ${codes.map(([code, n]) => `${code} ${n}`).join(', ')}`);
  }
  return lines.join('\n') + '\n';
}

/** One input after extraction: already stored, extracted, or failed. */
type Extracted = { kind: 'stored' } | { kind: 'doc'; doc: Doc } | { kind: 'failed'; error: unknown };

/** Reads and extracts one input, unless this pipeline version has already stored its content. */
async function extractOne(db: Db, group: InputGroup, ctx: StageContext): Promise<Extracted> {
  try {
    // Hash first: a file this pipeline version has read before costs one read and one lookup.
    const read = await readInput(group);
    if (isAlreadyStored(db, read.source.sha256, PIPELINE_VERSION)) return { kind: 'stored' };
    return { kind: 'doc', doc: await extractDoc(read, ctx) };
  } catch (error) {
    return { kind: 'failed', error };
  }
}

/** Stores one extracted input (one transaction), counts it and reports it. */
function commitOne(db: Db, group: InputGroup, extracted: Extracted, runId: number, tally: ImportTally, progress: Progress): void {
  try {
    if (extracted.kind === 'failed') throw extracted.error;
    if (extracted.kind === 'stored') {
      tally.skipped++;
      progress.tick(`${group.path}: skipped (already stored)`);
      return;
    }
    const { doc } = extracted;
    const outcome = storeDoc(db, doc, { runId, pipelineVersion: PIPELINE_VERSION, parts: group.parts.map((p) => resolve(p)) });
    const written = new Set(outcome.forms.filter((f) => f.status === 'new' || f.status === 'version').map((f) => f.formIndex));
    const issueCodes = doc.forms.filter((f) => written.has(f.formIndex)).flatMap((f) => (f.record?.issues ?? []).map((i) => i.code));
    addOutcomeToTally(tally, outcome, issueCodes);
    const n = outcome.forms.length;
    progress.tick(outcome.alreadyStored ? `${group.path}: skipped (already stored)` : `${group.path}: ${n} form${n === 1 ? '' : 's'} stored`);
  } catch (err) {
    tally.failed++;
    progress.log(`declx: ${failureToLine(group.path, err)}`);
    progress.tick(`${group.path}: failed`);
  }
}

/** Runs an import; resolves to the exit code (0 all stored or skipped, 1 some file failed). */
export async function runImport(paths: readonly string[], options: ImportOptions, io: Streams = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const started = performance.now();
  const { groups, errors } = await collectInputs(paths);
  const tally = emptyTally();
  tally.files = groups.length + errors.length;
  tally.failed = errors.length;
  for (const e of errors) io.stderr.write(`declx: ${lineToTerminalSafe(e.message)}\n`);
  if (groups.length === 0) {
    io.stdout.write(errors.length ? 'nothing imported\n' : 'no input files found under the given paths\n');
    return errors.length ? 1 : 0;
  }

  const db = openStoreForWriting(options.db);
  const ocr = lazyOcrProvider(() => createOcrEngine(options.ocr));
  const ctx: StageContext = { ocr };
  const runId = beginRun(db, 'import', PIPELINE_VERSION, { paths, concurrency: options.concurrency, ocr: options.ocr });
  const progress = createProgress(groups.length, io.stderr);
  try {
    const queue = new PQueue({ concurrency: options.concurrency });
    // Files are extracted in parallel but committed in input order, so that versions of one form
    // found in one batch follow the (sorted) paths and a repeated run gives the same database.
    let previous: Promise<void> = Promise.resolve();
    for (const group of groups) {
      const turn = previous;
      let release!: () => void;
      previous = new Promise((r) => (release = r));
      void queue.add(async () => {
        try {
          const extracted = await extractOne(db, group, ctx);
          await turn;
          commitOne(db, group, extracted, runId, tally, progress);
        } finally {
          release();
        }
      });
    }
    await queue.onIdle();
  } finally {
    progress.stop();
    try {
      await ocr.close();
    } finally {
      finishRun(db, runId, {
        files: tally.files,
        forms: tally.forms.new + tally.forms.version,
        skipped: tally.skipped,
        failed: tally.failed,
        issues: [...tally.issuesByCode.values()].reduce((a, b) => a + b, 0),
      });
      db.close();
    }
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
