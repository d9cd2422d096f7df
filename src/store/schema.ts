/**
 * The database schema, as an ordered list of migrations. `PRAGMA user_version` holds how many of
 * them a database has applied; a migration is never edited once released, only appended to.
 *
 * Shape: sources (one row per distinct file content) → extractions (which pipeline version read
 * which source, in which run) → declarations (one row per form per version, every SPEC scalar as a
 * typed column) → budget_items, indicators, issues, provenance. Versions of one form share a
 * lineage; exactly one declaration per lineage is current.
 */
import { FundUse, IndicatorCategory, InputKind, IssueCode, ProjectCategory, Severity, TargetOp } from '../model.js';

/** `'a', 'b', 'c'`: the values of an enum for a CHECK constraint. */
const sqlList = (values: readonly string[]): string => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');

/**
 * The SPEC record's scalar fields and their columns, in SPEC order. The one place that maps record
 * field names to column names (read.ts and write.ts both use it).
 */
export const SCALAR_COLUMNS = [
  ['formTitle', 'form_title'],
  ['year', 'year'],
  ['unitName', 'unit_name'],
  ['projectName', 'project_name'],
  ['projectCategory', 'project_category'],
  ['fundUse', 'fund_use'],
  ['startDate', 'start_date'],
  ['endDate', 'end_date'],
  ['overview', 'overview'],
  ['basis', 'basis'],
  ['necessity', 'necessity'],
  ['safeguards', 'safeguards'],
  ['totalBudget', 'total_budget'],
  ['currentYearBudget', 'current_year_budget'],
  ['previousYearBudget', 'previous_year_budget'],
  ['previousYearExecuted', 'previous_year_executed'],
  ['implementationPlan', 'implementation_plan'],
  ['overallGoal', 'overall_goal'],
  ['annualGoal', 'annual_goal'],
  ['remarks', 'remarks'],
] as const;
export type ScalarField = (typeof SCALAR_COLUMNS)[number][0];

/** The Chinese text columns the full-text index covers, besides indicators and budget item names. */
export const SEARCH_TEXT_COLUMNS = [
  'unit_name',
  'project_name',
  'overview',
  'basis',
  'necessity',
  'safeguards',
  'implementation_plan',
  'overall_goal',
  'annual_goal',
  'remarks',
] as const;

const isoDateCheck = (col: string): string => `CHECK (${col} IS NULL OR ${col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`;
const textCheck = (col: string): string => `CHECK (${col} IS NULL OR ${col} <> '')`;

/** Migration 1: the whole first schema. */
const V1 = `
CREATE TABLE sources (
  id         INTEGER PRIMARY KEY,
  sha256     TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  -- the path as it was given on the command line: records print it
  path       TEXT NOT NULL,
  -- absolute paths of the file's parts (one, or the page images of a scan), for reextract
  parts      TEXT NOT NULL CHECK (json_valid(parts)),
  kind       TEXT NOT NULL CHECK (kind IN (${sqlList(InputKind.options)})),
  bytes      INTEGER NOT NULL CHECK (bytes >= 0),
  pages      INTEGER NOT NULL CHECK (pages >= 0),
  first_seen TEXT NOT NULL
);

CREATE TABLE runs (
  id               INTEGER PRIMARY KEY,
  command          TEXT NOT NULL CHECK (command IN ('import', 'reextract')),
  pipeline_version TEXT NOT NULL,
  options          TEXT NOT NULL CHECK (json_valid(options)),
  started_at       TEXT NOT NULL,
  -- null while running, and forever for a run that was killed
  finished_at      TEXT,
  files            INTEGER NOT NULL DEFAULT 0,
  forms            INTEGER NOT NULL DEFAULT 0,
  skipped          INTEGER NOT NULL DEFAULT 0,
  failed           INTEGER NOT NULL DEFAULT 0,
  issues           INTEGER NOT NULL DEFAULT 0
);

-- Which pipeline version has read which source: the skip check of import.
CREATE TABLE extractions (
  source_id        INTEGER NOT NULL REFERENCES sources(id),
  pipeline_version TEXT NOT NULL,
  run_id           INTEGER NOT NULL REFERENCES runs(id),
  forms            INTEGER NOT NULL,
  extracted_at     TEXT NOT NULL,
  PRIMARY KEY (source_id, pipeline_version)
);

-- The versions of one form (same year, unit and project, or the same place in the same source).
CREATE TABLE lineages (
  id INTEGER PRIMARY KEY
);

CREATE TABLE declarations (
  id                     INTEGER PRIMARY KEY,
  lineage_id             INTEGER NOT NULL REFERENCES lineages(id),
  version                INTEGER NOT NULL CHECK (version >= 1),
  is_current             INTEGER NOT NULL CHECK (is_current IN (0, 1)),
  source_id              INTEGER NOT NULL REFERENCES sources(id),
  form_index             INTEGER NOT NULL CHECK (form_index >= 0),
  form_pages             TEXT NOT NULL CHECK (json_valid(form_pages)),
  run_id                 INTEGER NOT NULL REFERENCES runs(id),
  pipeline_version       TEXT NOT NULL,
  -- lowest OCR confidence over the form's values; 1 when every value came from a text layer
  confidence             REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  created_at             TEXT NOT NULL,
  form_title             TEXT NOT NULL,
  year                   INTEGER,
  unit_name              TEXT ${textCheck('unit_name')},
  project_name           TEXT ${textCheck('project_name')},
  project_category       TEXT CHECK (project_category IS NULL OR project_category IN (${sqlList(ProjectCategory.options)})),
  fund_use               TEXT CHECK (fund_use IS NULL OR fund_use IN (${sqlList(FundUse.options)})),
  start_date             TEXT ${isoDateCheck('start_date')},
  end_date               TEXT ${isoDateCheck('end_date')},
  overview               TEXT ${textCheck('overview')},
  basis                  TEXT ${textCheck('basis')},
  necessity              TEXT ${textCheck('necessity')},
  safeguards             TEXT ${textCheck('safeguards')},
  total_budget           REAL,
  current_year_budget    REAL,
  previous_year_budget   REAL,
  previous_year_executed REAL,
  implementation_plan    TEXT ${textCheck('implementation_plan')},
  overall_goal           TEXT ${textCheck('overall_goal')},
  annual_goal            TEXT ${textCheck('annual_goal')},
  remarks                TEXT ${textCheck('remarks')}
);
CREATE UNIQUE INDEX declarations_one_current ON declarations (lineage_id) WHERE is_current = 1;
CREATE UNIQUE INDEX declarations_version ON declarations (lineage_id, version);
CREATE INDEX declarations_source ON declarations (source_id, form_index);
CREATE INDEX declarations_key ON declarations (project_name, unit_name, year) WHERE is_current = 1;

CREATE TABLE budget_items (
  declaration_id INTEGER NOT NULL REFERENCES declarations(id),
  position       INTEGER NOT NULL,
  name           TEXT NOT NULL,
  amount         REAL NOT NULL,
  PRIMARY KEY (declaration_id, position)
) WITHOUT ROWID;

CREATE TABLE indicators (
  declaration_id INTEGER NOT NULL REFERENCES declarations(id),
  position       INTEGER NOT NULL,
  category       TEXT NOT NULL CHECK (category IN (${sqlList(IndicatorCategory.options)})),
  name           TEXT NOT NULL,
  target         TEXT NOT NULL,
  -- the parsed target; all four null when the target is words only
  op             TEXT CHECK (op IS NULL OR op IN (${sqlList(TargetOp.options)})),
  value          REAL,
  unit           TEXT,
  subject        TEXT,
  CHECK ((op IS NULL) = (value IS NULL)),
  PRIMARY KEY (declaration_id, position)
) WITHOUT ROWID;

CREATE TABLE issues (
  declaration_id INTEGER NOT NULL REFERENCES declarations(id),
  position       INTEGER NOT NULL,
  field          TEXT,
  code           TEXT NOT NULL CHECK (code IN (${sqlList(IssueCode.options)})),
  severity       TEXT NOT NULL CHECK (severity IN (${sqlList(Severity.options)})),
  message        TEXT NOT NULL,
  page           INTEGER,
  PRIMARY KEY (declaration_id, position)
) WITHOUT ROWID;
CREATE INDEX issues_code ON issues (code);

-- Where each value came from: SPEC field name → page, box, reader, confidence.
CREATE TABLE provenance (
  declaration_id INTEGER NOT NULL REFERENCES declarations(id),
  field          TEXT NOT NULL,
  position       INTEGER NOT NULL,
  text           TEXT NOT NULL,
  page           INTEGER NOT NULL,
  x0 REAL, y0 REAL, x1 REAL, y1 REAL,
  via            TEXT NOT NULL,
  confidence     REAL,
  PRIMARY KEY (declaration_id, field)
) WITHOUT ROWID;

-- Full-text index over the Chinese text of each declaration (rowid = declarations.id).
-- trigram finds any substring of three characters or more; shorter queries use LIKE.
CREATE VIRTUAL TABLE declarations_fts USING fts5 (
  ${SEARCH_TEXT_COLUMNS.join(', ')}, indicators, budget_items,
  tokenize = 'trigram'
);

-- Everyday views over the current version of each form.
CREATE VIEW current_declarations AS
SELECT d.id, d.year, d.unit_name, d.project_name, d.project_category, d.fund_use,
       d.start_date, d.end_date, d.total_budget, d.current_year_budget,
       d.previous_year_budget, d.previous_year_executed,
       (SELECT count(*) FROM budget_items b WHERE b.declaration_id = d.id) AS budget_item_count,
       (SELECT sum(b.amount) FROM budget_items b WHERE b.declaration_id = d.id) AS budget_item_sum,
       (SELECT count(*) FROM indicators i WHERE i.declaration_id = d.id) AS indicator_count,
       (SELECT count(*) FROM issues s WHERE s.declaration_id = d.id) AS issue_count,
       d.version, d.confidence, s.path AS source_path, d.form_index
FROM declarations d JOIN sources s ON s.id = d.source_id
WHERE d.is_current = 1;

CREATE VIEW current_budget_items AS
SELECT d.id AS declaration_id, d.year, d.unit_name, d.project_name, b.position, b.name, b.amount,
       d.current_year_budget
FROM budget_items b JOIN declarations d ON d.id = b.declaration_id
WHERE d.is_current = 1;

CREATE VIEW current_indicators AS
SELECT d.id AS declaration_id, d.unit_name, d.project_name, i.position, i.category, i.name,
       i.target, i.op, i.value, i.unit, i.subject
FROM indicators i JOIN declarations d ON d.id = i.declaration_id
WHERE d.is_current = 1;

CREATE VIEW current_issues AS
SELECT d.id AS declaration_id, d.unit_name, d.project_name, s.field, s.code, s.severity,
       s.message, s.page
FROM issues s JOIN declarations d ON d.id = s.declaration_id
WHERE d.is_current = 1;

CREATE VIEW declaration_versions AS
SELECT d.lineage_id, d.id, d.version, d.is_current, d.year, d.unit_name, d.project_name,
       s.path AS source_path, s.sha256, d.form_index, d.pipeline_version, d.run_id, d.created_at
FROM declarations d JOIN sources s ON s.id = d.source_id;
`;

/** Migration 2: an issue keeps the box it points at (page units), where the stage knew it. */
const V2 = `
ALTER TABLE issues ADD COLUMN x0 REAL;
ALTER TABLE issues ADD COLUMN y0 REAL;
ALTER TABLE issues ADD COLUMN x1 REAL;
ALTER TABLE issues ADD COLUMN y1 REAL;
`;

/**
 * Migration 3: form identity, free issue codes and kept changes.
 * - `form_key`: the folded year, unit and project (store/form-key.ts, through the SQL function
 *   `declx_form_key` the writing connection defines) that decides which stored form a new one is.
 * - issues.code is checked for its shape only: codes are checked against the closed list before
 *   they are written, and a list in the table would need this table rebuilt for each new code.
 * - `changes`: each new version's changed fields, kept with the run that stored it.
 */
const V3 = `
ALTER TABLE declarations ADD COLUMN form_key TEXT;
UPDATE declarations SET form_key = declx_form_key(year, unit_name, project_name);
CREATE INDEX declarations_form_key ON declarations (form_key) WHERE is_current = 1;

DROP VIEW current_issues;
CREATE TABLE issues_v3 (
  declaration_id INTEGER NOT NULL REFERENCES declarations(id),
  position       INTEGER NOT NULL,
  field          TEXT,
  code           TEXT NOT NULL CHECK (code GLOB '[a-z]*.[a-z]*'),
  severity       TEXT NOT NULL CHECK (severity IN (${sqlList(Severity.options)})),
  message        TEXT NOT NULL,
  page           INTEGER,
  x0 REAL, y0 REAL, x1 REAL, y1 REAL,
  PRIMARY KEY (declaration_id, position)
) WITHOUT ROWID;
INSERT INTO issues_v3 SELECT declaration_id, position, field, code, severity, message, page, x0, y0, x1, y1 FROM issues;
DROP TABLE issues;
-- The views that name issues are left as they are written (SQLite's procedure for a table rebuild).
PRAGMA legacy_alter_table = ON;
ALTER TABLE issues_v3 RENAME TO issues;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX issues_code ON issues (code);
CREATE VIEW current_issues AS
SELECT d.id AS declaration_id, d.unit_name, d.project_name, s.field, s.code, s.severity,
       s.message, s.page
FROM issues s JOIN declarations d ON d.id = s.declaration_id
WHERE d.is_current = 1;

-- What each new version changed against the one it replaced (old and new as JSON), by run.
CREATE TABLE changes (
  run_id         INTEGER NOT NULL REFERENCES runs(id),
  declaration_id INTEGER NOT NULL REFERENCES declarations(id),
  previous_id    INTEGER NOT NULL REFERENCES declarations(id),
  position       INTEGER NOT NULL,
  field          TEXT NOT NULL,
  old            TEXT NOT NULL CHECK (json_valid(old)),
  new            TEXT NOT NULL CHECK (json_valid(new)),
  PRIMARY KEY (declaration_id, position)
) WITHOUT ROWID;
CREATE INDEX changes_run ON changes (run_id);
`;

/** The SQL that finds the correction in force for a field path (an SQL expression) of declaration `d`. */
const activeCorrection = (fieldSql: string, extra = ''): string =>
  `FROM corrections c WHERE c.lineage_id = d.lineage_id AND c.status = 'active' AND c.field = ${fieldSql}${extra}`;

/** A column of `d` with the correction in force applied (current versions only), as `alias`. */
const reviewedColumn = (value: string, fieldSql: string, extract: string, alias: string, extra = ''): string =>
  `CASE WHEN d.is_current = 1 AND EXISTS (SELECT 1 ${activeCorrection(fieldSql, extra)}) ` +
  `THEN (SELECT ${extract} ${activeCorrection(fieldSql, extra)}) ELSE ${value} END AS ${alias}`;

/**
 * Migration 4: corrections by people, kept apart from machine output. Each row is one correction
 * (or confirmation: a person accepted the machine value) of one field of one form (its lineage),
 * in force while `status` is `active`; re-extraction closes it when the machine comes to agree.
 * The everyday views show the current records with the corrections applied.
 */
const V4 = `
CREATE TABLE corrections (
  id             INTEGER PRIMARY KEY,
  lineage_id     INTEGER NOT NULL REFERENCES lineages(id),
  -- the version the correction was made on, then the version it was last checked against
  declaration_id INTEGER NOT NULL REFERENCES declarations(id),
  -- SPEC field path: projectName, budgetItems[2].amount, indicators[5].target
  field          TEXT NOT NULL,
  -- for a table row: its machine name, to find the row again when rows shift
  row_name       TEXT,
  action         TEXT NOT NULL CHECK (action IN ('correct', 'confirm')),
  -- values as JSON: what the machine read when the correction was made, and what is in force
  machine_value  TEXT NOT NULL CHECK (json_valid(machine_value)),
  value          TEXT NOT NULL CHECK (json_valid(value)),
  -- an indicator target's parsed form (targetParsed) as JSON
  target_parsed  TEXT CHECK (target_parsed IS NULL OR json_valid(target_parsed)),
  reason         TEXT,
  reviewer       TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  -- active: in force; closed: a re-extraction read the corrected value; replaced: a later correction took over
  status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed', 'replaced')),
  closed_at      TEXT,
  -- a re-extraction read a third value (JSON), or lost the row: the review.conflict issue's wording
  conflict_value   TEXT CHECK (conflict_value IS NULL OR json_valid(conflict_value)),
  conflict_message TEXT
);
CREATE UNIQUE INDEX corrections_in_force ON corrections (lineage_id, field) WHERE status = 'active';

CREATE VIEW reviewed_declarations AS
SELECT d.id, d.lineage_id, d.version, d.is_current, d.source_id, d.form_index, d.form_pages, d.run_id,
       d.pipeline_version, d.confidence, d.created_at,
       ${SCALAR_COLUMNS.map(([f, c]) => reviewedColumn(`d.${c}`, `'${f}'`, "json_extract(c.value, '$')", c)).join(',\n       ')}
FROM declarations d;

DROP VIEW current_declarations;
CREATE VIEW current_declarations AS
SELECT d.id, d.year, d.unit_name, d.project_name, d.project_category, d.fund_use,
       d.start_date, d.end_date, d.total_budget, d.current_year_budget,
       d.previous_year_budget, d.previous_year_executed,
       (SELECT count(*) FROM current_budget_items b WHERE b.declaration_id = d.id) AS budget_item_count,
       (SELECT sum(b.amount) FROM current_budget_items b WHERE b.declaration_id = d.id) AS budget_item_sum,
       (SELECT count(*) FROM indicators i WHERE i.declaration_id = d.id) AS indicator_count,
       (SELECT count(*) FROM current_issues s WHERE s.declaration_id = d.id) AS issue_count,
       d.version, d.confidence, s.path AS source_path, d.form_index
FROM reviewed_declarations d JOIN sources s ON s.id = d.source_id
WHERE d.is_current = 1;

DROP VIEW current_budget_items;
CREATE VIEW current_budget_items AS
SELECT d.id AS declaration_id, d.year, d.unit_name, d.project_name, b.position,
       ${reviewedColumn('b.name', "'budgetItems[' || b.position || '].name'", "json_extract(c.value, '$')", 'name', ' AND c.row_name = b.name')},
       ${reviewedColumn('b.amount', "'budgetItems[' || b.position || '].amount'", "json_extract(c.value, '$')", 'amount', ' AND c.row_name = b.name')},
       d.current_year_budget
FROM budget_items b JOIN reviewed_declarations d ON d.id = b.declaration_id
WHERE d.is_current = 1;

DROP VIEW current_indicators;
CREATE VIEW current_indicators AS
SELECT d.id AS declaration_id, d.unit_name, d.project_name, i.position,
       ${reviewedColumn('i.category', "'indicators[' || i.position || '].category'", "json_extract(c.value, '$')", 'category', ' AND c.row_name = i.name')},
       ${reviewedColumn('i.name', "'indicators[' || i.position || '].name'", "json_extract(c.value, '$')", 'name', ' AND c.row_name = i.name')},
       ${['target', 'op', 'value', 'unit', 'subject']
         .map((col) =>
           reviewedColumn(
             `i.${col}`,
             "'indicators[' || i.position || '].target'",
             col === 'target' ? "json_extract(c.value, '$')" : `json_extract(c.target_parsed, '$.${col}')`,
             col,
             ' AND c.row_name = i.name',
           ),
         )
         .join(',\n       ')}
FROM indicators i JOIN reviewed_declarations d ON d.id = i.declaration_id
WHERE d.is_current = 1;

-- Issues on fields a person corrected or confirmed are settled; a conflict is a new issue.
DROP VIEW current_issues;
CREATE VIEW current_issues AS
SELECT d.id AS declaration_id, d.unit_name, d.project_name, s.field, s.code, s.severity,
       s.message, s.page
FROM issues s JOIN reviewed_declarations d ON d.id = s.declaration_id
WHERE d.is_current = 1
  AND NOT EXISTS (SELECT 1 FROM corrections c WHERE c.lineage_id = d.lineage_id AND c.status = 'active' AND c.field = s.field)
UNION ALL
SELECT d.id, d.unit_name, d.project_name, c.field, 'review.conflict', 'warning', c.conflict_message, NULL
FROM corrections c JOIN reviewed_declarations d ON d.lineage_id = c.lineage_id AND d.is_current = 1
WHERE c.status = 'active' AND c.conflict_message IS NOT NULL;
`;

/**
 * Migration 5: provenance points at the value instead of copying it. `text` is null where the
 * source text is exactly the value stored for the field (store/provenance-text.ts): prose and
 * names were stored twice, a third of the database. Rows stored before keep their text.
 */
const V5 = `
CREATE TABLE provenance_v5 (
  declaration_id INTEGER NOT NULL REFERENCES declarations(id),
  field          TEXT NOT NULL,
  position       INTEGER NOT NULL,
  -- the text the value was read from; null when it is the field's stored value itself
  text           TEXT,
  page           INTEGER NOT NULL,
  x0 REAL, y0 REAL, x1 REAL, y1 REAL,
  via            TEXT NOT NULL,
  confidence     REAL,
  PRIMARY KEY (declaration_id, field)
) WITHOUT ROWID;
INSERT INTO provenance_v5 SELECT declaration_id, field, position, text, page, x0, y0, x1, y1, via, confidence FROM provenance;
DROP TABLE provenance;
ALTER TABLE provenance_v5 RENAME TO provenance;
`;

/** Every migration in order; migration i brings a database from user_version i to i + 1. */
export const MIGRATIONS: readonly string[] = [V1, V2, V3, V4, V5];

/** The user_version a database has once every migration has run. */
export const SCHEMA_VERSION = MIGRATIONS.length;
