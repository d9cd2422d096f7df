/**
 * Text-structure sanity: prose that holds rows of the form's tables (as a misread table leaves
 * them: the texts below were read that way before indicators named like labels were kept in their
 * table) is flagged on its field; the prose of the sample forms and of generated forms is not.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROSE_FIELDS } from '../src/model.js';
import { textToStructureFinding, textToStructureIssue } from '../src/validate/text-structure.js';
import { generateFormForSeed } from '../testkit/synth/generate-form.js';

describe('a prose field holding table rows or a label', () => {
  it.each([
    ['annualGoal', '保障整体系统服务正常。\n安全事故发生情况 ≥17.00%财务竣工报告编制及时性 不超过75.00%产出目标 在线学习招生人数 ≤5000', 'a table heading as a cell ("产出目标")'],
    ['remarks', '72%预算执行率 >76%产出目标 截止时间 达1100效果目标 社会效益目标 系统可用率≤32829', 'a table heading as a cell ("产出目标")'],
    ['safeguards', '严格执行财政专项资金管理规定，做到专款专用。\nIPTV平台运维 419096元数据采集与加工 1445673元', 'budget items with their amounts'],
    ['implementationPlan', '课程开发 168,100.00场地租赁费 205,700.00', 'budget items with their amounts'],
    ['annualGoal', '定期开展巡检。\n资金到位率 ≥1800安全事故发生情况 <=108869', 'indicator names with their targets'],
    ['annualGoal', '定期开展巡检，对发现的问题及时整改。分解目标', 'a table heading as a cell ("分解目标")'],
    ['overview', '项目概况如下。\n项目实施计划\n第一季度完成调研。', 'the label "项目实施计划"'],
  ] as const)('%s: %s', (field, text, finding) => {
    expect(textToStructureFinding(field, text)).toBe(finding);
    expect(textToStructureIssue(field, text, 2)).toMatchObject({ code: 'validate.text-structure', field, severity: 'warning', page: 2 });
  });

  it.each([
    ['implementationPlan', '项目启动 2018-01-01 项目需求分析 2018-01-31 项目招标 2018-01-31 项目合同签订 2018-03-31'],
    ['annualGoal', '截止2017年，累计服务 597人次，年更新课程约 1690课时。用户满意度≥90%，系统可用率≥99%。'],
    ['overallGoal', '完成产出目标。实现项目总目标和年度目标，确保资金 3000万元用于平台建设。'],
    ['remarks', null],
  ] as const)('not %s: %s', (field, text) => {
    expect(textToStructureIssue(field, text, null)).toBeNull();
  });
});

describe('the prose of the sample forms and of generated forms raises nothing', () => {
  it('sample forms (text export truth)', () => {
    const records = JSON.parse(readFileSync(new URL('../fixtures/text-seed/expected.json', import.meta.url), 'utf8')) as Record<string, string | null>[];
    const findings = records.flatMap((r) => PROSE_FIELDS.map((f) => textToStructureFinding(f, r[f] ?? '')).filter(Boolean));
    expect(findings).toEqual([]);
  });

  it('300 generated forms', () => {
    const findings: string[] = [];
    for (let seed = 0; seed < 300; seed++) {
      const { record } = generateFormForSeed(seed);
      for (const f of PROSE_FIELDS) {
        const finding = textToStructureFinding(f, record[f] ?? '');
        if (finding) findings.push(`seed ${seed} ${f}: ${finding}`);
      }
    }
    expect(findings).toEqual([]);
  });
});
