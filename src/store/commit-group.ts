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

export interface CommitGroup {
  /** Opens the group's transaction if none is open; call before writing a file. */
  open(): void;
  /**
   * Counts a file's written forms and queues what is to be reported of it (in order): run at the
   * group's commit, or at once when no group is open. Commits when the group is full.
   */
  settle(forms: number, report: () => void): void;
  /** Commits the open group, if any, and reports its files. */
  commit(): void;
  /**
   * Ends after a failure of the database: commits what the group holds if the database still
   * takes it, else rolls it back and drops its reports. Never throws.
   */
  abandon(): void;
}

/**
 * A commit group on `db`. `onTimerError` hears a commit by the timer that failed (the database
 * full, say): the group is then rolled back and the caller must stop writing.
 */
export function createCommitGroup(db: Db, limits: CommitGroupLimits, onTimerError: (err: unknown) => void): CommitGroup {
  let isOpen = false;
  let forms = 0;
  let reports: (() => void)[] = [];
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
        rollback();
        onTimerError(err);
      }
    }, Math.max(0, left));
  };
  const commit = (): void => {
    stopTimer();
    if (!isOpen) return;
    // The group's search rows go in last, in one piece (search-index.ts).
    writeHeldSearchRows(db);
    db.exec('COMMIT');
    isOpen = false;
    forms = 0;
    const done = reports;
    reports = [];
    for (const report of done) report();
  };
  const rollback = (): void => {
    stopTimer();
    isOpen = false;
    forms = 0;
    reports = [];
    dropHeldSearchRows(db);
    try {
      if (db.inTransaction) db.exec('ROLLBACK');
    } catch {
      // SQLite may have rolled the transaction back itself (a full disk): nothing is left open.
    }
  };
  return {
    open() {
      if (isOpen) return;
      db.exec('BEGIN IMMEDIATE');
      isOpen = true;
      openedAt = performance.now();
      startHoldingSearchRows(db);
      startTimer();
    },
    settle(written, report) {
      if (!isOpen) return report();
      reports.push(report);
      forms += written;
      if (forms >= limits.maxForms || performance.now() - openedAt >= limits.maxOpenMs) commit();
      else startTimer();
    },
    commit,
    abandon() {
      if (isOpen && db.inTransaction) {
        try {
          commit();
          return;
        } catch {
          // Not even the files before the failure can be kept: the group goes, unreported.
        }
      }
      rollback();
    },
  };
}
