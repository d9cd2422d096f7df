/** A text of several lines is cleaned line by line, whether or not it takes the quick path for clean lines. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanLine, normaliseText } from '../src/normalise/text.js';

/** Line by line, as the field rule reads. */
function byLines(text: string, dropBlanksBetweenCjk: boolean): string | null {
  const out = text
    .split(/\r\n|\r|\n/)
    .map((line) => cleanLine(line, { dropBlanksBetweenCjk }))
    .filter(Boolean)
    .join('\n');
  return out === '' ? null : out;
}

const piece = fc.constantFrom('\n', '\n', '\r\n', '\r', ' ', '  ', '\t', '\u3000', '\u00a0', '\u2028', '\u200b', '⽬', '项目', '字', 'a', '1', '。');

describe('normaliseText over lines', () => {
  it('gives what cleaning each line gives', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 10 }), fc.boolean(), (pieces, drop) => {
        const text = `字${pieces.join('')}字`;
        expect(normaliseText(text, { dropBlanksBetweenCjk: drop })).toBe(byLines(text, drop));
        expect(normaliseText(pieces.join(''), { dropBlanksBetweenCjk: drop })).toBe(byLines(pieces.join(''), drop));
      }),
      { numRuns: 20000 },
    );
  });
});
