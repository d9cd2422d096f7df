/**
 * Text exports (one line a table row, tabs between cells, cells may hold HTML) → grid rows.
 * A blank line between two table lines is a page break; lines outside the table (title, year,
 * unit name) are one-cell rows; stray markdown table rules (`----\t--`) are noise.
 */
import { InputError } from '../errors.js';
import type { Cell, Doc, Row } from '../model.js';
import { HtmlTooDeepError } from './html-depth.js';
import { fragmentToParagraphEdges, htmlFragmentToText } from './html-text.js';
import { TITLE_PATTERN } from '../vocab/title.js';

/** A line made only of dashes, colons, pipes and blanks (a markdown table rule). */
const RULE_LINE = /^[\s|:\-–—=]*-[\s|:\-–—=]*$/;

/**
 * Splits a line into cells at tabs: each cell's clean text and whether it is whole paragraphs; the
 * page is 0 until the caller knows the row's.
 */
export function lineToCells(line: string): Cell[] {
  const fragments = line.split('\t');
  const cells: Cell[] = [];
  for (let col = 0; col < fragments.length; col++) {
    const fragment = fragments[col]!;
    const cell: Cell = { col, colSpan: 1, rowSpan: 1, text: htmlFragmentToText(fragment), page: 0, via: 'text' };
    // Paragraph edges are tags: a cell of plain text has none.
    if (fragment.includes('<')) {
      const { opensParagraph, closesParagraph } = fragmentToParagraphEdges(fragment);
      if (opensParagraph) cell.opensParagraph = true;
      if (closesParagraph) cell.closesParagraph = true;
    }
    cells.push(cell);
  }
  return cells;
}

/** The lines of a text, one at a time (the text of a large export is not split into an array at once). */
export function* textToLines(text: string): Generator<string> {
  const lineEnd = /\r\n|\r|\n/g;
  let from = 0;
  for (let m = lineEnd.exec(text); m; m = lineEnd.exec(text)) {
    yield text.slice(from, m.index);
    from = lineEnd.lastIndex;
  }
  yield text.slice(from);
}

/**
 * The rows of a text export, with page numbers and page breaks, in file order, one at a time.
 * Throws HtmlTooDeepError for a cell nested deeper than any form.
 */
export function* textToRowStream(text: string): Generator<Row> {
  let page = 1;
  let blankSinceLastRow = false;
  let firstRow = true;
  /** Inside a form's table: from its first tab-separated line to the next title. */
  let inTable = false;
  for (const raw of textToLines(text)) {
    const line = raw.includes('\u000c') ? raw.replace(/\u000c/g, '') : raw;
    if (line.trim() === '') {
      blankSinceLastRow = true;
      continue;
    }
    if (line.includes('-') && RULE_LINE.test(line)) continue;
    const cells = lineToCells(line);
    if (cells.every((c) => c.text === '')) {
      blankSinceLastRow = true;
      continue;
    }
    // A line without a tab is one cell.
    const isTitle = cells.length === 1 && TITLE_PATTERN.test(cells[0]!.text);
    // A new form after an earlier one starts a new page; a blank line inside the table is a
    // break (table rows without a tab, such as a lone label, count as table rows too).
    const breakHere = (isTitle && !firstRow) || (blankSinceLastRow && inTable);
    if (isTitle) inTable = false;
    else if (line.includes('\t')) inTable = true;
    if (breakHere) page++;
    for (const cell of cells) cell.page = page;
    yield { cells, page, pageBreakBefore: breakHere && !isTitle };
    firstRow = false;
    blankSinceLastRow = false;
  }
}

/** The one-line error for a cell nested deeper than any form's HTML; other errors as they are. */
export function textReadError(doc: Doc, err: unknown): unknown {
  return err instanceof HtmlTooDeepError ? new InputError('html-too-deep', `${doc.source.path}: a cell's ${err.message}; no form is, so the file is not read`) : err;
}
