/**
 * Commits grouped across files: one transaction holds the files stored until ~100 forms are in,
 * or no file came for ~50 ms, or the group has been open a second, while each file stays
 * all-or-nothing inside it (storeDoc
 * runs as a savepoint when a transaction is open, and a failing file rolls back alone). A crash
 * loses at most the open group, which the next import stores again. What the caller reports of a
 * file (stored, counted) waits until its group is committed, so nothing is said to be stored that
 * is not. The full-text rows of the group's files are written together just before it commits
 * (search-index.ts).
 */
import type { Db } from './open.js';
import { dropHeldSearchRows, startHoldingSearchRows, writeHeldSearchRows } from './search-index.js';

export interface CommitGroupLimits {
  /** Forms after which the group is committed. */
  maxForms: number;
  /**
   * Milliseconds without a new file after which the group is committed: a slow input (a scan)
   * does not keep the earlier files uncommitted, nor the write lock held, while it is read.
   */
  idleMs: number;
  /** Milliseconds a group stays open at most, however fast files come (the write lock is held meanwhile). */
  maxOpenMs: number;
}

// Idle time rather than a fixed 50 ms since the group opened: on a busy machine files come
// tens of milliseconds apart, and a fixed time made a group of every file.
export const DEFAULT_COMMIT_GROUP: CommitGroupLimits = { maxForms: 100, idleMs: 50, maxOpenMs: 1000 };

/** One file's part in a group: its write (all or nothing; throws only for a failure of the database) and its report. */
export interface GroupedWrite<R> {
  write(): R;
  /** Forms the write stored (what fills a group). */
  forms(result: R): number;
  /** What is said of the file once it is committed. */
  report(result: R): void;
}

export interface CommitGroup {
  /** Opens the group's transaction if none is open; call before a file that writes. */
  open(): void;
  /**
   * Writes one file: inside the open group (its report waits for the group's commit, which
   * comes when the group is full), or, with no group open, on its own and reported at once.
   */
  add<R>(file: GroupedWrite<R>): void;
  /**
   * Commits the open group, if any, and reports its files. When the database refuses the commit
   * (a full disk: the group's pages are written then), the group is rolled back and its files
   * are written again one at a time, each reported once committed, up to the first that fails,
   * whose error is thrown.
   */
  commit(): void;
  /**
   * Ends after a failure of the database: commits what the group holds if the database still
   * takes it (as `commit` does), else rolls it back and drops its reports. Never throws.
   */
  abandon(): void;
  /**
   * Ends a run: commits the open group when `failure` is null; after a failure (the one given,
   * or the commit's own) abandons the group. Returns the failure, or null.
   */
  finish(failure: unknown): unknown;
}

interface Pending {
  redo(): void;
  report(): void;
}

/**
 * A commit group on `db`. `onTimerError` hears a commit by the timer that failed (the database
 * full, say): the caller must stop writing.
 */
export function createCommitGroup(db: Db, limits: CommitGroupLimits, onTimerError: (err: unknown) => void): CommitGroup {
  let isOpen = false;
  let forms = 0;
  let pending: Pending[] = [];
  let timer: NodeJS.Timeout | null = null;
  let openedAt = 0;

  const stopTimer = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  /** Commits when the idle time or the open time runs out, whichever is first. */
  const startTimer = (): void => {
    stopTimer();
    const left = Math.min(limits.idleMs, limits.maxOpenMs - (performance.now() - openedAt));
    timer = setTimeout(() => {
      try {
        commit();
      } catch (err) {
        onTimerError(err);
      }
    }, Math.max(0, left));
  };
  const rollback = (): void => {
    stopTimer();
    isOpen = false;
    forms = 0;
    pending = [];
    dropHeldSearchRows(db);
    try {
      if (db.inTransaction) db.exec('ROLLBACK');
    } catch {
      // SQLite may have rolled the transaction back itself (a full disk): nothing is left open.
    }
  };
  const commit = (): void => {
    stopTimer();
    if (!isOpen) return;
    const files = pending;
    try {
      // The group's search rows go in last, in one piece (search-index.ts).
      writeHeldSearchRows(db);
      db.exec('COMMIT');
    } catch (err) {
      rollback();
      // One at a time, each its own transaction: what fits is kept.
      for (const file of files) {
        try {
          file.redo();
        } catch {
          throw err;
        }
      }
      return;
    }
    isOpen = false;
    forms = 0;
    pending = [];
    for (const file of files) file.report();
  };
  function abandon(): void {
    try {
      if (isOpen && db.inTransaction) return commit();
    } catch {
      // Not even the files before the failure can be kept: they go, unreported.
    }
    rollback();
  }

  return {
    open() {
      if (isOpen) return;
      db.exec('BEGIN IMMEDIATE');
      isOpen = true;
      openedAt = performance.now();
      startHoldingSearchRows(db);
      startTimer();
    },
    add(file) {
      const result = file.write();
      if (!isOpen) return file.report(result);
      pending.push({ redo: () => file.report(file.write()), report: () => file.report(result) });
      forms += file.forms(result);
      if (forms >= limits.maxForms || performance.now() - openedAt >= limits.maxOpenMs) commit();
      else startTimer();
    },
    commit,
    abandon,
    finish(failure) {
      if (!failure) {
        try {
          commit();
          return null;
        } catch (error) {
          failure = error;
        }
      }
      abandon();
      return failure;
    },
  };
}

/**
 * Ctrl-C ends the process through process.exit: the open group is then committed first, quietly
 * (the terminal has been given back), and kept. `exiting` tells reports to stay silent;
 * `release` ends the watch at the end of the run.
 */
export function keepGroupOnExit(commits: CommitGroup): { exiting: () => boolean; release: () => void } {
  let exiting = false;
  const onExit = (): void => {
    exiting = true;
    commits.abandon();
  };
  process.once('exit', onExit);
  return { exiting: () => exiting, release: () => void process.removeListener('exit', onExit) };
}
