/**
 * `import`: extracts every form under the paths and stores it, each file all or nothing, files
 * committed in groups (store/commit-group.ts). Files are extracted in parallel, each in a pool thread with its limits (isolate.ts), and committed in
 * input order here; a file whose content this pipeline version has already read is skipped
 * before any extraction.
 */
import { resolve } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { InputError } from '../errors.js';
import { currentPipelineVersion } from '../pipeline-version.js';
import { collectInputs } from '../ingest/collect-inputs.js';
import { groupToSha256, readSmallInput, type InputGroup } from '../ingest/read-input.js';
import type { Doc } from '../model.js';
import type { OcrEngineName } from '../ocr/create-engine.js';
import { openStoreForWriting, type Db } from '../store/open.js';
import { sqliteToStoreError, StoreError } from '../store/errors.js';
import { updateMovedSource } from '../store/sources.js';
import { createCommitGroup, DEFAULT_COMMIT_GROUP, keepGroupOnExit } from '../store/commit-group.js';
import { beginRun, finishRun, isAlreadyStored, storeDoc, type FormOutcome, type StoreOutcome } from '../store/write.js';
import { mapInOrder } from './in-order.js';
import { fileLimits, withExtractPool, type ExtractPool, type FileLimits } from './isolate.js';

export interface ImportOptions extends Partial<FileLimits> {
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
async function extractOne(db: Db, group: InputGroup, pool: ExtractPool): Promise<Extracted> {
  try {
    // Hash first: a file this pipeline version has read before costs one read and one lookup. A
    // small file is read once, here, and its bytes move to the pool thread; a large one is hashed
    // in chunks and read there (a large file that cannot be hashed goes on to the pool, which
    // names what is wrong with it). A file missing, empty or unreadable fails here with its line.
    // Timers, signals (Ctrl-C) and the progress display run between files: a small file is read
    // and extracted here without any wait on I/O that would let them.
    await nextTurn();
    const given = readSmallInput(group);
    const sha256 = given?.sha256 ?? (await groupToSha256(group).catch(() => null));
    if (sha256 !== null && isAlreadyStored(db, sha256, currentPipelineVersion())) return { kind: 'stored', sha256 };
    return { kind: 'doc', doc: await pool.extract(group, given ?? undefined) };
  } catch (error) {
    return { kind: 'failed', error };
  }
}

/** What storing one input did, and the issue codes of the forms it wrote (for the tally). */
interface Committed {
  result: FileResult;
  issueCodes: readonly string[];
}

/** Stores one extracted input (all or nothing: a transaction, or a savepoint in the open group). */
function commitOne(db: Db, group: InputGroup, extracted: Extracted, runId: number): Committed {
  try {
    if (extracted.kind === 'failed') throw extracted.error;
    if (extracted.kind === 'stored') {
      const relocated = updateMovedSource(db, extracted.sha256, group.path, group.parts.map((p) => resolve(p)));
      return { result: relocated ? { kind: 'skipped', relocated } : { kind: 'skipped' }, issueCodes: [] };
    }
    const { doc } = extracted;
    const outcome = storeDoc(db, doc, { runId, pipelineVersion: currentPipelineVersion(), parts: group.parts.map((p) => resolve(p)) });
    if (outcome.alreadyStored) return { result: { kind: 'skipped' }, issueCodes: [] };
    const written = new Set(outcome.forms.filter((f) => f.status === 'new' || f.status === 'version').map((f) => f.formIndex));
    const issueCodes = doc.forms.filter((f) => written.has(f.formIndex)).flatMap((f) => (f.record?.issues ?? []).map((i) => i.code));
    return { result: { kind: 'stored', outcome }, issueCodes };
  } catch (error) {
    // Busy, full or read-only: the database's trouble, not this file's; the batch stops here.
    const fatal = error instanceof StoreError ? error : sqliteToStoreError(error, db.name);
    if (fatal) throw fatal;
    return { result: { kind: 'failed', error }, issueCodes: [] };
  }
}

/** Counts one input's result in the tally. */
function countResult(tally: ImportTally, { result, issueCodes }: Committed): void {
  if (result.kind === 'skipped') tally.skipped++;
  else if (result.kind === 'failed') tally.failed++;
  else addOutcomeToTally(tally, result.outcome, issueCodes);
}

/** Forms a result wrote (what fills a commit group). */
const formsWritten = ({ result }: Committed): number =>
  result.kind === 'stored' ? result.outcome.forms.filter((f) => f.status === 'new' || f.status === 'version').length : 0;

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
  let onExit: ReturnType<typeof keepGroupOnExit> | null = null;
  const limits = fileLimits(options);
  try {
    runId = beginRun(db, 'import', currentPipelineVersion(), { paths, concurrency: options.concurrency, ocr: options.ocr, ...limits });
    events.start?.(groups.length);
    // Files are committed in groups (store/commit-group.ts); a file is counted and reported once
    // its group is committed.
    const commits = createCommitGroup(db, DEFAULT_COMMIT_GROUP, (err) => (fatal ??= err));
    // Ended on purpose (Ctrl-C on a terminal): the files of the open group are kept.
    onExit = keepGroupOnExit(commits);
    const exiting = onExit.exiting;
    await withExtractPool({ concurrency: options.concurrency, ocr: options.ocr, textHere: options.concurrency === 1, ...limits }, async (pool) => {
      // Committed in input order, so that versions of one form found in one batch follow the
      // (sorted) paths and a repeated run gives the same database.
      await mapInOrder(
        groups,
        options.concurrency,
        async (group) => (fatal ? null : extractOne(db, group, pool)),
        (group, extracted) => {
          if (fatal || extracted === null) return;
          try {
            if (extracted.kind !== 'failed') commits.open();
            commits.add({
              write: () => commitOne(db, group, extracted, runId),
              forms: formsWritten,
              report: (committed) => {
                if (exiting()) return;
                countResult(tally, committed);
                events.file?.(group.path, committed.result);
              },
            });
          } catch (error) {
            fatal ??= error;
          }
        },
      );
    });
    fatal = commits.finish(fatal);
    if (fatal) throw fatal;
  } catch (err) {
    throw sqliteToStoreError(err, options.db) ?? err;
  } finally {
    onExit?.release();
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
