/**
 * A database that cannot be used as asked: missing, unreadable, written by a newer declx, or a
 * condition that is not valid SQL over it. The caller's doing, not an input's: the command line
 * prints it as one line and exits as for bad usage.
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';
}
