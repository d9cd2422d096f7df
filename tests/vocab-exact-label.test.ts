/** The quick test before an exact label lookup turns away no text whose key is a label's. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LABELS, labelToKey, matchLabel } from '../src/vocab/labels.js';
import { mayEqualKeys, textToKey } from '../src/vocab/text-keys.js';

const keys = Object.values(LABELS).flat().map(textToKey);
const labelKeys = new Set(keys);
const mayBeLabel = mayEqualKeys(keys, '（()）');

/** Label pieces, what keys drop, brackets and their notes, full-width and other characters. */
const piece = fc.constantFrom(
  ...Object.values(LABELS).flat(),
  '项目', '预算', '（元）', '(万元)', '（盖章）', ' ', '\u3000', '\n', '：', '、', '。', '，',
  'ＡＢ', '１２', '㈱', '的', '是', 'x', '2018', '¥', '目标值', '﹙', '﹚',
);

describe('exact label pre-test', () => {
  it('passes every text whose key is a label key, and turns away sentences', () => {
    let labels = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 4 }), (pieces) => {
        const text = pieces.join('');
        if (!labelKeys.has(labelToKey(text).key)) return;
        labels++;
        expect(mayBeLabel(text)).toBe(true);
      }),
      { numRuns: 20000 },
    );
    expect(labels).toBeGreaterThan(500);
    for (const variant of Object.values(LABELS).flat()) expect(matchLabel(` ${variant}（元）：`, { fuzzy: false })?.exact).toBe(true);
    expect(mayBeLabel('为全面落实业务系统工作要求，开展相关工作。')).toBe(false);
    expect(matchLabel('项目名称是', { fuzzy: false })).toBeNull();
  });
});
