/**
 * Splitting a file's rows into forms: a form starts at its title row (上海市财政支出项目绩效目标
 * 申报表). Rows before the first title belong to the first form when they hold form labels (a
 * title lost to a scan or a cut), and are dropped otherwise (a cover note, a page header).
 */
import type { Form, Row } from '../model.js';
import { matchLabel } from '../vocab/labels.js';
import { TITLE_PATTERN } from '../vocab/title.js';

/** Whether a text is a form's title line (short: a sentence naming the form is no title). */
export const isTitleText = (text: string): boolean =>
  // The title pattern allows blanks between its characters, so it is tested before the blanks
  // are dropped: most texts fail it, and only the title's is copied without them.
  TITLE_PATTERN.test(text) && text.replace(/\s/g, '').length <= 60;

/** Whether a row is the title line of a form. */
export const isTitleRow = (row: Row): boolean => isTitleText(row.cells.map((c) => c.text).join(''));

/** Whether a row starts with a label of the form's main table. */
const hasFormLabel = (row: Row): boolean => row.cells.some((c) => matchLabel(c.text, { fuzzy: false }) !== null);

/** The forms in a file's rows, in order, each with its rows and pages. */
export function rowsToForms(rows: readonly Row[]): Form[] {
  const groups: Row[][] = [];
  let current: Row[] | null = null;
  for (const row of rows) {
    if (isTitleRow(row)) {
      groups.push((current = [row]));
    } else if (current) {
      current.push(row);
    } else if (hasFormLabel(row)) {
      groups.push((current = [row]));
    }
  }
  return groups
    .filter((g) => g.some(hasFormLabel))
    .map((g, formIndex) => ({
      formIndex,
      rows: g,
      pages: [...new Set(g.flatMap((r) => [r.page, ...r.cells.map((c) => c.page)]))].sort((a, b) => a - b),
      issues: [],
    }));
}

/** Stage: splits the document's rows into forms. */
export const splitForms = (doc: import('../model.js').Doc): import('../model.js').Doc => ({ ...doc, forms: rowsToForms(doc.rows) });
