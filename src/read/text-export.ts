/**
 * Text exports (one line a table row, tabs between cells, cells may hold HTML) → grid rows.
 * A blank line between two table lines is a page break; lines outside the table (title, year,
 * unit name) are one-cell rows; stray markdown table rules (`----\t--`) are noise.
 */
import { InputError } from '../errors.js';
import type { Doc, Row } from '../model.js';
import type { Stage } from '../pipeline.js';
import { HtmlTooDeepError } from './html-depth.js';
import { fragmentToParagraphEdges, htmlFragmentToText } from './html-text.js';
import { TITLE_PATTERN } from '../vocab/title.js';

/** A line made only of dashes, colons, pipes and blanks (a markdown table rule). */
const RULE_LINE = /^[\s|:\-–—=]*-[\s|:\-–—=]*$/;

/** Splits a line into cells at tabs: each cell's clean text, and whether it is whole paragraphs. */
export function lineToCells(line: string): { text: string; opensParagraph?: true; closesParagraph?: true }[] {
  return line.split('\t').map((fragment) => {
    const cell: { text: string; opensParagraph?: true; closesParagraph?: true } = { text: htmlFragmentToText(fragment) };
    // Paragraph edges are tags: a cell of plain text has none.
    if (!fragment.includes('<')) return cell;
    const { opensParagraph, closesParagraph } = fragmentToParagraphEdges(fragment);
    if (opensParagraph) cell.opensParagraph = true;
    if (closesParagraph) cell.closesParagraph = true;
    return cell;
  });
}

/** The rows of a text export, with page numbers and page breaks, in file order. */
export function textToRows(text: string): { rows: Row[]; pages: number } {
  const rows: Row[] = [];
  let page = 1;
  let blankSinceLastRow = false;
  /** Inside a form's table: from its first tab-separated line to the next title. */
  let inTable = false;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.includes('\u000c') ? raw.replace(/\u000c/g, '') : raw;
    if (line.trim() === '') {
      blankSinceLastRow = true;
      continue;
    }
    if (line.includes('-') && RULE_LINE.test(line)) continue;
    const cells = lineToCells(line);
    const texts = cells.map((c) => c.text);
    if (texts.every((t) => t === '')) {
      blankSinceLastRow = true;
      continue;
    }
    const isTitle = !line.includes('\t') && TITLE_PATTERN.test(texts.join(''));
    // A new form after an earlier one starts a new page; a blank line inside the table is a
    // break (table rows without a tab, such as a lone label, count as table rows too).
    const breakHere = (isTitle && rows.length > 0) || (blankSinceLastRow && inTable);
    if (isTitle) inTable = false;
    else if (line.includes('\t')) inTable = true;
    if (breakHere) page++;
    rows.push({
      cells: cells.map((c, col) => ({ col, colSpan: 1, rowSpan: 1, ...c, page, via: 'text' as const })),
      page,
      pageBreakBefore: breakHere && !isTitle,
    });
    blankSinceLastRow = false;
  }
  return { rows, pages: rows.length ? page : 0 };
}

/** Stage: fills `doc.rows` from the decoded text of a text export; a cell nested deeper than any form's HTML stops the file. */
export const readTextExport: Stage = (doc: Doc) => {
  try {
    const { rows, pages } = textToRows(doc.text ?? '');
    return { ...doc, rows, source: { ...doc.source, pages } };
  } catch (err) {
    if (err instanceof HtmlTooDeepError) throw new InputError('html-too-deep', `${doc.source.path}: a cell's ${err.message}; no form is, so the file is not read`);
    throw err;
  }
};
