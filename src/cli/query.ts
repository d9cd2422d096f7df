/**
 * `declx query SQL`: read-only SQL over the database. The database is opened read-only and the
 * statement must be a read, so nothing can be written through this command.
 */
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { openStoreReadOnly, type Db } from '../store/open.js';
import { ROW_FORMATS, rowsToOutput, type RowFormat } from './format-rows.js';
import type { RegisterCommand } from './main.js';
import { dbOption } from './store-args.js';
import { widthOption } from './terminal.js';

export interface QueryOptions {
  db: string;
  format: RowFormat;
  width?: number;
  bom?: boolean;
}

/** The first word of a statement, upper-cased, to name it in a message. */
export function sqlToVerb(sql: string): string {
  const m = /^\s*(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*([A-Za-z]+)/.exec(sql);
  return m ? m[1]!.toUpperCase() : sql.trim().slice(0, 20);
}

/** Column names made unique (`id`, `id:2`) so that no value is lost when rows become objects. */
export function columnsToUnique(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return k === 1 ? n : `${n}:${k}`;
  });
}

/** Runs one reading statement; returns its column names and rows. Throws UsageError for anything else. */
export function runReadQuery(db: Db, sql: string): { columns: string[]; rows: Record<string, unknown>[] } {
  let stmt;
  try {
    stmt = db.prepare(sql);
  } catch (err) {
    throw new UsageError(`query: ${(err as Error).message}`);
  }
  if (!stmt.readonly) throw new UsageError(`query: only reading statements are allowed (${sqlToVerb(sql)} …)`);
  if (!stmt.reader) throw new UsageError(`query: the statement returns no rows (${sqlToVerb(sql)} …); use SELECT`);
  const columns = columnsToUnique(stmt.columns().map((c) => c.name));
  let raw: unknown[][];
  try {
    raw = stmt.raw(true).all() as unknown[][];
  } catch (err) {
    throw new UsageError(`query: ${(err as Error).message}`);
  }
  return { columns, rows: raw.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]]))) };
}

/** Runs `declx query`; resolves to the exit code. */
export async function runQuery(sql: string, options: QueryOptions, stdout: NodeJS.WritableStream = process.stdout): Promise<number> {
  const db = openStoreReadOnly(options.db);
  try {
    const { columns, rows } = runReadQuery(db, sql);
    stdout.write(rowsToOutput(rows, { ...options, columns }, stdout));
    return 0;
  } finally {
    db.close();
  }
}

export const registerQuery: RegisterCommand = (program: Command, done) => {
  program
    .command('query')
    .description('run one read-only SQL statement (tables and views: see the README), e.g. "SELECT * FROM current_declarations"')
    .argument('<sql>', 'one SELECT (or WITH … SELECT) statement')
    .addOption(dbOption())
    .addOption(new Option('--format <format>', 'output format').choices(ROW_FORMATS).default('table'))
    .addOption(widthOption())
    .option('--bom', 'start CSV with a UTF-8 byte order mark (for Excel)')
    .action(async (sql: string, opts: QueryOptions) => done(await runQuery(sql, opts)));
};
