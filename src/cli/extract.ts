/**
 * `declx extract FILE...`: runs the pipeline on files (folders are walked, src/app/extract.ts) and
 * prints the SPEC records to stdout; stores nothing. A bad file is one line on stderr and the
 * others go on.
 */
import { Option, type Command } from 'commander';
import { extractPaths } from '../app/extract.js';
import type { DeclarationRecord } from '../model.js';
import { DEFAULT_OCR_ENGINE, type OcrEngineName } from '../ocr/create-engine.js';
import { formatTable } from './format-table.js';
import type { RegisterCommand } from './main.js';
import { failureToLine } from './store-args.js';
import { jsonToTerminalSafe, streamToWidth, widthOption } from './terminal.js';

export type ExtractFormat = 'json' | 'jsonl' | 'table';

/** The records in the chosen output format (a table fitted to `width` when given). */
export function recordsToOutput(records: readonly DeclarationRecord[], format: ExtractFormat, width?: number): string {
  if (format === 'json') return `${jsonToTerminalSafe(JSON.stringify(records, null, 2))}\n`;
  if (format === 'jsonl') return records.map((r) => `${jsonToTerminalSafe(JSON.stringify(r))}\n`).join('');
  if (!records.length) return '';
  return `${formatTable(
    records.map((r) => ({
      file: r.source.path,
      form: r.source.formIndex,
      pages: r.source.pages.join(','),
      unit: r.unitName,
      project: r.projectName,
      category: r.projectCategory,
      fundUse: r.fundUse,
      currentYearBudget: r.currentYearBudget,
      items: r.budgetItems.length,
      indicators: r.indicators.length,
      issues: r.issues.map((i) => i.code).join(' '),
    })),
    width === undefined ? {} : { maxWidth: width },
  )}\n`;
}

export const registerExtract: RegisterCommand = (program: Command, done) => {
  program
    .command('extract')
    .description('run the pipeline on files (or folders) and print the records; stores nothing')
    .argument('<file...>', 'text exports, HTML, PDFs, page images (page images NAME-1.jpg, NAME-2.jpg… form one document)')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'jsonl', 'table']).default('json'))
    .addOption(new Option('--ocr <engine>', 'OCR engine for scans').choices(['tesseract', 'paddle']).default(DEFAULT_OCR_ENGINE))
    .addOption(widthOption())
    .action(async (files: string[], opts: { format: ExtractFormat; ocr: OcrEngineName; width?: number }) => {
      const { records, failed } = await extractPaths(files, opts.ocr, (f) => process.stderr.write(`declx: ${failureToLine(f.path, f.error)}\n`));
      process.stdout.write(recordsToOutput(records, opts.format, opts.format === 'table' ? streamToWidth(opts.width) : undefined));
      done(failed > 0 ? 1 : 0);
    });
};
