/**
 * Text exports (one line a table row, tabs between cells, cells may hold HTML) → grid rows.
 * A blank line between two table lines is a page break; lines outside the table (title, year,
 * unit name) are one-cell rows; stray markdown table rules (`----\t--`) are noise.
 */
import type { Doc, Row } from '../model.js';
import type { Stage } from '../pipeline.js';
import { htmlFragmentToText } from './html-text.js';
import { TITLE_PATTERN } from '../map/labels.js';

/** A line made only of dashes, colons, pipes and blanks (a markdown table rule). */
const RULE_LINE = /^[\s|:\-–—=]*-[\s|:\-–—=]*$/;

/** Splits a line into cell texts at tabs, cleaning each cell's HTML. */
export function lineToCells(line: string): string[] {
  return line.split('\t').map(htmlFragmentToText);
}

/** The rows of a text export, with page numbers and page breaks, in file order. */
export function textToRows(text: string): { rows: Row[]; pages: number } {
  const rows: Row[] = [];
  let page = 1;
  let blankSinceLastRow = false;
  let lastWasTable = false;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/\u000c/g, '');
    if (line.trim() === '') {
      blankSinceLastRow = true;
      continue;
    }
    if (RULE_LINE.test(line)) continue;
    const texts = lineToCells(line);
    if (texts.every((t) => t === '')) {
      blankSinceLastRow = true;
      continue;
    }
    const isTable = line.includes('\t');
    const isTitle = !isTable && TITLE_PATTERN.test(texts.join(''));
    // A new form after an earlier one starts a new page; a blank line inside the table is a break.
    const breakHere = (isTitle && rows.length > 0) || (blankSinceLastRow && isTable && lastWasTable);
    if (breakHere) page++;
    rows.push({
      cells: texts.map((t, col) => ({ col, colSpan: 1, rowSpan: 1, text: t, page, via: 'text' as const })),
      page,
      pageBreakBefore: breakHere && !isTitle,
    });
    blankSinceLastRow = false;
    lastWasTable = isTable;
  }
  return { rows, pages: rows.length ? page : 0 };
}

/** Stage: fills `doc.rows` from the decoded text of a text export. */
export const readTextExport: Stage = (doc: Doc) => {
  const { rows, pages } = textToRows(doc.text ?? '');
  return { ...doc, rows, source: { ...doc.source, pages } };
};
