/** A text export's lines are split at \r\n, \r and \n, as a split on those gives them. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textToLines } from '../src/read/text-export.js';

const piece = fc.constantFrom('\n', '\r', '\r\n', '\n\r', '\r\r\n', 'a', '项目', '\t', '');

describe('textToLines', () => {
  it('gives the lines a split at line ends gives', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        expect([...textToLines(text)]).toEqual(text.split(/\r\n|\r|\n/));
      }),
      { numRuns: 20000 },
    );
  });
});
