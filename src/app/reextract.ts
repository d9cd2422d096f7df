/**
 * `reextract`: runs the current pipeline again over the stored sources (after the extractor or
 * the scans improved) and stores what changed as new versions. A source that has moved, vanished
 * or changed on disk is reported and its declarations are kept. Sources are committed in groups as
 * import's files are (store/commit-group.ts): each source all or nothing, reported once committed.
 */
import { existsSync } from 'node:fs';
import PQueue from 'p-queue';
import { extractDoc } from '../extract.js';
import type { Doc } from '../model.js';
import { currentPipelineVersion } from '../pipeline-version.js';
import { readInput } from '../ingest/read-input.js';
import type { OcrEngineName } from '../ocr/create-engine.js';
import type { OcrProvider } from '../ocr/engine.js';
import { createCommitGroup, DEFAULT_COMMIT_GROUP, keepGroupOnExit } from '../store/commit-group.js';
import { sqliteToStoreError, StoreError } from '../store/errors.js';
import { openStoreForWriting, type Db } from '../store/open.js';
import { currentFormsOfSource, selectSources, type SourceFilters, type StoredSource } from '../store/read.js';
import { beginRun, finishRun, storeDoc, type FormOutcome } from '../store/write.js';
import { withOcr } from './ocr.js';

export interface ReextractOptions {
  db: string;
  /** Which sources to re-read (all of them when empty). */
  filters?: SourceFilters;
  concurrency: number;
  ocr: OcrEngineName;
}

/** What became of one re-read source. */
export type SourceResult =
  /** Its parts are gone (`gone` names the first missing one) or its content changed: nothing stored. */
  | { kind: 'missing'; gone: string }
  | { kind: 'changed-on-disk' }
  | { kind: 'failed'; error: unknown }
  /** Re-read: what happened to each form, and the current declarations this extraction no longer finds (kept). */
  | { kind: 'done'; forms: FormOutcome[]; notFound: { id: number; formIndex: number }[] };

export interface ReextractCounts {
  sources: number;
  changed: number;
  unchanged: number;
  added: number;
  superseded: number;
  failed: number;
  missing: number;
}

export interface ReextractEvents {
  /** The sources to re-read are known (not called when none matches). */
  start?(sources: number): void;
  /** One source is done, in the order they finish. */
  source?(source: StoredSource, index: number, result: SourceResult): void;
}

/** A source read again: its document to store, or why nothing is stored. */
type Reread = { kind: 'doc'; doc: Doc; parts: string[] } | Exclude<SourceResult, { kind: 'done' }>;

/** Reads and extracts a stored source again, unless its parts are gone or changed. */
async function rereadSource(source: StoredSource, ocr: OcrProvider): Promise<Reread> {
  const parts = JSON.parse(source.parts) as string[];
  const gone = parts.find((p) => !existsSync(p));
  if (gone !== undefined) return { kind: 'missing', gone };
  try {
    const now = await readInput({ path: source.path, parts });
    if (now.source.sha256 !== source.sha256) return { kind: 'changed-on-disk' };
    return { kind: 'doc', doc: await extractDoc(now, { ocr }), parts };
  } catch (error) {
    return { kind: 'failed', error };
  }
}

/** Stores a re-read source (all or nothing); throws only for a failure of the database (busy, full, read-only). */
function storeReread(db: Db, source: StoredSource, reread: Reread, runId: number): SourceResult {
  if (reread.kind !== 'doc') return reread;
  try {
    const outcome = storeDoc(db, reread.doc, { runId, pipelineVersion: currentPipelineVersion(), parts: reread.parts, reread: true });
    const found = new Set(outcome.forms.map((f) => f.formIndex));
    const notFound = currentFormsOfSource(db, source.id)
      .filter((d) => !found.has(d.form_index))
      .map((d) => ({ id: d.id, formIndex: d.form_index }));
    return { kind: 'done', forms: outcome.forms, notFound };
  } catch (error) {
    const fatal = error instanceof StoreError ? error : sqliteToStoreError(error, db.name);
    if (fatal) throw fatal;
    return { kind: 'failed', error };
  }
}

/** Counts one source's result. */
function countResult(counts: ReextractCounts, result: SourceResult): void {
  if (result.kind === 'missing' || result.kind === 'changed-on-disk') counts.missing++;
  else if (result.kind === 'failed') counts.failed++;
  else
    for (const f of result.forms) {
      if (f.status === 'version') counts.changed++;
      else if (f.status === 'unchanged' || f.status === 'repeated') counts.unchanged++;
      else if (f.status === 'new') counts.added++;
      else counts.superseded++;
    }
}

/** Forms a result wrote (what fills a commit group). */
const formsWritten = (result: SourceResult): number => (result.kind === 'done' ? result.forms.filter((f) => f.status === 'new' || f.status === 'version').length : 0);

/** Re-extracts the stored sources the filters choose (all when none is given). */
export async function reextractSources(options: ReextractOptions, events: ReextractEvents = {}): Promise<ReextractCounts> {
  const db = openStoreForWriting(options.db);
  const counts: ReextractCounts = { sources: 0, changed: 0, unchanged: 0, added: 0, superseded: 0, failed: 0, missing: 0 };
  let runId = 0;
  let onExit: ReturnType<typeof keepGroupOnExit> | null = null;
  try {
    const sources = selectSources(db, options.filters);
    if (sources.length === 0) return counts;
    counts.sources = sources.length;
    runId = beginRun(db, 'reextract', currentPipelineVersion(), { filters: options.filters ?? {}, concurrency: options.concurrency, ocr: options.ocr });
    events.start?.(sources.length);
    // The first failure of the database itself stops the run: no later source is committed.
    let fatal: unknown = null;
    const commits = createCommitGroup(db, DEFAULT_COMMIT_GROUP, (err) => (fatal ??= err));
    // Ended on purpose (Ctrl-C): the open group's sources are kept, unreported.
    onExit = keepGroupOnExit(commits);
    const exiting = onExit.exiting;
    await withOcr(options.ocr, async (ocr) => {
      const queue = new PQueue({ concurrency: options.concurrency });
      sources.forEach((source, k) => {
        void queue.add(async () => {
          if (fatal) return;
          const reread = await rereadSource(source, ocr);
          if (fatal) return;
          try {
            if (reread.kind === 'doc') commits.open();
            commits.add({
              write: () => storeReread(db, source, reread, runId),
              forms: formsWritten,
              report: (result) => {
                if (exiting()) return;
                countResult(counts, result);
                events.source?.(source, k, result);
              },
            });
          } catch (error) {
            fatal ??= error;
            queue.clear();
          }
        });
      });
      await queue.onIdle();
    });
    fatal = commits.finish(fatal);
    if (fatal) throw fatal;
    return counts;
  } catch (err) {
    throw sqliteToStoreError(err, options.db) ?? err;
  } finally {
    onExit?.release();
    try {
      if (runId) finishRun(db, runId, { files: counts.sources, forms: counts.changed + counts.added, skipped: 0, failed: counts.failed + counts.missing, issues: 0 });
    } catch (err) {
      // A full or busy database may not take the run's end either; the run stays unfinished.
      if (!sqliteToStoreError(err, options.db)) throw err;
    } finally {
      db.close();
    }
  }
}
