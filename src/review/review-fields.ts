/** The fields of one declaration as the review page lists them: value, state, issues, box, and what the editor saw. */
import type { DeclarationRecord, FieldValue, RecordIssue } from '../model.js';
import { SCALAR_COLUMNS } from '../store/schema.js';
import type { ReviewedDetail } from '../store/reviewed.js';
import { fieldPathToType, type FieldType } from './field-values.js';
import { issueFieldToCorrectable, textToFieldPath, recordToValue } from '../store/field-paths.js';

/** read fine / doubted (an open issue) / corrected / confirmed / conflict (re-extraction disagrees). */
export type FieldState = 'fine' | 'doubted' | 'corrected' | 'confirmed' | 'conflict';

export interface ReviewField {
  path: string;
  type: FieldType;
  value: unknown;
  machineValue: unknown;
  state: FieldState;
  issues: RecordIssue[];
  provenance: FieldValue | null;
  /** What a write must say it saw (optimistic concurrency). */
  seen: { declarationId: number; correctionId: number | null };
  reviewer: string | null;
}

/** Every correctable path of a record, in SPEC order. */
export function recordToFieldPaths(record: DeclarationRecord): string[] {
  const paths: string[] = [];
  for (const [f] of SCALAR_COLUMNS) {
    if (f === 'implementationPlan') record.budgetItems.forEach((_b, i) => paths.push(`budgetItems[${i}].name`, `budgetItems[${i}].amount`));
    if (f === 'remarks') record.indicators.forEach((_x, i) => paths.push(`indicators[${i}].category`, `indicators[${i}].name`, `indicators[${i}].target`));
    paths.push(f);
  }
  return paths;
}

/** The fields of a declaration (as people see it) with their state. */
export function declarationToFields(detail: ReviewedDetail, machine: DeclarationRecord): ReviewField[] {
  // A row correction counts only on the row it was made on (its row may be gone from this version).
  const anchored = (c: ReviewedDetail['corrections'][number]): boolean => {
    const path = textToFieldPath(c.field);
    return path.kind === 'scalar' || machine[path.list][path.index]?.name === c.rowName;
  };
  const inForce = new Map(detail.corrections.filter((c) => c.status === 'active' && anchored(c)).map((c) => [c.field, c]));
  return recordToFieldPaths(detail.record).map((path): ReviewField => {
    const issues = detail.record.issues.filter((i) => i.field !== null && issueFieldToCorrectable(i.field) === path);
    const c = detail.current ? inForce.get(path) : undefined;
    const state: FieldState = c?.conflict ? 'conflict' : c ? (c.action === 'correct' ? 'corrected' : 'confirmed') : issues.length ? 'doubted' : 'fine';
    const parsed = textToFieldPath(path);
    return {
      path,
      type: fieldPathToType(parsed),
      value: recordToValue(detail.record, parsed) ?? null,
      machineValue: recordToValue(machine, parsed) ?? null,
      state,
      issues,
      provenance: detail.provenance[path] ?? null,
      seen: { declarationId: detail.id, correctionId: c?.id ?? null },
      reviewer: c?.reviewer ?? null,
    };
  });
}
