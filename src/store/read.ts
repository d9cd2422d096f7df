/**
 * Reading the store back: rows → SPEC records, exactly as `declx extract` prints them (same key
 * order, numbers as numbers, nulls as null). Used by export, show and reextract's diff.
 */
import { UsageError } from '../errors.js';
import type { BudgetItem, DeclarationRecord, FieldValue, Indicator, InputKind, RecordIssue } from '../model.js';
import type { Db } from './open.js';
import { SCALAR_COLUMNS } from './schema.js';
import { storedToProvenanceText } from './provenance-text.js';

/** A declarations row joined with its source, as the record queries select it. */
export interface DeclarationRow {
  id: number;
  lineage_id: number;
  version: number;
  is_current: number;
  form_index: number;
  form_pages: string;
  run_id: number;
  pipeline_version: string;
  confidence: number;
  created_at: string;
  source_id: number;
  source_path: string;
  source_sha256: string;
  source_kind: InputKind;
  [column: string]: unknown;
}

export interface BudgetItemRow {
  declaration_id: number;
  name: string;
  amount: number;
}

export interface IndicatorRow {
  declaration_id: number;
  category: Indicator['category'];
  name: string;
  target: string;
  op: string | null;
  value: number | null;
  unit: string | null;
  subject: string | null;
}

export interface IssueRow {
  declaration_id: number;
  field: string | null;
  code: RecordIssue['code'];
  severity: RecordIssue['severity'];
  message: string;
  page: number | null;
}

const DECLARATION_SELECT = `
SELECT d.*, s.path AS source_path, s.sha256 AS source_sha256, s.kind AS source_kind
FROM declarations d JOIN sources s ON s.id = d.source_id`;

/** An indicator row as the SPEC indicator (targetParsed null when the target was not measurable). */
export function indicatorRowToIndicator(row: IndicatorRow): Indicator {
  return {
    category: row.category,
    name: row.name,
    target: row.target,
    targetParsed:
      row.op === null || row.value === null
        ? null
        : { op: row.op as NonNullable<Indicator['targetParsed']>['op'], value: row.value, unit: row.unit, subject: row.subject },
  };
}

/** One declaration's rows as the SPEC record, keys in SPEC order. */
export function rowsToRecord(
  row: DeclarationRow,
  items: readonly BudgetItemRow[],
  indicators: readonly IndicatorRow[],
  issues: readonly IssueRow[],
): DeclarationRecord {
  const scalar = (field: string): unknown => {
    const column = SCALAR_COLUMNS.find(([f]) => f === field)![1];
    return row[column] ?? null;
  };
  const out: Record<string, unknown> = {};
  // SPEC order: the scalars up to previousYearExecuted, budgetItems, three more scalars,
  // indicators, remarks, source, issues.
  for (const [field] of SCALAR_COLUMNS) {
    if (field === 'implementationPlan') out.budgetItems = items.map((b): BudgetItem => ({ name: b.name, amount: b.amount }));
    if (field === 'remarks') out.indicators = indicators.map(indicatorRowToIndicator);
    out[field] = scalar(field);
  }
  out.source = {
    path: row.source_path,
    sha256: row.source_sha256,
    kind: row.source_kind,
    formIndex: row.form_index,
    pages: JSON.parse(row.form_pages) as number[],
  };
  out.issues = issues.map((i): RecordIssue => ({ field: i.field, code: i.code, severity: i.severity, message: i.message }));
  return out as DeclarationRecord;
}

/** Groups rows by their declaration id, keeping their order. */
function groupByDeclaration<T extends { declaration_id: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    let list = out.get(row.declaration_id);
    if (!list) out.set(row.declaration_id, (list = []));
    list.push(row);
  }
  return out;
}

/** The records of the given declarations, in the order of `ids` (unknown ids are left out). */
export function loadRecords(db: Db, ids: readonly number[]): DeclarationRecord[] {
  if (ids.length === 0) return [];
  const json = JSON.stringify(ids);
  const inIds = 'IN (SELECT value FROM json_each(?))';
  const rows = db.prepare(`${DECLARATION_SELECT} WHERE d.id ${inIds}`).all(json) as DeclarationRow[];
  const items = groupByDeclaration(
    db.prepare(`SELECT declaration_id, name, amount FROM budget_items WHERE declaration_id ${inIds} ORDER BY declaration_id, position`).all(json) as BudgetItemRow[],
  );
  const indicators = groupByDeclaration(
    db
      .prepare(`SELECT declaration_id, category, name, target, op, value, unit, subject FROM indicators WHERE declaration_id ${inIds} ORDER BY declaration_id, position`)
      .all(json) as IndicatorRow[],
  );
  const issues = groupByDeclaration(
    db.prepare(`SELECT declaration_id, field, code, severity, message, page FROM issues WHERE declaration_id ${inIds} ORDER BY declaration_id, position`).all(json) as IssueRow[],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [rowsToRecord(row, items.get(id) ?? [], indicators.get(id) ?? [], issues.get(id) ?? [])] : [];
  });
}

/** One declaration's record, or null when there is no such id. */
export function loadRecord(db: Db, id: number): DeclarationRecord | null {
  return loadRecords(db, [id])[0] ?? null;
}

/** Ids of the current declarations in file order: by source path, then by place in the file. */
export function currentDeclarationIds(db: Db): number[] {
  return (
    db
      .prepare(`SELECT d.id FROM declarations d JOIN sources s ON s.id = d.source_id WHERE d.is_current = 1 ORDER BY s.path, s.id, d.form_index`)
      .pluck()
      .all() as number[]
  );
}

/** Ids of every declaration, all versions, in file order then version. */
export function allDeclarationIds(db: Db): number[] {
  return (
    db
      .prepare(`SELECT d.id FROM declarations d JOIN sources s ON s.id = d.source_id ORDER BY s.path, s.id, d.form_index, d.version`)
      .pluck()
      .all() as number[]
  );
}

/** A version of a declaration, as `show` lists them. */
export interface VersionSummary {
  id: number;
  version: number;
  current: boolean;
  sourcePath: string;
  sha256: string;
  formIndex: number;
  pipelineVersion: string;
  runId: number;
  createdAt: string;
}

/** Everything `show` prints about one declaration. */
export interface DeclarationDetail {
  id: number;
  version: number;
  current: boolean;
  confidence: number;
  pipelineVersion: string;
  createdAt: string;
  record: DeclarationRecord;
  /** Issues with the page they are about. */
  issues: (RecordIssue & { page: number | null })[];
  provenance: Record<string, FieldValue>;
  versions: VersionSummary[];
}

interface ProvenanceRow {
  field: string;
  /** null: the field's stored value (provenance-text.ts). */
  text: string | null;
  page: number;
  x0: number | null;
  y0: number | null;
  x1: number | null;
  y1: number | null;
  via: FieldValue['via'];
  confidence: number | null;
}

/** A provenance row as the document model's FieldValue. */
export function provenanceRowToFieldValue(row: ProvenanceRow & { text: string }): FieldValue {
  return {
    text: row.text,
    page: row.page,
    ...(row.x0 !== null && row.y0 !== null && row.x1 !== null && row.y1 !== null ? { bbox: { x0: row.x0, y0: row.y0, x1: row.x1, y1: row.y1 } } : {}),
    via: row.via,
    ...(row.confidence !== null ? { confidence: row.confidence } : {}),
  };
}

/** One declaration with its provenance and every version of its form, or null when there is no such id. */
export function loadDeclarationDetail(db: Db, id: number): DeclarationDetail | null {
  const row = db.prepare(`${DECLARATION_SELECT} WHERE d.id = ?`).get(id) as DeclarationRow | undefined;
  if (!row) return null;
  const record = loadRecord(db, id)!;
  const issues = (db.prepare(`SELECT field, code, severity, message, page FROM issues WHERE declaration_id = ? ORDER BY position`).all(id) as IssueRow[]).map(
    (i) => ({ field: i.field, code: i.code, severity: i.severity, message: i.message, page: i.page }),
  );
  const provenance: Record<string, FieldValue> = {};
  for (const p of db.prepare(`SELECT * FROM provenance WHERE declaration_id = ? ORDER BY position`).all(id) as ProvenanceRow[])
    provenance[p.field] = provenanceRowToFieldValue({ ...p, text: storedToProvenanceText(record, p.field, p.text) });
  const versions = (
    db
      .prepare(
        `SELECT d.id, d.version, d.is_current, s.path, s.sha256, d.form_index, d.pipeline_version, d.run_id, d.created_at
         FROM declarations d JOIN sources s ON s.id = d.source_id WHERE d.lineage_id = ? ORDER BY d.version`,
      )
      .all(row.lineage_id) as {
      id: number;
      version: number;
      is_current: number;
      path: string;
      sha256: string;
      form_index: number;
      pipeline_version: string;
      run_id: number;
      created_at: string;
    }[]
  ).map(
    (v): VersionSummary => ({
      id: v.id,
      version: v.version,
      current: v.is_current === 1,
      sourcePath: v.path,
      sha256: v.sha256,
      formIndex: v.form_index,
      pipelineVersion: v.pipeline_version,
      runId: v.run_id,
      createdAt: v.created_at,
    }),
  );
  return {
    id,
    version: row.version,
    current: row.is_current === 1,
    confidence: row.confidence,
    pipelineVersion: row.pipeline_version,
    createdAt: row.created_at,
    record,
    issues,
    provenance,
    versions,
  };
}

/** A stored source as re-extraction needs it: where its parts are and what their content was. */
export interface StoredSource {
  id: number;
  path: string;
  sha256: string;
  /** JSON array of the absolute paths of the file's parts. */
  parts: string;
}

/**
 * Which stored sources `reextract` reads again: those holding a current declaration that meets
 * every filter given (none given: all of them). Values are bound as parameters, never pasted.
 */
export interface SourceFilters {
  /** Declaration ids (any version of the form: its current version decides). */
  ids?: readonly number[];
  /** Part of the unit name. */
  unit?: string;
  year?: number;
  /** Part of the source's path as it was given on import. */
  source?: string;
  /** An issue code the current declaration carries. */
  code?: string;
  /**
   * SPEC's `--where SQL`: a condition over the columns of `current_declarations`. It runs as its
   * own reading statement whose only effect is to choose declaration ids; the sources are then
   * looked up by those ids, so the condition can neither write nor name a file to read.
   */
  where?: string;
}

/** The ids of the current declarations an SQL condition chooses; a bad condition is a UsageError. */
export function idsMatchingCondition(db: Db, where: string): number[] {
  const problem = (why: string) => new UsageError(`reextract: --where ${JSON.stringify(where)}: ${why}`);
  let stmt;
  try {
    // The line break ends a trailing `--` comment, so the closing parenthesis always counts.
    stmt = db.prepare(`SELECT id FROM current_declarations WHERE (${where}\n)`);
  } catch (err) {
    throw problem((err as Error).message);
  }
  if (!stmt.readonly || !stmt.reader) throw problem('only a condition that reads is allowed');
  let ids: unknown[];
  try {
    ids = stmt.pluck(true).all();
  } catch (err) {
    throw problem((err as Error).message);
  }
  if (!ids.every((id) => Number.isSafeInteger(id))) throw problem('it chose values that are not declaration ids');
  return ids as number[];
}

/** The stored sources holding a current declaration that meets the filters, by path. */
export function selectSources(db: Db, filters: SourceFilters = {}): StoredSource[] {
  const conditions: string[] = ['d.is_current = 1'];
  const params: unknown[] = [];
  if (filters.ids?.length) {
    conditions.push(`d.lineage_id IN (SELECT lineage_id FROM declarations WHERE id IN (SELECT value FROM json_each(?)))`);
    params.push(JSON.stringify(filters.ids));
  }
  if (filters.where !== undefined) conditions.push(`d.id IN (SELECT value FROM json_each(?))`), params.push(JSON.stringify(idsMatchingCondition(db, filters.where)));
  if (filters.unit !== undefined) conditions.push(`instr(d.unit_name, ?) > 0`), params.push(filters.unit);
  if (filters.year !== undefined) conditions.push(`d.year = ?`), params.push(filters.year);
  if (filters.source !== undefined) conditions.push(`instr(s2.path, ?) > 0`), params.push(filters.source);
  if (filters.code !== undefined) conditions.push(`EXISTS (SELECT 1 FROM issues i WHERE i.declaration_id = d.id AND i.code = ?)`), params.push(filters.code);
  return db
    .prepare(
      `SELECT s.id, s.path, s.sha256, s.parts FROM sources s
       WHERE s.id IN (SELECT d.source_id FROM declarations d JOIN sources s2 ON s2.id = d.source_id WHERE ${conditions.join(' AND ')})
       ORDER BY s.path, s.id`,
    )
    .all(...params) as StoredSource[];
}

/** The current declarations read from a source, by form index. */
export function currentFormsOfSource(db: Db, sourceId: number): { id: number; form_index: number }[] {
  return db.prepare(`SELECT id, form_index FROM declarations WHERE source_id = ? AND is_current = 1 ORDER BY form_index`).all(sourceId) as { id: number; form_index: number }[];
}
