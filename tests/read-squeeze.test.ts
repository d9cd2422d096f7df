/** Plain cell text is squeezed as the whitespace patterns say, whichever path it takes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlFragmentToText } from '../src/read/html-text.js';

const WIDE = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u3000-\\u303f\\uff00-\\uffef]';
const WIDE_SEGMENT_BREAK = new RegExp(`(?<=${WIDE})[ \\t]*[\\r\\n]+[ \\t]*(?=${WIDE})`, 'gu');
/** The rule as written before the quick path: drop breaks between wide characters, collapse blanks, trim. */
const squeezed = (s: string): string => s.replace(WIDE_SEGMENT_BREAK, '').replace(/[\s\u00a0\u3000]+/g, ' ').trim();

const char = fc.constantFrom(' ', '  ', '\t', '\n', '\r', '\u00a0', '\u3000', '\u2003', '\u2028', '\u200b', '\ufeff', '\u0001', '字', '项目', 'a', '1', '“', '—', '…', '\u2010');

describe('plain cell text', () => {
  it('is squeezed as the patterns say', () => {
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }), (chars) => {
        const text = chars.join('');
        expect(htmlFragmentToText(text)).toBe(squeezed(text));
      }),
      { numRuns: 20000 },
    );
  });
});
