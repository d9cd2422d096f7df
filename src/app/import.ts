/**
 * `import`: extracts every form under the paths and stores it, one file per transaction. Files
 * are extracted in parallel through one p-queue and committed in input order; a file whose
 * content this pipeline version has already read is skipped before any extraction.
 */
import { resolve } from 'node:path';
import PQueue from 'p-queue';
import { InputError } from '../errors.js';
import { extractDoc, PIPELINE_VERSION } from '../extract.js';
import { collectInputs } from '../ingest/collect-inputs.js';
import { readInput, type InputGroup } from '../ingest/read-input.js';
import type { Doc } from '../model.js';
import type { OcrEngineName } from '../ocr/create-engine.js';
import type { StageContext } from '../pipeline.js';
import { openStoreForWriting, type Db } from '../store/open.js';
import { sqliteToStoreError, StoreError } from '../store/errors.js';
import { updateMovedSource } from '../store/sources.js';
import { beginRun, finishRun, isAlreadyStored, storeDoc, type FormOutcome, type StoreOutcome } from '../store/write.js';
import { withOcr } from './ocr.js';

export interface ImportOptions {
  db: string;
  /** Files extracted at once. */
  concurrency: number;
  ocr: OcrEngineName;
}

/** What an import did. */
export interface ImportTally {
  files: number;
  stored: number;
  skipped: number;
  failed: number;
  forms: Record<FormOutcome['status'], number>;
  issuesByCode: Map<string, number>;
}

/** What became of one file, in input order. */
export type FileResult =
  /** Already stored; `relocated` when its stored place was gone and now points here. */
  | { kind: 'skipped'; relocated?: boolean }
  | { kind: 'stored'; outcome: StoreOutcome }
  | { kind: 'failed'; error: unknown };

/** What the caller hears while an import runs (to show progress). */
export interface ImportEvents {
  /** The inputs are known and the store is open: `files` inputs will be read (not called when there are none). */
  start?(files: number): void;
  /** One input is done (stored, skipped or failed), in input order. */
  file?(path: string, result: FileResult): void;
}

/** A tally with nothing counted yet. */
export function emptyTally(): ImportTally {
  return { files: 0, stored: 0, skipped: 0, failed: 0, forms: { new: 0, version: 0, unchanged: 0, superseded: 0, repeated: 0 }, issuesByCode: new Map() };
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

/** One input after extraction: already stored, extracted, or failed. */
type Extracted = { kind: 'stored'; sha256: string } | { kind: 'doc'; doc: Doc } | { kind: 'failed'; error: unknown };

/** Reads and extracts one input, unless this pipeline version has already stored its content. */
async function extractOne(db: Db, group: InputGroup, ctx: StageContext): Promise<Extracted> {
  try {
    // Hash first: a file this pipeline version has read before costs one read and one lookup.
    const read = await readInput(group);
    if (isAlreadyStored(db, read.source.sha256, PIPELINE_VERSION)) return { kind: 'stored', sha256: read.source.sha256 };
    return { kind: 'doc', doc: await extractDoc(read, ctx) };
  } catch (error) {
    return { kind: 'failed', error };
  }
}

/** Stores one extracted input (one transaction) and counts it. */
function commitOne(db: Db, group: InputGroup, extracted: Extracted, runId: number, tally: ImportTally): FileResult {
  try {
    if (extracted.kind === 'failed') throw extracted.error;
    if (extracted.kind === 'stored') {
      tally.skipped++;
      const relocated = updateMovedSource(db, extracted.sha256, group.path, group.parts.map((p) => resolve(p)));
      return relocated ? { kind: 'skipped', relocated } : { kind: 'skipped' };
    }
    const { doc } = extracted;
    const outcome = storeDoc(db, doc, { runId, pipelineVersion: PIPELINE_VERSION, parts: group.parts.map((p) => resolve(p)) });
    const written = new Set(outcome.forms.filter((f) => f.status === 'new' || f.status === 'version').map((f) => f.formIndex));
    const issueCodes = doc.forms.filter((f) => written.has(f.formIndex)).flatMap((f) => (f.record?.issues ?? []).map((i) => i.code));
    addOutcomeToTally(tally, outcome, issueCodes);
    return outcome.alreadyStored ? { kind: 'skipped' } : { kind: 'stored', outcome };
  } catch (error) {
    // Busy, full or read-only: the database's trouble, not this file's; the batch stops here.
    const fatal = error instanceof StoreError ? error : sqliteToStoreError(error, db.name);
    if (fatal) throw fatal;
    tally.failed++;
    return { kind: 'failed', error };
  }
}

/** Runs an import: every input under `paths` extracted and stored; resolves to what was done. */
export async function importPaths(paths: readonly string[], options: ImportOptions, events: ImportEvents = {}): Promise<ImportTally> {
  const { groups, errors } = await collectInputs(paths);
  const tally = emptyTally();
  tally.files = groups.length + errors.length;
  tally.failed = errors.length;
  for (const e of errors) events.file?.(e.path, { kind: 'failed', error: new InputError('unreadable', e.message) });
  if (groups.length === 0) return tally;

  const db = openStoreForWriting(options.db);
  // The first failure of the database itself (busy, full, read-only) stops the batch: no later
  // file is committed, and it is reported once instead of once per file.
  let fatal: unknown = null;
  let runId = 0;
  try {
    runId = beginRun(db, 'import', PIPELINE_VERSION, { paths, concurrency: options.concurrency, ocr: options.ocr });
    events.start?.(groups.length);
    await withOcr(options.ocr, async (ocr) => {
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
            if (fatal) return;
            const extracted = await extractOne(db, group, { ocr });
            await turn;
            if (fatal) return;
            const result = commitOne(db, group, extracted, runId, tally);
            events.file?.(group.path, result);
          } catch (error) {
            fatal ??= error;
            queue.clear();
          } finally {
            release();
          }
        });
      }
      await queue.onIdle();
    });
    if (fatal) throw fatal;
  } catch (err) {
    throw sqliteToStoreError(err, options.db) ?? err;
  } finally {
    try {
      if (runId)
        finishRun(db, runId, {
          files: tally.files,
          forms: tally.forms.new + tally.forms.version,
          skipped: tally.skipped,
          failed: tally.failed,
          issues: [...tally.issuesByCode.values()].reduce((a, b) => a + b, 0),
        });
    } catch (err) {
      // A full or busy database may not take the run's end either; the run stays unfinished.
      if (!fatal && !sqliteToStoreError(err, options.db)) throw err;
    } finally {
      db.close();
    }
  }
  return tally;
}
