/**
 * Writing the full-text index. FTS5 turns its pending rows into a new index segment at every
 * savepoint and commit, so a row written inside each file's savepoint cost a segment per file.
 * Under a commit group the rows of the group's files wait here and are written together just
 * before the group commits: one segment per group, in the same transaction as the declarations,
 * so the index is right after a commit and after a crash alike. Without a group, rows are
 * written at once.
 */
import type { Db } from './open.js';
import { prepared } from './prepared.js';
import { SEARCH_TEXT_COLUMNS } from './schema.js';

/** One declaration's row of the index: its id and one text per index column. */
export interface SearchRow {
  id: number;
  text: (string | null)[];
}

const COLUMNS = [...SEARCH_TEXT_COLUMNS, 'indicators', 'budget_items'];
const INSERT = `INSERT INTO declarations_fts (rowid, ${COLUMNS.join(', ')}) VALUES (?, ${COLUMNS.map(() => '?').join(', ')})`;

/** Rows waiting for their group's commit, per connection that has a group open. */
const waiting = new WeakMap<Db, SearchRow[]>();

/** Writes rows into the index now (inside the caller's transaction). */
export function writeSearchRows(db: Db, rows: readonly SearchRow[]): void {
  const insert = prepared(db, INSERT);
  for (const row of rows) insert.run(row.id, ...row.text);
}

/** Whether a commit group holds index rows on `db` until its commit. */
export const searchRowsAreHeld = (db: Db): boolean => waiting.has(db);

/** Holds a stored file's rows for the group's commit (call once the file's writes succeeded). */
export function holdSearchRows(db: Db, rows: readonly SearchRow[]): void {
  waiting.get(db)!.push(...rows);
}

/** From now on rows are held for `writeHeldSearchRows` (a commit group opened its transaction). */
export function startHoldingSearchRows(db: Db): void {
  if (!waiting.has(db)) waiting.set(db, []);
}

/**
 * Writes the held rows, all or none (a savepoint), just before the group commits, and stops
 * holding. On failure the rows stay held, so that the group cannot commit without them.
 */
export function writeHeldSearchRows(db: Db): void {
  const held = waiting.get(db);
  if (held?.length) db.transaction(() => writeSearchRows(db, held))();
  waiting.delete(db);
}

/** Forgets the held rows (their group was rolled back) and stops holding. */
export function dropHeldSearchRows(db: Db): void {
  waiting.delete(db);
}
