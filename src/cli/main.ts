/**
 * The `declx` command line. Each command lives in its own module and registers itself here.
 * Exit codes (SPEC): 0 all went well; 1 some files failed; 2 bad usage.
 */
import { Command, CommanderError } from 'commander';
import { UsageError } from '../errors.js';
import { PIPELINE_VERSION } from '../extract.js';
import { StoreError } from '../store/errors.js';
import { registerChanges } from './changes.js';
import { registerExtract } from './extract.js';
import { registerExport } from './export.js';
import { registerImport } from './import.js';
import { guardOutputStreams } from './output-errors.js';
import { registerQuery } from './query.js';
import { registerReextract } from './reextract.js';
import { registerRelocate } from './relocate.js';
import { registerSearch } from './search.js';
import { registerShow } from './show.js';

/** A command module adds one subcommand; its action resolves to the exit code. */
export type RegisterCommand = (program: Command, done: (code: number) => void) => void;

const COMMANDS: RegisterCommand[] = [registerExtract, registerImport, registerReextract, registerQuery, registerSearch, registerShow, registerExport, registerChanges, registerRelocate];

export const EXIT = { ok: 0, someFailed: 1, usage: 2 } as const;

export async function main(argv: string[]): Promise<number> {
  guardOutputStreams();
  let exitCode: number = EXIT.ok;
  const program = new Command('declx')
    .description(
      'Turns Shanghai fiscal-project performance-target declaration forms (上海市财政支出项目绩效目标申报表)\n' +
        'from text exports, HTML, text PDFs, scanned PDFs and page images into a queryable SQLite database.',
    )
    .version(`declx ${PIPELINE_VERSION.split('+')[0]} (pipeline ${PIPELINE_VERSION})`, '-V, --version', 'print the version of declx and of its pipeline')
    .exitOverride()
    .showHelpAfterError('(run `declx --help` for the commands, `declx COMMAND --help` for one command)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of COMMANDS) register(program, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with code 0; parsing errors were already printed.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof UsageError || err instanceof StoreError) {
      process.stderr.write(`declx: ${err.message}\n`);
      return EXIT.usage;
    }
    // A fault of declx itself, not of an input: one line, the stack only when asked for.
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`declx: unexpected error: ${message.split('\n')[0]}\n`);
    if (process.env.DECLX_DEBUG) process.stderr.write(`${err instanceof Error ? err.stack : ''}\n`);
    else process.stderr.write('declx: (set DECLX_DEBUG=1 to see where it happened)\n');
    return EXIT.someFailed;
  }
}
