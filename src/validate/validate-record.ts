/**
 * Validation: the record against the SPEC schema (zod) and the checks a reader of the form
 * would make: required fields present, budget items adding up to the year's budget, the year's
 * budget within the total, dates in order, text cells that look cut off or that hold table rows.
 */
import { makeIssue } from '../issues.js';
import { DeclarationRecord, PROSE_FIELDS, type FieldValue, type Issue, type NormalisedForm } from '../model.js';
import { labelWording, matchLabel, REQUIRED_FIELDS } from '../vocab/labels.js';
import { AMOUNT_CELL } from '../map/read-cells.js';
import { targetLacksNumber } from '../normalise/targets.js';
import { readingHasStrayMarks } from '../scan/reading-doubts.js';
import { fitsRecordShape } from './record-shape.js';
import { textToStructureIssue } from './text-structure.js';

/**
 * Lengths at which exporting systems cut text columns (VARCHAR(255) and friends): a text of
 * exactly this many characters most likely lost its end.
 */
export const CUT_LENGTHS = new Set([255, 256, 500, 512, 1000, 1024, 2000, 2048, 4000, 4096, 8000]);
/** How a finished text ends: sentence punctuation, a closing bracket or quote, a number, a unit. */
const FINISHED_END = /[。．.！!？?；;）)」』”"’'》】\]%％\d]$|[等期年月日内止]$/u;

/** The record without `source` and `issues`, which are added after validation; built once (zod compiles it). */
const RecordFields = DeclarationRecord.omit({ source: true, issues: true });

/**
 * Characters (code points) of a text without its line breaks, as `[...text.replace(/\n/g, '')]`
 * counts them, without copying the text: a surrogate pair is one character, also when a line
 * break stood between its halves.
 */
function charsWithoutLineBreaks(text: string): number {
  let chars = 0;
  let prev = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) continue;
    const pairsWithPrev = c >= 0xdc00 && c <= 0xdfff && prev >= 0xd800 && prev <= 0xdbff;
    if (!pairsWithPrev) chars++;
    // The low half of a pair cannot start another pair.
    prev = pairsWithPrev ? 0 : c;
  }
  return chars;
}

/** Issues for a text that looks cut off: a storage-limit length, or a long text ending mid-sentence. */
export function textToTruncationIssue(field: string, text: string | null, page: number | null): Issue | null {
  if (!text) return null;
  const chars = charsWithoutLineBreaks(text);
  const tail = text.slice(-12);
  if (CUT_LENGTHS.has(chars)) return makeIssue('validate.cell-truncated', field, { length: chars, tail, why: 'exactly a common storage limit' }, page);
  if (chars >= 60 && !FINISHED_END.test(text.trimEnd()))
    return makeIssue('validate.cell-truncated', field, { length: chars, tail, why: 'it ends in the middle of a sentence' }, page, 'info');
  return null;
}

/**
 * OCR confidence (0..1) below which a field's value is reported as doubtful. Both engines give
 * 0.8 and more for cells they read right on the samples; a cell read again without agreement
 * has 0.
 */
export const MIN_FIELD_CONFIDENCE = 0.5;

const PROSE = new Set<string>(PROSE_FIELDS);

/**
 * An empty field whose label stands inside another short value (a label wrapped in its cell, read
 * together with the value beside it): its own value was most likely read into that value too.
 * The words of the value without its numbers must be the label, exactly written.
 */
function labelsInValuesToIssues(record: NormalisedForm['record'], provenance: Record<string, FieldValue>): Issue[] {
  const issues: Issue[] = [];
  for (const field in provenance) {
    const value = provenance[field]!;
    // A value of one word holds no label after its words.
    if (PROSE.has(field) || field.includes('[') || value.text.length > 80 || !/\s/.test(value.text)) continue;
    const all = value.text.split(/\s+/).filter(Boolean);
    const words = all.filter((w) => !AMOUNT_CELL.test(w));
    // The label is the value's last words: after a value's own words, or after its numbers.
    for (let k = words.length === all.length ? 1 : 0; k < words.length; k++) {
      const text = words.slice(k).join('');
      const named = matchLabel(text, { fuzzy: false })?.target;
      if (named && named !== field && named in record && (record as Record<string, unknown>)[named] === null) {
        issues.push(makeIssue('validate.label-in-value', named, { label: text, field }, value.page));
        break;
      }
    }
  }
  return issues;
}

/** An indicator's target as an issue names it. */
const TARGET_FIELD = /^indicators\[(\d+)\]\.target$/;

/**
 * A doubt on a target is a doubt on its parse too: people correct the target, but sums and
 * queries read `targetParsed`. One issue per doubted target points from the parse to it.
 */
function doubtedTargetsToIssues(issues: readonly Issue[]): Issue[] {
  const seen = new Map<string, Issue>();
  for (const i of issues) {
    const m = TARGET_FIELD.exec(i.field ?? '');
    if (m && !seen.has(m[1]!)) seen.set(m[1]!, makeIssue('validate.target-doubted', `indicators[${m[1]}].targetParsed`, { code: i.code }, i.page ?? null));
  }
  return [...seen.values()];
}

/**
 * All validation issues of one normalised record. `issues` are those raised before validation
 * (reading, mapping, normalising): a target they doubt makes its parse doubted.
 */
export function validateRecord({ record, provenance, issues: earlier }: NormalisedForm): Issue[] {
  const issues: Issue[] = [];
  const pageOf = (field: string): number | null => (provenance[field] as FieldValue | undefined)?.page ?? null;

  for (const field of REQUIRED_FIELDS) {
    const label = labelWording(field);
    // An empty list has no page of its own: the issue is the form's.
    if (field === 'indicators') {
      if (record.indicators.length === 0) issues.push(makeIssue('validate.required-missing', field, { field, label }));
    } else if (record[field] === null) issues.push(makeIssue('validate.required-missing', field, { field, label }, pageOf(field)));
  }

  if (record.budgetItems.length && record.currentYearBudget !== null) {
    const sum = Math.round(record.budgetItems.reduce((s, b) => s + b.amount, 0) * 100) / 100;
    if (Math.abs(sum - record.currentYearBudget) > 0.005)
      issues.push(makeIssue('validate.budget-sum', 'budgetItems', { sum, budget: record.currentYearBudget }, pageOf('budgetItems[0].amount')));
  }
  if (record.totalBudget !== null && record.currentYearBudget !== null && record.currentYearBudget > record.totalBudget + 0.005)
    issues.push(makeIssue('validate.budget-order', 'currentYearBudget', { current: record.currentYearBudget, total: record.totalBudget }, pageOf('currentYearBudget')));
  if (record.startDate && record.endDate && record.endDate < record.startDate)
    issues.push(makeIssue('validate.date-order', 'endDate', { start: record.startDate, end: record.endDate }, pageOf('endDate')));

  for (const f of PROSE_FIELDS) {
    const issue = textToTruncationIssue(f, record[f], pageOf(f));
    if (issue) issues.push(issue);
    const structure = textToStructureIssue(f, record[f], pageOf(f));
    if (structure) issues.push(structure);
  }

  record.indicators.forEach((ind, i) => {
    if (ind.target && targetLacksNumber(ind.target))
      issues.push(makeIssue('validate.target-incomplete', `indicators[${i}].target`, { text: ind.target }, pageOf(`indicators[${i}].target`)));
  });

  // `for…in` over the plain record of values: the order of Object.entries, without making its pairs.
  for (const field in provenance) {
    const value = provenance[field]!;
    // Two readings that differ say more than a low confidence: the issue carries both.
    if (value.via === 'ocr' && value.otherReading !== undefined && value.otherReading !== value.text)
      issues.push(makeIssue('read.readings-differ', field, { text: value.text, other: value.otherReading }, value.page));
    else if (value.via === 'ocr' && value.confidence !== undefined && value.confidence < MIN_FIELD_CONFIDENCE)
      issues.push(makeIssue('read.low-confidence', field, { confidence: value.confidence.toFixed(2), text: value.text }, value.page));
    else if (value.via === 'ocr' && !PROSE.has(field) && readingHasStrayMarks(value.text))
      issues.push(makeIssue('read.stray-marks', field, { text: value.text }, value.page));
  }

  issues.push(...labelsInValuesToIssues(record, provenance));
  issues.push(...doubtedTargetsToIssues([...earlier, ...issues]));

  // zod only for a record the hand check doubts: it says why.
  const shape = fitsRecordShape(record) ? { success: true as const } : RecordFields.safeParse(record);
  if (!shape.success)
    issues.push(makeIssue('validate.schema', null, { why: shape.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }));
  return issues;
}
