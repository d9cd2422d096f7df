/**
 * Scalar fields from a form's parts: title, year, every labelled value, and unlabelled text rows
 * that continue a text field (wrapped lines, the rest of a cell after a page break, or its first
 * lines standing before the page break with the label on the next page).
 */
import { makeIssue } from '../issues.js';
import type { FieldValue, Issue, TextField } from '../model.js';
import type { UnitMultiplier } from '../vocab/units.js';
import { isTextField, type FormPart, type ScalarTarget } from './form-parts.js';
import { joinValues } from './join-values.js';

/** The scalar fields of a form (everything but the lists and the two enums). */
export type ScalarFields = Partial<Record<ScalarTarget | 'formTitle' | 'year', FieldValue>>;

/** Scalar fields and the doubts met reading them (a label seen twice, rows that fit nowhere). */
export function partsToScalars(parts: readonly FormPart[]): { scalars: ScalarFields; issues: Issue[] } {
  const scalars: ScalarFields = {};
  const issues: Issue[] = [];
  /** The text field written last: unlabelled rows below it continue it. */
  let lastText: TextField | null = null;
  /** Lines that stood label-less before a page break, waiting for their label on the next page. */
  let pendingPrefix: FieldValue | null = null;

  for (const part of parts) {
    if (part.kind === 'title') {
      scalars.formTitle = part.title;
      if (part.year) scalars.year = part.year;
    } else if (part.kind === 'year') {
      scalars.year = part.year;
    } else if (part.kind === 'scalar') {
      const { target } = part;
      let value = part.value;
      if (pendingPrefix && isTextField(target)) {
        // The lines before the page break are this field's start (or all of it).
        value = value ? joinValues(pendingPrefix, value) : pendingPrefix;
        pendingPrefix = null;
      }
      // A label taken as the closest one for a cell that matched none: its value is doubted.
      if (part.label.guessed) issues.push(makeIssue('map.label-guessed', target, { text: part.labelText }, value?.page ?? null));
      if (value !== null) {
        const existing = scalars[target];
        if (!existing) scalars[target] = value;
        else if (part.pageBreakBefore || existing.page !== value.page) scalars[target] = joinValues(existing, value);
        else issues.push(makeIssue('map.duplicate-field', target, { label: target, text: value.text }, value.page));
      }
      if (isTextField(target)) lastText = target;
    } else if (part.kind === 'text-row') {
      const { value } = part;
      const last = lastText ? scalars[lastText] : undefined;
      if (part.pageBreakBefore && lastText && last) {
        // The rest of a cell whose label stands on the page before.
        scalars[lastText] = joinValues(last, value);
      } else if (part.beforeTextLabelOnNextPage) {
        // The first lines of a cell whose label stands on the next page.
        pendingPrefix = pendingPrefix ? joinValues(pendingPrefix, value) : value;
      } else if (lastText && last && !(lastText === 'remarks' && part.loneFirstColumn)) {
        scalars[lastText] = joinValues(last, value);
      } else {
        // A line below the table (附件, 填报人, a date) is no field: noted, not doubted.
        const belowTable = lastText === 'remarks' && part.loneFirstColumn;
        issues.push(makeIssue('map.unlabelled-row', null, { text: value.text }, value.page, belowTable ? 'info' : undefined));
      }
    }
  }
  if (pendingPrefix) issues.push(makeIssue('map.unlabelled-row', null, { text: pendingPrefix.text }, pendingPrefix.page));
  return { scalars, issues };
}

/** Unit named by the label of each amount field (and `budgetItems` for the amount column). */
export type AmountUnits = Partial<Record<string, UnitMultiplier | null>>;

/** The unit each amount label named: a label naming none leaves a unit named earlier in place. */
export function partsToUnits(parts: readonly FormPart[]): AmountUnits {
  const units: AmountUnits = {};
  for (const part of parts) {
    if (part.kind === 'scalar' && (part.label.unit !== null || units[part.target] === undefined)) units[part.target] = part.label.unit;
    if (part.kind === 'budget-label' && part.unit !== null) units.budgetItems = part.unit;
  }
  return units;
}

