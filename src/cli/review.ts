/** `declx review`: the review web page on this machine; its first line of output is the URL with the session token. */
import { InvalidArgumentError, type Command } from 'commander';
import { startReview, type ReviewOptions } from '../app/review.js';
import type { RegisterCommand } from './main.js';
import { dbOption } from './store-args.js';

/** Parses a port (0: any free port). */
function parsePort(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port from 0 to 65535 is needed.');
  return n;
}

/** Serves until Ctrl+C (or SIGTERM); resolves to the exit code then. */
export async function runReview(options: ReviewOptions, stdout: NodeJS.WritableStream = process.stdout): Promise<number> {
  const review = await startReview(options);
  stdout.write(`${review.url}\nreviewing ${options.db}; Ctrl+C to stop\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await review.close();
  return 0;
}

export const registerReview: RegisterCommand = (program: Command, done) => {
  program
    .command('review')
    .description('a local web page to review doubts beside the source and correct them (prints its URL with a session token)')
    .addOption(dbOption())
    .option('--port <n>', 'port (0: any free one)', parsePort, 0)
    .option('--host <address>', 'address to listen on (other than 127.0.0.1 only on a network you trust)', '127.0.0.1')
    .option('--reviewer <name>', 'who corrects (default: the OS user)')
    .action(async (opts: ReviewOptions) => done(await runReview(opts)));
};
