/**
 * Normalisation: the raw field values of a form → the SPEC record, with provenance per field
 * and an issue for every value that could not be read as its type.
 */
import { makeIssue } from '../issues.js';
import { FORM_TITLE } from '../vocab/title.js';
import type { UnitMultiplier } from '../vocab/units.js';
import type { MappingResult } from '../map/map-fields.js';
import {
  AMOUNT_FIELDS,
  DATE_FIELDS,
  TEXT_FIELDS,
  type BudgetItem,
  type DeclarationRecord,
  type FieldValue,
  type Indicator,
  type Issue,
  type NormalisedForm,
} from '../model.js';
import { isNoAmount, parseAmount } from './amounts.js';
import { parseDate } from './dates.js';
import { parseTarget } from './targets.js';
import { cleanLine, normaliseText as normaliseAnyText } from './text.js';

/** Text of a value, cleaned as its origin needs (OCR puts blanks between CJK characters). */
const normaliseText = (text: string | null | undefined, via?: FieldValue['via']): string | null =>
  normaliseAnyText(text, { dropBlanksBetweenCjk: via === 'ocr' });


/** Reads an amount field; a blank or 无 is null without doubt, anything unreadable is an issue. */
function amountOf(value: FieldValue | null | undefined, unit: UnitMultiplier | null | undefined, field: string, issues: Issue[]): number | null {
  if (!value || isNoAmount(value.text)) return null;
  const n = parseAmount(value.text, unit ?? null);
  if (n === null) issues.push(makeIssue('normalise.bad-amount', field, { text: value.text }, value.page));
  return n;
}

/**
 * The provenance keys of the i-th row of a sub-table, made once: a key string used again is
 * already known to the engine, where a new one is hashed on every store.
 */
function rowKeys<K extends string>(list: string, parts: readonly K[]): (i: number) => Record<K, string> {
  const made: Record<K, string>[] = [];
  return (i) => (made[i] ??= Object.fromEntries(parts.map((p) => [p, `${list}[${i}].${p}`])) as Record<K, string>);
}
const budgetItemKeys = rowKeys('budgetItems', ['name', 'amount']);
const indicatorKeys = rowKeys('indicators', ['name', 'target']);

/** The record of one form from its mapped fields. */
export function fieldsToRecord({ fields, units }: MappingResult): NormalisedForm {
  const issues: Issue[] = [];
  const provenance: Record<string, FieldValue> = {};
  const keep = (name: string, v: FieldValue | null | undefined) => {
    if (v) provenance[name] = v;
  };

  const text: Partial<Record<(typeof TEXT_FIELDS)[number], string | null>> = {};
  for (const f of TEXT_FIELDS) {
    keep(f, fields[f]);
    text[f] = normaliseText(fields[f]?.text, fields[f]?.via);
  }
  // Names are one line: a wrapped project name is joined without a break.
  for (const f of ['unitName', 'projectName'] as const) text[f] = text[f]?.replace(/\n/g, '') ?? null;

  const dates: Partial<Record<(typeof DATE_FIELDS)[number], string | null>> = {};
  for (const f of DATE_FIELDS) {
    const v = fields[f];
    keep(f, v);
    const raw = v ? cleanLine(v.text) : '';
    dates[f] = raw ? parseDate(raw) : null;
    if (raw && dates[f] === null) issues.push(makeIssue('normalise.bad-date', f, { text: raw }, v!.page));
  }

  const amounts: Partial<Record<(typeof AMOUNT_FIELDS)[number], number | null>> = {};
  for (const f of AMOUNT_FIELDS) {
    keep(f, fields[f]);
    amounts[f] = amountOf(fields[f], units[f], f, issues);
  }

  let year: number | null = null;
  if (fields.year) {
    keep('year', fields.year);
    const m = /(\d{4})/.exec(fields.year.text.normalize('NFKC'));
    year = m ? Number(m[1]) : null;
    if (year === null) issues.push(makeIssue('normalise.bad-year', 'year', { text: fields.year.text }, fields.year.page));
  }
  keep('formTitle', fields.formTitle);

  const budgetItems: BudgetItem[] = [];
  fields.budgetItems.forEach((item, i) => {
    const name = normaliseText(item.name?.text, item.name?.via)?.replace(/\n/g, '') ?? null;
    const amount = item.amount ? amountOf(item.amount, units.budgetItems, `budgetItems[${i}].amount`, issues) : null;
    if (name === null || !item.amount) {
      const missing = name === null ? 'no name' : 'no amount';
      issues.push(makeIssue('normalise.budget-item-incomplete', `budgetItems[${i}]`, { name: name ?? item.amount?.text ?? '', missing }, (item.name ?? item.amount)?.page ?? null));
    }
    // An item is stored only whole: a name and an amount (the doubt above says what was left out).
    if (name === null || amount === null) return;
    const at = budgetItemKeys(budgetItems.length);
    keep(at.name, item.name);
    keep(at.amount, item.amount);
    budgetItems.push({ name, amount });
  });

  const indicators: Indicator[] = [];
  for (const ind of fields.indicators) {
    const name = normaliseText(ind.name?.text, ind.name?.via) ?? '';
    const target = normaliseText(ind.target?.text, ind.target?.via) ?? '';
    if (!ind.category) {
      issues.push(makeIssue('normalise.indicator-no-category', 'indicators', { name: name || target }, (ind.name ?? ind.target)?.page ?? null));
      continue;
    }
    const at = indicatorKeys(indicators.length);
    keep(at.name, ind.name);
    keep(at.target, ind.target);
    indicators.push({ category: ind.category, name, target, targetParsed: target ? parseTarget(target) : null });
  }

  const record: NormalisedForm['record'] = {
    formTitle: fields.formTitle ? cleanLine(fields.formTitle.text, { dropBlanksBetweenCjk: true }) : FORM_TITLE,
    year,
    unitName: text.unitName ?? null,
    projectName: text.projectName ?? null,
    projectCategory: fields.projectCategory ?? null,
    fundUse: fields.fundUse ?? null,
    startDate: dates.startDate ?? null,
    endDate: dates.endDate ?? null,
    overview: text.overview ?? null,
    basis: text.basis ?? null,
    necessity: text.necessity ?? null,
    safeguards: text.safeguards ?? null,
    totalBudget: amounts.totalBudget ?? null,
    currentYearBudget: amounts.currentYearBudget ?? null,
    previousYearBudget: amounts.previousYearBudget ?? null,
    previousYearExecuted: amounts.previousYearExecuted ?? null,
    budgetItems,
    implementationPlan: text.implementationPlan ?? null,
    overallGoal: text.overallGoal ?? null,
    annualGoal: text.annualGoal ?? null,
    indicators,
    remarks: text.remarks ?? null,
  };
  return { record, provenance, issues };
}
