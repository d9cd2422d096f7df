/** Near matching of OCR'd text against known phrases: within one edit in four characters, no ties. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INDICATOR_CATEGORIES, LABELS, labelToKey } from '../src/vocab/labels.js';
import { closestMatch, editDistance, mayMatchKeys, textToKey, toleratedEdits } from '../src/vocab/text-keys.js';

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

describe('mayMatchKeys', () => {
  const entries = Object.entries(LABELS).flatMap(([target, variants]) => variants.map((v) => ({ key: textToKey(v), value: target })));
  const mayHoldLabel = mayMatchKeys(entries.map((e) => e.key), 2);

  it('turns away texts with fewer key characters than needed, and lets through any text NFKC changes', () => {
    expect(mayHoldLabel('13881923元')).toBe(false);
    expect(mayHoldLabel('2018-07-13')).toBe(false);
    expect(mayHoldLabel('项目名称')).toBe(true);
    expect(mayHoldLabel('⾦额')).toBe(true); // a Kangxi radical that NFKC turns into 金
    expect(mayHoldLabel('ａ')).toBe(true); // full-width
  });

  // Label characters, other Han, digits, blanks, brackets, units, full-width and compatibility forms.
  const alphabet = [...new Set(entries.flatMap((e) => [...e.key]))].concat([...'经费培训场次人民政府0123456789 　（）()元万、：:', '⼈', '⽬', 'Ａ', '㈱', '\u0301']);
  const noise = fc.array(fc.constantFrom(...alphabet), { maxLength: 14 }).map((cs) => cs.join(''));
  // A label with a character dropped or replaced (a near match), inside brackets or beside noise.
  const nearLabel = fc
    .tuple(fc.constantFrom(...Object.values(LABELS).flat()), fc.nat(12), fc.constantFrom('', ...alphabet), fc.constantFrom('', '（元）', ' ', '：'))
    .map(([label, at, ch, tail]) => `${label.slice(0, at % label.length)}${ch}${label.slice((at % label.length) + 1)}${tail}`);
  const text = fc.oneof(noise, nearLabel, fc.constantFrom(...Object.values(LABELS).flat()));

  it('never turns away a text that matches a label exactly or by edit distance', () => {
    fc.assert(
      fc.property(text, (t) => {
        if (mayHoldLabel(t)) return;
        const { key } = labelToKey(t);
        expect(entries.some((e) => e.key === key)).toBe(false);
        expect(key.length >= 4 ? closestMatch(key, entries) : null).toBeNull();
      }),
      { numRuns: 5000 },
    );
  });

  it('never turns away a text that names an indicator category', () => {
    const categories = Object.entries(INDICATOR_CATEGORIES).flatMap(([cat, variants]) => variants.map((v) => ({ key: textToKey(v), value: cat })));
    const mayNameCategory = mayMatchKeys(categories.map((e) => e.key), 3);
    const categoryText = fc.array(fc.constantFrom(...new Set(categories.flatMap((e) => [...e.key])), '目', '标', '1', ' '), { maxLength: 8 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(categoryText, (t) => {
        if (mayNameCategory(t)) return;
        const key = textToKey(t);
        expect(categories.some((e) => e.key === key) || closestMatch(key, categories) !== null).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });
});
