/**
 * Shrinking failing synthetic cases: the layout falls back to the plain one wherever the
 * failure does not depend on it, and the record loses what the failure does not need.
 */
import { describe, expect, it } from 'vitest';
import { PLAIN_TEXT_STYLE, type TextStyle } from '../testkit/synth/render-text.js';
import { shrinkCase } from '../testkit/synth/shrink.js';
import { makeSynthCase } from '../testkit/synth/write-corpus.js';

/** A seed whose text case uses ☒ marks and is far from plain (several forms, breaks, indicators). */
function busySeed(): number {
  for (let seed = 0; seed < 5000; seed++) {
    const c = makeSynthCase(seed, 'text');
    const s = c.style as TextStyle;
    if (s.checkbox.marks === 'ballot-x' && c.forms.length > 1 && s.pageBreaks > 0 && c.forms[0]!.record.indicators.length > 2) return seed;
  }
  throw new Error('no busy seed');
}

describe('shrinkCase', () => {
  it('keeps what the failure needs and drops the rest', async () => {
    const start = makeSynthCase(busySeed(), 'text');
    // A stand-in for a pipeline that misreads 项目类型 whenever boxes are drawn as ☒.
    const failing = async (c: typeof start) => (c.text.includes('☒') ? ['projectCategory'] : []);
    const small = await shrinkCase(start, failing);
    const style = small.style as TextStyle;
    expect(small.text).toContain('☒');
    expect(small.forms).toHaveLength(1);
    expect(small.forms[0]!.record.indicators).toHaveLength(1);
    expect(style.pageBreaks).toBe(PLAIN_TEXT_STYLE.pageBreaks);
    expect(style.encoding).toBe('utf-8');
    expect(small.text.length).toBeLessThan(start.text.length);
    expect(small.expected).toHaveLength(1);
  });

  it('returns a case the pipeline reads right unchanged', async () => {
    const start = makeSynthCase(3, 'html');
    expect(await shrinkCase(start, async () => [])).toBe(start);
  });
});
