/** Near matching of OCR'd text against known phrases: within one edit in four characters, no ties. */
import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance, toleratedEdits } from '../src/vocab/text-keys.js';

const PHRASES = [
  { key: '项目总预算', value: 'totalBudget' },
  { key: '项目当年预算', value: 'currentYearBudget' },
  { key: '同名项目上年预算额', value: 'previousYearBudget' },
  { key: '年度绩效目标', value: 'annualGoal' },
];

describe('closestMatch', () => {
  it.each([
    { key: '项目总预算', expected: 'totalBudget' },
    { key: '项目总预箅', expected: 'totalBudget' }, // one substitution in five
    { key: '项目当年预箅', expected: 'currentYearBudget' },
    { key: '同名项目上年预箅额', expected: 'previousYearBudget' },
    { key: '同名项上年预算', expected: 'previousYearBudget' }, // two deletions in nine: tolerated
    { key: '名项上年预算', expected: null }, // three in nine: not
    { key: '年度绩效日标', expected: 'annualGoal' },
    { key: '目标绩效年度', expected: null }, // the same characters in another order
    { key: '预算', expected: null },
  ])('$key → $expected', ({ key, expected }) => expect(closestMatch(key, PHRASES)).toBe(expected));

  it('doubts a tie between two values', () => {
    expect(closestMatch('ab', [{ key: 'ax', value: 1 }, { key: 'xb', value: 2 }])).toBeNull();
    expect(closestMatch('abcd', [{ key: 'abcx', value: 1 }, { key: 'xbcd', value: 2 }])).toBeNull();
    expect(closestMatch('abcd', [{ key: 'abcx', value: 1 }, { key: 'xbcd', value: 1 }])).toBe(1);
  });

  it('agrees with the edit distance wherever the distance is within tolerance', () => {
    const words = ['项目总预算', '项目当年预算', '项目总预箅', '项目预算', '总预算项目', '项目总预算额', 'abcdefgh', 'abcdefhg', 'bacdefgh'];
    for (const key of words)
      for (const phrase of words) {
        const within = editDistance(key, phrase) <= toleratedEdits(phrase.length);
        expect(closestMatch(key, [{ key: phrase, value: phrase }])).toBe(within ? phrase : null);
      }
  });
});
