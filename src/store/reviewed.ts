/**
 * Reading records as people see them: the current version of each form with the corrections in
 * force applied (earlier versions stay as the machine read them). `--machine` readers use read.ts.
 */
import type { DeclarationRecord } from '../model.js';
import { applyCorrections, reviewedProvenance } from './apply-corrections.js';
import { activeCorrections, correctionHistory, type Correction } from './corrections.js';
import type { Db } from './open.js';
import { loadDeclarationDetail, loadRecords, type DeclarationDetail } from './read.js';
import { recordToSearchText } from './write.js';
import { SEARCH_TEXT_COLUMNS } from './schema.js';

/** The given declarations that exist, in order, with their lineage when current. */
function idsToLineages(db: Db, ids: readonly number[]): { known: number[]; lineageOfCurrent: Map<number, number> } {
  const rows = db
    .prepare(`SELECT id, lineage_id, is_current FROM declarations WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as { id: number; lineage_id: number; is_current: number }[];
  const exists = new Set(rows.map((r) => r.id));
  return {
    known: ids.filter((id) => exists.has(id)),
    lineageOfCurrent: new Map(rows.filter((r) => r.is_current === 1).map((r) => [r.id, r.lineage_id])),
  };
}

/** The records of the given declarations with corrections applied, in the order of `ids` (unknown ids left out). */
export function loadReviewedRecords(db: Db, ids: readonly number[]): DeclarationRecord[] {
  const { known, lineageOfCurrent } = idsToLineages(db, ids);
  const corrections = activeCorrections(db, [...new Set(lineageOfCurrent.values())]);
  return loadRecords(db, known).map((record, k) => {
    const lineage = lineageOfCurrent.get(known[k]!);
    return lineage === undefined ? record : applyCorrections(record, corrections.get(lineage) ?? []).record;
  });
}

/** One declaration as people see it, or null when there is no such id. */
export function loadReviewedRecord(db: Db, id: number): DeclarationRecord | null {
  return loadReviewedRecords(db, [id])[0] ?? null;
}

/** `show`'s detail with corrections applied, provenance marked `via: review`, and the lineage's corrections. */
export interface ReviewedDetail extends DeclarationDetail {
  /** Every correction of the form: in force, closed by a re-extraction that agreed, or replaced. */
  corrections: Correction[];
}

/** One declaration's detail as people see it (corrections apply to the current version only). */
export function loadReviewedDetail(db: Db, id: number): ReviewedDetail | null {
  const detail = loadDeclarationDetail(db, id);
  if (!detail) return null;
  const lineage = db.prepare(`SELECT lineage_id FROM declarations WHERE id = ?`).pluck().get(id) as number;
  const history = correctionHistory(db, lineage);
  if (!detail.current) return { ...detail, corrections: history };
  const reviewed = applyCorrections(detail.record, history.filter((c) => c.status === 'active'));
  // Pages of the issues that remain, from the machine issues they came from.
  const pages = [...detail.issues];
  const issues = reviewed.record.issues.map((i) => {
    const k = pages.findIndex((p) => p.code === i.code && p.field === i.field && p.message === i.message);
    return { ...i, page: k < 0 ? null : pages.splice(k, 1)[0]!.page };
  });
  return {
    ...detail,
    record: reviewed.record,
    issues,
    provenance: reviewedProvenance(detail.provenance, reviewed, detail.record.source.pages[0] ?? 1),
    corrections: history,
  };
}

/** A declaration's full-text row with the corrections in force applied (it must exist). */
export function reviewedSearchText(db: Db, id: number): (string | null)[] {
  return recordToSearchText(loadReviewedRecord(db, id)!);
}

/** Rewrites a declaration's full-text row with its corrected text, so that search finds what people corrected. */
export function indexReviewedText(db: Db, id: number): void {
  const record = loadReviewedRecord(db, id);
  if (!record) return;
  const columns = [...SEARCH_TEXT_COLUMNS, 'indicators', 'budget_items'];
  db.prepare(`UPDATE declarations_fts SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE rowid = ?`).run(...recordToSearchText(record), id);
}
