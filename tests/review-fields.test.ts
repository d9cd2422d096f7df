import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../src/errors.js';
import { applyCorrections } from '../src/store/apply-corrections.js';
import { correctField } from '../src/review/correct.js';
import { fieldPathToText, textToFieldPath } from '../src/store/field-paths.js';
import { textToFieldValue } from '../src/review/field-values.js';
import { activeCorrections } from '../src/store/corrections.js';
import { openStoreForWriting, type Db } from '../src/store/open.js';
import { loadReviewedRecord } from '../src/store/reviewed.js';
import { beginRun, storeDoc } from '../src/store/write.js';
import { recordsToDoc, seedTruth, tempDir } from './store-helpers.js';

describe('field values go through the normalisers', () => {
  it.each([
    ['totalBudget', '1,070,100.50', 1070100.5],
    ['totalBudget', '288万元', 2880000],
    ['totalBudget', '', null],
    ['budgetItems[0].amount', '¥300,000', 300000],
    ['startDate', '2018年3月1日', '2018-03-01'],
    ['endDate', '2018/12/31', '2018-12-31'],
    ['year', '2019', 2019],
    ['projectCategory', 'carry_over', 'carry_over'],
    ['projectCategory', '经常性专项业务费', 'recurring_special'],
    ['fundUse', '政府购买服务', 'gov_purchase_service'],
    ['indicators[0].category', '产出目标', 'output'],
    ['projectName', '  组织部  弱电\n会议系统 ', '组织部 弱电 会议系统'],
    ['overview', '第一段。\n\n第二段。', '第一段。\n第二段。'],
  ])('%s = %j → %j', (field, text, value) => {
    expect(textToFieldValue(textToFieldPath(field), text).value).toEqual(value);
  });

  it.each([
    ['indicators[0].target', '≥ 95%', { op: '>=', value: 95, unit: '%', subject: null }],
    ['indicators[0].target', '及时', null],
  ])('an indicator target is parsed again: %s = %j', (field, text, parsed) => {
    expect(textToFieldValue(textToFieldPath(field), text).targetParsed).toEqual(parsed);
  });

  it.each([
    ['totalBudget', '三十万'],
    ['totalBudget', '12.5.3'],
    ['startDate', '2018-13-01'],
    ['year', '二〇一八'],
    ['fundUse', 'it'],
    ['indicators[0].category', 'outcome'],
    ['indicators[0].name', ' '],
    ['formTitle', ''],
  ])('refuses %s = %j', (field, text) => {
    expect(() => textToFieldValue(textToFieldPath(field), text)).toThrow(UsageError);
  });

  it.each(['source', 'issues', 'budgetItems', 'budgetItems[0]', 'budgetItems[0].category', 'indicators[x].name', 'indicators[0].targetParsed'])(
    'refuses the path %j',
    (path) => expect(() => textToFieldPath(path)).toThrow(UsageError),
  );

  it('paths read back as written', () => {
    for (const p of ['projectName', 'budgetItems[12].amount', 'indicators[5].target']) expect(fieldPathToText(textToFieldPath(p))).toBe(p);
  });
});

describe('table rows are found again by name', () => {
  let dir: string;
  let db: Db;
  const truth = seedTruth();
  let version = 0;
  /** Stores the seed with form 0's budget items replaced, as a new file (a new scan). */
  const storeWithItems = (items: { name: string; amount: number }[]): number => {
    const records = truth.map((r, i) => (i === 0 ? { ...r, budgetItems: items } : r));
    const doc = recordsToDoc(records, `scan-${++version}.txt`, `content ${version}`);
    return storeDoc(db, doc, { runId: beginRun(db, 'import', 't', {}), pipelineVersion: 't', parts: [] }).forms[0]!.id;
  };
  const items = truth[0]!.budgetItems;

  beforeAll(() => {
    dir = tempDir();
    db = openStoreForWriting(join(dir, 'd.sqlite'));
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a correction follows its row when rows shift, and is never applied to another row', () => {
    const first = storeWithItems(items);
    correctField(db, { id: first, field: 'budgetItems[1].amount', text: '900000', reviewer: 't' });
    expect(loadReviewedRecord(db, first)!.budgetItems[1]).toEqual({ name: 'IPTV平台运维', amount: 900000 });

    // a new row before it: the correction moves with IPTV平台运维 to index 2
    const shifted = storeWithItems([{ name: '新增子项', amount: 1 }, ...items]);
    const r = loadReviewedRecord(db, shifted)!;
    expect(r.budgetItems[2]).toEqual({ name: 'IPTV平台运维', amount: 900000 });
    expect(r.budgetItems[1]!.amount).toBe(items[0]!.amount);
    const lineage = db.prepare('SELECT lineage_id FROM declarations WHERE id = ?').pluck().get(shifted) as number;
    expect(activeCorrections(db, [lineage]).get(lineage)!.map((c) => c.field)).toEqual(['budgetItems[2].amount']);

    // the row gone: nothing is changed and the conflict says so
    const gone = storeWithItems(items.filter((b) => b.name !== 'IPTV平台运维'));
    const g = loadReviewedRecord(db, gone)!;
    expect(g.budgetItems.map((b) => b.amount)).toEqual(items.filter((b) => b.name !== 'IPTV平台运维').map((b) => b.amount));
    expect(g.issues.find((i) => i.code === 'review.conflict')).toMatchObject({ field: 'budgetItems', message: expect.stringContaining('without the row "IPTV平台运维"') });
  });

  it('applyCorrections leaves the machine record as it was', () => {
    const machine = { ...truth[0]!, source: { path: 'x', sha256: '0'.repeat(64), kind: 'text' as const, formIndex: 0, pages: [1] }, issues: [] };
    const before = JSON.stringify(machine);
    const out = applyCorrections(machine, [
      {
        id: 1,
        lineageId: 1,
        declarationId: 1,
        field: 'projectName',
        rowName: null,
        action: 'correct',
        machineValue: machine.projectName,
        value: '新名称',
        reason: null,
        reviewer: 't',
        createdAt: '',
        status: 'active',
        closedAt: null,
        conflict: null,
      },
    ]);
    expect(out.record.projectName).toBe('新名称');
    expect(JSON.stringify(machine)).toBe(before);
  });

  it("correcting a doubted target settles the doubt on its parse, and confirming it does too", () => {
    const ind = truth[0]!.indicators[1]!;
    const machine = {
      ...truth[0]!,
      source: { path: 'x', sha256: '0'.repeat(64), kind: 'image' as const, formIndex: 0, pages: [1] },
      issues: [
        { field: 'indicators[1].target', code: 'read.low-confidence' as const, severity: 'warning' as const, message: '' },
        { field: 'indicators[1].targetParsed', code: 'validate.target-doubted' as const, severity: 'warning' as const, message: '' },
        { field: 'indicators[2].target', code: 'read.readings-differ' as const, severity: 'warning' as const, message: '' },
        { field: 'indicators[2].targetParsed', code: 'validate.target-doubted' as const, severity: 'warning' as const, message: '' },
      ],
    };
    const correction = (action: 'correct' | 'confirm', value: string) => ({
      id: 1, lineageId: 1, declarationId: 1, field: 'indicators[1].target', rowName: ind.name, action, machineValue: ind.target, value,
      reason: null, reviewer: 't', createdAt: '', status: 'active' as const, closedAt: null, conflict: null,
    });
    for (const c of [correction('correct', '≥80'), correction('confirm', ind.target)]) {
      const out = applyCorrections(machine, [c]);
      expect(out.record.issues.map((i) => `${i.code}:${i.field}`)).toEqual(['read.readings-differ:indicators[2].target', 'validate.target-doubted:indicators[2].targetParsed']);
    }
    expect(applyCorrections(machine, [correction('correct', '≥80')]).record.indicators[1]!.targetParsed).toEqual({ op: '>=', value: 80, unit: null, subject: null });
  });
});
