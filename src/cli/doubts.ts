/** `declx doubts`: the open issues a person should look at, most serious first, with ids and fields. */
import { Option, type Command } from 'commander';
import { ProjectCategory, Severity } from '../model.js';
import { openStoreReadOnly } from '../store/open.js';
import { listDoubts, type DoubtFilters } from '../review/doubts.js';
import { formatRows, ROW_FORMATS, type RowFormat } from './format-rows.js';
import type { RegisterCommand } from './main.js';
import { dbOption, parsePositiveInt } from './store-args.js';

export interface DoubtsOptions extends DoubtFilters {
  db: string;
  format: RowFormat;
}

/** Runs `declx doubts`; resolves to the exit code. */
export async function runDoubts(options: DoubtsOptions, stdout: NodeJS.WritableStream = process.stdout): Promise<number> {
  const db = openStoreReadOnly(options.db);
  try {
    const doubts = listDoubts(db, options);
    if (doubts.length === 0 && options.format === 'table') {
      stdout.write('no open doubts\n');
      return 0;
    }
    const rows = doubts.map((d) => ({ id: d.id, severity: d.severity, code: d.code, field: d.field, unitName: d.unitName, projectName: d.projectName, message: d.message }));
    stdout.write(formatRows(rows, options.format));
    return 0;
  } finally {
    db.close();
  }
}

export const registerDoubts: RegisterCommand = (program: Command, done) => {
  program
    .command('doubts')
    .description('open issues of the current records a person should look at, most serious first (then `declx correct` or `declx confirm`)')
    .addOption(dbOption())
    .option('--unit <text>', 'part of the unit name')
    .option('--code <code>', 'an issue code, or its stage (read, map, normalise, validate, review)')
    .addOption(new Option('--category <category>', 'project category').choices(ProjectCategory.options))
    .addOption(new Option('--severity <severity>', 'only this severity').choices(Severity.options))
    .option('--limit <n>', 'at most this many', parsePositiveInt)
    .addOption(new Option('--format <format>', 'output format').choices(ROW_FORMATS).default('table'))
    .action(async (opts: DoubtsOptions) => done(await runDoubts(opts)));
};
