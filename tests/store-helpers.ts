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
