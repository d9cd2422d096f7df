/** The field changes each run stored (new versions against the ones they replaced), read back. */
import type { FieldChange } from './diff.js';
import type { Db } from './open.js';

/** One new version with its changed fields. */
export interface StoredVersionChange {
  id: number;
  previousId: number;
  version: number;
  sourcePath: string;
  formIndex: number;
  changes: FieldChange[];
}

/** A run and what it changed. */
export interface RunChanges {
  runId: number;
  command: string;
  startedAt: string;
  /** Null for a run that did not finish (killed): what it stored is listed all the same. */
  finishedAt: string | null;
  versions: StoredVersionChange[];
}

/** The latest run that stored a new version of a form, or null when none has. */
export function latestRunWithChanges(db: Db): number | null {
  return (db.prepare(`SELECT max(run_id) FROM changes`).pluck().get() as number | null) ?? null;
}

/** What run `runId` changed, or null when there is no such run. */
export function loadRunChanges(db: Db, runId: number): RunChanges | null {
  const run = db.prepare(`SELECT id, command, started_at, finished_at FROM runs WHERE id = ?`).get(runId) as
    | { id: number; command: string; started_at: string; finished_at: string | null }
    | undefined;
  if (!run) return null;
  const rows = db
    .prepare(
      `SELECT c.declaration_id, c.previous_id, d.version, s.path, d.form_index, c.field, c.old, c.new
       FROM changes c JOIN declarations d ON d.id = c.declaration_id JOIN sources s ON s.id = d.source_id
       WHERE c.run_id = ? ORDER BY s.path, d.form_index, c.declaration_id, c.position`,
    )
    .all(runId) as { declaration_id: number; previous_id: number; version: number; path: string; form_index: number; field: string; old: string; new: string }[];
  const versions: StoredVersionChange[] = [];
  for (const r of rows) {
    let v = versions.at(-1);
    if (v?.id !== r.declaration_id) {
      v = { id: r.declaration_id, previousId: r.previous_id, version: r.version, sourcePath: r.path, formIndex: r.form_index, changes: [] };
      versions.push(v);
    }
    v.changes.push({ field: r.field, old: JSON.parse(r.old) as unknown, new: JSON.parse(r.new) as unknown });
  }
  return { runId: run.id, command: run.command, startedAt: run.started_at, finishedAt: run.finished_at, versions };
}
