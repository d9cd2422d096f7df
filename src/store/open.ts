/**
 * Opening the database: for writing (created and migrated if needed, WAL, foreign keys on) or
 * read-only (must exist and be up to date; nothing can be written through it).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_DB_PATH } from './default-path.js';
import { StoreError } from './errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';

export type Db = Database.Database;

// A leaf of its own, so that the command line can show it without loading the database driver.
export { DEFAULT_DB_PATH } from './default-path.js';

/** Applies the migrations a database has not seen yet, each in its own transaction. */
export function migrate(db: Db): void {
  const have = db.pragma('user_version', { simple: true }) as number;
  if (have > SCHEMA_VERSION)
    throw new StoreError(`${db.name}: the database was written by a newer declx (schema ${have}, this one knows ${SCHEMA_VERSION})`);
  for (let v = have; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

/** Opens (creating the folder and the file if needed) and migrates the database for writing. */
export function openStoreForWriting(path: string = DEFAULT_DB_PATH): Db {
  mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path);
  } catch (err) {
    throw new StoreError(`${path}: cannot open the database (${(err as Error).message})`);
  }
  try {
    db.pragma('journal_mode = WAL');
    // Each file is committed once, in one transaction; NORMAL is durable across process crashes in WAL mode.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (err) {
    db.close();
    if (err instanceof StoreError) throw err;
    throw new StoreError(`${path}: not a declx database (${(err as Error).message})`);
  }
  return db;
}

/** Opens an existing database read-only; a missing or outdated database is a usage error. */
export function openStoreReadOnly(path: string = DEFAULT_DB_PATH): Db {
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
    throw new StoreError(`${path}: not a declx database (${(err as Error).message})`);
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
