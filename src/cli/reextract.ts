/**
 * `declx reextract`: runs the current pipeline again over the stored sources (after the extractor
 * or the scans improved), stores what changed as new versions and prints, per declaration, the
 * fields that changed. A source that has moved, vanished or changed on disk is reported.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Option, type Command } from 'commander';
import PQueue from 'p-queue';
import { UsageError } from '../errors.js';
import { extractDoc, PIPELINE_VERSION } from '../extract.js';
import { readInput } from '../ingest/read-input.js';
import { lazyOcrProvider } from '../ocr/engine.js';
import { createOcrEngine, DEFAULT_OCR_ENGINE, type OcrEngineName } from '../ocr/create-engine.js';
import type { FieldChange } from '../store/diff.js';
import { openStoreForWriting, type Db } from '../store/open.js';
import { beginRun, finishRun, storeDoc, type FormOutcome } from '../store/write.js';
import type { RegisterCommand } from './main.js';
import { createProgress } from './progress.js';
import { dbOption, failureToLine, parsePositiveInt } from './store-args.js';
import { lineToTerminalSafe } from './terminal.js';
import { truncateToWidth, valueToCell } from './format-table.js';
import type { Streams } from './import.js';

export interface ReextractOptions {
  db: string;
  /** SQL condition over the current declarations (alias `d`) choosing the sources to re-read. */
  where?: string;
  concurrency: number;
  ocr: OcrEngineName;
}

interface StoredSource {
  id: number;
  path: string;
  sha256: string;
  parts: string;
}

/** The stored sources holding a current declaration that matches `where`, by path. */
export function selectSources(db: Db, where: string | undefined): StoredSource[] {
  const sql = `SELECT s.id, s.path, s.sha256, s.parts FROM sources s
     WHERE s.id IN (SELECT d.source_id FROM declarations d WHERE d.is_current = 1 AND (${where ?? '1'}))
     ORDER BY s.path, s.id`;
  let stmt;
  try {
    stmt = db.prepare(sql);
  } catch (err) {
    throw new UsageError(`reextract: --where is not a valid condition over the declarations (${(err as Error).message})`);
  }
  if (!stmt.readonly) throw new UsageError('reextract: --where must only read');
  return stmt.all() as StoredSource[];
}

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

/** Runs a re-extraction; resolves to the exit code (1 when a source could not be re-read). */
export async function runReextract(options: ReextractOptions, io: Streams = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const db = openStoreForWriting(options.db);
  const ocr = lazyOcrProvider(() => createOcrEngine(options.ocr));
  const counts = { changed: 0, unchanged: 0, added: 0, superseded: 0, failed: 0, missing: 0 };
  let runId = 0;
  let files = 0;
  try {
    const sources = selectSources(db, options.where);
    if (sources.length === 0) {
      io.stdout.write('no stored source matches\n');
      return 0;
    }
    files = sources.length;
    runId = beginRun(db, 'reextract', PIPELINE_VERSION, { where: options.where ?? null, concurrency: options.concurrency, ocr: options.ocr });
    const progress = createProgress(sources.length, io.stderr, 'sources');
    const queue = new PQueue({ concurrency: options.concurrency });
    // What changed goes to stdout at the end, in source order, clear of the progress bar on stderr.
    const reports: string[][] = sources.map(() => []);
    sources.forEach((source, k) => {
      void queue.add(async () => {
        const parts = JSON.parse(source.parts) as string[];
        const gone = parts.filter((p) => !existsSync(p));
        if (gone.length > 0) {
          counts.missing++;
          progress.log(`declx: ${source.path}: moved or deleted since it was imported (${gone[0]} is not there); its stored declarations are kept`);
          progress.tick(`${source.path}: missing`);
          return;
        }
        try {
          const group = { path: source.path, parts };
          const now = await readInput(group);
          if (now.source.sha256 !== source.sha256) {
            counts.missing++;
            progress.log(`declx: ${source.path}: the file has changed since it was imported; run \`declx import\` on it to store the new content`);
            progress.tick(`${source.path}: changed on disk`);
            return;
          }
          const doc = await extractDoc(now, { ocr });
          const outcome = storeDoc(db, doc, { runId, pipelineVersion: PIPELINE_VERSION, parts, reread: true });
          for (const f of outcome.forms) {
            if (f.status === 'version') counts.changed++;
            else if (f.status === 'unchanged') counts.unchanged++;
            else if (f.status === 'new') counts.added++;
            else counts.superseded++;
          }
          reports[k] = outcomesToReport(source.path, outcome.forms);
          // Forms stored earlier that this extraction no longer finds are kept, and said so.
          const found = new Set(outcome.forms.map((f) => f.formIndex));
          const kept = db.prepare(`SELECT id, form_index FROM declarations WHERE source_id = ? AND is_current = 1 ORDER BY form_index`).all(source.id) as { id: number; form_index: number }[];
          for (const d of kept.filter((d) => !found.has(d.form_index)))
            reports[k]!.push(`#${d.id} (${source.path}, form ${d.form_index}): not found by this extraction; the stored version is kept`);
          progress.tick(`${source.path}: done`);
        } catch (err) {
          counts.failed++;
          progress.log(`declx: ${failureToLine(source.path, err)}`);
          progress.tick(`${source.path}: failed`);
        }
      });
    });
    await queue.onIdle();
    progress.stop();
    for (const line of reports.flat()) io.stdout.write(`${lineToTerminalSafe(line)}\n`);
    io.stdout.write(
      `${sources.length} source${sources.length === 1 ? '' : 's'} re-read by pipeline ${PIPELINE_VERSION}: ` +
        `${counts.changed} declaration${counts.changed === 1 ? '' : 's'} changed (new versions), ${counts.unchanged} unchanged` +
        (counts.added ? `, ${counts.added} new` : '') +
        (counts.superseded ? `, ${counts.superseded} left alone (a later scan is current)` : '') +
        `; ${counts.missing} missing or changed on disk, ${counts.failed} failed\n`,
    );
    return counts.failed + counts.missing > 0 ? 1 : 0;
  } finally {
    try {
      await ocr.close();
    } finally {
      if (runId) finishRun(db, runId, { files, forms: counts.changed + counts.added, skipped: 0, failed: counts.failed + counts.missing, issues: 0 });
      db.close();
    }
  }
}

export const registerReextract: RegisterCommand = (program: Command, done) => {
  program
    .command('reextract')
    .description('run the current pipeline again over the stored sources; store changed forms as new versions and print what changed')
    .addOption(dbOption())
    .option('--where <sql>', 'only sources with a current declaration matching this SQL condition (alias d), e.g. "d.year = 2018"')
    .addOption(new Option('--concurrency <n>', 'sources extracted at once').argParser(parsePositiveInt).default(availableParallelism(), 'the number of CPU cores'))
    .addOption(new Option('--ocr <engine>', 'OCR engine for scans').choices(['tesseract', 'paddle']).default(DEFAULT_OCR_ENGINE))
    .action(async (opts: ReextractOptions) => done(await runReextract(opts)));
};
