/**
 * A person's corrected value, typed: it goes through the same normalisers the extractor uses
 * (dates, amounts in yuan, text cleanup, indicator targets) and must be one of SPEC's values for
 * the enums. A value that is not of its field's type is a usage error (exit 2, one line).
 */
import { UsageError } from '../errors.js';
import { FundUse, IndicatorCategory, ProjectCategory, type TargetParsed } from '../model.js';
import { INDICATOR_CATEGORIES } from '../vocab/labels.js';
import { FUND_USE_OPTIONS, PROJECT_CATEGORY_OPTIONS } from '../vocab/options.js';
import { parseAmount } from '../normalise/amounts.js';
import { parseDate } from '../normalise/dates.js';
import { parseTarget } from '../normalise/targets.js';
import { normaliseText } from '../normalise/text.js';
import { fieldPathToText, type FieldPath } from '../store/field-paths.js';

/** A typed value and, for an indicator target, its parsed form. */
export interface TypedValue {
  value: string | number | null;
  /** The indicator target re-parsed (`targetParsed`), present only for `indicators[N].target`. */
  targetParsed?: TargetParsed | null;
}

/** What kind of editor a field needs (the review page picks its input by it). */
export type FieldType = 'text' | 'prose' | 'year' | 'date' | 'amount' | 'projectCategory' | 'fundUse' | 'indicatorCategory' | 'target';

/** The type of the value at a path. */
export function fieldPathToType(path: FieldPath): FieldType {
  if (path.kind === 'row') {
    if (path.part === 'amount') return 'amount';
    if (path.part === 'category') return 'indicatorCategory';
    if (path.part === 'target') return 'target';
    return 'text';
  }
  switch (path.field) {
    case 'year':
      return 'year';
    case 'startDate':
    case 'endDate':
      return 'date';
    case 'totalBudget':
    case 'currentYearBudget':
    case 'previousYearBudget':
    case 'previousYearExecuted':
      return 'amount';
    case 'projectCategory':
      return 'projectCategory';
    case 'fundUse':
      return 'fundUse';
    case 'formTitle':
    case 'unitName':
    case 'projectName':
      return 'text';
    default:
      return 'prose';
  }
}

/** An enum value given as SPEC's value or as the option's Chinese text. */
function textToEnum(text: string, values: readonly string[], labels: Record<string, readonly string[]>): string | null {
  const t = text.trim();
  if (values.includes(t)) return t;
  const folded = t.normalize('NFKC');
  for (const [value, names] of Object.entries(labels)) if (names.includes(folded)) return value;
  return null;
}

/** Rows of a table and the form's title must hold something; the other fields may be emptied (null). */
function mayBeEmpty(path: FieldPath): boolean {
  return path.kind === 'scalar' && path.field !== 'formTitle';
}

/**
 * The typed value for a field from what a person typed. An empty text empties a field that may
 * be empty (SPEC: an empty cell is null). Throws UsageError naming the field and what is expected.
 */
export function textToFieldValue(path: FieldPath, text: string): TypedValue {
  const name = fieldPathToText(path);
  const refuse = (expected: string): never => {
    throw new UsageError(`${name}: "${text.length > 60 ? `${text.slice(0, 60)}…` : text}" is not ${expected}`);
  };
  const type = fieldPathToType(path);
  const blank = text.trim() === '';
  if (blank && !mayBeEmpty(path)) refuse('allowed: this field cannot be empty');
  if (blank) return { value: null };
  switch (type) {
    case 'year':
      return /^\s*\d{4}\s*$/.test(text) ? { value: Number(text.trim()) } : refuse('a four-digit year');
    case 'date':
      return { value: parseDate(text) ?? refuse('a date (2018-01-01, 2018/1/1 or 2018年1月1日)') };
    case 'amount':
      return { value: parseAmount(text) ?? refuse('an amount in yuan (e.g. 1000000, 1,000,000.00 or 100万元)') };
    case 'projectCategory':
      return { value: textToEnum(text, ProjectCategory.options, PROJECT_CATEGORY_OPTIONS) ?? refuse(`one of ${ProjectCategory.options.join(', ')}`) };
    case 'fundUse':
      return { value: textToEnum(text, FundUse.options, FUND_USE_OPTIONS) ?? refuse(`one of ${FundUse.options.join(', ')}`) };
    case 'indicatorCategory':
      return { value: textToEnum(text, IndicatorCategory.options, INDICATOR_CATEGORIES) ?? refuse(`one of ${IndicatorCategory.options.join(', ')}`) };
    case 'target': {
      const target = normaliseText(text)!;
      return { value: target, targetParsed: parseTarget(target) };
    }
    default:
      // Prose keeps its paragraphs; one-line fields are one line.
      return { value: type === 'prose' ? normaliseText(text) : normaliseText(text.replace(/\s*\n\s*/g, ' ')) };
  }
}
