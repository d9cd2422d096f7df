/**
 * The wording and default severity of every issue code, in one table, so stages only say what
 * happened (`code`, `field`, parameters) and tests check codes and fields, not prose.
 */
import type { BBox, Issue, IssueCode, Severity } from './model.js';

type Params = Record<string, string | number | undefined>;

const clip = (s: string | number | undefined, n = 40): string => {
  const t = String(s ?? '');
  return t.length > n ? `${t.slice(0, n)}…` : t;
};

export const ISSUES: Record<IssueCode, { severity: Severity; text: (p: Params) => string }> = {
  'read.no-text-layer': { severity: 'error', text: (p) => `page ${p.page} has no usable text layer${p.why ? ` (${p.why})` : ''}` },
  'read.ocr-failed': { severity: 'error', text: (p) => `OCR could not read ${p.what ?? 'the page'}${p.why ? `: ${p.why}` : ''}` },
  'read.low-confidence': { severity: 'warning', text: (p) => `OCR confidence ${p.confidence} is low for "${clip(p.text)}"` },
  'read.readings-differ': { severity: 'warning', text: (p) => `two readings of the scan differ: "${clip(p.text)}" and "${clip(p.other)}"; the first is kept` },
  'read.box-under-stamp': { severity: 'warning', text: (p) => `${p.count} tick box${Number(p.count) > 1 ? 'es lie' : ' lies'} under a stamp; the tick was judged on dark ink only` },
  'read.boxes-missing': { severity: 'warning', text: (p) => `${p.options} options but only ${p.boxes} tick boxes were found; a box may be hidden (under a stamp), so the tick may be paired with the wrong option` },
  'read.stray-marks': { severity: 'warning', text: (p) => `"${clip(p.text)}" was read with an unmatched bracket or a stray mark at its end: part of it may be misread` },
  'read.no-table': { severity: 'error', text: (p) => `no table found on page ${p.page}` },
  'read.table-guessed': { severity: 'warning', text: (p) => `no table rulings found on page ${p.page}; its cells were guessed from the text lines, so every value on it may be misplaced` },
  'read.blank-page': { severity: 'info', text: (p) => `page ${p.page} is blank; it was not read` },
  'read.bad-bytes': {
    severity: 'warning',
    text: (p) => `the file has ${p.count} byte sequence${p.count === 1 ? '' : 's'} that ${p.count === 1 ? 'is' : 'are'} not valid ${p.encoding}, shown as � (a stray or cut character); check the values that hold one`,
  },
  'map.checkbox-none': { severity: 'warning', text: (p) => `no box is ticked among the ${p.count} options${p.options ? ` (${p.options})` : ''}` },
  'map.checkbox-multiple': { severity: 'warning', text: (p) => `${p.count} boxes are ticked (${p.options}); the value is left empty` },
  'map.checkbox-unknown-option': { severity: 'warning', text: (p) => `a ticked box stands beside "${clip(p.text)}", which is no known option` },
  'map.unlabelled-row': { severity: 'warning', text: (p) => `a row without a label could not be placed: "${clip(p.text, 60)}"` },
  'map.duplicate-field': { severity: 'warning', text: (p) => `the label ${p.label} appears twice; the second value is not used: "${clip(p.text, 60)}"` },
  'map.label-guessed': { severity: 'warning', text: (p) => `the label cell "${clip(p.text)}" matched no label; it was taken as this field's, the closest, so its value is doubted` },
  'normalise.budget-item-incomplete': { severity: 'warning', text: (p) => `budget item "${clip(p.name)}" has ${p.missing}` },
  'normalise.indicator-no-category': { severity: 'warning', text: (p) => `indicator "${clip(p.name)}" stands before any category; not stored` },
  'normalise.bad-date': { severity: 'warning', text: (p) => `"${clip(p.text)}" is not a date` },
  'normalise.bad-amount': { severity: 'warning', text: (p) => `"${clip(p.text)}" is not an amount in yuan` },
  'normalise.bad-year': { severity: 'warning', text: (p) => `"${clip(p.text)}" is not a year` },
  'validate.required-missing': { severity: 'warning', text: (p) => `${p.label ?? p.field} is missing` },
  'validate.budget-sum': { severity: 'warning', text: (p) => `budget items add up to ${p.sum} yuan, not the year's budget of ${p.budget} yuan` },
  'validate.budget-order': { severity: 'warning', text: (p) => `the year's budget (${p.current}) exceeds the total budget (${p.total})` },
  'validate.date-order': { severity: 'warning', text: (p) => `the end date ${p.end} is before the start date ${p.start}` },
  'validate.cell-truncated': { severity: 'warning', text: (p) => `the text looks cut off after ${p.length} characters ("…${clip(p.tail, 12)}")${p.why ? `: ${p.why}` : ''}` },
  'validate.text-structure': { severity: 'warning', text: (p) => `the text holds ${p.what}: rows of the form may have been read into it` },
  'validate.label-in-value': { severity: 'warning', text: (p) => `empty, but its label "${clip(p.label)}" was read inside the value of ${p.field}: its value may be there too` },
  'validate.target-incomplete': { severity: 'warning', text: (p) => `the target "${clip(p.text)}" compares without a number: its number may have been lost` },
  'validate.target-doubted': { severity: 'warning', text: (p) => `parsed from a target that is doubted (${p.code}); correct the target and its parse follows` },
  'validate.schema': { severity: 'error', text: (p) => `the record does not fit the schema: ${p.why}` },
  'store.similar-key': {
    severity: 'warning',
    text: (p) => `stored as a new version of declaration #${p.id} (${p.key}), matched by similarity: the year, unit and project differ by ${p.distance} character${p.distance === 1 ? '' : 's'}`,
  },
  'store.repeated-form': { severity: 'info', text: (p) => `the form with formIndex ${p.other} in the same file repeats this form exactly; it is stored once` },
  'store.same-key-in-file': {
    severity: 'warning',
    text: (p) => `the form with formIndex ${p.other} in the same file has the same year, unit and project with other content; both are kept as current declarations`,
  },
  'review.conflict': {
    severity: 'warning',
    text: (p) => `read again as ${p.now}; the machine first read ${p.was}; the correction (in force) says ${p.corrected}`,
  },
};

/** Where an issue points: a page, or a page and a box on it (a cell, a field value). */
export type IssuePlace = number | null | { page: number | null; bbox?: BBox | undefined };

/** A new issue with its wording and severity from the table. */
export function makeIssue(code: IssueCode, field: string | null, params: Params = {}, place: IssuePlace = null, severity?: Severity): Issue {
  const entry = ISSUES[code];
  const page = typeof place === 'object' && place !== null ? place.page : place;
  const bbox = typeof place === 'object' && place !== null ? place.bbox : undefined;
  return { code, field, severity: severity ?? entry.severity, message: entry.text(params), page, ...(bbox ? { bbox } : {}) };
}
