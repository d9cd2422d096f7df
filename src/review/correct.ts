/**
 * Correcting and confirming one field of a current declaration: the value is typed and
 * normalised like the extractor's, stored in the corrections layer (never over machine output),
 * and the search index follows. One transaction; a writer that saw an older state is refused.
 */
import { userInfo } from 'node:os';
import { UsageError } from '../errors.js';
import type { TargetParsed } from '../model.js';
import { activeCorrections, insertCorrection } from '../store/corrections.js';
import type { Db } from '../store/open.js';
import { loadRecord } from '../store/read.js';
import { indexReviewedText } from '../store/reviewed.js';
import { fieldPathToText, recordToRowName, recordToValue, textToFieldPath } from '../store/field-paths.js';
import { textToFieldValue } from './field-values.js';

/** Another correction of the field was made after the writer loaded it: their edit would silently win. */
export class StaleEditError extends Error {
  override readonly name = 'StaleEditError';
}

/** What the writer saw: the declaration and the correction in force on the field then (null: none). */
export interface SeenState {
  declarationId: number;
  correctionId: number | null;
}

export interface CorrectRequest {
  id: number;
  field: string;
  /** The corrected value as typed; absent to confirm the machine value. */
  text?: string;
  reason?: string | null;
  reviewer?: string;
  now?: string;
  /** When given, the edit is refused (StaleEditError) unless the field is still as the writer saw it. */
  seen?: SeenState;
}

export interface CorrectResult {
  correctionId: number;
  id: number;
  field: string;
  action: 'correct' | 'confirm';
  machineValue: unknown;
  /** The value in force before (the machine's, or an earlier correction's). */
  before: unknown;
  value: unknown;
  targetParsed?: TargetParsed | null;
  reviewer: string;
}

/** Who is correcting when nobody says: the OS user. */
export function defaultReviewer(): string {
  try {
    return userInfo().username || process.env.USER || 'unknown';
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Corrects (with `text`) or confirms (without) one field of a current declaration. */
export function correctField(db: Db, req: CorrectRequest): CorrectResult {
  const path = textToFieldPath(req.field);
  const field = fieldPathToText(path);
  const reviewer = req.reviewer?.trim() || defaultReviewer();
  const now = req.now ?? new Date().toISOString();
  return db.transaction((): CorrectResult => {
    const row = db.prepare(`SELECT lineage_id, is_current FROM declarations WHERE id = ?`).get(req.id) as { lineage_id: number; is_current: number } | undefined;
    if (!row) throw new UsageError(`no declaration #${req.id} (\`declx search\` or \`declx doubts\` list them)`);
    if (row.is_current !== 1) {
      const current = db.prepare(`SELECT id FROM declarations WHERE lineage_id = ? AND is_current = 1`).pluck().get(row.lineage_id) as number;
      throw new UsageError(`#${req.id} is an earlier version of its form; correct the current one, #${current}`);
    }
    const machine = loadRecord(db, req.id)!;
    const machineValue = recordToValue(machine, path);
    if (machineValue === undefined)
      throw new UsageError(`${field}: #${req.id} has no such row (${machine.budgetItems.length} budget items, ${machine.indicators.length} indicators)`);
    const inForce = activeCorrections(db, [row.lineage_id]).get(row.lineage_id)?.find((c) => c.field === field) ?? null;
    if (req.seen && (req.seen.declarationId !== req.id || req.seen.correctionId !== (inForce?.id ?? null)))
      throw new StaleEditError(`${field} of #${req.id} was changed by ${inForce?.reviewer ?? 'a re-extraction'} after you loaded it; reload to see it`);
    const typed = req.text === undefined ? { value: machineValue } : textToFieldValue(path, req.text);
    const action = same(typed.value, machineValue) ? 'confirm' : 'correct';
    const correctionId = insertCorrection(db, {
      lineageId: row.lineage_id,
      declarationId: req.id,
      field,
      rowName: recordToRowName(machine, path) ?? null,
      action,
      machineValue,
      value: typed.value,
      ...('targetParsed' in typed ? { targetParsed: typed.targetParsed } : {}),
      reason: req.reason?.trim() || null,
      reviewer,
      createdAt: now,
    });
    indexReviewedText(db, req.id);
    return {
      correctionId,
      id: req.id,
      field,
      action,
      machineValue,
      before: inForce ? inForce.value : machineValue,
      value: typed.value,
      ...('targetParsed' in typed ? { targetParsed: typed.targetParsed } : {}),
      reviewer,
    };
  }).immediate();
}
