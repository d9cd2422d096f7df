/** `declx show ID`: one declaration with all its fields, budget items, indicators, issues, provenance and versions. */
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { openStoreReadOnly } from '../store/open.js';
import { loadDeclarationDetail, type DeclarationDetail } from '../store/read.js';
import { SCALAR_COLUMNS } from '../store/schema.js';
import { formatTable, textToWrappedLines } from './format-table.js';
import type { RegisterCommand } from './main.js';
import { dbOption } from './store-args.js';
import { jsonToTerminalSafe, streamToWidth, textToTerminalSafe, widthOption } from './terminal.js';

export interface ShowOptions {
  db: string;
  format: 'text' | 'json';
  width?: number;
}

/** A heading and an indented block, or nothing when the block is empty. */
function section(title: string, body: string): string {
  return body.trim() === '' ? `\n${title}: none\n` : `\n${title}\n${body.replace(/^/gm, '  ').trimEnd()}\n`;
}

/** A declaration as readable text: every field in full (wrapped to `width`), then the tables (fitted to it). */
export function detailToText(d: DeclarationDetail, width?: number): string {
  const r = d.record;
  const of = d.versions.length;
  const head =
    `declaration #${d.id}: version ${d.version} of ${of}${d.current ? ', current' : ', superseded'} · pipeline ${d.pipelineVersion} · confidence ${d.confidence.toFixed(2)}\n` +
    `source: ${r.source.path} (${r.source.kind}, form ${r.source.formIndex}, page${r.source.pages.length === 1 ? '' : 's'} ${r.source.pages.join(', ')}) sha256 ${r.source.sha256.slice(0, 12)}…\n`;
  const labelWidth = Math.max(...SCALAR_COLUMNS.map(([f]) => f.length));
  const fields = SCALAR_COLUMNS.map(([f]) => {
    const value = r[f];
    const text = value === null ? '—' : String(value);
    // continuation lines of a multi-paragraph field stay under its first line
    const lines = width === undefined ? text.split('\n') : textToWrappedLines(text, width - 2 - labelWidth - 2);
    return `${f.padEnd(labelWidth)}  ${lines.join(`\n${' '.repeat(labelWidth + 2)}`)}`;
  }).join('\n');
  const fit = width === undefined ? {} : { maxWidth: width - 2 };
  const items = formatTable(
    r.budgetItems.map((b, i) => ({ '#': i, name: b.name, amount: b.amount })),
    fit,
  );
  const sum = r.budgetItems.reduce((a, b) => a + b.amount, 0);
  const indicators = formatTable(
    r.indicators.map((ind, i) => ({
      '#': i,
      category: ind.category,
      name: ind.name,
      target: ind.target,
      op: ind.targetParsed?.op ?? null,
      value: ind.targetParsed?.value ?? null,
      unit: ind.targetParsed?.unit ?? null,
      subject: ind.targetParsed?.subject ?? null,
    })),
    fit,
  );
  const issues = formatTable(d.issues.map((i) => ({ severity: i.severity, code: i.code, field: i.field, page: i.page, message: i.message })), { maxCellWidth: 80, ...fit });
  const provenance = formatTable(
    Object.entries(d.provenance).map(([field, v]) => ({
      field,
      page: v.page,
      via: v.via,
      confidence: v.confidence ?? null,
      bbox: v.bbox ? [v.bbox.x0, v.bbox.y0, v.bbox.x1, v.bbox.y1].map((n) => Math.round(n)).join(',') : null,
      text: v.text,
    })),
    { maxCellWidth: 40, ...fit },
  );
  const versions = formatTable(
    d.versions.map((v) => ({ id: v.id, version: v.version, current: v.current ? 'yes' : '', source: v.sourcePath, form: v.formIndex, pipeline: v.pipelineVersion, stored: v.createdAt })),
    fit,
  );
  return (
    (width === undefined ? head : head.split('\n').map((l) => textToWrappedLines(l, width).join('\n')).join('\n')) +
    section('fields', fields) +
    section(`budget items${r.budgetItems.length ? ` (sum ${sum})` : ''}`, items) +
    section('indicators', indicators) +
    section('issues', issues) +
    section('provenance', provenance) +
    section('versions', versions)
  );
}

/** Parses a declaration id as `declx search` prints it (`12` or `#12`). */
export function textToDeclarationId(text: string): number {
  const m = /^#?(\d{1,15})$/.exec(text.trim());
  if (!m) throw new UsageError(`show: "${text}" is not a declaration id (a number, as \`declx search\` prints them)`);
  return Number(m[1]);
}

/** Runs `declx show`; resolves to the exit code. */
export async function runShow(idText: string, options: ShowOptions, stdout: NodeJS.WritableStream = process.stdout): Promise<number> {
  const id = textToDeclarationId(idText);
  const db = openStoreReadOnly(options.db);
  try {
    const detail = loadDeclarationDetail(db, id);
    if (!detail) throw new UsageError(`show: no declaration #${id} in ${options.db} (\`declx search\` lists them)`);
    stdout.write(options.format === 'json' ? jsonToTerminalSafe(JSON.stringify(detail, null, 2)) + '\n' : textToTerminalSafe(detailToText(detail, streamToWidth(options.width, stdout))));
    return 0;
  } finally {
    db.close();
  }
}

export const registerShow: RegisterCommand = (program: Command, done) => {
  program
    .command('show')
    .description('one declaration: every field, budget items, indicators, issues, provenance and versions')
    .argument('<id>', 'declaration id, as `declx search` prints it')
    .addOption(dbOption())
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(widthOption())
    .action(async (id: string, opts: ShowOptions) => done(await runShow(id, opts)));
};

