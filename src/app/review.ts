/**
 * `review`: serves the review page for one database on this machine. The server listens on
 * 127.0.0.1 unless told otherwise, and every request must carry a random token made here.
 */
import { randomBytes } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';
import { serve } from '@hono/node-server';
import { UsageError } from '../errors.js';
import { defaultReviewer } from '../review/correct.js';
import { createReviewApp } from '../review/server.js';
import { openStoreForWriting } from '../store/open.js';

export interface ReviewOptions {
  db: string;
  /** 0: any free port. */
  port: number;
  host: string;
  reviewer?: string;
}

export interface RunningReview {
  /** The page's address with the session token. */
  url: string;
  close(): Promise<void>;
}

/**
 * The names a browser may use for this server in its Host header: the address listened on and
 * localhost, and for a wildcard address every address of this machine and its host name.
 */
export function hostToAllowedNames(host: string): string[] {
  const names = new Set([host.includes(':') ? `[${host}]` : host, 'localhost', '127.0.0.1']);
  if (host === '0.0.0.0' || host === '::') {
    names.add(hostname());
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(a.family === 'IPv6' ? `[${a.address}]` : a.address);
  }
  return [...names];
}

/** Opens the database and starts the server; resolves once it listens. */
export async function startReview(options: ReviewOptions): Promise<RunningReview> {
  const db = openStoreForWriting(options.db);
  const token = randomBytes(24).toString('base64url');
  const reviewer = options.reviewer?.trim() || defaultReviewer();
  let app: ReturnType<typeof createReviewApp> | undefined;
  return new Promise<RunningReview>((resolve, reject) => {
    const server = serve({ fetch: (req) => app!.fetch(req), port: options.port, hostname: options.host }, (info) => {
      app = createReviewApp({ db, token, allowedHosts: hostToAllowedNames(options.host).map((h) => `${h}:${info.port}`.toLowerCase()), reviewer });
      const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({
        url: `http://${shown}:${info.port}/?token=${token}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => {
              db.close();
              done();
            });
            // A browser tab keeps its connection open; stopping the server ends it.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.on('error', (err) => {
      db.close();
      reject(new UsageError(`review: cannot listen on ${options.host}:${options.port} (${err.message})`));
    });
  });
}
