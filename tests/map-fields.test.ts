/** The mapper on small hand-made grids: labels, boxes, split cells, the two sub-tables. */
import { describe, expect, it } from 'vitest';
import { rowsToFields } from '../src/map/map-fields.js';
import { joinSplitText } from '../src/map/join-values.js';
import { textToOptionMarks } from '../src/map/option-marks.js';
import { matchLabel } from '../src/vocab/labels.js';
import type { Row } from '../src/model.js';

/** Rows from tab-separated lines; a line `---` marks a page break before the next row. */
function grid(text: string): Row[] {
  const rows: Row[] = [];
  let page = 1;
  let breakNext = false;
  for (const line of text.trim().split('\n')) {
    if (line === '---') {
      page++;
      breakNext = true;
      continue;
    }
    rows.push({ cells: line.split('\t').map((t, col) => ({ col, colSpan: 1, rowSpan: 1, text: t, page, via: 'text' })), page, pageBreakBefore: breakNext });
    breakNext = false;
  }
  return rows;
}
const codes = (r: ReturnType<typeof rowsToFields>) => r.issues.map((i) => `${i.code}:${i.field}`);

describe('matchLabel', () => {
  it.each([
    ['项目总预算（元）', 'totalBudget', 1],
    ['项目总预算(元)', 'totalBudget', 1],
    ['项目总预算', 'totalBudget', null],
    ['项目总预算（万元）', 'totalBudget', 10000],
    ['项 目 名 称', 'projectName', null],
    ['保证项目实施的制度、措施', 'safeguards', null],
    ['保证项目实施的制度措施', 'safeguards', null],
    ['同名项目上年预算执行数（元）', 'previousYearExecuted', 1],
    ['项目设立的必要牲', 'necessity', null], // one OCR slip
    // A unit note whose closing bracket was lost or read as a stray mark is a note still.
    ['同名项目上年预算额(千元\\', 'previousYearBudget', 1000],
    ['项目总预算（万元', 'totalBudget', 10000],
    ['项目当年预算(元l', 'currentYearBudget', 1],
  ])('%s → %s', (text, target, unit) => expect(matchLabel(text)).toMatchObject({ target, unit }));
  it.each(['上海市党建服务中心', '数字互动电视平台运维', '2018/1/1', '项目'])('%s is no label', (text) => expect(matchLabel(text)).toBeNull());
});

describe('checkbox marks', () => {
  it.each([
    ['基本建设工程类 ☐ 信息化建设类 ☑ 政策补贴类 ☐', 'it_construction'],
    ['☐基本建设工程类 ☑信息化建设类 ☐政策补贴类', 'it_construction'],
    ['□ 基本建设工程类 ■ 信息化建设类', 'it_construction'],
    ['基本建设工程类☐ 信息化建设类☒ 政策补贴类☐', 'it_construction'],
    ['基本建设工程类 信息化建设类 √政策补贴类 政府购买服务', 'policy_subsidy'],
    ['基本建设工程类 信息化建设类√ 政策补贴类 政府购买服务', 'it_construction'],
  ])('%s', (text, value) => {
    const ticked = textToOptionMarks(text).filter((m) => m.ticked);
    expect(ticked.map((m) => m.value)).toEqual([value]);
  });
});

describe('rowsToFields', () => {
  it('reads options that wrap onto a second row without a label, by vocabulary', () => {
    const r = rowsToFields(grid(`
项目类型\t市委市政府已确定的新增项目 ☐ 结转项目 ☐ 其他一次性项目 ☐
\t经常性专项业务费 ☑ 其他经常性项目 ☐
\t基本建设工程类 ☐ 信息化建设类 ☐ 政策补贴类 ☐ 政府购买服务 ☐ 资产购置类 ☑ 其他事业专业类 ☐`));
    expect(r.fields.projectCategory).toBe('recurring_special');
    expect(r.fields.fundUse).toBe('asset_purchase');
    expect(r.issues).toEqual([]);
  });

  it('reports no box and two boxes ticked, and leaves the value empty', () => {
    const r = rowsToFields(grid(`
项目类型\t☐结转项目 ☐其他一次性项目
资金用途\t☑信息化建设类 ☑政策补贴类`));
    expect(r.fields.projectCategory).toBeNull();
    expect(r.fields.fundUse).toBeNull();
    expect(codes(r)).toEqual(['map.checkbox-none:projectCategory', 'map.checkbox-multiple:fundUse']);
  });

  it('joins a cell whose rest comes after the page break, below its label', () => {
    const r = rowsToFields(grid(`
项目概况\t第一部分，未完
---
\t的第二部分。
立项依据\t依据。`));
    expect(r.fields.overview?.text).toBe('第一部分，未完的第二部分。');
    expect(r.fields.basis?.text).toBe('依据。');
  });

  it('joins a cell whose first lines stand before the page break and whose label is on the next page', () => {
    const r = rowsToFields(grid(`
项目设立的必要性\t必要。
\t第一段结束；
---
保证项目实施的制度、措施\t第二段。`));
    expect(r.fields.necessity?.text).toBe('必要。');
    expect(r.fields.safeguards?.text).toBe('第一段结束；\n第二段。');
    expect(r.fields.safeguards?.page).toBe(1);
  });

  it('reads budget items wherever the block label stands, across a page break, and 无 as none', () => {
    const r = rowsToFields(grid(`
\t子项目名称\t\t预算金额（元）
\t甲项\t\t100.00
---
项目当年投入资金构成\t乙项\t\t200
项目实施计划\t计划。`));
    expect(r.fields.budgetItems.map((b) => [b.name?.text, b.amount?.text])).toEqual([['甲项', '100.00'], ['乙项', '200']]);
    expect(r.units.budgetItems).toBe(1);
    expect(r.fields.implementationPlan?.text).toBe('计划。');
    const none = rowsToFields(grid(`
\t子项目名称\t\t预算金额（元）
项目当年投入资金构成\t无\t\t`));
    expect(none.fields.budgetItems).toEqual([]);
  });

  it('carries the indicator category down rows with an empty first cell', () => {
    const r = rowsToFields(grid(`
分解目标\t\t
分解目标内容\t绩效指标\t指标目标值
产出目标\t数量\t≥10
\t质量\t合格
影响力目标\t满意度\t≥90%
备注\t\t`));
    expect(r.fields.indicators.map((i) => [i.category, i.name?.text, i.target?.text])).toEqual([
      ['output', '数量', '≥10'],
      ['output', '质量', '合格'],
      ['impact', '满意度', '≥90%'],
    ]);
    expect(r.fields.remarks).toBeUndefined();
  });

  it('reads label：value cells and pairs of labels on one row', () => {
    const r = rowsToFields(grid(`
申报单位名称（盖章）：某某中心
开始时间\t2018/1/1\t结束时间\t2018/12/31
同名项目上年预算额（元）\t\t同名项目上年预算执行数（元）\t`));
    expect(r.fields.unitName?.text).toBe('某某中心');
    expect(r.fields.startDate?.text).toBe('2018/1/1');
    expect(r.fields.endDate?.text).toBe('2018/12/31');
    expect(r.fields.previousYearBudget).toBeUndefined();
    expect(r.units.previousYearExecuted).toBe(1);
  });
  it('takes a misread label before a value and another label as the closest one, doubted, rather than the row as text', () => {
    const r = rowsToFields(grid(`
保证项目实施的制度、措施\t严格执行财政专项资金管理规定。
项目总预算（元）\t300000\t项目当年预算（元）\t200000
同名项巨上年预箕颜（元）\t168300\t同名项目上年预算执行数（元）\t150000`));
    expect(r.fields.safeguards?.text).toBe('严格执行财政专项资金管理规定。');
    expect(r.fields.previousYearBudget?.text).toBe('168300');
    expect(r.fields.previousYearExecuted?.text).toBe('150000');
    expect(codes(r).filter((c) => !c.startsWith('map.checkbox'))).toEqual(['map.label-guessed:previousYearBudget']);
  });

  it('does not guess a label for a cell that resembles none, nor for one alone with its value', () => {
    const r = rowsToFields(grid(`
保证项目实施的制度、措施\t严格执行财政专项资金管理规定。
\t并由专人负责。`));
    expect(r.fields.safeguards?.text).toBe('严格执行财政专项资金管理规定。\n并由专人负责。');
    expect(codes(r).filter((c) => !c.startsWith('map.checkbox'))).toEqual([]);
  });
});

describe('joinSplitText', () => {
  it.each([
    ['句子未完', '续完。', '句子未完续完。'],
    ['句子完了。', '新段落。', '句子完了。\n新段落。'],
    ['', '只有后半', '只有后半'],
  ])('%s + %s', (a, b, out) => expect(joinSplitText(a, b)).toBe(out));
});
