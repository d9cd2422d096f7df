/**
 * Property tests: the seed export mutated at random (lines dropped, cells swapped, the file cut
 * short, re-encoded) never throws anything but a clean InputError; whatever records come out
 * satisfy the SPEC schema.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { extractInput } from '../src/extract.js';
import { DeclarationRecord } from '../src/model.js';

const seed = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'text-seed', 'input.txt'), 'utf8');
const lines = seed.split('\n');
const tmp = mkdtempSync(join(tmpdir(), 'declx-prop-'));

type Mutation =
  | { kind: 'drop'; at: number }
  | { kind: 'swap'; at: number; a: number; b: number }
  | { kind: 'cut'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'garble'; at: number; char: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat(lines.length - 1) }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(lines.length - 1), a: fc.nat(4), b: fc.nat(4) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(seed.length) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(lines.length - 1) }),
  fc.record({ kind: fc.constant('garble' as const), at: fc.nat(seed.length), char: fc.constantFrom('☑', '☐', '\t', '\n', '<p>', '</p>', '元', '：', '\u0000', '2018/13/1') }),
);

function mutate(text: string, ms: readonly Mutation[]): string {
  let ls = text.split('\n');
  for (const m of ms) {
    if (m.kind === 'drop') ls.splice(m.at % Math.max(ls.length, 1), 1);
    else if (m.kind === 'duplicate') ls.splice(m.at % Math.max(ls.length, 1), 0, ls[m.at % Math.max(ls.length, 1)] ?? '');
    else if (m.kind === 'swap') {
      const i = m.at % Math.max(ls.length, 1);
      const cells = (ls[i] ?? '').split('\t');
      if (cells.length > Math.max(m.a, m.b)) [cells[m.a], cells[m.b]] = [cells[m.b]!, cells[m.a]!];
      ls[i] = cells.join('\t');
    } else if (m.kind === 'cut') ls = ls.join('\n').slice(0, m.at).split('\n');
    else {
      const s = ls.join('\n');
      const at = m.at % Math.max(s.length, 1);
      ls = (s.slice(0, at) + m.char + s.slice(at)).split('\n');
    }
  }
  return ls.join('\n');
}

const ENCODINGS = ['utf8', 'utf16le', 'gb18030', 'utf-16be'] as const;
let n = 0;

describe('mutated seed', () => {
  it('gives records that fit the schema, or a clean InputError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.constantFrom(...ENCODINGS), async (ms, enc) => {
        const path = join(tmp, `m${n++}.txt`);
        writeFileSync(path, iconv.encode(mutate(seed, ms), enc, { addBOM: enc !== 'utf8' && enc !== 'gb18030' }));
        try {
          const doc = await extractInput({ path, parts: [path] });
          for (const form of doc.forms) {
            expect(DeclarationRecord.safeParse(form.record).success).toBe(true);
            for (const issue of form.record!.issues) expect(issue.message).not.toBe('');
          }
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 120, seed: 20181231 },
    );
  }, 120_000);
});
