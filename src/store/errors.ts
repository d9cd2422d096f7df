/**
 * A database that cannot be used as asked: missing, unreadable, read-only, busy, full, written by
 * a newer declx, or a filter that does not fit it. Not an input's fault: the command line prints
 * it as one line, and a batch stops at it instead of blaming every file that follows.
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';
}

/**
 * The StoreError for an SQLite failure that concerns the whole database rather than one file
 * (busy, full, read-only, damaged, an I/O error), or null for any other error.
 */
export function sqliteToStoreError(err: unknown, path: string): StoreError | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new StoreError(`${path}: the database is busy (another declx is writing to it); try again when it has finished`);
  if (code === 'SQLITE_FULL') return new StoreError(`${path}: disk full; stopped here, the files stored before this one are kept`);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return new StoreError(`${path}: the database file is damaged (${code}); stopped here`);
  if (code.startsWith('SQLITE_IOERR')) return new StoreError(`${path}: the database cannot be written (${code}); stopped here`);
  if (code.startsWith('SQLITE_READONLY')) return new StoreError(`${path}: the database is read-only; search, show, query and export work, import and reextract do not`);
  return null;
}
