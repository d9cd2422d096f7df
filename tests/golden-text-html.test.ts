/**
 * Golden tests: every `fixtures/<case>/input.txt|html` extracts to exactly its `expected.json`
 * records (SPEC fields; `source` checked for shape), and to exactly the issue codes and fields
 * in `issues.json`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractInput } from '../src/extract.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const cases = readdirSync(FIXTURES)
  .map((name) => ({ name, dir: join(FIXTURES, name) }))
  .map((c) => ({ ...c, input: ['input.txt', 'input.html'].map((f) => join(c.dir, f)).find(existsSync) }))
  .filter((c): c is { name: string; dir: string; input: string } => c.input !== undefined && existsSync(join(c.dir, 'expected.json')));

describe('golden text and HTML fixtures', () => {
  it('has fixtures to check', () => expect(cases.length).toBeGreaterThanOrEqual(5));
  for (const c of cases) {
    it(c.name, async () => {
      const doc = await extractInput({ path: c.input, parts: [c.input] });
      const records = doc.forms.map((f) => f.record!);
      const expected = JSON.parse(readFileSync(join(c.dir, 'expected.json'), 'utf8')) as Record<string, unknown>[];
      expect(records.map(({ source: _s, issues: _i, ...r }) => r)).toEqual(expected.map(({ source: _s, issues: _i, ...r }) => r));
      records.forEach((r, i) => {
        expect(r.source).toMatchObject({ path: c.input, kind: c.input.endsWith('.html') ? 'html' : 'text', formIndex: i });
        expect(r.source.sha256).toMatch(/^[0-9a-f]{64}$/);
      });
      const issuesFile = join(c.dir, 'issues.json');
      if (existsSync(issuesFile)) {
        const want = JSON.parse(readFileSync(issuesFile, 'utf8')) as { code: string; field: string | null }[][];
        expect(records.map((r) => r.issues.map(({ code, field }) => ({ code, field })))).toEqual(want);
      }
    });
  }
});
