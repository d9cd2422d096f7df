/**
 * `declx changes [RUN]`: the field changes a run stored (the latest run that changed anything by
 * default), read from the database, so a run that was killed is reported too.
 */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { latestRunWithChanges, loadRunChanges } from '../store/changes.js';
import { openStoreReadOnly } from '../store/open.js';
import type { RegisterCommand } from './main.js';
import { changeToLine } from './reextract.js';
import { dbOption, parsePositiveInt } from './store-args.js';

/** Runs `declx changes`; resolves to the exit code. */
export async function runChanges(run: number | undefined, options: { db: string }, stdout: NodeJS.WritableStream = process.stdout): Promise<number> {
  const db = openStoreReadOnly(options.db);
  try {
    const runId = run ?? latestRunWithChanges(db);
    if (runId === null) {
      stdout.write('no run has changed a stored form yet\n');
      return 0;
    }
    const changes = loadRunChanges(db, runId);
    if (!changes) throw new UsageError(`changes: there is no run ${runId}`);
    const state = changes.finishedAt === null ? 'did not finish' : `finished ${changes.finishedAt}`;
    stdout.write(`run ${runId} (${changes.command}, started ${changes.startedAt}, ${state}): ${changes.versions.length} new version${changes.versions.length === 1 ? '' : 's'}\n`);
    for (const v of changes.versions) {
      stdout.write(`#${v.previousId} → #${v.id} (${v.sourcePath}, form ${v.formIndex}, version ${v.version})\n`);
      for (const c of v.changes) stdout.write(`  ${changeToLine(c)}\n`);
    }
    return 0;
  } finally {
    db.close();
  }
}

export const registerChanges: RegisterCommand = (program: Command, done) => {
  program
    .command('changes')
    .description('list the field changes a run stored as new versions (default: the latest run that changed any)')
    .argument('[run]', 'run id (see the runs table)', parsePositiveInt)
    .addOption(dbOption())
    .action(async (run: number | undefined, opts: { db: string }) => done(await runChanges(run, opts)));
};
