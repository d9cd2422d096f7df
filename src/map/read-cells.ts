/** What each non-empty cell of a row is: a label (from the dictionary), a "label：value" cell, or a value. */
import { AMOUNT_FIELDS, DATE_FIELDS, TEXT_FIELDS, type Cell, type Row } from '../model.js';
import { guessLabel, matchCategory, matchLabel, splitInlineLabel, type LabelMatch, type LabelTarget } from '../vocab/labels.js';
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

const NOTHING_GIVEN: ReadonlySet<LabelTarget> = new Set();

/** The header label of each sub-table. */
const OWN_HEADER: Record<Exclude<Section, 'main'>, LabelTarget> = { budget: 'budgetHeader', indicators: 'indicatorHeader' };

/** Labels that open or head a sub-table: a row of nothing else is a header row. */
const TABLE_HEAD_TARGETS: ReadonlySet<LabelTarget> = new Set(['budgetItems', 'budgetHeader', 'indicators', 'indicatorHeader']);

/** Whether every filled cell of a row is, exactly written, a sub-table's label or header (子项目名称 | 预算金额). */
function isHeaderRow(row: Row): boolean {
  return row.cells.every((c) => {
    const text = c.text.trim();
    if (!text) return true;
    const label = matchLabel(text, { fuzzy: false });
    return !!label && TABLE_HEAD_TARGETS.has(label.target);
  });
}

/**
 * Inside a sub-table a row is a row of that table unless its structure says otherwise: only the
 * row's first cell, standing left of the table's names (in the form's label column), ends the
 * table with a form label, matched by edit distance only for OCR text (a typed indicator
 * named 完成时间 is an indicator, not the 结束时间 label), and never with a label the form has
 * already given (an item named 总预算 is no second 项目总预算); the table's own header, exactly
 * written, is its header when its row holds nothing else (an indicator named 目标值 beside its
 * target is a row); a category cell is never a label.
 */
function subTableLabel(
  cell: Cell,
  text: string,
  row: Row,
  section: Exclude<Section, 'main'>,
  firstInRow: boolean,
  namesLeft: number | null,
  given: ReadonlySet<LabelTarget>,
): LabelMatch | null {
  const label = matchLabel(text, { fuzzy: cell.via === 'ocr' });
  if (!label) return null;
  // The budget header may share its row with the table's label; the indicator header opens its row.
  if (label.target === OWN_HEADER[section]) return label.exact && (firstInRow || section === 'budget') && isHeaderRow(row) ? label : null;
  if (!firstInRow || !standsLeftOf(cell, namesLeft) || label.target === 'budgetHeader' || label.target === 'indicatorHeader' || given.has(label.target)) return null;
  return section === 'indicators' && matchCategory(text) ? null : label;
}

/** A budget row of a name and an amount alone: a label-like name of a field that is no amount is an item's name. */
function isItemBesideAmount(row: Row, label: LabelMatch): boolean {
  const cells = row.cells.filter((c) => c.text.trim());
  return cells.length === 2 && AMOUNT_CELL.test(cells[1]!.text.trim()) && !(AMOUNT_FIELDS as readonly string[]).includes(label.target);
}

/** A text of two to four words. */
const TWO_TO_FOUR_WORDS = /^\s*\S+(?:\s+\S+){1,3}\s*$/;

/**
 * An amount label and its amount read as one cell, a blank between them (项目当年预算（元） 3852081:
 * a label centred in a borderless table ends close to the value beside it), also when the label
 * wraps in its cell and the amount stands beside its first line (同名项目上年预算执 5240673 /
 * 行数（元）). Only an amount label, exactly written once the amount is taken out, with the amount
 * after its start: prose starting with a label word stays prose.
 */
function splitAmountLabel(text: string): { label: LabelMatch; value: string } | null {
  // Most cells are one word or prose of many: turned away before the split.
  if (!TWO_TO_FOUR_WORDS.test(text)) return null;
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length < 2 || words.length > 4) return null;
  const amounts = words.filter((w) => AMOUNT_CELL.test(w));
  if (amounts.length !== 1 || AMOUNT_CELL.test(words[0]!)) return null;
  const rest = words.filter((w) => w !== amounts[0]).join('');
  if (rest.length < 2 || rest.length > 30) return null;
  const label = matchLabel(rest, { fuzzy: false });
  return label && (AMOUNT_FIELDS as readonly string[]).includes(label.target) ? { label, value: amounts[0]! } : null;
}

/**
 * Where a cell starts across the page: its left edge where the reader knows it (PDFs, scans: the
 * same on every page, where a borderless table's column numbers are not), else its column.
 */
export const cellLeft = (cell: Cell): number => cell.bbox?.x0 ?? cell.col;

/** Whether a cell starts left of a sub-table's names (unknown yet: whether it is in the first column). */
function standsLeftOf(cell: Cell, namesLeft: number | null): boolean {
  if (namesLeft === null) return cell.col === 0;
  // Text edges of one column differ by a point or two in print and scans.
  return cell.bbox ? cell.bbox.x0 < namesLeft - 2 : cell.col < namesLeft;
}

/**
 * The non-empty cells of a row, each with the label it holds (if any), read as the section needs.
 * `namesLeft`: inside a sub-table, where its names start (`cellLeft`), null until a row shows it;
 * `given`: the labels the form has given so far, which inside a sub-table are its rows' words.
 */
export function rowToReadCells(row: Row, section: Section, namesLeft: number | null = null, given: ReadonlySet<LabelTarget> = NOTHING_GIVEN): ReadCell[] {
  const out: ReadCell[] = [];
  /** The section a cell stands in: after the budget table's label, the rest of its row is that table's. */
  let cellSection = section;
  for (const cell of row.cells) {
    const text = cell.text.trim();
    // A scanned cell whose ink read as nothing (confidence 0) stays, so its field is flagged.
    if (!text && cell.confidence !== 0) continue;
    const firstInRow = out.length === 0;
    let label: LabelMatch | null;
    if (cellSection === 'main') {
      // The cell right after a label is its value unless it is exactly another label.
      const prevIsLabel = !firstInRow && out[out.length - 1]!.label !== null && out[out.length - 1]!.inlineValue === undefined;
      label = matchLabel(text, { fuzzy: !prevIsLabel });
    } else {
      label = subTableLabel(cell, text, row, cellSection, firstInRow, namesLeft, given);
      if (label && cellSection === 'budget' && isItemBesideAmount(row, label)) label = null;
    }
    if (label) {
      out.push({ cell, label });
      if (label.target === 'budgetItems') cellSection = 'budget';
      continue;
    }
    const inline = hasMarks(text) ? null : (splitInlineLabel(text) ?? (cellSection === 'main' ? splitAmountLabel(text) : null));
    if (inline && inline.label.exact && (cellSection === 'main' || (firstInRow && standsLeftOf(cell, namesLeft) && !given.has(inline.label.target)))) {
      out.push({ cell, label: inline.label, inlineValue: inline.value });
      continue;
    }
    out.push({ cell, label: null });
  }
  if (section === 'main') guessFirstLabel(out, given);
  return out;
}

/** The scalar fields a label may name (the lists and the two enums have rows or boxes of their own). */
const SCALAR_LABELS: readonly LabelTarget[] = [...TEXT_FIELDS, ...DATE_FIELDS, ...AMOUNT_FIELDS];

/**
 * A row whose first cell, in the label column, is no label, with a value after it and another
 * label later on the row (上年预算额(千元\\ | 168.3 | 上年预算执行数 | 168.3): the first cell
 * is a label misread, taken as the one it most resembles among those the form and the row have
 * not given yet (and doubted), rather than the whole row falling into the text above it.
 */
function guessFirstLabel(out: ReadCell[], given: ReadonlySet<LabelTarget>): void {
  const first = out[0];
  if (!first || first.label || out.length < 3 || out[1]!.label || !out.slice(2).some((r) => r.label && SCALAR_LABELS.includes(r.label.target))) return;
  if (first.cell.col !== 0 || hasMarks(first.cell.text)) return;
  const inRow = new Set(out.flatMap((r) => (r.label ? [r.label.target] : [])));
  const label = guessLabel(first.cell.text.trim(), new Set(SCALAR_LABELS.filter((t) => !given.has(t) && !inRow.has(t))));
  if (label) first.label = label;
}
