/**
 * Writing to stdout or stderr can fail: the reader of a pipe went away (`declx search … | head`:
 * EPIPE), the disk of a redirected file is full (ENOSPC). Node reports these as an 'error' event
 * that, unhandled, ends the process with a stack trace. Here a reader of stdout that left ends
 * declx quietly with exit 0 (it asked for no more, as `head` does), and any other failure of
 * stdout is one line on stderr and exit 1. Losing stderr (progress and diagnostics) stops nothing:
 * an import goes on, and its exit code still says whether a file failed.
 */

/** Why writing failed, in words, for the one line printed. */
function codeToReason(code: string | undefined): string {
  switch (code) {
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EIO':
      return 'input/output error';
    case 'EFBIG':
      return 'file too large';
    default:
      return code ?? 'unknown error';
  }
}

/** Handles write errors of `stdout` and `stderr` (the process's own by default) as described above. */
export function guardOutputStreams(
  streams: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = { stdout: process.stdout, stderr: process.stderr },
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  let ended = false;
  streams.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (ended) return;
    ended = true;
    if (err.code === 'EPIPE') return exit(0);
    try {
      streams.stderr.write(`declx: cannot write the output: ${codeToReason(err.code)} (${err.code ?? err.message})\n`);
    } catch {
      // stderr is gone too: the exit code is all that is left to say it.
    }
    exit(1);
  });
  // Later writes to a stderr that failed are dropped by the stream; nothing more to do.
  streams.stderr.on('error', () => {});
}
