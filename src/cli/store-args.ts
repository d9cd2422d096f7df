/** Command-line pieces shared by the store commands: `--db`, number parsing, per-file error lines. */
import { InvalidArgumentError, Option } from 'commander';
import { describeError, InputError } from '../errors.js';
import { StoreError } from '../store/errors.js';
import { checkDbPath, DEFAULT_DB_PATH } from '../store/open.js';
import { lineToTerminalSafe } from './terminal.js';

/** Parses `--db`: a file path; an empty name or `:memory:` would keep nothing. */
export function parseDbPath(text: string): string {
  try {
    return checkDbPath(text);
  } catch (err) {
    if (err instanceof StoreError) throw new InvalidArgumentError(err.message.replace(/^--db /, ''));
    throw err;
  }
}

/** The `--db FILE` option every store command takes. */
export const dbOption = (): Option => new Option('--db <file>', 'the SQLite database').default(DEFAULT_DB_PATH).argParser(parseDbPath);

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

/** The one line printed for a file that failed: it always starts with the path of the file at fault. */
export function failureToLine(path: string, err: unknown): string {
  // An InputError's message starts with the file at fault: for a group, the bad page, not the first.
  if (err instanceof InputError) return lineToTerminalSafe(err.message);
  return lineToTerminalSafe(`${path}: ${describeError(err)}`);
}
