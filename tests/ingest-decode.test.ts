/**
 * Decoding picks the encoding that explains the bytes best: random Chinese text in UTF-8 or
 * GB18030, with a few stray bytes or cut mid-character, keeps its encoding, and the bad bytes
 * become U+FFFD with an issue instead of the whole file read as the other encoding.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractInput } from '../src/extract.js';
import { bytesToEncoding, decodeText } from '../src/ingest/decode-text.js';

const SEED = join(import.meta.dirname, '..', 'fixtures', 'text-seed', 'input.txt');
const seedBytes = readFileSync(SEED);
const seedProjects = (JSON.parse(readFileSync(SEED.replace('input.txt', 'expected.json'), 'utf8')) as { projectName: string }[]).map((r) => r.projectName);
const tmp = mkdtempSync(join(tmpdir(), 'declx-decode-'));

/** The 3,755 level-1 hanzi of GB2312 (rows B0–D7), the characters of everyday Chinese text. */
const HANZI = [...iconv.decode(Buffer.from(Array.from({ length: 0xd8 - 0xb0 }, (_, r) => Array.from({ length: 94 }, (_, c) => [0xb0 + r, 0xa1 + c])).flat(2)), 'gb2312')].filter((ch) => ch !== '\ufffd');
const OTHER = [...'0123456789.%-\t\n ABCxyz，。、：；（）《》“”'];

const chineseText = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...HANZI) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER) }), { minLength: 12, maxLength: 300 })
  .filter((chars) => chars.filter((c) => HANZI.includes(c)).length >= 8);

/** Bytes of `chars` with stray bytes inserted between characters. */
function insertStrayBytes(chars: readonly string[], encode: (s: string) => Buffer, strays: readonly { at: number; byte: number }[]): Buffer {
  const pieces = chars.map((c) => encode(c));
  const placed = strays.map((s) => ({ pos: s.at % (chars.length + 1), byte: s.byte })).sort((a, b) => b.pos - a.pos);
  for (const s of placed) pieces.splice(s.pos, 0, Buffer.from([s.byte]));
  return Buffer.concat(pieces);
}

const strays = fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0x80, max: 0xff }) }), { minLength: 1, maxLength: 3 });

describe('choosing the encoding', () => {
  it('valid UTF-8 and GB18030 Chinese text decode exactly', () => {
    fc.assert(
      fc.property(chineseText, fc.boolean(), (chars, gb) => {
        const text = chars.join('');
        const bytes = gb ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');
        const decoded = decodeText(bytes, 'x');
        expect(decoded.encoding).toBe(gb ? 'gb18030' : 'utf-8');
        expect(decoded.text).toBe(text);
        expect(decoded.badSequences).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('UTF-8 with a few stray bytes stays UTF-8: each stray byte one U+FFFD, the rest intact', () => {
    fc.assert(
      fc.property(chineseText, strays, (chars, bad) => {
        // Two stray bytes side by side may make a valid character; that is no longer "stray".
        fc.pre(new Set(bad.map((s) => s.at % (chars.length + 1))).size === bad.length);
        const bytes = insertStrayBytes(chars, (c) => Buffer.from(c, 'utf8'), bad);
        const decoded = decodeText(bytes, 'x');
        expect(decoded.encoding).toBe('utf-8');
        expect(decoded.badSequences).toBeGreaterThanOrEqual(1);
        expect(decoded.badSequences).toBeLessThanOrEqual(bad.length);
        expect(decoded.text.replace(/\uFFFD/g, '')).toBe(chars.join(''));
      }),
      { numRuns: 300 },
    );
  });

  it('UTF-8 cut in the middle of its last character stays UTF-8 with one bad sequence', () => {
    fc.assert(
      fc.property(chineseText, fc.integer({ min: 1, max: 2 }), (chars, cut) => {
        const text = chars.join('') + '财';
        const bytes = Buffer.from(text, 'utf8').subarray(0, -cut);
        const decoded = decodeText(bytes, 'x');
        expect(decoded.encoding).toBe('utf-8');
        expect(decoded.badSequences).toBe(1);
        expect(decoded.text).toBe(`${chars.join('')}\uFFFD`);
      }),
    );
  });

  it('GB18030 with a few stray bytes stays GB18030', () => {
    fc.assert(
      fc.property(chineseText, strays, (chars, bad) => {
        expect(bytesToEncoding(insertStrayBytes(chars, (c) => iconv.encode(c, 'gb18030'), bad))).toBe('gb18030');
      }),
      { numRuns: 300 },
    );
  });

  it('a U+FFFD written in the file is text, not a bad byte', () => {
    expect(decodeText(Buffer.from('上海市\uFFFD财政', 'utf8'), 'x')).toEqual({ text: '上海市\uFFFD财政', encoding: 'utf-8', badSequences: 0 });
  });
});

describe('a UTF-8 export with a stray byte or cut short keeps its forms', () => {
  const cases: [string, Buffer][] = [
    ['one stray byte', Buffer.concat([seedBytes.subarray(0, 5000), Buffer.from([0xb7]), seedBytes.subarray(5000)])],
    ['cut mid-character', Buffer.concat([seedBytes, Buffer.from('上', 'utf8').subarray(0, 2)])],
  ];
  it.each(cases)('%s: every form read, each with a read.bad-bytes issue', async (name, bytes) => {
    const path = join(tmp, `${name}.txt`);
    writeFileSync(path, bytes);
    const doc = await extractInput({ path, parts: [path] });
    expect(doc.forms.map((f) => f.record!.projectName)).toEqual(seedProjects);
    for (const f of doc.forms) expect(f.record!.issues.filter((i) => i.code === 'read.bad-bytes')).toHaveLength(1);
  });
});
