/** Table-driven tests of the normalisers, one row per case SPEC names and the variants around them. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAmount } from '../src/normalise/amounts.js';
import { parseDate } from '../src/normalise/dates.js';
import { parseTarget } from '../src/normalise/targets.js';
import { cleanLine, foldCompatibilityIdeographs, normaliseText } from '../src/normalise/text.js';
import { fieldsToRecord } from '../src/normalise/fields-to-record.js';
import type { MappedFields } from '../src/model.js';

describe('parseDate', () => {
  const cases: [string, string | null][] = [
    ['2018/1/1', '2018-01-01'],
    ['2018/12/31', '2018-12-31'],
    ['2018. 1. 1', '2018-01-01'],
    ['2018. 12. 31', '2018-12-31'],
    ['2018年1月1日', '2018-01-01'],
    ['2018年12月31日', '2018-12-31'],
    ['2018-01-01', '2018-01-01'],
    ['2018.03.05', '2018-03-05'],
    ['２０１８年３月５日', '2018-03-05'],
    ['2018 年 3 月 5 号', '2018-03-05'],
    ['20180305', '2018-03-05'],
    ['2018/2/30', null],
    ['2018/13/1', null],
    ['2018年', null],
    ['年内', null],
    ['', null],
  ];
  it.each(cases)('%s → %s', (input, expected) => expect(parseDate(input)).toBe(expected));
});

describe('parseAmount', () => {
  const cases: [string, 1 | 1000 | 10000 | null, number | null][] = [
    ['2880000', 1, 2880000],
    ['6430000.00', 1, 6430000],
    ['1,665,500.00', 1, 1665500],
    ['300000.00', null, 300000],
    ['¥300,000', 1, 300000],
    ['￥ 12.5', 1, 12.5],
    ['288万元', 1, 2880000],
    ['288', 10000, 2880000],
    ['288.5', 10000, 2885000],
    ['2,880,000元', null, 2880000],
    ['３００００', 1, 30000],
    ['1,66,5500', 1, null],
    ['12.3.4', 1, null],
    ['约300万', 1, null],
    ['三十万元', 1, null],
  ];
  it.each(cases)('%s (label unit %s) → %s', (input, unit, expected) => expect(parseAmount(input, unit)).toBe(expected));
});

describe('parseTarget', () => {
  const cases: [string, ReturnType<typeof parseTarget>][] = [
    ['用户满意度达90%', { op: '>=', value: 90, unit: '%', subject: '用户满意度' }],
    ['大于等于10000kb', { op: '>=', value: 10000, unit: 'kb', subject: null }],
    ['0', { op: '=', value: 0, unit: null, subject: null }],
    ['100%', { op: '=', value: 100, unit: '%', subject: null }],
    ['≥90', { op: '>=', value: 90, unit: null, subject: null }],
    ['考务完成量≥1500人次', { op: '>=', value: 1500, unit: '人次', subject: '考务完成量' }],
    ['=0', { op: '=', value: 0, unit: null, subject: null }],
    ['≤150000', { op: '<=', value: 150000, unit: null, subject: null }],
    ['≥70.00%', { op: '>=', value: 70, unit: '%', subject: null }],
    ['=100.00%', { op: '=', value: 100, unit: '%', subject: null }],
    ['不低于95%', { op: '>=', value: 95, unit: '%', subject: null }],
    ['不超过3天', { op: '<=', value: 3, unit: '天', subject: null }],
    ['小于等于5次', { op: '<=', value: 5, unit: '次', subject: null }],
    ['覆盖率不低于 98 %', { op: '>=', value: 98, unit: '%', subject: '覆盖率' }],
    ['1500人次以上', { op: '>=', value: 1500, unit: '人次', subject: null }],
    ['>5', { op: '>', value: 5, unit: null, subject: null }],
    ['<1%', { op: '<', value: 1, unit: '%', subject: null }],
    ['＞＝８０％', { op: '>=', value: 80, unit: '%', subject: null }],
    ['及时', null],
    ['年内完成', null],
    ['建立有关制度', null],
    ['2018年12月31日前完成', null],
    ['90%-95%', null],
    ['2018-2022年', null],
    ['', null],
  ];
  it.each(cases)('%s', (input, expected) => expect(parseTarget(input)).toEqual(expected));
});

describe('normaliseText', () => {
  const cases: [string | null, boolean, string | null][] = [
    [null, false, null],
    ['', false, null],
    ['  \n \u3000 ', false, null],
    ['a  b\t c', false, 'a b c'],
    ['第一段\n\n第二段', false, '第一段\n第二段'],
    ['保障 正常', false, '保障 正常'],
    ['保 障 正 常', true, '保障正常'],
    ['IPTV 平台 运维', true, 'IPTV 平台运维'],
    ['项\u2F6C\u2F00', false, '项目一'],
    ['（以下简称本平台）', false, '（以下简称本平台）'],
  ];
  it.each(cases)('%j (drop CJK blanks: %s) → %j', (input, drop, expected) =>
    expect(normaliseText(input, { dropBlanksBetweenCjk: drop })).toBe(expected),
  );
});

describe('cleanLine', () => {
  // The full cleaning, which the quick path for lines that need none must agree with.
  const cleanedFully = (line: string): string =>
    foldCompatibilityIdeographs(line)
      .replace(/[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g, '')
      .replace(/[ \t\u00a0\u3000\f\v]+/g, ' ')
      .trim();
  const chars = [...'项目经费 ab1。、\t\u00a0\u3000\f\v\u200b\u00ad\ufeff\u2028\u2003\n\r⽬⼈豈', '\u{2f800}', '\u{20000}'];

  it('gives what the full cleaning gives, on lines that need it and lines that do not', () => {
    fc.assert(
      // Lines of every character, and lines of plain text and blanks only (mostly clean).
      fc.property(fc.oneof(fc.array(fc.constantFrom(...chars), { maxLength: 12 }), fc.array(fc.constantFrom(...'项目 ab1。'), { maxLength: 12 })), (cs) => {
        const line = cs.join('');
        expect(cleanLine(line)).toBe(cleanedFully(line));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('fieldsToRecord: sub-table rows missing a part', () => {
  const at = (text: string) => ({ text, page: 1, via: 'text' as const });
  const cases: { budgetItems: MappedFields['budgetItems']; indicators: MappedFields['indicators']; items: number; indicatorCount: number; issues: { code: string; field: string }[] }[] = [
    { budgetItems: [{ name: at('平台运维'), amount: at('1,000') }], indicators: [], items: 1, indicatorCount: 0, issues: [] },
    { budgetItems: [{ name: at('平台运维'), amount: null }], indicators: [], items: 0, indicatorCount: 0, issues: [{ code: 'normalise.budget-item-incomplete', field: 'budgetItems[0]' }] },
    { budgetItems: [{ name: at('甲'), amount: at('5') }, { name: null, amount: at('1,000') }], indicators: [], items: 1, indicatorCount: 0, issues: [{ code: 'normalise.budget-item-incomplete', field: 'budgetItems[1]' }] },
    { budgetItems: [], indicators: [{ category: null, name: at('完成率'), target: at('100%') }], items: 0, indicatorCount: 0, issues: [{ code: 'normalise.indicator-no-category', field: 'indicators' }] },
    { budgetItems: [], indicators: [{ category: 'output', name: at('完成率'), target: at('100%') }], items: 0, indicatorCount: 1, issues: [] },
  ];
  it.each(cases)('$issues.0.code', ({ budgetItems, indicators, items, indicatorCount, issues }) => {
    const form = fieldsToRecord({ fields: { budgetItems, indicators }, units: {}, issues: [] });
    expect(form.record.budgetItems).toHaveLength(items);
    expect(form.record.indicators).toHaveLength(indicatorCount);
    expect(form.issues.map(({ code, field }) => ({ code, field }))).toEqual(issues);
  });
});
