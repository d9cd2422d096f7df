/**
 * Statements prepared once per connection: storing a form runs the same dozen statements, and
 * preparing them anew each time cost more than running them (a query over the reviewed view
 * costs milliseconds to prepare). Each SQL text has one call site, so a statement's mode
 * (`pluck`) is the same wherever it is reused.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './open.js';

const statements = new WeakMap<Db, Map<string, Statement>>();

/** The statement for `sql` on this connection, prepared on first use. */
export function prepared(db: Db, sql: string): Statement {
  let byText = statements.get(db);
  if (!byText) statements.set(db, (byText = new Map()));
  let stmt = byText.get(sql);
  if (!stmt) byText.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}
