/**
 * Writing extractions into the store. One file = one transaction: a crash leaves the file either
 * fully stored or not at all. Nothing is overwritten: a changed form becomes a new version of its
 * lineage and the earlier one stays queryable.
 */
import { makeIssue } from '../issues.js';
import type { DeclarationRecord, Doc, FieldValue, Form, Issue } from '../model.js';
import { reconcileCorrections, reviewedKeyToLineage } from './corrections.js';
import { recordsToChanges, type FieldChange } from './diff.js';
import { sqliteToStoreError } from './errors.js';
import { formToKey, nearestKey } from './form-key.js';
import { reviewedSearchText } from './reviewed.js';
import { holdSearchRows, searchRowsAreHeld, writeSearchRows, type SearchRow } from './search-index.js';
import type { Db } from './open.js';
import { prepared } from './prepared.js';
import { provenanceTextToStored } from './provenance-text.js';
import { loadRecord } from './read.js';
import { formsToRepeatPlan } from './repeats.js';
import { SCALAR_COLUMNS, SEARCH_TEXT_COLUMNS } from './schema.js';

/** What happened to one form of a stored file. */
export interface FormOutcome {
  formIndex: number;
  /**
   * `new`: a form not seen before; `version`: a new version of a stored form (now current);
   * `unchanged`: the same source gave the same record again, nothing stored; `superseded`: a later
   * scan of this form is current, so this re-extraction was not stored; `repeated`: an identical
   * copy of an earlier form of the same file, stored once (`id` is that form's declaration).
   */
  status: 'new' | 'version' | 'unchanged' | 'superseded' | 'repeated';
  /** The declaration written (new, version) or found (unchanged, superseded, repeated). */
  id: number;
  /** The version this one replaced as current (for `version`), with what changed. */
  previous?: { id: number; version: number; changes: FieldChange[] };
}

/** What storing one file did. */
export interface StoreOutcome {
  sourceId: number;
  /** True when this sha256 had already been read by this pipeline version: nothing was written. */
  alreadyStored: boolean;
  forms: FormOutcome[];
}

export interface StoreFileOptions {
  runId: number;
  pipelineVersion: string;
  /** Absolute paths of the file's parts, for reextract to read them again. */
  parts: readonly string[];
  /** Read the file again even if this pipeline version has stored it (reextract); unchanged forms still store nothing. */
  reread?: boolean;
  /** ISO timestamp written on new rows. */
  now?: string;
}

/** Counts a run reports when it finishes. */
export interface RunCounts {
  files: number;
  forms: number;
  skipped: number;
  failed: number;
  issues: number;
}

/** Records the start of an import or reextract; returns the run id. */
export function beginRun(db: Db, command: 'import' | 'reextract', pipelineVersion: string, options: Record<string, unknown>): number {
  return Number(
    prepared(db, `INSERT INTO runs (command, pipeline_version, options, started_at) VALUES (?, ?, ?, ?)`)
      .run(command, pipelineVersion, JSON.stringify(options), new Date().toISOString()).lastInsertRowid,
  );
}

/** Records the end of a run with its counts. */
export function finishRun(db: Db, runId: number, counts: RunCounts): void {
  prepared(db, 
    `UPDATE runs SET finished_at = ?, files = ?, forms = ?, skipped = ?, failed = ?, issues = ? WHERE id = ?`,
  ).run(new Date().toISOString(), counts.files, counts.forms, counts.skipped, counts.failed, counts.issues, runId);
}

/** True when a file with this content has already been read by this pipeline version. */
export function isAlreadyStored(db: Db, sha256: string, pipelineVersion: string): boolean {
  return (
    prepared(db, `SELECT 1 FROM extractions e JOIN sources s ON s.id = e.source_id WHERE s.sha256 = ? AND e.pipeline_version = ?`)
      .get(sha256, pipelineVersion) !== undefined
  );
}

/** The lowest OCR confidence over a form's values; 1 when every value came from a text layer. */
export function provenanceToConfidence(provenance: Record<string, FieldValue> | undefined): number {
  let min = 1;
  for (const value of Object.values(provenance ?? {})) if (value.confidence !== undefined) min = Math.min(min, value.confidence);
  return min;
}

/** The text the full-text index holds for a record, one value per FTS column. */
export function recordToSearchText(record: DeclarationRecord): (string | null)[] {
  const byColumn = new Map(SCALAR_COLUMNS.map(([f, c]) => [c as string, f]));
  return [
    ...SEARCH_TEXT_COLUMNS.map((c) => (record[byColumn.get(c)! as keyof DeclarationRecord] as string | null) ?? null),
    record.indicators.map((i) => `${i.name}\n${i.target}`).join('\n') || null,
    record.budgetItems.map((b) => b.name).join('\n') || null,
  ];
}

interface PriorRow {
  id: number;
  lineage_id: number;
  version: number;
  is_current: number;
  source_id: number;
  form_key: string | null;
}

const PRIOR_COLUMNS = 'id, lineage_id, version, is_current, source_id, form_key';

/**
 * Stores one extracted file in one transaction: its source, its extraction, and each form as a
 * new declaration or a new version of one already stored. Returns what happened to each form.
 */
export function storeDoc(db: Db, doc: Doc, options: StoreFileOptions): StoreOutcome {
  try {
    return storeDocInTransaction(db, doc, options);
  } catch (err) {
    // Busy, full or read-only concern the database, not this file: the caller stops the batch.
    throw sqliteToStoreError(err, db.name) ?? err;
  }
}

function storeDocInTransaction(db: Db, doc: Doc, options: StoreFileOptions): StoreOutcome {
  const now = options.now ?? new Date().toISOString();
  const forms = doc.forms.filter((f): f is Form & { record: DeclarationRecord } => f.record !== undefined);
  const plan = formsToRepeatPlan(forms);
  const held = searchRowsAreHeld(db);
  const searchRows: SearchRow[] = [];
  const run = db.transaction((): StoreOutcome => {
    const src = doc.source;
    const existing = prepared(db, `SELECT id FROM sources WHERE sha256 = ?`).pluck().get(src.sha256) as number | undefined;
    let sourceId: number;
    // A source stored just now has no declarations yet: its forms need no look-up of an earlier reading.
    const isNewSource = existing === undefined;
    if (existing !== undefined) {
      // Checked again inside the transaction: two copies of one file may race in one batch.
      if (!options.reread && prepared(db, `SELECT 1 FROM extractions WHERE source_id = ? AND pipeline_version = ?`).get(existing, options.pipelineVersion))
        return { sourceId: existing, alreadyStored: true, forms: [] };
      sourceId = existing;
      // The same content seen at a new place: records name where it was last read from.
      prepared(db, `UPDATE sources SET path = ?, parts = ?, pages = ? WHERE id = ?`).run(src.path, JSON.stringify(options.parts), src.pages, sourceId);
    } else {
      sourceId = Number(
        prepared(db, `INSERT INTO sources (sha256, path, parts, kind, bytes, pages, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?)`)
          .run(src.sha256, src.path, JSON.stringify(options.parts), src.kind, src.bytes, src.pages, now).lastInsertRowid,
      );
    }
    const outcomes: FormOutcome[] = [];
    for (const form of forms) {
      const first = plan.repeats.get(form.formIndex);
      if (first !== undefined) {
        outcomes.push({ formIndex: form.formIndex, status: 'repeated', id: outcomes.find((o) => o.formIndex === first)!.id });
        continue;
      }
      outcomes.push(storeForm(db, sourceId, isNewSource, withStoreIssues(form, plan.issues.get(form.formIndex) ?? []), options, now, searchRows));
    }
    prepared(db, `INSERT OR REPLACE INTO extractions (source_id, pipeline_version, run_id, forms, extracted_at) VALUES (?, ?, ?, ?, ?)`).run(
      sourceId,
      options.pipelineVersion,
      options.runId,
      forms.length,
      now,
    );
    if (!held) writeSearchRows(db, searchRows);
    return { sourceId, alreadyStored: false, forms: outcomes };
  });
  const outcome = run.immediate();
  // Under a commit group the file's search rows wait for the group's commit (search-index.ts).
  if (held) holdSearchRows(db, searchRows);
  return outcome;
}

/** The form with issues the store adds to it (on the record too, so that a later diff sees them). */
function withStoreIssues<F extends Form & { record: DeclarationRecord }>(form: F, issues: readonly Issue[]): F {
  if (issues.length === 0) return form;
  return {
    ...form,
    issues: [...form.issues, ...issues],
    record: { ...form.record, issues: [...form.record.issues, ...issues.map(({ field, code, severity, message }) => ({ field, code, severity, message }))] },
  };
}

/** True when any value of the form was read by OCR: only such a form may be matched by similarity. */
function isOcrRead(form: Form): boolean {
  return Object.values(form.provenance ?? {}).some((v) => v.via === 'ocr');
}

/**
 * The lineage a form joins when it is not a re-extraction of a stored place: the current form with
 * the same identity key in another file (the nearest in content if several), or, for a form read
 * by OCR, the one stored key within a slip's distance, with an issue saying so.
 */
function findLineage(db: Db, sourceId: number, form: Form & { record: DeclarationRecord }, key: string): { row: PriorRow; issue?: Issue } | null {
  const same = prepared(db, `SELECT ${PRIOR_COLUMNS} FROM declarations WHERE is_current = 1 AND form_key = ? AND source_id <> ? ORDER BY id`).all(key, sourceId) as PriorRow[];
  if (same.length === 1) return { row: same[0]! };
  if (same.length > 1) {
    const nearness = (row: PriorRow): number => recordsToChanges(loadRecord(db, row.id)!, form.record).length;
    return { row: same.reduce((best, row) => (nearness(row) < nearness(best) ? row : best)) };
  }
  if (!isOcrRead(form)) return null;
  const year = key.slice(0, key.indexOf('|') + 1);
  const stored = prepared(db, `SELECT ${PRIOR_COLUMNS} FROM declarations WHERE is_current = 1 AND source_id <> ? AND substr(form_key, 1, ?) = ?`).all(sourceId, year.length, year) as PriorRow[];
  const near = nearestKey(key, stored.map((r) => r.form_key!));
  if (!near) return null;
  const rows = stored.filter((r) => r.form_key === near.key);
  // Several current forms under that one key (repeats within a file): no guess between them.
  if (rows.length !== 1) return null;
  const [, unit, project] = near.key.split('|');
  const field = key.split('|')[1] === unit ? 'projectName' : 'unitName';
  return { row: rows[0]!, issue: makeIssue('store.similar-key', field, { id: rows[0]!.id, key: `${unit} / ${project}`, distance: near.distance }) };
}

/** Decides the lineage of one form and writes it as a new declaration or version (inside storeDoc's transaction). */
function storeForm(
  db: Db,
  sourceId: number,
  isNewSource: boolean,
  form: Form & { record: DeclarationRecord },
  options: StoreFileOptions,
  now: string,
  searchRows: SearchRow[],
): FormOutcome {
  const formIndex = form.formIndex;
  const key = formToKey(form.record.year, form.record.unitName, form.record.projectName);
  // The same place in the same file: a re-extraction of this form.
  const prior = isNewSource
    ? undefined
    : (prepared(db, `SELECT ${PRIOR_COLUMNS} FROM declarations WHERE source_id = ? AND form_index = ? ORDER BY id DESC LIMIT 1`).get(sourceId, formIndex) as
        | PriorRow
        | undefined);
  let lineageId: number;
  // A lineage made for this form has no versions yet.
  let isNewLineage = false;
  if (prior) {
    lineageId = prior.lineage_id;
    // A match by similarity made on import holds for a re-extraction that reads the same key.
    if (prior.form_key === key) {
      const kept = prepared(db, `SELECT field, code, severity, message, page FROM issues WHERE declaration_id = ? AND code = 'store.similar-key' ORDER BY position`).all(prior.id) as Issue[];
      form = withStoreIssues(form, kept);
    }
  } else {
    const found = key === null ? null : findLineage(db, sourceId, form, key);
    if (found?.issue) form = withStoreIssues(form, [found.issue]);
    // A form that reads what a person corrected a stored form's unit, project or year to joins that form.
    const reviewed =
      found || form.record.unitName === null || form.record.projectName === null
        ? undefined
        : reviewedKeyToLineage(db, form.record.unitName, form.record.projectName, form.record.year);
    const joined = found?.row.lineage_id ?? reviewed;
    isNewLineage = joined === undefined;
    lineageId = joined ?? Number(prepared(db, `INSERT INTO lineages DEFAULT VALUES`).run().lastInsertRowid);
  }
  const record = form.record;
  const current = isNewLineage
    ? undefined
    : (prepared(db, `SELECT ${PRIOR_COLUMNS} FROM declarations WHERE lineage_id = ? AND is_current = 1`).get(lineageId) as PriorRow | undefined);

  let previous: FormOutcome['previous'];
  if (current) {
    if (prior && current.source_id !== sourceId) return { formIndex, status: 'superseded', id: current.id };
    const before = loadRecord(db, current.id)!;
    const changes = recordsToChanges(before, record);
    const samePlace = current.source_id === sourceId && before.source.formIndex === formIndex && JSON.stringify(before.source.pages) === JSON.stringify(record.source.pages);
    if (samePlace && changes.length === 0) return { formIndex, status: 'unchanged', id: current.id };
    previous = { id: current.id, version: current.version, changes };
    prepared(db, `UPDATE declarations SET is_current = 0 WHERE id = ?`).run(current.id);
  }
  const version = isNewLineage ? 1 : ((prepared(db, `SELECT max(version) FROM declarations WHERE lineage_id = ?`).pluck().get(lineageId) as number | null) ?? 0) + 1;

  const scalarColumns = SCALAR_COLUMNS.map(([, c]) => c);
  const columns = ['lineage_id', 'version', 'is_current', 'source_id', 'form_index', 'form_pages', 'run_id', 'pipeline_version', 'confidence', 'created_at', 'form_key', ...scalarColumns];
  const values = [
    lineageId,
    version,
    1,
    sourceId,
    formIndex,
    JSON.stringify(record.source.pages),
    options.runId,
    options.pipelineVersion,
    provenanceToConfidence(form.provenance),
    now,
    key,
    ...SCALAR_COLUMNS.map(([f]) => record[f] ?? null),
  ];
  const id = Number(
    prepared(db, `INSERT INTO declarations (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...values).lastInsertRowid,
  );

  const item = prepared(db, `INSERT INTO budget_items (declaration_id, position, name, amount) VALUES (?, ?, ?, ?)`);
  record.budgetItems.forEach((b, i) => item.run(id, i, b.name, b.amount));
  const indicator = prepared(db, 
    `INSERT INTO indicators (declaration_id, position, category, name, target, op, value, unit, subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  record.indicators.forEach((ind, i) => {
    const t = ind.targetParsed;
    indicator.run(id, i, ind.category, ind.name, ind.target, t?.op ?? null, t?.value ?? null, t?.unit ?? null, t?.subject ?? null);
  });
  // The form's issues are the record's, in the same order, with the page and box they point at.
  const issue = prepared(db, `INSERT INTO issues (declaration_id, position, field, code, severity, message, page, x0, y0, x1, y1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  form.issues.forEach((is, i) =>
    issue.run(id, i, is.field, is.code, is.severity, is.message, is.page, is.bbox?.x0 ?? null, is.bbox?.y0 ?? null, is.bbox?.x1 ?? null, is.bbox?.y1 ?? null),
  );
  const prov = prepared(db, 
    `INSERT INTO provenance (declaration_id, field, position, text, page, x0, y0, x1, y1, via, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  Object.entries(form.provenance ?? {}).forEach(([field, v], i) =>
    prov.run(id, field, i, provenanceTextToStored(record, field, v.text), v.page, v.bbox?.x0 ?? null, v.bbox?.y0 ?? null, v.bbox?.x1 ?? null, v.bbox?.y1 ?? null, v.via, v.confidence ?? null),
  );
  // What this version changed, kept with its run: a killed run's changes can still be listed.
  const change = prepared(db, `INSERT INTO changes (run_id, declaration_id, previous_id, position, field, old, new) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  previous?.changes.forEach((c, i) => change.run(options.runId, id, previous.id, i, c.field, JSON.stringify(c.old ?? null), JSON.stringify(c.new ?? null)));
  // Corrections made on earlier versions carry over; the search index then holds the corrected text.
  const corrected = current !== undefined && reconcileCorrections(db, lineageId, id, record, now).length > 0;
  searchRows.push({ id, text: corrected ? reviewedSearchText(db, id) : recordToSearchText(record) });
  return { formIndex, status: previous ? 'version' : 'new', id, ...(previous ? { previous } : {}) };
}
