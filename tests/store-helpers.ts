/** Building documents for store tests from the seed's truth records (no extraction needed). */
import { createHash } from 'node:crypto';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeclarationRecord, Doc, Issue } from '../src/model.js';

export const SEED_TRUTH = join(import.meta.dirname, '../../shared/truth/seed.json');
export const SEED_TEXT = join(import.meta.dirname, '../../shared/seed/shanghai-2018-declarations.txt');

type TruthRecord = Omit<DeclarationRecord, 'source' | 'issues'>;

/** The seed's four truth records. */
export function seedTruth(): TruthRecord[] {
  return JSON.parse(readFileSync(SEED_TRUTH, 'utf8')) as TruthRecord[];
}

/** A fresh temp folder. */
export function tempDir(prefix = 'declx-store-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A finished document holding the given records as its forms, as if extracted from `path`. */
export function recordsToDoc(records: TruthRecord[], path: string, content = path, issues: Issue[][] = []): Doc {
  const sha256 = createHash('sha256').update(content).digest('hex');
  return {
    source: { path, sha256, kind: 'text', bytes: content.length, pages: records.length },
    pages: [],
    rows: [],
    issues: [],
    forms: records.map((r, formIndex) => {
      const formIssues = issues[formIndex] ?? [];
      const record: DeclarationRecord = {
        ...r,
        source: { path, sha256, kind: 'text', formIndex, pages: [formIndex + 1] },
        issues: formIssues.map(({ field, code, severity, message }) => ({ field, code, severity, message })),
      };
      return {
        formIndex,
        rows: [],
        pages: [formIndex + 1],
        record,
        provenance: { projectName: { text: r.projectName ?? '', page: formIndex + 1, via: 'text' as const } },
        issues: formIssues,
      };
    }),
  };
}

/** Parses RFC 4180 CSV (quoted fields with commas, quotes and line breaks) into rows keyed by the header. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else field += ch;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}
