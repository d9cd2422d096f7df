/**
 * HTML pages → grid rows: every `<table>` read with cheerio into rows of cells with their grid
 * column and row/column spans (the HTML table model), and the text blocks outside tables
 * (title, year, unit name) as one-cell rows, all in document order.
 */
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { InputError } from '../errors.js';
import type { Cell, Doc, Row } from '../model.js';
import type { Stage } from '../pipeline.js';
import { HtmlTooDeepError, htmlNestsDeeperThan } from './html-depth.js';
import { nodeToText } from './html-text.js';
import { TITLE_PATTERN } from '../vocab/title.js';

/** Elements that hold a paragraph of their own. */
const BLOCKS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'caption', 'li', 'ul', 'ol', 'section', 'article', 'center', 'header', 'footer', 'main', 'form']);
const SKIPPED = new Set(['script', 'style', 'head', 'title', 'noscript', 'template']);

const spanOf = (el: Element, attr: 'rowspan' | 'colspan'): number => {
  const n = Number.parseInt(el.attribs?.[attr] ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 1000) : 1;
};

const childElements = (el: AnyNode): Element[] =>
  ((el as Element).children ?? []).filter((c): c is Element => c.type === 'tag');

/** The `<tr>`s of a table in order, looking through thead/tbody/tfoot but not into nested tables. */
function tableToTrs(table: Element): Element[] {
  const out: Element[] = [];
  for (const child of childElements(table)) {
    const name = child.name.toLowerCase();
    if (name === 'tr') out.push(child);
    else if (name === 'thead' || name === 'tbody' || name === 'tfoot') out.push(...tableToTrs(child));
  }
  return out;
}

const PARAGRAPH_ELEMENTS = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote']);

/** Whether a cell's content begins with a paragraph element, and ends with one (blank text aside). */
function cellToParagraphEdges(td: Element): { opensParagraph?: true; closesParagraph?: true } {
  const kids = (td.children ?? []).filter((c) => c.type === 'tag' || (c.type === 'text' && (c as unknown as { data: string }).data.trim() !== ''));
  const isParagraph = (n: AnyNode | undefined) => n?.type === 'tag' && PARAGRAPH_ELEMENTS.has((n as Element).name.toLowerCase());
  return { ...(isParagraph(kids[0]) ? { opensParagraph: true } : {}), ...(isParagraph(kids[kids.length - 1]) ? { closesParagraph: true } : {}) };
}

/** Grid rows of one table: cells placed in grid columns, skipping slots taken by rowspans above. */
export function tableToRows(table: Element): Row[] {
  const rows: Row[] = [];
  const taken: boolean[][] = [];
  tableToTrs(table).forEach((tr, r) => {
    taken[r] ??= [];
    const cells: Cell[] = [];
    let col = 0;
    for (const td of childElements(tr)) {
      const name = td.name.toLowerCase();
      if (name !== 'td' && name !== 'th') continue;
      while (taken[r]![col]) col++;
      const rowSpan = spanOf(td, 'rowspan');
      const colSpan = spanOf(td, 'colspan');
      for (let dr = 0; dr < rowSpan; dr++) {
        const line = (taken[r + dr] ??= []);
        for (let dc = 0; dc < colSpan; dc++) line[col + dc] = true;
      }
      cells.push({ col, colSpan, rowSpan, text: nodeToText(td), page: 1, via: 'html', ...cellToParagraphEdges(td) });
      col += colSpan;
    }
    rows.push({ cells, page: 1, pageBreakBefore: false });
  });
  return rows;
}

/** An element that asks for a page break (print CSS or a page-break class, as Word and printers write it). */
const isPageBreak = (el: Element): boolean => {
  const style = (el.attribs?.style ?? '').toLowerCase().replace(/\s/g, '');
  return /page-break-(before|after):always|break-(before|after):page/.test(style) || /(^|\s)page-?break(\s|$)/i.test(el.attribs?.class ?? '');
};

/**
 * All rows of an HTML page in document order: text blocks outside tables as one-cell rows, then
 * table rows. A form's table that starts again after another table of the same form (a page
 * break cut it in two), or after a page-break element, continues on a new page.
 */
export function htmlToRows(html: string): { rows: Row[]; pages: number } {
  const $ = cheerio.load(html);
  const rows: Row[] = [];
  let page = 1;
  let breakPending = false;
  let tableRowsInForm = false;
  const push = (row: Omit<Row, 'page' | 'pageBreakBefore'>) => {
    const pageBreakBefore = breakPending && rows.length > 0;
    if (pageBreakBefore) page++;
    breakPending = false;
    rows.push({ cells: row.cells.map((c) => ({ ...c, page })), page, pageBreakBefore });
  };
  const textRow = (text: string): void => {
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      // A new form's title ends the previous form's table and starts a page of its own.
      if (TITLE_PATTERN.test(line) && rows.length > 0) {
        breakPending = true;
        tableRowsInForm = false;
      }
      push({ cells: [{ col: 0, colSpan: 1, rowSpan: 1, text: line.trim(), page, via: 'html' }] });
    }
  };
  const visit = (el: Element): void => {
    const name = el.name.toLowerCase();
    if (isPageBreak(el)) breakPending = true;
    if (name === 'table') {
      const caption = childElements(el).find((c) => c.name.toLowerCase() === 'caption');
      if (caption) textRow(nodeToText(caption));
      const tableRows = tableToRows(el);
      if (tableRows.length && tableRowsInForm) breakPending = true;
      for (const row of tableRows) push(row);
      tableRowsInForm ||= tableRows.length > 0;
      return;
    }
    if (SKIPPED.has(name)) return;
    const holdsBlocks = $(el).find('table').length > 0 || childElements(el).some((k) => BLOCKS.has(k.name.toLowerCase()));
    if (!holdsBlocks) {
      textRow(nodeToText(el));
      return;
    }
    // Containers (body, div with blocks inside): loose text between blocks still counts.
    for (const child of el.children ?? []) {
      if (child.type === 'tag') visit(child as Element);
      else if (child.type === 'text') textRow(((child as unknown as { data: string }).data ?? '').trim());
    }
  };
  const body = $('body')[0] ?? $.root()[0];
  for (const child of (body as Element).children ?? []) {
    if (child.type === 'tag') visit(child as Element);
    else if (child.type === 'text') textRow(((child as unknown as { data: string }).data ?? '').trim());
  }
  return { rows, pages: rows.length ? page : 0 };
}

/** Stage: fills `doc.rows` from the decoded text of an HTML page; a page nested deeper than any form is refused. */
export const readHtmlPage: Stage = (doc: Doc) => {
  const html = doc.text ?? '';
  if (htmlNestsDeeperThan(html))
    throw new InputError('html-too-deep', `${doc.source.path}: ${new HtmlTooDeepError().message}; no form is, so the page is not read`);
  const { rows, pages } = htmlToRows(html);
  return { ...doc, rows, source: { ...doc.source, pages } };
};
