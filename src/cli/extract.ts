/**
 * `declx extract FILE...`: runs the pipeline on files (folders are walked, src/app/extract.ts) and
 * prints the SPEC records to stdout as each file is done; stores nothing. A bad file is one line on stderr and the
 * others go on.
 */
import { Option, type Command } from 'commander';
import { extractPaths, type FileFailure } from '../app/extract.js';
import type { DeclarationRecord } from '../model.js';
import { DEFAULT_OCR_ENGINE, type OcrEngineName } from '../ocr/create-engine.js';
import { formatTable } from './format-table.js';
import type { RegisterCommand } from './main.js';
import { failureToLine, fileLimitOptions, optsToFileLimits, parsePositiveInt } from './store-args.js';
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

/**
 * Writes records as they come: JSONL a line each, a JSON array element by element (the same text
 * `recordsToOutput` gives); a table needs every record for its widths and is written at the end.
 */
export function createRecordWriter(
  format: ExtractFormat,
  out: NodeJS.WritableStream,
  width?: number,
): { write(records: readonly DeclarationRecord[]): void; end(): void } {
  if (format === 'table') {
    const all: DeclarationRecord[] = [];
    return { write: (records) => void all.push(...records), end: () => void out.write(recordsToOutput(all, 'table', width)) };
  }
  if (format === 'jsonl') return { write: (records) => void out.write(recordsToOutput(records, 'jsonl')), end: () => undefined };
  let written = 0;
  return {
    write(records) {
      for (const r of records) out.write(`${written++ === 0 ? '[\n' : ',\n'}${jsonToTerminalSafe(JSON.stringify(r, null, 2)).replace(/^/gm, '  ')}`);
    },
    end: () => void out.write(written === 0 ? '[]\n' : '\n]\n'),
  };
}

export const registerExtract: RegisterCommand = (program: Command, done) => {
  const command = program
    .command('extract')
    .description('run the pipeline on files (or folders) and print the records; stores nothing')
    .argument('<file...>', 'text exports, HTML, PDFs, page images (page images NAME-1.jpg, NAME-2.jpg… form one document)')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'jsonl', 'table']).default('json'))
    .addOption(new Option('--ocr <engine>', 'OCR engine for scans').choices(['tesseract', 'paddle']).default(DEFAULT_OCR_ENGINE))
    .addOption(new Option('--concurrency <n>', 'files extracted at once (records stay in file order)').argParser(parsePositiveInt).default(1))
    .addOption(widthOption());
  for (const o of fileLimitOptions()) command.addOption(o);
  command.action(async (files: string[], opts: { format: ExtractFormat; ocr: OcrEngineName; concurrency: number; fileTimeout: number; fileMemory: number; width?: number }) => {
    const writer = createRecordWriter(opts.format, process.stdout, opts.format === 'table' ? streamToWidth(opts.width) : undefined);
    const { failed } = await extractPaths(
      files,
      { ocr: opts.ocr, concurrency: opts.concurrency, ...optsToFileLimits(opts) },
      { records: (records) => writer.write(records), failure: (f) => process.stderr.write(`declx: ${failureToLine(f.path, f.error)}\n`) },
    );
    writer.end();
    done(failed > 0 ? 1 : 0);
  });
};
