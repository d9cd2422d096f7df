/**
 * The property that matters: for many seeds, the pipeline reads a generated text export, HTML
 * page or text PDF back into exactly the records it was generated from (source and issues aside;
 * a PDF's text compared without blanks and line breaks, as score.py does), and raises the issue
 * code of every inconsistency planted on purpose.
 *
 * Failures are listed by kind and seed (reproduce one with `makeSynthCase(seed, kind)`), with the
 * fields that differ. The number of seeds can be raised with SYNTH_SEEDS=N.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractInput } from '../src/extract.js';
import { makeSynthCase, type CorpusKind, type ExpectedEntry } from '../testkit/synth/write-corpus.js';

const COUNT = Number(process.env.SYNTH_SEEDS ?? 300);
const dir = mkdtempSync(join(tmpdir(), 'declx-synth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text without blanks and line breaks: a PDF's line ends are the printer's, not the record's. */
const squash = <T>(v: T): T => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'string' ? x.replace(/\s+/g, '') : x))) as T;

/** Top-level fields (and indicator / budget positions) where two records differ. */
function diffRecords(expected: Record<string, unknown>, actual: Record<string, unknown> | undefined): string[] {
  if (!actual) return ['(missing record)'];
  const out: string[] = [];
  for (const key of Object.keys(expected)) {
    if (key === 'issues' || key === 'source') continue;
    const e = expected[key];
    const a = actual[key];
    if (JSON.stringify(e) === JSON.stringify(a)) continue;
    if (Array.isArray(e) && Array.isArray(a)) {
      const n = Math.max(e.length, a.length);
      for (let i = 0; i < n; i++) {
        if (JSON.stringify(e[i]) !== JSON.stringify(a[i])) {
          out.push(`${key}[${i}]: expected ${JSON.stringify(e[i])}, got ${JSON.stringify(a[i])}`);
          break;
        }
      }
      if (e.length !== a.length) out.push(`${key}: ${a.length} instead of ${e.length}`);
    } else {
      out.push(`${key}: expected ${JSON.stringify(e)}, got ${JSON.stringify(a)}`.slice(0, 400));
    }
  }
  return out;
}

/** What is wrong with the pipeline's reading of one case, or [] when it is right. */
async function checkCase(kind: CorpusKind, seed: number): Promise<string[]> {
  const c = makeSynthCase(seed, kind);
  const path = join(dir, `${kind}-${seed}${c.ext}`);
  writeFileSync(path, c.bytes);
  let records: Record<string, unknown>[];
  let issues: { code: string }[][];
  try {
    const doc = await extractInput({ path, parts: [path] });
    records = doc.forms.map((f) => (f.record ?? {}) as Record<string, unknown>);
    issues = doc.forms.map((f) => [...f.issues, ...((f.record?.issues as { code: string }[]) ?? [])]);
  } catch (err) {
    return [`threw: ${(err as Error).message}`];
  }
  const problems: string[] = [];
  if (records.length !== c.expected.length) problems.push(`${records.length} forms instead of ${c.expected.length}`);
  c.expected.forEach((e: ExpectedEntry, i) => {
    const [expected, actual] = kind === 'pdf' ? [squash(e), records[i] && squash(records[i])] : [e, records[i]];
    for (const d of diffRecords(expected as unknown as Record<string, unknown>, actual)) problems.push(`form ${i} ${d}`);
    const codes = new Set((issues[i] ?? []).map((x) => x.code));
    for (const p of e.issues) if (!codes.has(p.code)) problems.push(`form ${i}: planted ${p.code} not reported`);
  });
  return problems;
}

describe.each(['text', 'html', 'pdf'] as const)('synthetic %s forms read back exactly', (kind) => {
  it(`${COUNT} seeds`, async () => {
    const failures: string[] = [];
    for (let seed = 0; seed < COUNT; seed++) {
      const problems = await checkCase(kind, seed);
      if (problems.length) failures.push(`${kind} seed ${seed}:\n    ${problems.slice(0, 4).join('\n    ')}`);
    }
    expect(failures.length, `${failures.length}/${COUNT} failed\n${failures.slice(0, 15).join('\n')}`).toBe(0);
  }, 1_800_000); // a PDF form takes a few hundred milliseconds; on a busy machine many times that
});
