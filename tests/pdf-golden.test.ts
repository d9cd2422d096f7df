/**
 * Golden tests for text PDFs: every `fixtures/pdf-*` and `fixtures/issue-*` case with an `input.pdf` and `expected.json`
 * extracts to its records, its issue codes (`issues.json`) and its pages (`pages.json`), and every
 * field carries a page and a box on that page. Text is compared with blanks and line breaks
 * removed (as score.py does): in a PDF, paragraph breaks are inferred from the layout, while the
 * truth keeps the breaks of the HTML it was typed into. Cases with `expected-error.json` must fail
 * with that InputError reason and a one-line message.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { extractInput } from '../src/extract.js';
import type { FieldValue } from '../src/model.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const dirs = readdirSync(FIXTURES)
  .filter((name) => (name.startsWith('pdf-') || name.startsWith('issue-')) && existsSync(join(FIXTURES, name, 'input.pdf')))
  .map((name) => ({ name, dir: join(FIXTURES, name), input: join(FIXTURES, name, 'input.pdf') }));
const goodCases = dirs.filter((c) => existsSync(join(c.dir, 'expected.json')));
const badCases = dirs.filter((c) => existsSync(join(c.dir, 'expected-error.json')));

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** A record with every string stripped of blanks and line breaks, and without source and issues. */
function comparable(record: Record<string, unknown>): unknown {
  const { source: _s, issues: _i, ...rest } = record;
  return JSON.parse(JSON.stringify(rest, (_k, v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, '') : v)));
}

describe('golden PDF fixtures', () => {
  it('has the sample PDFs, synthetic PDFs and bad PDFs to check', () => {
    expect(goodCases.map((c) => c.name)).toEqual(expect.arrayContaining(['pdf-seed1', 'pdf-seed2', 'pdf-seed3', 'pdf-seed4', 'pdf-seedall']));
    expect(goodCases.length).toBeGreaterThanOrEqual(7);
    expect(badCases.map((c) => c.name).sort()).toEqual(['pdf-corrupt', 'pdf-encrypted', 'pdf-truncated']);
  });

  for (const c of goodCases) {
    it(c.name, async () => {
      const doc = await extractInput({ path: c.input, parts: [c.input] });
      const records = doc.forms.map((f) => f.record!);
      const expected = readJson<Record<string, unknown>[]>(join(c.dir, 'expected.json'));
      expect(records.map((r) => comparable(r))).toEqual(expected.map((r) => comparable(r)));
      expect(doc.issues.filter((i) => i.code === 'read.no-text-layer')).toEqual([]);
      records.forEach((r, i) => expect(r.source).toMatchObject({ path: c.input, kind: 'pdf', formIndex: i }));
      if (existsSync(join(c.dir, 'pages.json'))) expect(records.map((r) => r.source.pages)).toEqual(readJson(join(c.dir, 'pages.json')));
      if (existsSync(join(c.dir, 'issues.json')))
        expect(records.map((r) => r.issues.map(({ code, field }) => ({ code, field })))).toEqual(readJson(join(c.dir, 'issues.json')));

      // Provenance: each field found in the PDF names a page of its form and a box inside that page.
      for (const form of doc.forms) {
        const provenance = Object.entries(form.provenance ?? {}) as [string, FieldValue][];
        expect(provenance.length).toBeGreaterThan(10);
        for (const [field, value] of provenance) {
          expect({ field, via: value.via }).toEqual({ field, via: 'pdf' });
          expect(form.pages).toContain(value.page);
          const page = doc.pages[value.page - 1]!;
          expect(value.bbox, field).toBeDefined();
          const b = value.bbox!;
          expect(b.x0 >= 0 && b.y0 >= 0 && b.x1 <= page.width && b.y1 <= page.height && b.x0 < b.x1 && b.y0 < b.y1, `${field} ${JSON.stringify(b)}`).toBe(true);
        }
      }
      // The first case also loads pdf.js and its fonts: seconds on a busy machine.
    }, 60_000);
  }

  for (const c of badCases) {
    it(`${c.name} fails with one clear line`, async () => {
      const { reason } = readJson<{ reason: string }>(join(c.dir, 'expected-error.json'));
      const err = await extractInput({ path: c.input, parts: [c.input] }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).reason).toBe(reason);
      expect((err as InputError).message).toMatch(new RegExp(`^${c.input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
      expect((err as InputError).message).not.toContain('\n');
    });
  }
});
