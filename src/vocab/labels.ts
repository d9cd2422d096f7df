/**
 * The label dictionary: every row label the form uses, with the variants found across the
 * archive (full/half-width brackets, missing 元, spacing, 盖章 notes, older wordings).
 * Labels are compared by `labelToKey`, which also reads the unit a label names (元, 万元).
 */
import type { IndicatorCategory, LabelledField } from '../model.js';
import { closestMatch, editDistance, mayEqualKeys, mayMatchKeys, memoise, textToKey } from './text-keys.js';
import { UNIT_IN_BRACKETS, unitMultiplier, type UnitMultiplier } from './units.js';

/** What a label cell can name: a record field, or a header inside one of the sub-tables. */
export type LabelTarget = LabelledField | 'budgetHeader' | 'indicatorHeader';

/** Canonical wording first; the variants after it. */
export const LABELS: Record<LabelTarget, readonly string[]> = {
  unitName: ['申报单位名称', '申报单位', '单位名称', '申报单位全称'],
  projectName: ['项目名称'],
  projectCategory: ['项目类型', '项目类别'],
  fundUse: ['资金用途', '项目资金用途'],
  startDate: ['开始时间', '项目开始时间', '开始日期', '起始时间', '项目起始时间'],
  endDate: ['结束时间', '项目结束时间', '结束日期', '完成时间', '截止时间'],
  overview: ['项目概况', '项目基本情况', '项目概述'],
  basis: ['立项依据', '项目立项依据'],
  necessity: ['项目设立的必要性', '项目立项的必要性', '设立的必要性'],
  safeguards: ['保证项目实施的制度、措施', '保证项目实施的制度和措施', '保障项目实施的制度、措施', '项目实施的保障措施'],
  totalBudget: ['项目总预算', '总预算'],
  currentYearBudget: ['项目当年预算', '当年预算', '项目年度预算'],
  previousYearBudget: ['同名项目上年预算额', '同名项目上年预算', '上年预算额'],
  previousYearExecuted: ['同名项目上年预算执行数', '同名项目上年执行数', '上年预算执行数'],
  budgetItems: ['项目当年投入资金构成', '当年投入资金构成', '投入资金构成'],
  budgetHeader: ['子项目名称', '预算金额', '子项目', '金额'],
  implementationPlan: ['项目实施计划', '实施计划'],
  overallGoal: ['项目总目标', '总目标'],
  annualGoal: ['年度绩效目标', '项目年度绩效目标', '年度目标'],
  indicators: ['分解目标'],
  indicatorHeader: ['分解目标内容', '绩效指标', '指标目标值', '指标值', '目标值'],
  remarks: ['备注'],
};

/** Fields every complete form fills in, each with the label a person would look for. */
export const REQUIRED_FIELDS = [
  'year',
  'unitName',
  'projectName',
  'startDate',
  'endDate',
  'overview',
  'totalBudget',
  'currentYearBudget',
  'overallGoal',
  'annualGoal',
  'indicators',
] as const satisfies readonly (LabelledField | 'year')[];

/** The wording a person looks for: the label's canonical text (the year stands under the title). */
export const labelWording = (field: LabelledField | 'year'): string => (field === 'year' ? '年度' : LABELS[field][0]!);

/** Indicator categories (the first column of the 分解目标 table). */
export const INDICATOR_CATEGORIES: Record<IndicatorCategory, readonly string[]> = {
  input_management: ['投入和管理目标', '投入和管理指标', '投入管理目标', '投入目标'],
  output: ['产出目标', '产出指标'],
  effect: ['效果目标', '效果指标', '效益目标', '效益指标'],
  impact: ['影响力目标', '影响力指标', '影响目标'],
};

export interface LabelMatch {
  target: LabelTarget;
  /** Multiplier from the unit in the label's brackets; null when the label names no unit. */
  unit: UnitMultiplier | null;
  /** True when the label was matched exactly (after normalisation), false when by edit distance. */
  exact: boolean;
  /** Taken as the closest of the labels a cell could be, beyond the edit distance of a match. */
  guessed?: boolean;
}

/** Longest plausible label: longer cells are values, never labels. */
const MAX_LABEL_CHARS = 24;

/** A bracketed note after a label: （元）, (盖章), （万元）. */
const BRACKETED = /[（(][^（()）]{0,8}[)）]/g;

/**
 * A note ending a label cell whose closing bracket was lost or misread (项目总预算（元, 上年预算额(千元\\):
 * a note still, and the unit it names, when at most two stray marks follow it.
 */
const OPEN_NOTE_AT_END = /[（(][^（()）]{0,8}$/;
const UNIT_IN_OPEN_NOTE = /[（(](万元|千元|元)[^（()）\p{Script=Han}]{0,2}$/u;

/** Key of a label cell: brackets and their notes dropped, normalised; and the unit it names. */
export function labelToKey(text: string): { key: string; unit: UnitMultiplier | null } {
  // The lines of a label cell are one label wherever they wrap, inside its unit too (项目当年预算（万 / 元）).
  const flat = text.normalize('NFKC').replace(/\s+/g, '');
  const unitMatch = UNIT_IN_BRACKETS.exec(flat) ?? UNIT_IN_OPEN_NOTE.exec(flat);
  const unit = unitMatch ? unitMultiplier(unitMatch[1]!) : null;
  return { key: textToKey(flat.replace(BRACKETED, '').replace(OPEN_NOTE_AT_END, '')), unit };
}

const ENTRIES = Object.entries(LABELS).flatMap(([target, variants]) =>
  variants.map((v) => ({ key: textToKey(v), value: target as LabelTarget })),
);
const EXACT = new Map(ENTRIES.map((e) => [e.key, e.value]));

/** Every label has two characters at least, and a match by edit distance shares three with its label. */
const mayHoldLabel = mayMatchKeys(ENTRIES.map((e) => e.key), 2);

/**
 * The label of `among` a cell most resembles, by up to half its characters edited (ties give
 * none): for a cell where a label must stand (the label column, a value and another label after
 * it on its row) but which matched none.
 */
export function guessLabel(text: string, among: ReadonlySet<LabelTarget>): LabelMatch | null {
  const { key, unit } = labelToKey(text);
  if (key.length < 4 || key.length > MAX_LABEL_CHARS) return null;
  let best: { d: number; target: LabelTarget } | null = null;
  let tie = false;
  for (const e of ENTRIES) {
    if (!among.has(e.value) || Math.abs(e.key.length - key.length) > e.key.length / 2) continue;
    const d = editDistance(key, e.key);
    if (d > e.key.length / 2) continue;
    if (!best || d < best.d) (best = { d, target: e.value }), (tie = false);
    else if (d === best.d && best.target !== e.value) tie = true;
  }
  return best && !tie ? { target: best.target, unit, exact: false, guessed: true } : null;
}

/** The label a cell holds, exactly or by edit distance (OCR); null when none. */
const matchLabelAnyway = (text: string): LabelMatch | null =>
  // Long cells and cells with too few label characters are values: rejected before the memory,
  // which would otherwise hash and hold every value cell.
  !text || text.length > MAX_LABEL_CHARS + 8 || !mayHoldLabel(text) ? null : matchShortLabel(text);

const matchShortLabel = memoise((text: string): LabelMatch | null => {
  const { key, unit } = labelToKey(text);
  if (!key || key.length > MAX_LABEL_CHARS) return null;
  const exact = EXACT.get(key);
  if (exact) return { target: exact, unit, exact: true };
  if (key.length < 4) return null;
  const near = closestMatch(key, ENTRIES);
  return near ? { target: near, unit, exact: false } : null;
});

/** Whether a text may be a label exactly written: its key keeps no character that no label has (brackets hold notes). */
const mayBeExactLabel = mayEqualKeys(ENTRIES.map((e) => e.key), '（()）');

/** The label a cell holds, or null. Exact match first, then by edit distance (OCR) unless `fuzzy` is off. */
export function matchLabel(text: string, { fuzzy = true } = {}): LabelMatch | null {
  if (!fuzzy && !mayBeExactLabel(text)) return null;
  const match = matchLabelAnyway(text);
  return match && (fuzzy || match.exact) ? match : null;
}

const CATEGORY_ENTRIES = Object.entries(INDICATOR_CATEGORIES).flatMap(([cat, variants]) =>
  variants.map((v) => ({ key: textToKey(v), value: cat as IndicatorCategory })),
);

/** Every category has four characters at least, and a match by edit distance shares three with it. */
const mayNameCategory = mayMatchKeys(CATEGORY_ENTRIES.map((e) => e.key), 3);

const matchCategoryKey = memoise((text: string): IndicatorCategory | null => {
  const key = textToKey(text);
  if (!key || key.length > 12) return null;
  return CATEGORY_ENTRIES.find((e) => e.key === key)?.value ?? closestMatch(key, CATEGORY_ENTRIES);
});

/** The indicator category a cell names, or null. */
export const matchCategory = (text: string): IndicatorCategory | null => (mayNameCategory(text) ? matchCategoryKey(text) : null);

/** Whether a text's first colon stands where a label before it fits (2 to 30 characters in); a quick test for the pattern below. */
function hasColonAt2To30(text: string): boolean {
  for (let i = 0; i < text.length && i <= 30; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a || c === 0xff1a) return i >= 2;
  }
  return false;
}

/**
 * A cell holding "label：value" (申报单位名称：上海市…, 项目名称: …): the label and the value.
 * Only when the text before the colon is a known label.
 */
export function splitInlineLabel(text: string): { label: LabelMatch; value: string } | null {
  if (!hasColonAt2To30(text)) return null;
  const m = /^([^：:]{2,30})[：:]\s*([\s\S]*)$/.exec(text);
  if (!m) return null;
  const label = matchLabel(m[1]!);
  return label ? { label, value: m[2]!.trim() } : null;
}
