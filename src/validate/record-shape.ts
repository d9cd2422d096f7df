/**
 * The record's shape checked by hand, for speed: zod takes a quarter of a millisecond a record.
 * `fitsRecordShape` is strict (it says yes only to what the SPEC schema in model.ts accepts);
 * a record it turns down goes through zod, which gives the reasons.
 */
import { FundUse, IndicatorCategory, ProjectCategory, TargetOp, type DeclarationRecord } from '../model.js';

type Fields = Omit<DeclarationRecord, 'source' | 'issues'>;

const PROJECT_CATEGORIES: ReadonlySet<unknown> = new Set(ProjectCategory.options);
const FUND_USES: ReadonlySet<unknown> = new Set(FundUse.options);
const INDICATOR_CATEGORIES: ReadonlySet<unknown> = new Set(IndicatorCategory.options);
const TARGET_OPS: ReadonlySet<unknown> = new Set(TargetOp.options);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const isTextOrNull = (v: unknown): boolean => v === null || (typeof v === 'string' && v.length >= 1);
const isAmountOrNull = (v: unknown): boolean => v === null || isFiniteNumber(v);
const isDateOrNull = (v: unknown): boolean => v === null || (typeof v === 'string' && ISO_DATE.test(v));
const isOneOfOrNull = (v: unknown, values: ReadonlySet<unknown>): boolean => v === null || values.has(v);

function isTargetParsed(v: unknown): boolean {
  return isObject(v) && TARGET_OPS.has(v.op) && isFiniteNumber(v.value) && isTextOrNull(v.unit) && isTextOrNull(v.subject);
}

function isIndicator(v: unknown): boolean {
  return (
    isObject(v) &&
    INDICATOR_CATEGORIES.has(v.category) &&
    typeof v.name === 'string' &&
    typeof v.target === 'string' &&
    (v.targetParsed === null || isTargetParsed(v.targetParsed))
  );
}

/** Whether every element of an array fits, holes included (`every` would skip them; zod does not). */
function isArrayOf(v: unknown, fits: (element: unknown) => boolean): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!fits(v[i])) return false;
  return true;
}

const isBudgetItem = (v: unknown): boolean => isObject(v) && typeof v.name === 'string' && isFiniteNumber(v.amount);

/** Whether a record without `source` and `issues` surely fits the SPEC schema (false: ask zod). */
export function fitsRecordShape(record: Fields): boolean {
  const r = record as unknown as Record<string, unknown>;
  return (
    isObject(r) &&
    typeof r.formTitle === 'string' &&
    (r.year === null || Number.isSafeInteger(r.year)) &&
    isTextOrNull(r.unitName) &&
    isTextOrNull(r.projectName) &&
    isOneOfOrNull(r.projectCategory, PROJECT_CATEGORIES) &&
    isOneOfOrNull(r.fundUse, FUND_USES) &&
    isDateOrNull(r.startDate) &&
    isDateOrNull(r.endDate) &&
    isTextOrNull(r.overview) &&
    isTextOrNull(r.basis) &&
    isTextOrNull(r.necessity) &&
    isTextOrNull(r.safeguards) &&
    isAmountOrNull(r.totalBudget) &&
    isAmountOrNull(r.currentYearBudget) &&
    isAmountOrNull(r.previousYearBudget) &&
    isAmountOrNull(r.previousYearExecuted) &&
    isArrayOf(r.budgetItems, isBudgetItem) &&
    isTextOrNull(r.implementationPlan) &&
    isTextOrNull(r.overallGoal) &&
    isTextOrNull(r.annualGoal) &&
    isArrayOf(r.indicators, isIndicator) &&
    isTextOrNull(r.remarks)
  );
}
