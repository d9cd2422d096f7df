/** Command-line pieces shared by the store commands: `--db`, number parsing, per-file error lines. */
import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_FILE_LIMITS, type FileLimits } from '../app/isolate.js';
import { describeError, InputError } from '../errors.js';
import { DEFAULT_DB_PATH } from '../store/open.js';

/** The `--db FILE` option every store command takes. */
export const dbOption = (): Option => new Option('--db <file>', 'the SQLite database').default(DEFAULT_DB_PATH);

/** `--file-timeout SECONDS` and `--file-memory MIB`: the limits each file is extracted under (src/app/isolate.ts). */
export const fileLimitOptions = (): Option[] => [
  new Option('--file-timeout <seconds>', 'time one file may take before it is stopped and counted as failed')
    .argParser(parsePositiveInt)
    .default(DEFAULT_FILE_LIMITS.fileTimeoutS),
  new Option('--file-memory <mib>', 'memory one file may use before it is stopped and counted as failed')
    .argParser(parsePositiveInt)
    .default(DEFAULT_FILE_LIMITS.fileMemoryMb),
];

/** The limits as the app layer takes them, from the parsed options. */
export const optsToFileLimits = (opts: { fileTimeout: number; fileMemory: number }): FileLimits => ({ fileTimeoutS: opts.fileTimeout, fileMemoryMb: opts.fileMemory });

/** Parses a positive whole number for an option, or says which option is wrong. */
export function parsePositiveInt(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of 1 or more is needed.');
  return n;
}

/** Parses an option's amount in yuan (digits, optional decimals, thousands separators allowed); not a form's amount, see normalise/amounts.ts. */
export function parseYuanOption(text: string): number {
  const n = Number(text.replace(/[,，]/g, ''));
  if (text.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('an amount in yuan is needed, e.g. 1000000.');
  return n;
}

/** Parses a four-digit year. */
export function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text)) throw new InvalidArgumentError('a four-digit year is needed, e.g. 2018.');
  return Number(text);
}

/** The one line printed for a file that failed: it always starts with the file's path. */
export function failureToLine(path: string, err: unknown): string {
  if (err instanceof InputError) return err.message.startsWith(path) ? err.message : `${path}: ${err.message}`;
  return `${path}: ${describeError(err)}`;
}
