/** `declx relocate OLD NEW`: the stored sources under folder OLD are now under folder NEW. */
import type { Command } from 'commander';
import { openStoreForWriting } from '../store/open.js';
import { relocateSources } from '../store/sources.js';
import type { RegisterCommand } from './main.js';
import { dbOption } from './store-args.js';

/** Runs `declx relocate`; resolves to the exit code (1 when some source is not under NEW). */
export async function runRelocate(
  from: string,
  to: string,
  options: { db: string },
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const db = openStoreForWriting(options.db);
  try {
    const { moved, notFound } = relocateSources(db, from, to);
    for (const m of moved) io.stdout.write(`${m.from} → ${m.to}\n`);
    for (const n of notFound) io.stderr.write(`declx: ${n.path}: not found under the new folder (${n.missing} is not there); left as it was\n`);
    io.stdout.write(`${moved.length} source${moved.length === 1 ? '' : 's'} relocated, ${notFound.length} not found\n`);
    return notFound.length > 0 ? 1 : 0;
  } finally {
    db.close();
  }
}

export const registerRelocate: RegisterCommand = (program: Command, done) => {
  program
    .command('relocate')
    .description('tell the database that the files it read under folder OLD are now under folder NEW (for reextract)')
    .argument('<old>', 'the folder the files were imported from')
    .argument('<new>', 'the folder they are in now')
    .addOption(dbOption())
    .action(async (from: string, to: string, opts: { db: string }) => done(await runRelocate(from, to, opts)));
};
