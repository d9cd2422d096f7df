/** Cleaning OCR text with knowledge of Chinese text and of the form (table-driven). */
import { describe, expect, it } from 'vitest';
import { ocrLineToText, ocrTextToCellText, ocrTextToOptionText, readingsToAgreedValue, textIsMalformedValue, textIsPageFurniture, textToSnappedLabel } from '../src/scan/clean-text.js';

describe('ocrLineToText', () => {
  it.each([
    { input: '本 项 目 针 对 已 建设 完成', expected: '本项目针对已建设完成' },
    { input: 'IPTV 平 台 运 维', expected: 'IPTV平台运维' },
    { input: '300000. 00', expected: '300000.00' },
    { input: '同 名 项 目 上 年 预 算 额 〈 元 )', expected: '同名项目上年预算额(元)' },
    { input: '《2018 年 )', expected: '(2018年)' },
    { input: '财务 〈 资产 ) 管理 制度', expected: '财务(资产)管理制度' },
    { input: '《 党政 领导 干部 条例 》', expected: '《党政领导干部条例》' },
    { input: '之 70.00%', expected: '≥70.00%' },
    { input: '超 过 100 人', expected: '超过100人' },
    { input: '2018 年 ] 月 ] 日', expected: '2018年1月1日' },
    { input: '2018 年 ] 月 ]1 日', expected: '2018年1月1日' },
    { input: '2018 年 1] 月 1 日', expected: '2018年1月1日' },
    { input: '2018 年 1] 月 :日', expected: '2018年1月1日' },
    { input: '2018 年 12 月 3] 日', expected: '2018年12月31日' },
    { input: '2018 年 11 月 11 日', expected: '2018年11月11日' },
    { input: '大 寺 等 于 10000kb', expected: '大于等于10000kb' },
    { input: '市 管 干部 履 盖 率', expected: '市管干部覆盖率' },
    { input: 'ｆｕｌｌ　ｗｉｄｔｈ ２０１８', expected: 'full width 2018' },
    // Letter O among digits is the digit 0; words with an O keep it.
    { input: '2O18 年 1O 月', expected: '2018年10月' },
    { input: '3OOOOO.OO', expected: '300000.00' },
    { input: '≥ 1O0%', expected: '≥100%' },
    { input: 'OA 系统 与 ISO9001 认证', expected: 'OA系统与ISO9001认证' },
    { input: 'O2O 平台', expected: 'O2O平台' },
    // 一 between numbers or a month or year mark and a number is a range dash; the word 一 stays.
    { input: '5 月 一 6 月', expected: '5月—6月' },
    { input: '2016 一 2020 年', expected: '2016—2020年' },
    { input: '2018 年 一 季度', expected: '2018年一季度' },
    { input: '一 是 第 一 批', expected: '一是第一批' },
  ])('$input → $expected', ({ input, expected }) => {
    expect(ocrLineToText(input)).toBe(expected);
  });
});

describe('ocrTextToCellText', () => {
  it.each([
    { input: '上 海 市 党 员 干部\n现代 远程 网络', expected: '上海市党员干部现代远程网络' },
    { input: '考 务 完成 量 这 1500 人 次', expected: '考务完成量≥1500人次' },
    { input: '和 肛 150000', expected: '≤150000' },
    { input: '按 照 经 信 委 要 求 完 成 验 收 ,', expected: '按照经信委要求完成验收。' },
    { input: '300000.00', expected: '300000.00' },
    { input: '财务峻工报告编制及时性', expected: '财务竣工报告编制及时性' },
    // A unit note's closing bracket read as a stroke, or lost, at the end of a label cell.
    { input: '同名项目上年预算额(元\\', expected: '同名项目上年预算额(元)' },
    { input: '项目当年预算(万元|', expected: '项目当年预算(万元)' },
    { input: '同名项目上年预算额(千元\\', expected: '同名项目上年预算额(千元)' },
    { input: '项 目 总 预 算\n(元', expected: '项目总预算(元)' },
    { input: '投入(元)与(万元)两栏', expected: '投入(元)与(万元)两栏' },
    { input: '', expected: '' },
  ])('$input → $expected', ({ input, expected }) => {
    expect(ocrTextToCellText(input)).toBe(expected);
  });

  it('leaves 这 before a number alone in running text', () => {
    const prose = '本 项 目 实 施 以 来 成 效 显 著 ， 这 3 个 平 台 运 行 稳 定 ， 用 户 满 意';
    expect(ocrTextToCellText(prose)).toContain('这3个');
  });
});

describe('ocrTextToOptionText', () => {
  it.each([
    { input: '其 他 一 次 性 项 目 回', expected: '其他一次性项目' },
    { input: '口 结 转 项 目', expected: '结转项目' },
    { input: '信 息 化 建 设 类 加', expected: '信息化建设类' },
    { input: '政 策 补 站 类', expected: '政策补贴类' },
    { input: '经 常 性 专 项 业 务 费', expected: '经常性专项业务费' },
    { input: '完 全 不 同 的 文 字', expected: '完全不同的文字' },
  ])('$input → $expected', ({ input, expected }) => {
    expect(ocrTextToOptionText(input)).toBe(expected);
  });
});

describe('textIsMalformedValue', () => {
  it.each([
    { input: '1,665,500.00', malformed: false },
    { input: '2880000', malformed: false },
    { input: '300000.00', malformed: false },
    { input: '1665,5200.00', malformed: true },
    { input: '3880000.0.0', malformed: true },
    { input: '2018-01-01', malformed: false },
    { input: '2018年12月31日', malformed: false },
    { input: '2018.1.1', malformed: false },
    { input: '2018-(8-01', malformed: true },
    { input: '本项目针对已建设完成', malformed: false },
  ])('$input → $malformed', ({ input, malformed }) => {
    expect(textIsMalformedValue(input)).toBe(malformed);
  });
});

describe('textIsPageFurniture', () => {
  it.each([
    { input: '第1页共2页', furniture: true },
    { input: '第 2 页', furniture: true },
    { input: '- 3 -', furniture: true },
    { input: '(2018年)', furniture: false },
    { input: '申报单位名称:上海市党建服务中心', furniture: false },
  ])('$input → $furniture', ({ input, furniture }) => {
    expect(textIsPageFurniture(input)).toBe(furniture);
  });
});

describe('readingsToAgreedValue', () => {
  it.each([
    { readings: ['1665,5200.00', '1665,500.00', '1665,500.00', '1,605,500.00', '1665,500.00'], expected: '1665500.00' },
    { readings: ['2018-(8-01-01', '2018-01-01', '2018-01-01'], expected: '2018-01-01' },
    { readings: ['1665,5200.00', '1,605,500.00', '1665,500.00'], expected: null },
    { readings: ['12', '13'], expected: null },
  ])('$readings → $expected', ({ readings, expected }) => {
    expect(readingsToAgreedValue(readings)).toBe(expected);
  });
});

describe('readingsToAgreedValue breaks ties by the form of the readings', () => {
  it('prefers the value one reading gives well-formed', () => {
    expect(readingsToAgreedValue(['1665,5200.00', '1665,500.00', '1,665,500.00', '1,665,5200.00', '1,6605,500.00'])).toBe('1665500.00');
  });
});

describe('ocrTextToCellText: percentages', () => {
  it.each([
    { input: '100%6', expected: '100%' },
    { input: '≥ 90.00%4', expected: '≥90.00%' },
    { input: '用 户 满 意 度 达 90%', expected: '用户满意度达90%' },
  ])('$input → $expected', ({ input, expected }) => {
    expect(ocrTextToCellText(input)).toBe(expected);
  });
});

describe('textToSnappedLabel', () => {
  it.each([
    { input: '项目总预箅(元)', expected: '项目总预算(元)' },
    { input: '同名项目上年预箅执行数(元)', expected: '同名项目上年预算执行数(元)' },
    { input: '开始时问', expected: '开始时间' },
    { input: '项日名称', expected: '项目名称' },
    { input: '项目概况', expected: '项目概况' },
    { input: '预算执行率', expected: '预算执行率' },
    { input: '满意度目标', expected: '满意度目标' },
    { input: '2018年年内完成', expected: '2018年年内完成' },
  ])('$input → $expected', ({ input, expected }) => {
    expect(textToSnappedLabel(input)).toBe(expected);
  });
});
