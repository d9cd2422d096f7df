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

/** Whether a row is the title line of a form (only a row holding 绩 is joined and tested). */
export const isTitleRow = (row: Row): boolean => row.cells.some((c) => c.text.includes('绩')) && isTitleText(row.cells.map((c) => c.text).join(''));

/** Whether a row starts with a label of the form's main table. */
const hasFormLabel = (row: Row): boolean => row.cells.some((c) => matchLabel(c.text, { fuzzy: false }) !== null);

/**
 * The forms in a file's rows, in order, each with its rows and pages, one at a time: a form is
 * handed on as soon as the next one starts, so a reader of a long file can drop its rows.
 */
export function* rowsToFormStream(rows: Iterable<Row>): Generator<Form> {
  let current: Row[] | null = null;
  let labelled = false;
  let formIndex = 0;
  const finished = (g: Row[]): Form => {
    const pages = new Set<number>();
    for (const r of g) {
      pages.add(r.page);
      // Cells are almost always on their row's page: compared before the set is touched.
      for (const c of r.cells) if (c.page !== r.page) pages.add(c.page);
    }
    return { formIndex: formIndex++, rows: g, pages: [...pages].sort((a, b) => a - b), issues: [] };
  };
  for (const row of rows) {
    const starts = isTitleRow(row) || (!current && hasFormLabel(row));
    if (starts) {
      // Rows without any form label (a cover note under a title) are no form.
      if (current && labelled) yield finished(current);
      current = [];
      labelled = false;
    }
    if (!current) continue;
    current.push(row);
    labelled ||= hasFormLabel(row);
  }
  if (current && labelled) yield finished(current);
}

/** The forms in a file's rows, in order, each with its rows and pages. */
export const rowsToForms = (rows: readonly Row[]): Form[] => [...rowsToFormStream(rows)];

/** Stage: splits the document's rows into forms. */
export const splitForms = (doc: import('../model.js').Doc): import('../model.js').Doc => ({ ...doc, forms: rowsToForms(doc.rows) });
