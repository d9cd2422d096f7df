/**
 * Opening the database: for writing (created and migrated if needed, WAL, foreign keys on) or
 * read-only (must exist and be up to date; nothing can be written through it).
 */
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { sqliteToStoreError, StoreError } from './errors.js';
import { formToKey } from './form-key.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';

export type Db = Database.Database;

/** Where the database lives unless `--db` says otherwise (relative to the current folder). */
export const DEFAULT_DB_PATH = 'output/declarations.sqlite';

/** How long a writer waits for another one to finish its commit before saying the database is busy. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Refuses a `--db` that names no file: an empty name or `:memory:` gives SQLite a temporary
 * database that vanishes with the process, so an import would report forms stored and keep none.
 */
export function checkDbPath(path: string): string {
  if (path.trim() === '' || path === ':memory:' || /^file:/i.test(path))
    throw new StoreError(`--db needs the path of a database file (got ${JSON.stringify(path)}: nothing would be kept)`);
  return path;
}

/**
 * Applies the migrations a database has not seen yet, in one exclusive transaction that reads the
 * version again inside: two first imports at once then migrate one after the other.
 */
export function migrate(db: Db): void {
  if ((db.pragma('user_version', { simple: true }) as number) === SCHEMA_VERSION) return;
  db.transaction(() => {
    const have = db.pragma('user_version', { simple: true }) as number;
    if (have > SCHEMA_VERSION)
      throw new StoreError(`${db.name}: the database was written by a newer declx (schema ${have}, this one knows ${SCHEMA_VERSION})`);
    for (let v = have; v < SCHEMA_VERSION; v++) {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }
  }).exclusive();
}

/** Throws when the database file, or the folder it would be made in, cannot be written. */
function checkWritable(path: string): void {
  try {
    accessSync(existsSync(path) ? path : dirname(path), constants.W_OK);
  } catch {
    throw new StoreError(`${path}: the database is read-only; search, show, query and export work, import and reextract do not`);
  }
}

/** Opens (creating the folder and the file if needed) and migrates the database for writing. */
export function openStoreForWriting(path: string = DEFAULT_DB_PATH): Db {
  checkDbPath(path);
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (err) {
    throw new StoreError(`${path}: cannot make the database's folder (${(err as Error).message})`);
  }
  checkWritable(path);
  let db: Db;
  try {
    db = new Database(path);
  } catch (err) {
    throw new StoreError(`${path}: cannot open the database (${(err as Error).message})`);
  }
  try {
    // First, so that a second process opening a new database waits for the first one's setup.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    // Each file is committed once, in one transaction; NORMAL is durable across process crashes in WAL mode.
    db.pragma('synchronous = NORMAL');
    // Each file of a commit group is a savepoint, whose journal of the pages it changed is kept in
    // memory rather than written to a temporary file page by page (most of an import's writes).
    db.pragma('temp_store = MEMORY');
    db.pragma('foreign_keys = ON');
    // Identity keys are computed in TypeScript, also by the migration that adds them to old rows.
    db.function('declx_form_key', { deterministic: true }, (year, unit, project) =>
      formToKey(year as number | null, unit as string | null, project as string | null),
    );
    migrate(db);
  } catch (err) {
    db.close();
    if (err instanceof StoreError) throw err;
    const code = (err as { code?: string }).code;
    const notOurs = code === 'SQLITE_NOTADB' || code?.startsWith('SQLITE_CORRUPT');
    throw (notOurs ? null : sqliteToStoreError(err, path)) ?? new StoreError(`${path}: not a declx database (${(err as Error).message})`);
  }
  return db;
}

/**
 * A database on a read-only file or folder, read from a copy in memory: SQLite cannot read a WAL
 * database in place without making its shared-memory file beside it. Refused when a write-ahead
 * log with content lies beside it (its last commits would be missing from the copy).
 */
function openReadOnlyCopy(path: string): Db {
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0)
    throw new StoreError(`${path}: the database is read-only and its last commits are still in ${wal}; open it once where it can be written`);
  const bytes = readFileSync(path);
  // Bytes 18 and 19 say WAL (2); an in-memory copy has no log, so it is marked as a rollback-journal file (1).
  if (bytes.length >= 20) bytes[18] = bytes[19] = 1;
  try {
    return new Database(bytes, { readonly: true });
  } catch (err) {
    throw new StoreError(`${path}: not a declx database (${(err as Error).message})`);
  }
}

/** Opens an existing database read-only (also on a read-only file or folder); a missing or outdated database is a usage error. */
export function openStoreReadOnly(path: string = DEFAULT_DB_PATH): Db {
  checkDbPath(path);
  if (!existsSync(path)) throw new StoreError(`${path}: no database here; run \`declx import PATH...\` first (or name one with --db)`);
  let db: Db;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new StoreError(`${path}: cannot open the database (${(err as Error).message})`);
  }
  let version: number;
  try {
    version = db.pragma('user_version', { simple: true }) as number;
  } catch (err) {
    db.close();
    const code = (err as { code?: string }).code ?? '';
    if (!code.startsWith('SQLITE_READONLY') && !code.startsWith('SQLITE_CANTOPEN')) throw new StoreError(`${path}: not a declx database (${(err as Error).message})`);
    db = openReadOnlyCopy(path);
    version = db.pragma('user_version', { simple: true }) as number;
  }
  if (version !== SCHEMA_VERSION) {
    db.close();
    throw new StoreError(
      version < SCHEMA_VERSION
        ? `${path}: ${version === 0 ? 'not a declx database' : 'the database needs upgrading; run `declx import` on it once'}`
        : `${path}: the database was written by a newer declx (schema ${version}, this one knows ${SCHEMA_VERSION})`,
    );
  }
  return db;
}
