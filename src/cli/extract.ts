/**
 * `declx extract FILE...`: runs the pipeline on files (folders are walked) and prints the SPEC
 * records to stdout; stores nothing. A bad file is one line on stderr and the others go on.
 */
import { Option, type Command } from 'commander';
import { extractInput } from '../extract.js';
import { collectInputs } from '../ingest/collect-inputs.js';
import type { DeclarationRecord } from '../model.js';
import { createOcrEngine, DEFAULT_OCR_ENGINE, type OcrEngineName } from '../ocr/create-engine.js';
import { lazyOcrProvider } from '../ocr/engine.js';
import { formatTable } from './format-table.js';
import type { RegisterCommand } from './main.js';
import { failureToLine } from './store-args.js';
import { jsonToTerminalSafe, lineToTerminalSafe, streamToWidth, widthOption } from './terminal.js';

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

/** Extracts every input under `paths`; returns the records in file order and the exit code. */
export async function extractPaths(paths: readonly string[], ocrName: OcrEngineName, stderr: NodeJS.WritableStream): Promise<{ records: DeclarationRecord[]; failed: number }> {
  const { groups, errors } = await collectInputs(paths);
  for (const e of errors) stderr.write(`declx: ${lineToTerminalSafe(e.message)}\n`);
  const ocr = lazyOcrProvider(() => createOcrEngine(ocrName));
  const records: DeclarationRecord[] = [];
  let failed = errors.length;
  try {
    for (const group of groups) {
      try {
        const doc = await extractInput(group, { ocr });
        for (const form of doc.forms) if (form.record) records.push(form.record);
      } catch (err) {
        failed++;
        stderr.write(`declx: ${failureToLine(group.path, err)}\n`);
      }
    }
  } finally {
    await ocr.close();
  }
  return { records, failed };
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
      const { records, failed } = await extractPaths(files, opts.ocr, process.stderr);
      process.stdout.write(recordsToOutput(records, opts.format, opts.format === 'table' ? streamToWidth(opts.width) : undefined));
      done(failed > 0 ? 1 : 0);
    });
};
