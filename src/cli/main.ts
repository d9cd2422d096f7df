/**
 * The `declx` command line. Each command lives in its own module and registers itself here.
 * Exit codes (SPEC): 0 all went well; 1 some files failed; 2 bad usage.
 */
import { Command, CommanderError } from 'commander';
import { UsageError } from '../errors.js';
import { currentPipelineVersion } from '../pipeline-version.js';
import { StoreError } from '../store/errors.js';
import { guardOutputStreams } from './output-errors.js';

/** A command module adds one subcommand; its action resolves to the exit code. */
export type RegisterCommand = (program: Command, done: (code: number) => void) => void;

/**
 * The commands in the order help lists them, each module loaded on demand: a command loads only
 * its own module (and what it imports), so `extract` never loads the database or the CSV writer.
 */
// One module registers both `correct` and `confirm`.
const loadCorrect = async (): Promise<RegisterCommand> => (await import('./correct.js')).registerCorrect;
const COMMANDS: Record<string, () => Promise<RegisterCommand>> = {
  extract: async () => (await import('./extract.js')).registerExtract,
  import: async () => (await import('./import.js')).registerImport,
  reextract: async () => (await import('./reextract.js')).registerReextract,
  query: async () => (await import('./query.js')).registerQuery,
  search: async () => (await import('./search.js')).registerSearch,
  show: async () => (await import('./show.js')).registerShow,
  export: async () => (await import('./export.js')).registerExport,
  changes: async () => (await import('./changes.js')).registerChanges,
  relocate: async () => (await import('./relocate.js')).registerRelocate,
  doubts: async () => (await import('./doubts.js')).registerDoubts,
  correct: loadCorrect,
  confirm: loadCorrect,
  review: async () => (await import('./review.js')).registerReview,
};

/** The commands to register: the one the arguments name, or all of them (for help and errors). */
const commandsFor = (argv: readonly string[]): (() => Promise<RegisterCommand>)[] =>
  Object.hasOwn(COMMANDS, argv[0] ?? '') ? [COMMANDS[argv[0]!]!] : [...new Set(Object.values(COMMANDS))];

/** True when the arguments ask for the version. */
const wantsVersion = (argv: readonly string[]): boolean => argv.includes('-V') || argv.includes('--version');

export const EXIT = { ok: 0, someFailed: 1, usage: 2 } as const;

export async function main(argv: string[]): Promise<number> {
  guardOutputStreams();
  let exitCode: number = EXIT.ok;
  const program = new Command('declx')
    .description(
      'Turns Shanghai fiscal-project performance-target declaration forms (上海市财政支出项目绩效目标申报表)\n' +
        'from text exports, HTML, text PDFs, scanned PDFs and page images into a queryable SQLite database.',
    )
    // The version names the pipeline's hash, which costs a read of every code file: computed only when asked for.
    .version(wantsVersion(argv) ? `declx ${currentPipelineVersion().split('+')[0]} (pipeline ${currentPipelineVersion()})` : 'declx', '-V, --version', 'print the version of declx and of its pipeline')
    .exitOverride()
    .showHelpAfterError('(run `declx --help` for the commands, `declx COMMAND --help` for one command)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const load of commandsFor(argv)) (await load())(program, (code) => (exitCode = code));
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
