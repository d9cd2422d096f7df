/**
 * What declx prints for people stays harmless on a terminal: a form field or a file name holding
 * `ESC[2J`, an OSC title or hyperlink sequence, or a bare control character is shown without it
 * (the stored value keeps it). Tables fit the terminal's width. Interrupting a command that
 * draws a progress bar gives the terminal its cursor and line wrap back.
 */
import { stripVTControlCharacters } from 'node:util';
import { InvalidArgumentError, Option } from 'commander';

/**
 * C0 controls but tab and line feed, DEL, C1 controls (U+0080–U+009F, which some terminals obey
 * as 8-bit escapes) and the bidirectional overrides and isolates that reorder what is shown.
 */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text with terminal escape sequences and control characters removed; tab and line feed stay. */
export function textToTerminalSafe(text: string): string {
  return stripVTControlCharacters(text).replace(CONTROLS, '');
}

/** One line for a message (a file name may hold anything): no controls, line breaks and tabs as blanks. */
export function lineToTerminalSafe(text: string): string {
  return textToTerminalSafe(text).replace(/[\n\t]/g, ' ');
}

/**
 * JSON text with DEL and the C1 controls written as `\u0080`-style escapes. JSON.stringify
 * already escapes C0 controls (ESC becomes `\u001b`) but leaves these raw; the escaped form is
 * the same JSON value, so output stays exact while a terminal shows it safely.
 */
export function jsonToTerminalSafe(json: string): string {
  return json.replace(/[\u007f-\u009f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The width tables are fitted to: the one asked for, else the terminal's when output goes to a
 * terminal, else none (a file or a pipe gets every character; a program reads it, not a person).
 */
export function streamToWidth(explicit: number | undefined, stream: NodeJS.WritableStream = process.stdout): number | undefined {
  if (explicit !== undefined) return explicit;
  const tty = stream as NodeJS.WriteStream;
  return tty.isTTY ? tty.columns || 80 : undefined;
}

/** Parses `--width`: a number of terminal columns, at least 20. */
export function parseWidth(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 20) throw new InvalidArgumentError('a whole number of 20 or more terminal columns is needed.');
  return n;
}

/** The `--width COLUMNS` option of the commands that print tables. */
export const widthOption = (): Option =>
  new Option('--width <columns>', 'fit tables to this many terminal columns (default: the terminal width when printing to one)').argParser(parseWidth);

/**
 * Run `cleanUp` (restore the cursor, line wrap) before the process ends on Ctrl-C or SIGTERM, and
 * exit as a shell expects (128 + the signal number). Returns the function that removes the handlers.
 */
export function onInterrupt(cleanUp: () => void, stream: NodeJS.WritableStream = process.stderr): () => void {
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
    const handler = () => {
      cleanUp();
      stream.write(`\ndeclx: interrupted; what was stored so far is kept (run the command again to go on)\n`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  };
}
