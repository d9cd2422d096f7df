/**
 * The two enums from the form's check boxes: every box paired with its option, then per enum the
 * one ticked option. The options decide the enum, not the row's label.
 */
import { makeIssue } from '../issues.js';
import type { FundUse, Issue, ProjectCategory, Row } from '../model.js';
import { hasMarks } from '../vocab/marks.js';
import type { OptionEnum } from '../vocab/options.js';
import type { FormPart } from './form-parts.js';
import { textToMarkSide, textToOptionMarks, textToPlainOption, type MarkSide, type OptionMark } from './option-marks.js';

/** A box of the form and the page it stands on. */
export interface PagedMark {
  mark: OptionMark;
  page: number;
}

/** Which side of its option a box stands on in this form, from the first cell that shows it (wrapped option rows may not). */
export function rowsToMarkSide(rows: readonly Row[]): MarkSide | null {
  for (const row of rows)
    for (const cell of row.cells) {
      const side = hasMarks(cell.text) ? textToMarkSide(cell.text) : null;
      if (side) return side;
    }
  return null;
}

/** Every box of the option cells (and options named without a box), in order. */
export function partsToMarks(parts: readonly FormPart[], side: MarkSide | null): PagedMark[] {
  const marks: PagedMark[] = [];
  for (const part of parts) {
    if (part.kind !== 'options') continue;
    for (const cell of part.cells) {
      if (hasMarks(cell.text)) for (const mark of textToOptionMarks(cell.text, side)) marks.push({ mark, page: cell.page });
      else {
        const plain = textToPlainOption(cell.text);
        if (plain) marks.push({ mark: plain, page: cell.page });
      }
    }
  }
  return marks;
}

/** The value of each enum (null unless exactly one of its boxes is ticked) and the doubts. */
export function marksToEnums(marks: readonly PagedMark[]): { projectCategory: ProjectCategory | null; fundUse: FundUse | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const valueOf = (enumName: OptionEnum) => {
    const own = marks.filter((m) => m.mark.enumName === enumName);
    const ticked = own.filter((m) => m.mark.ticked);
    const page = own[0]?.page ?? null;
    if (ticked.length === 1) return ticked[0]!.mark.value;
    if (ticked.length > 1)
      issues.push(makeIssue('map.checkbox-multiple', enumName, { count: ticked.length, options: ticked.map((t) => t.mark.text).join('、') }, page));
    else issues.push(makeIssue('map.checkbox-none', enumName, { count: own.length }, page));
    return null;
  };
  const projectCategory = valueOf('projectCategory') as ProjectCategory | null;
  const fundUse = valueOf('fundUse') as FundUse | null;
  for (const m of marks)
    if (m.mark.ticked && m.mark.enumName === null) issues.push(makeIssue('map.checkbox-unknown-option', null, { text: m.mark.text }, m.page));
  return { projectCategory, fundUse, issues };
}
