/**
 * Progress of a batch on stderr: a cli-progress bar when stderr is a terminal (it redraws in
 * place, throttles redraws and estimates the time left), plain lines otherwise (logs, CI, pipes).
 */
import cliProgress from 'cli-progress';
import { lineToTerminalSafe, onInterrupt } from './terminal.js';

export interface Progress {
  /** One file done; `line` says what happened to it. */
  tick(line: string): void;
  /** A message that must stay visible (a failed file), printed above the bar. */
  log(line: string): void;
  stop(): void;
}

/** A progress reporter for `total` files, writing to `stream`. */
export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr, label = 'files'): Progress {
  if (!stream.isTTY) {
    let done = 0;
    const width = String(total).length;
    return {
      tick: (line) => stream.write(`[${String(++done).padStart(width)}/${total}] ${lineToTerminalSafe(line)}\n`),
      log: (line) => stream.write(`${lineToTerminalSafe(line)}\n`),
      stop: () => {},
    };
  }
  const multi = new cliProgress.MultiBar(
    {
      stream,
      format: `{bar} {value}/{total} ${label} | {eta_formatted} left | {last}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = multi.create(total, 0, { last: '' });
  // The bar hides the cursor and turns line wrap off; Ctrl-C must not leave the terminal so.
  const removeInterruptHandler = onInterrupt(() => multi.stop(), stream);
  return {
    tick: (line) => {
      const safe = lineToTerminalSafe(line);
      bar.increment(1, { last: safe.length > 60 ? `…${safe.slice(-59)}` : safe });
    },
    log: (line) => multi.log(`${lineToTerminalSafe(line)}\n`),
    stop: () => {
      removeInterruptHandler();
      multi.stop();
    },
  };
}
