/** `declx correct ID FIELD VALUE` and `declx confirm ID FIELD`: a person's correction, kept apart from machine output. */
import type { Command } from 'commander';
import { openStoreForWriting } from '../store/open.js';
import { correctField, type CorrectResult } from '../review/correct.js';
import type { RegisterCommand } from './main.js';
import { textToDeclarationId } from './show.js';
import { dbOption } from './store-args.js';

export interface CorrectOptions {
  db: string;
  reason?: string;
  reviewer?: string;
}

/** A value as one line shows it. */
const show = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'string' ? JSON.stringify(v) : String(v));

/** The one line a correction prints. */
export function resultToLine(r: CorrectResult): string {
  const parsed = r.targetParsed !== undefined ? ` (parsed: ${r.targetParsed ? JSON.stringify(r.targetParsed) : 'words only'})` : '';
  return r.action === 'confirm'
    ? `#${r.id} ${r.field}: ${show(r.value)} confirmed by ${r.reviewer} (correction ${r.correctionId})\n`
    : `#${r.id} ${r.field}: ${show(r.before)} → ${show(r.value)}${parsed} by ${r.reviewer} (correction ${r.correctionId})\n`;
}

/** Runs `declx correct` (with a value) or `declx confirm` (without); resolves to the exit code. */
export async function runCorrect(idText: string, field: string, text: string | undefined, options: CorrectOptions, stdout: NodeJS.WritableStream = process.stdout): Promise<number> {
  const id = textToDeclarationId(idText);
  const db = openStoreForWriting(options.db);
  try {
    const result = correctField(db, { id, field, ...(text !== undefined ? { text } : {}), reason: options.reason ?? null, ...(options.reviewer ? { reviewer: options.reviewer } : {}) });
    stdout.write(resultToLine(result));
    return 0;
  } finally {
    db.close();
  }
}

export const registerCorrect: RegisterCommand = (program: Command, done) => {
  program
    .command('correct')
    .description('correct one field of a declaration (kept apart from machine output; re-extraction keeps it)')
    .argument('<id>', 'declaration id, as `declx search` or `declx doubts` print it')
    .argument('<field>', 'field path: projectName, totalBudget, budgetItems[2].amount, indicators[5].target …')
    .argument('<value>', 'the right value ("" empties a field that may be empty)')
    .addOption(dbOption())
    .option('--reason <text>', 'why the value was wrong')
    .option('--reviewer <name>', 'who corrects (default: the OS user)')
    .action(async (id: string, field: string, value: string, opts: CorrectOptions) => done(await runCorrect(id, field, value, opts)));
  program
    .command('confirm')
    .description('confirm that the machine read one field right (settles its issues; re-extraction keeps it)')
    .argument('<id>', 'declaration id')
    .argument('<field>', 'field path, as for `correct`')
    .addOption(dbOption())
    .option('--reason <text>', 'a note')
    .option('--reviewer <name>', 'who confirms (default: the OS user)')
    .action(async (id: string, field: string, opts: CorrectOptions) => done(await runCorrect(id, field, undefined, opts)));
};
