/** `declx search TEXT`: full-text search over the Chinese text fields, with filters. */
import { Option, type Command } from 'commander';
import { FundUse, ProjectCategory } from '../model.js';
import { openStoreReadOnly } from '../store/open.js';
import { searchDeclarations, type SearchFilters } from '../store/search.js';
import { formatRows, ROW_FORMATS, type RowFormat } from './format-rows.js';
import type { RegisterCommand } from './main.js';
import { dbOption, parseYuanOption, parsePositiveInt, parseYear } from './store-args.js';

export interface SearchOptions extends SearchFilters {
  db: string;
  format: RowFormat;
}

/** Runs `declx search`; resolves to the exit code. */
export async function runSearch(text: string, options: SearchOptions, io = { stdout: process.stdout as NodeJS.WritableStream, stderr: process.stderr as NodeJS.WritableStream }): Promise<number> {
  const db = openStoreReadOnly(options.db);
  try {
    const hits = searchDeclarations(db, text, options);
    if (hits.length === 0 && options.format === 'table') {
      io.stderr.write('no declaration matches\n');
      return 0;
    }
    io.stdout.write(formatRows(hits as unknown as Record<string, unknown>[], options.format));
    return 0;
  } finally {
    db.close();
  }
}

export const registerSearch: RegisterCommand = (program: Command, done) => {
  program
    .command('search')
    .description('find declarations by words in their text (three characters or more use the index; shorter ones a scan), with filters')
    .argument('[text]', 'words that must all occur (blank-separated); empty to list by filters only', '')
    .addOption(dbOption())
    .addOption(new Option('--category <category>', 'project category (项目类型)').choices(ProjectCategory.options))
    .addOption(new Option('--fund-use <use>', 'fund use (资金用途)').choices(FundUse.options))
    .option('--unit <text>', 'part of the unit name (申报单位名称)')
    .option('--min-budget <yuan>', 'total budget (项目总预算) at least this', parseYuanOption)
    .option('--max-budget <yuan>', 'total budget (项目总预算) at most this', parseYuanOption)
    .option('--year <year>', 'the declaration year', parseYear)
    .option('--all-versions', 'also earlier versions of each form')
    .option('--limit <n>', 'at most this many results', parsePositiveInt)
    .addOption(new Option('--format <format>', 'output format').choices(ROW_FORMATS).default('table'))
    .action(async (text: string, opts: SearchOptions) => done(await runSearch(text, opts)));
};
