/** `declx search TEXT`: full-text search over the Chinese text fields, with filters. */
import { Option, type Command } from 'commander';
import { FundUse, ProjectCategory } from '../model.js';
import { openStoreReadOnly } from '../store/open.js';
import { searchDeclarations, type SearchFilters, type SearchHit } from '../store/search.js';
import { columnsOption, ROW_FORMATS, rowsToOutput, type RowFormat } from './format-rows.js';
import type { RegisterCommand } from './main.js';
import { dbOption, parseYuanOption, parsePositiveInt, parseYear } from './store-args.js';
import { widthOption } from './terminal.js';

export interface SearchOptions extends SearchFilters {
  db: string;
  format: RowFormat;
  columns?: string[];
  width?: number;
  bom?: boolean;
}

/** The columns of a search hit, in their default order. */
export const SEARCH_COLUMNS = ['id', 'year', 'unitName', 'projectName', 'projectCategory', 'fundUse', 'totalBudget', 'version', 'snippet'] as const satisfies readonly (keyof SearchHit)[];

/** Runs `declx search`; resolves to the exit code. */
export async function runSearch(text: string, options: SearchOptions, io = { stdout: process.stdout as NodeJS.WritableStream, stderr: process.stderr as NodeJS.WritableStream }): Promise<number> {
  const db = openStoreReadOnly(options.db);
  try {
    const hits = searchDeclarations(db, text, options);
    if (hits.length === 0 && options.format === 'table') {
      io.stderr.write('no declaration matches\n');
      return 0;
    }
    io.stdout.write(rowsToOutput(hits as unknown as Record<string, unknown>[], { ...options, columns: options.columns ?? SEARCH_COLUMNS }, io.stdout));
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
    .addOption(columnsOption(SEARCH_COLUMNS))
    .addOption(widthOption())
    .option('--bom', 'start CSV with a UTF-8 byte order mark (for Excel)')
    .action(async (text: string, opts: SearchOptions) => done(await runSearch(text, opts)));
};
