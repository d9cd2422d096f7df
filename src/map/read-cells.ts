/** What each non-empty cell of a row is: a label (from the dictionary), a "label：value" cell, or a value. */
import type { Cell, Row } from '../model.js';
import { matchLabel, splitInlineLabel, type LabelMatch } from '../vocab/labels.js';
import { hasMarks } from '../vocab/marks.js';

/** The part of the form a row stands in: the main table, the budget sub-table, the indicator table. */
export type Section = 'main' | 'budget' | 'indicators';

/** Labelled or not: what one non-empty cell of a row is. */
export interface ReadCell {
  cell: Cell;
  label: LabelMatch | null;
  /** For "label：value" cells, the value part. */
  inlineValue?: string;
}

/** A cell holding only an amount: digits with separators, an optional unit. */
export const AMOUNT_CELL = /^[¥￥]?\s*-?[\d０-９][\d０-９,，.．\s]*(万元|千元|元)?$/;
/** 无 ("none"): an empty sub-table or value. */
export const NONE_CELL = /^[无無]$/;

/** The non-empty cells of a row, each with the label it holds (if any), read as the section needs. */
export function rowToReadCells(row: Row, section: Section): ReadCell[] {
  const out: ReadCell[] = [];
  for (const cell of row.cells) {
    const text = cell.text.trim();
    if (!text) continue;
    const prevIsLabel = out.length > 0 && out[out.length - 1]!.label !== null && out[out.length - 1]!.inlineValue === undefined;
    // Inside the indicator table only exact labels in the first column end the table; elsewhere
    // the cell right after a label is its value unless it is exactly another label.
    const exactOnly = section === 'indicators' || prevIsLabel;
    let label = section === 'indicators' && out.length > 0 ? null : matchLabel(text, { fuzzy: !exactOnly });
    if (label && exactOnly && !label.exact) label = null;
    if (label && section === 'indicators' && label.target === 'budgetHeader') label = null;
    if (label) {
      out.push({ cell, label });
      continue;
    }
    const inline = hasMarks(text) ? null : splitInlineLabel(text);
    if (inline && (section !== 'indicators' || out.length === 0) && inline.label.exact) {
      out.push({ cell, label: inline.label, inlineValue: inline.value });
      continue;
    }
    out.push({ cell, label: null });
  }
  return out;
}
