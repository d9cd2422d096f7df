/** `declx review`: the review web page on this machine; its first line of output is the URL with the session token. */
import { randomBytes } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';
import { InvalidArgumentError, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { serve } from '@hono/node-server';
import { openStoreForWriting } from '../store/open.js';
import { defaultReviewer } from '../review/correct.js';
import { createReviewApp } from '../review/server.js';
import type { RegisterCommand } from './main.js';
import { dbOption } from './store-args.js';

export interface ReviewOptions {
  db: string;
  port: number;
  host: string;
  reviewer?: string;
}

/** Parses a port (0: any free port). */
function parsePort(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port from 0 to 65535 is needed.');
  return n;
}

/**
 * The names a browser may use for this server in its Host header: the address listened on and
 * localhost, and for a wildcard address every address of this machine and its host name.
 */
function hostNames(host: string): string[] {
  const names = new Set([host.includes(':') ? `[${host}]` : host, 'localhost', '127.0.0.1']);
  if (host === '0.0.0.0' || host === '::') {
    names.add(hostname());
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(a.family === 'IPv6' ? `[${a.address}]` : a.address);
  }
  return [...names];
}

/** Runs the server until the process is stopped (Ctrl+C); resolves to the exit code then. */
export async function runReview(options: ReviewOptions, stdout: NodeJS.WritableStream = process.stdout): Promise<number> {
  const db = openStoreForWriting(options.db);
  const token = randomBytes(24).toString('base64url');
  return new Promise<number>((resolve, reject) => {
    let app: ReturnType<typeof createReviewApp> | undefined;
    const hosts: string[] = [];
    const server = serve({ fetch: (req) => app!.fetch(req), port: options.port, hostname: options.host }, (info) => {
      const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
      hosts.push(...hostNames(options.host).map((h) => `${h}:${info.port}`.toLowerCase()));
      app = createReviewApp({ db, token, allowedHosts: hosts, reviewer: options.reviewer?.trim() || defaultReviewer() });
      stdout.write(`http://${shown}:${info.port}/?token=${token}\n`);
      stdout.write(`reviewing ${options.db}; Ctrl+C to stop\n`);
    });
    server.on('error', (err) => {
      db.close();
      reject(new UsageError(`review: cannot listen on ${options.host}:${options.port} (${err.message})`));
    });
    const stop = (): void => {
      server.close();
      db.close();
      resolve(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
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
