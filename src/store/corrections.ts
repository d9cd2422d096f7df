/**
 * The corrections layer: what people corrected or confirmed, kept apart from machine output.
 * A correction belongs to a form's lineage, so it outlives the version it was made on; when a
 * re-extraction stores a new version, `reconcileCorrections` decides for each correction in force
 * whether the machine now agrees (closed, kept as history), still reads the old value (kept in
 * force) or reads a third value (kept in force, with a `review.conflict`).
 */
import { makeIssue } from '../issues.js';
import type { DeclarationRecord, TargetParsed } from '../model.js';
import { fieldPathToText, recordToValue, rowNameToIndex, textToFieldPath } from './field-paths.js';
import type { Db } from './open.js';
import { prepared } from './prepared.js';

/** One correction (or confirmation) as stored. */
export interface Correction {
  id: number;
  lineageId: number;
  declarationId: number;
  field: string;
  rowName: string | null;
  action: 'correct' | 'confirm';
  machineValue: unknown;
  value: unknown;
  targetParsed?: TargetParsed | null;
  reason: string | null;
  reviewer: string;
  createdAt: string;
  status: 'active' | 'closed' | 'replaced';
  closedAt: string | null;
  /** Set while a re-extraction disagrees with both values: what it read (null when the row was lost). */
  conflict: { value: unknown; message: string } | null;
}

interface CorrectionRow {
  id: number;
  lineage_id: number;
  declaration_id: number;
  field: string;
  row_name: string | null;
  action: Correction['action'];
  machine_value: string;
  value: string;
  target_parsed: string | null;
  reason: string | null;
  reviewer: string;
  created_at: string;
  status: Correction['status'];
  closed_at: string | null;
  conflict_value: string | null;
  conflict_message: string | null;
}

function rowToCorrection(r: CorrectionRow): Correction {
  return {
    id: r.id,
    lineageId: r.lineage_id,
    declarationId: r.declaration_id,
    field: r.field,
    rowName: r.row_name,
    action: r.action,
    machineValue: JSON.parse(r.machine_value) as unknown,
    value: JSON.parse(r.value) as unknown,
    ...(r.target_parsed !== null ? { targetParsed: JSON.parse(r.target_parsed) as TargetParsed | null } : {}),
    reason: r.reason,
    reviewer: r.reviewer,
    createdAt: r.created_at,
    status: r.status,
    closedAt: r.closed_at,
    conflict: r.conflict_message !== null ? { value: JSON.parse(r.conflict_value ?? 'null') as unknown, message: r.conflict_message } : null,
  };
}

/** The corrections in force for the given lineages, by lineage, oldest first. */
export function activeCorrections(db: Db, lineageIds: readonly number[]): Map<number, Correction[]> {
  const out = new Map<number, Correction[]>();
  if (lineageIds.length === 0) return out;
  const rows = db
    .prepare(`SELECT * FROM corrections WHERE status = 'active' AND lineage_id IN (SELECT value FROM json_each(?)) ORDER BY id`)
    .all(JSON.stringify(lineageIds)) as CorrectionRow[];
  for (const r of rows) {
    let list = out.get(r.lineage_id);
    if (!list) out.set(r.lineage_id, (list = []));
    list.push(rowToCorrection(r));
  }
  return out;
}

/** Every correction ever made on a lineage (in force, closed, replaced), oldest first. */
export function correctionHistory(db: Db, lineageId: number): Correction[] {
  return (db.prepare(`SELECT * FROM corrections WHERE lineage_id = ? ORDER BY id`).all(lineageId) as CorrectionRow[]).map(rowToCorrection);
}

/** A new correction, before it is stored: no id, and in force. */
export type NewCorrection = Omit<Correction, 'id' | 'status' | 'closedAt' | 'conflict'>;

/** Stores a correction; the one it takes over from (same field) is kept as `replaced`. Call inside a transaction. */
export function insertCorrection(db: Db, c: NewCorrection): number {
  db.prepare(`UPDATE corrections SET status = 'replaced', closed_at = ? WHERE lineage_id = ? AND field = ? AND status = 'active'`).run(
    c.createdAt,
    c.lineageId,
    c.field,
  );
  return Number(
    db
      .prepare(
        `INSERT INTO corrections (lineage_id, declaration_id, field, row_name, action, machine_value, value, target_parsed, reason, reviewer, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        c.lineageId,
        c.declarationId,
        c.field,
        c.rowName,
        c.action,
        JSON.stringify(c.machineValue ?? null),
        JSON.stringify(c.value ?? null),
        c.targetParsed === undefined ? null : JSON.stringify(c.targetParsed),
        c.reason,
        c.reviewer,
        c.createdAt,
      ).lastInsertRowid,
  );
}

/** A value as the conflict message quotes it. */
const quote = (v: unknown): string => (v === null || v === undefined ? 'nothing' : typeof v === 'string' ? `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"` : String(v));
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What reconciling did to one correction. */
export interface Reconciled {
  id: number;
  field: string;
  outcome: 'closed' | 'kept' | 'conflict';
}

/**
 * Checks the corrections in force on a lineage against its new machine record (inside the
 * transaction that stored it). Rows are found again by name. The machine value never overwrites
 * a correction: it only closes one it agrees with, or raises a conflict.
 */
export function reconcileCorrections(db: Db, lineageId: number, declarationId: number, machine: DeclarationRecord, now: string): Reconciled[] {
  const out: Reconciled[] = [];
  for (const c of activeCorrections(db, [lineageId]).get(lineageId) ?? []) {
    let path = textToFieldPath(c.field);
    let found = true;
    if (path.kind === 'row' && c.rowName !== null) {
      const index = rowNameToIndex(machine, path.list, c.rowName, path.index);
      if (index === null) found = false;
      else path = { ...path, index };
    }
    const field = fieldPathToText(path);
    const now_ = found ? recordToValue(machine, path) : undefined;
    // A confirmation (value = the machine's) stays in force while the machine reads the same.
    if (found && same(now_, c.value) && !same(now_, c.machineValue)) {
      db.prepare(`UPDATE corrections SET status = 'closed', closed_at = ?, declaration_id = ?, field = ? WHERE id = ?`).run(now, declarationId, field, c.id);
      out.push({ id: c.id, field, outcome: 'closed' });
      continue;
    }
    const conflict =
      found && same(now_, c.machineValue)
        ? null
        : makeIssue('review.conflict', field, {
            now: found ? quote(now_) : `without the row "${c.rowName}"`,
            was: quote(c.machineValue),
            corrected: quote(c.value),
          }).message;
    db.prepare(`UPDATE corrections SET declaration_id = ?, field = ?, conflict_value = ?, conflict_message = ? WHERE id = ?`).run(
      declarationId,
      field,
      conflict === null ? null : JSON.stringify(now_ ?? null),
      conflict,
      c.id,
    );
    out.push({ id: c.id, field, outcome: conflict === null ? 'kept' : 'conflict' });
  }
  return out;
}

/**
 * The lineage whose current record, with corrections applied, has this year, unit and project:
 * a new scan that reads a corrected name right still belongs to the corrected form. Only lineages
 * with a key field corrected are looked at (the plain case is write.ts's own lookup).
 */
export function reviewedKeyToLineage(db: Db, unitName: string, projectName: string, year: number | null): number | undefined {
  // Asked for every new form an import stores: prepared once.
  return prepared(
    db,
    `SELECT d.lineage_id FROM reviewed_declarations d
       WHERE d.is_current = 1
         AND d.lineage_id IN (SELECT lineage_id FROM corrections WHERE status = 'active' AND field IN ('unitName', 'projectName', 'year'))
         AND d.project_name = ? AND d.unit_name = ? AND d.year IS ? LIMIT 1`,
  )
    .pluck()
    .get(projectName, unitName, year) as number | undefined;
}
