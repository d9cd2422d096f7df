/**
 * The record a person sees: the machine record with the corrections in force applied. Issues on
 * a corrected or confirmed field are settled; validation runs again on the corrected values (a
 * corrected amount may make the budget add up); a conflict raised by re-extraction is an issue.
 */
import { makeIssue } from '../issues.js';
import type { DeclarationRecord, FieldValue, RecordIssue } from '../model.js';
import { parseTarget } from '../normalise/targets.js';
import type { Correction } from './corrections.js';
import { validateRecord } from '../validate/validate-record.js';
import { issueFieldToCorrectable, textToFieldPath } from './field-paths.js';

export interface ReviewedRecord {
  record: DeclarationRecord;
  /** Field path → the correction applied there. */
  applied: Map<string, Correction>;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The machine record with the corrections applied (the machine record itself is not changed). */
export function applyCorrections(machine: DeclarationRecord, corrections: readonly Correction[]): ReviewedRecord {
  const applied = new Map<string, Correction>();
  if (corrections.length === 0) return { record: machine, applied };
  const record = structuredClone(machine);
  let changed = false;
  for (const c of corrections) {
    const path = textToFieldPath(c.field);
    if (path.kind === 'scalar') {
      changed ||= !same(record[path.field], c.value);
      (record as Record<string, unknown>)[path.field] = c.value;
    } else {
      // Applied only to the row it was made on, found by its machine name (never to whatever row now stands there).
      const machineRow = machine[path.list][path.index];
      if (!machineRow || machineRow.name !== c.rowName) continue;
      const row = record[path.list][path.index] as unknown as Record<string, unknown>;
      changed ||= !same(row[path.part], c.value);
      row[path.part] = c.value;
      if (path.part === 'target') row.targetParsed = c.targetParsed !== undefined ? c.targetParsed : parseTarget(String(c.value));
    }
    applied.set(c.field, c);
  }
  record.issues = reviewedIssues(machine.issues, record, applied, changed, corrections);
  return { record, applied };
}

/** Machine issues minus the settled ones, validation again when a value changed, then the conflicts. */
function reviewedIssues(
  machine: readonly RecordIssue[],
  record: DeclarationRecord,
  applied: Map<string, Correction>,
  changed: boolean,
  corrections: readonly Correction[],
): RecordIssue[] {
  const open = (i: RecordIssue): boolean => i.field === null || !applied.has(issueFieldToCorrectable(i.field));
  const isValidation = (i: RecordIssue): boolean => i.code.startsWith('validate.');
  const issues = machine.filter((i) => open(i) && (!changed || !isValidation(i)));
  const { source: _source, issues: _issues, ...fields } = record;
  if (changed)
    for (const i of validateRecord({ record: fields, provenance: {}, issues: issues.map((i) => ({ ...i, page: null })) }))
      if (isValidation(i) && open(i)) issues.push({ field: i.field, code: i.code, severity: i.severity, message: i.message });
  // Every conflict shows, also that of a correction whose row is gone (and which applies nowhere).
  // A correction whose row is gone speaks of its list, not of whatever row now has its index.
  for (const c of corrections)
    if (c.conflict) {
      const path = textToFieldPath(c.field);
      const { field, code, severity } = makeIssue('review.conflict', applied.has(c.field) || path.kind === 'scalar' ? c.field : path.list);
      issues.push({ field, code, severity, message: c.conflict.message });
    }
  return issues;
}

/** Provenance with corrected and confirmed fields marked `via: review` (keeping the machine's page and box). */
export function reviewedProvenance(
  machine: Record<string, FieldValue>,
  reviewed: ReviewedRecord,
  firstPage: number,
): Record<string, FieldValue & { reviewer?: string; action?: Correction['action'] }> {
  const out: Record<string, FieldValue & { reviewer?: string; action?: Correction['action'] }> = { ...machine };
  for (const [field, c] of reviewed.applied) {
    const was = machine[field];
    out[field] = {
      text: c.value === null ? '' : String(c.value),
      page: was?.page ?? firstPage,
      ...(was?.bbox ? { bbox: was.bbox } : {}),
      via: 'review',
      reviewer: c.reviewer,
      action: c.action,
    };
  }
  return out;
}
