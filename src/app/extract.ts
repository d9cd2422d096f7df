/** `extract`: every input under the paths through its pipeline, records in file order, nothing stored. */
import { InputError } from '../errors.js';
import { extractInput } from '../extract.js';
import { collectInputs } from '../ingest/collect-inputs.js';
import type { DeclarationRecord } from '../model.js';
import type { OcrEngineName } from '../ocr/create-engine.js';
import { withOcr } from './ocr.js';

/** A file that could not be used: its path as given, and why. */
export interface FileFailure {
  path: string;
  error: unknown;
}

/**
 * Extracts every input under `paths`; a file that fails is passed to `onFailure` and the others go
 * on. Records are handed to `onRecord` as each file is done (and then not kept), else returned.
 */
export async function extractPaths(
  paths: readonly string[],
  ocrName: OcrEngineName,
  onFailure: (failure: FileFailure) => void,
  onRecord?: (record: DeclarationRecord) => void,
): Promise<{ records: DeclarationRecord[]; failed: number }> {
  const { groups, errors } = await collectInputs(paths);
  for (const e of errors) onFailure({ path: e.path, error: new InputError('unreadable', e.message) });
  const records: DeclarationRecord[] = [];
  let failed = errors.length;
  await withOcr(ocrName, async (ocr) => {
    for (const group of groups) {
      try {
        const doc = await extractInput(group, { ocr });
        for (const form of doc.forms) if (form.record) (onRecord ?? ((r) => records.push(r)))(form.record);
      } catch (error) {
        failed++;
        onFailure({ path: group.path, error });
      }
    }
  });
  return { records, failed };
}
