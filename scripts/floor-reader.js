#!/usr/bin/env node
// The floor of the text path: a minimal one-pass reader of a text export in the seed's layout,
// the least work any reader must do. It reads and hashes the file, decodes it, splits lines and
// tabs, strips cell HTML, looks labels up, parses dates and amounts, builds each record and
// prints it as one JSON line. No checks, no issues, no provenance, no other layout: it is a
// yardstick for `declx extract` (the bench reports declx's speed as a ratio of this one's), not
// a reader to use. Given several files, it reads them one after the other (the import peer's
// reading part, scripts/floor-import.js, uses `fileToRecords` the same way).
//
//   node scripts/floor-reader.js FILE... > records.jsonl
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const TITLE = '上海市财政支出项目绩效目标申报表';
const FIELDS = new Map([
  ['项目名称', 'projectName'],
  ['开始时间', 'startDate'],
  ['结束时间', 'endDate'],
  ['项目概况', 'overview'],
  ['立项依据', 'basis'],
  ['项目设立的必要性', 'necessity'],
  ['保证项目实施的制度、措施', 'safeguards'],
  ['项目总预算', 'totalBudget'],
  ['项目当年预算', 'currentYearBudget'],
  ['同名项目上年预算额', 'previousYearBudget'],
  ['同名项目上年预算执行数', 'previousYearExecuted'],
  ['项目实施计划', 'implementationPlan'],
  ['项目总目标', 'overallGoal'],
  ['年度绩效目标', 'annualGoal'],
  ['备注', 'remarks'],
]);
const OPTIONS = {
  projectCategory: [['市委市政府已确定的新增项目', 'new_municipal'], ['结转项目', 'carry_over'], ['其他一次性项目', 'other_one_off'], ['经常性专项业务费', 'recurring_special'], ['其他经常性项目', 'other_recurring']],
  fundUse: [['基本建设工程类', 'capital_construction'], ['信息化建设类', 'it_construction'], ['政策补贴类', 'policy_subsidy'], ['政府购买服务', 'gov_purchase_service'], ['资产购置类', 'asset_purchase'], ['其他事业专业类', 'other_professional']],
};
const CATEGORIES = new Map([['投入和管理目标', 'input_management'], ['产出目标', 'output'], ['效果目标', 'effect'], ['影响力目标', 'impact']]);
const ENTITIES = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&ldquo;': '“', '&rdquo;': '”' };

/** Cell HTML → text: paragraphs as `\n`, boxes as ☑/☐, other tags dropped, a few entities decoded. */
const cellText = (html) =>
  html
    .replace(/<\/p>\s*<p>/g, '\n')
    .replace(/<input[^>]*>/gi, (tag) => (/checked/i.test(tag) ? '☑' : '☐'))
    .replace(/<[^>]*>/g, '')
    .replace(/&[a-z]+;/g, (e) => ENTITIES[e] ?? e)
    .replace(/[ \t\u00a0\u3000]+/g, ' ')
    .trim();
const label = (text) => text.replace(/[（(]\s*元\s*[)）]/, '').replace(/[\s:：]/g, '');
const orNull = (s) => (s === '' || s === undefined ? null : s);
const amount = (s) => (s ? Number(s.replace(/[^\d.]/g, '')) : null);
const date = (s) => {
  const m = /(\d{4})\D+(\d{1,2})\D+(\d{1,2})/.exec(s ?? '');
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : null;
};
/** The option whose box (written after it) is ticked; null when none or several are. */
const ticked = (text, options) => {
  const values = [];
  for (const [words, v] of options) {
    const at = text.indexOf(words);
    if (at >= 0 && text[at + words.length + 1] === '☑') values.push(v);
  }
  return values.length === 1 ? values[0] : null;
};

/** Reads one export and hands each of its records, in order, to `emit`. */
export function fileToRecords(path, emit) {
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');

  let record = null;
  let formIndex = -1;
  let block = null;
  const flush = () => {
    if (record) emit(record);
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const cells = line.split('\t').map(cellText);
    const first = cells[0];
    if (first === TITLE) {
      flush();
      formIndex++;
      block = null;
      record = {
        formTitle: TITLE, year: null, unitName: null, projectName: null, projectCategory: null, fundUse: null, startDate: null, endDate: null,
        overview: null, basis: null, necessity: null, safeguards: null, totalBudget: null, currentYearBudget: null, previousYearBudget: null,
        previousYearExecuted: null, budgetItems: [], implementationPlan: null, overallGoal: null, annualGoal: null, indicators: [], remarks: null,
        source: { path, sha256, kind: 'text', formIndex, pages: [1] }, issues: [],
      };
      continue;
    }
    if (!record) continue;
    if (cells.length === 1 && /^[(（]\d{4}年[)）]$/.test(first)) record.year = Number(first.slice(1, 5));
    else if (first.startsWith('申报单位名称')) record.unitName = orNull(first.replace(/^申报单位名称[^：:]*[：:]\s*/, ''));
    else if (first === '项目类型') record.projectCategory = ticked(cells[1], OPTIONS.projectCategory);
    else if (first === '资金用途') record.fundUse = ticked(cells[1], OPTIONS.fundUse);
    else if (cells[1] === '子项目名称') block = 'items';
    else if (first === '分解目标内容') block = 'indicators';
    else if (block === 'items' && (first === '' || first === '项目当年投入资金构成') && cells[1] && cells[1] !== '无') record.budgetItems.push({ name: cells[1], amount: amount(cells.at(-1)) });
    else if (block === 'indicators' && cells.length >= 3) {
      const category = CATEGORIES.get(first) ?? record.indicators.at(-1)?.category ?? null;
      record.indicators.push({ category, name: cells[1], target: cells[2], targetParsed: null });
    } else {
      // Label / value pairs, two to a row for dates and amounts.
      for (let i = 0; i + 1 < cells.length || i === 0; i += 2) {
        const field = FIELDS.get(label(cells[i]));
        if (!field) continue;
        block = null;
        const value = cells[i + 1] ?? '';
        if (field.endsWith('Date')) record[field] = date(value);
        else if (field.endsWith('Budget') || field === 'previousYearExecuted') record[field] = amount(value);
        else record[field] = orNull(value);
      }
    }
  }
  flush();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = [];
  for (const path of process.argv.slice(2)) {
    fileToRecords(path, (record) => {
      out.push(`${JSON.stringify(record)}\n`);
      if (out.length >= 256) process.stdout.write(out.splice(0).join(''));
    });
  }
  process.stdout.write(out.join(''));
}
