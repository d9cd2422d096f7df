/**
 * What needs a person: the open issues of the current records (with corrections applied, so a
 * corrected or confirmed field no longer shows), most serious first, and the review queue of
 * declarations ordered errors → warnings → low confidence.
 */
import type { ProjectCategory, RecordIssue, Severity } from '../model.js';
import type { Db } from '../store/open.js';
import { loadReviewedRecords } from '../store/reviewed.js';

export interface DoubtFilters {
  /** Part of the unit name. */
  unit?: string;
  /** An issue code, or its stage prefix (`validate.`, `read`). */
  code?: string;
  category?: ProjectCategory;
  severity?: Severity;
  /** At most this many rows. */
  limit?: number;
}

export interface Doubt {
  id: number;
  severity: Severity;
  code: RecordIssue['code'];
  field: string | null;
  unitName: string | null;
  projectName: string | null;
  message: string;
  confidence: number;
}

export interface QueueEntry {
  id: number;
  unitName: string | null;
  projectName: string | null;
  projectCategory: ProjectCategory | null;
  sourceKind: string;
  confidence: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Fields corrected or confirmed on the current version. */
  reviewed: number;
  /** The issue codes of the record (for the queue's filter). */
  codes: string[];
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Confidence below which a form with no issues is still queued for a look. */
export const LOW_CONFIDENCE = 0.9;

/** Current declarations that may need a person: issues, corrections, or OCR confidence below 1. */
function candidateIds(db: Db, filters: DoubtFilters): { id: number; confidence: number; reviewed: number }[] {
  const conds = ['d.is_current = 1'];
  const params: unknown[] = [];
  if (filters.category) conds.push('d.project_category = ?'), params.push(filters.category);
  if (filters.unit) conds.push(`instr(d.unit_name, ?) > 0`), params.push(filters.unit);
  return db
    .prepare(
      `SELECT d.id, d.confidence,
              (SELECT count(*) FROM corrections c WHERE c.lineage_id = d.lineage_id AND c.status = 'active') AS reviewed
       FROM reviewed_declarations d
       WHERE ${conds.join(' AND ')}
         AND (EXISTS (SELECT 1 FROM issues s WHERE s.declaration_id = d.id) OR d.confidence < 1
              OR EXISTS (SELECT 1 FROM corrections c WHERE c.lineage_id = d.lineage_id AND c.status = 'active'))
       ORDER BY d.id`,
    )
    .all(...params) as { id: number; confidence: number; reviewed: number }[];
}

const codeMatches = (code: string, wanted: string | undefined): boolean => !wanted || code === wanted || code.startsWith(wanted.endsWith('.') ? wanted : `${wanted}.`);

/** The open issues people should look at, most serious first, then the least confident forms. */
export function listDoubts(db: Db, filters: DoubtFilters = {}): Doubt[] {
  const candidates = candidateIds(db, filters);
  const records = loadReviewedRecords(db, candidates.map((c) => c.id));
  const doubts: Doubt[] = [];
  records.forEach((r, k) => {
    const { id, confidence } = candidates[k]!;
    for (const i of r.issues)
      if (codeMatches(i.code, filters.code) && (!filters.severity || i.severity === filters.severity))
        doubts.push({ id, severity: i.severity, code: i.code, field: i.field, unitName: r.unitName, projectName: r.projectName, message: i.message, confidence });
  });
  doubts.sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.confidence - b.confidence || a.id - b.id);
  return filters.limit !== undefined ? doubts.slice(0, filters.limit) : doubts;
}

/** The review queue: declarations with errors, then warnings, then low confidence, each group least confident first. */
export function reviewQueue(db: Db, filters: DoubtFilters = {}): QueueEntry[] {
  const candidates = candidateIds(db, filters);
  const ids = candidates.map((c) => c.id);
  const kinds = new Map(
    (db.prepare(`SELECT d.id, s.kind FROM declarations d JOIN sources s ON s.id = d.source_id WHERE d.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as {
      id: number;
      kind: string;
    }[]).map((r) => [r.id, r.kind]),
  );
  const entries = loadReviewedRecords(db, ids).flatMap((r, k): QueueEntry[] => {
    const { id, confidence, reviewed } = candidates[k]!;
    const issues = r.issues.filter((i) => codeMatches(i.code, filters.code));
    if (filters.code && issues.length === 0) return [];
    const count = (s: Severity): number => issues.filter((i) => i.severity === s).length;
    const entry = {
      id,
      unitName: r.unitName,
      projectName: r.projectName,
      projectCategory: r.projectCategory,
      sourceKind: kinds.get(id) ?? 'text',
      confidence,
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
      reviewed,
      codes: [...new Set(r.issues.map((i) => i.code))],
    };
    return entry.errors + entry.warnings + entry.infos > 0 || confidence < LOW_CONFIDENCE || reviewed > 0 ? [entry] : [];
  });
  const group = (e: QueueEntry): number => (e.errors > 0 ? 0 : e.warnings > 0 ? 1 : e.confidence < LOW_CONFIDENCE ? 2 : 3);
  return entries.sort((a, b) => group(a) - group(b) || a.confidence - b.confidence || a.id - b.id);
}
