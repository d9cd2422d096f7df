/**
 * `extract`: every input under the paths through its pipeline, each in a pool thread with its
 * limits (isolate.ts), nothing stored. Records are handed on file by file in input order as soon
 * as each file is done, so a long batch is never held whole.
 */
import { InputError } from '../errors.js';
import { collectInputs } from '../ingest/collect-inputs.js';
import type { DeclarationRecord } from '../model.js';
import type { OcrEngineName } from '../ocr/create-engine.js';
import { mapInOrder } from './in-order.js';
import { fileLimits, withExtractPool, type FileLimits } from './isolate.js';

/** A file that could not be used: its path as given, and why. */
export interface FileFailure {
  path: string;
  error: unknown;
}

export interface ExtractOptions extends Partial<FileLimits> {
  ocr: OcrEngineName;
  /** Files extracted at once; 1 unless given. */
  concurrency?: number;
}

export interface ExtractEvents {
  /** The records of one file, in input order. */
  records(records: DeclarationRecord[]): void;
  /** A file that failed, in input order; the others go on. */
  failure(failure: FileFailure): void;
}

/** Extracts every input under `paths`; resolves to the number of files that failed. */
export async function extractPaths(paths: readonly string[], options: ExtractOptions, events: ExtractEvents): Promise<{ failed: number }> {
  const { groups, errors } = await collectInputs(paths);
  for (const e of errors) events.failure({ path: e.path, error: new InputError('unreadable', e.message) });
  let failed = errors.length;
  if (groups.length === 0) return { failed };
  const concurrency = options.concurrency ?? 1;
  // One file at a time, a small text file is read in this thread (isolate.ts: the thread would only copy its records).
  await withExtractPool({ concurrency, ocr: options.ocr, recordsOnly: true, textHere: concurrency === 1, ...fileLimits(options) }, async (pool) => {
    await mapInOrder(
      groups,
      concurrency,
      (group) =>
        pool.extract(group).then(
          (doc) => ({ records: doc.forms.flatMap((f) => (f.record ? [f.record] : [])) }),
          (error: unknown) => ({ error }),
        ),
      (group, outcome) => {
        if ('records' in outcome) return events.records(outcome.records);
        failed++;
        events.failure({ path: group.path, error: outcome.error });
      },
    );
  });
  return { failed };
}
