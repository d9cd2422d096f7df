/**
 * Field mapping: the rows of one form → the raw value of every field, with provenance.
 *
 * Walks the rows once with a small state (which section: the main table, the budget sub-table,
 * the indicator table). Labels come from the dictionary in labels.ts; boxes from options.ts.
 * A cell split by a page break is one field, whether the rest comes after the label row or its
 * first lines stand before the label row on the earlier page.
 */
import type { BBox, Cell, FieldValue, FundUse, IndicatorCategory, Issue, MappedFields, ProjectCategory, Row } from '../model.js';
import { TEXT_FIELDS, type TextField } from '../model.js';
import { makeIssue } from '../issues.js';
import { matchCategory, matchLabel, splitInlineLabel, type LabelMatch, type LabelTarget } from '../vocab/labels.js';
import { hasMarks } from '../vocab/marks.js';
import type { OptionEnum } from '../vocab/options.js';
import { TITLE_PATTERN, YEAR_IN_TITLE, YEAR_PATTERN } from '../vocab/title.js';
import type { UnitMultiplier } from '../vocab/units.js';
import { textToMarkSide, textToOptionMarks, textToPlainOption, type MarkSide, type OptionMark } from './option-marks.js';

type Section = 'main' | 'budget' | 'indicators';

/** The mapped fields of a form, the unit multipliers its amount labels named, and its doubts. */
export interface MappingResult {
  fields: MappedFields;
  /** Unit named by the label of each amount field (and `budgetItems` for the amount column). */
  units: Partial<Record<string, UnitMultiplier | null>>;
  issues: Issue[];
}

export const isTextField = (t: LabelTarget): t is TextField => (TEXT_FIELDS as readonly string[]).includes(t);
const SCALAR_TARGETS = new Set<LabelTarget>([
  ...TEXT_FIELDS,
  'startDate',
  'endDate',
  'totalBudget',
  'currentYearBudget',
  'previousYearBudget',
  'previousYearExecuted',
]);

/** Union of boxes on one page (boxes on other pages are left out). */
function unionBBox(cells: readonly Cell[]): BBox | undefined {
  const page = cells[0]?.page;
  const boxes = cells.filter((c) => c.page === page && c.bbox).map((c) => c.bbox!);
  if (!boxes.length) return undefined;
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

/** One field value from the cells that hold it (joined with a blank when several). */
export function cellsToValue(cells: readonly Cell[], text = cells.map((c) => c.text.trim()).filter(Boolean).join(' ')): FieldValue {
  const first = cells[0]!;
  const confidences = cells.map((c) => c.confidence).filter((c): c is number => c !== undefined);
  const bbox = unionBBox(cells);
  const last = cells[cells.length - 1]!;
  return {
    text,
    page: first.page,
    via: first.via,
    ...(bbox ? { bbox } : {}),
    ...(confidences.length ? { confidence: Math.min(...confidences) } : {}),
    ...(first.opensParagraph ? { opensParagraph: true } : {}),
    ...(last.closesParagraph ? { closesParagraph: true } : {}),
  };
}

/**
 * Two parts of a cell split by a page break, joined: with `\n` when the break fell between
 * paragraphs (the reader saw a paragraph end or start there, or the first part ends a
 * sentence), with nothing when it fell inside a paragraph.
 */
export function joinSplitText(first: string, rest: string, paragraphBreak = false): string {
  if (!first) return rest;
  if (!rest) return first;
  const between = paragraphBreak || /[。；;！!？?：:…]\s*$/.test(first);
  return between ? `${first.trimEnd()}\n${rest.trimStart()}` : first.trimEnd() + rest.trimStart();
}

/** Joins two values of the same field; provenance stays with the first part. */
const joinValues = (a: FieldValue, b: FieldValue): FieldValue => ({
  ...a,
  text: joinSplitText(a.text, b.text, !!(a.closesParagraph || b.opensParagraph)),
  ...(b.closesParagraph ? { closesParagraph: true } : { closesParagraph: undefined }),
  ...(a.confidence !== undefined || b.confidence !== undefined
    ? { confidence: Math.min(a.confidence ?? 1, b.confidence ?? 1) }
    : {}),
});

/** A cell holding only an amount: digits with separators, an optional unit. */
const AMOUNT_CELL = /^[¥￥]?\s*-?[\d０-９][\d０-９,，.．\s]*(万元|千元|元)?$/;

/** Labelled or not: what one non-empty cell of a row is. */
interface ReadCell {
  cell: Cell;
  label: LabelMatch | null;
  /** For "label：value" cells, the value part. */
  inlineValue?: string;
}

/** The non-empty cells of a row, each with the label it holds (if any). */
function rowToReadCells(row: Row, section: Section): ReadCell[] {
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

/** Maps the rows of one form (title row first) to raw field values. */
export function rowsToFields(rows: readonly Row[]): MappingResult {
  const fields: MappedFields = { budgetItems: [], indicators: [] };
  const scalars = fields as unknown as Record<string, FieldValue | undefined>;
  const units: MappingResult['units'] = {};
  const issues: Issue[] = [];
  const marks: { mark: OptionMark; page: number }[] = [];
  /** Which side of its option a box stands on in this form, learnt from unambiguous cells. */
  let formSide: MarkSide | null = null;
  let section: Section = 'main';
  let lastText: TextField | null = null;
  let pendingPrefix: FieldValue | null = null;
  let category: IndicatorCategory | null = null;
  let indicatorTargetCol: number | null = null;

  // Learn the form's box side first: wrapped option rows may not show it themselves.
  for (const row of rows) for (const c of row.cells) formSide ??= hasMarks(c.text) ? textToMarkSide(c.text) : null;

  const addMarks = (cells: readonly Cell[]) => {
    for (const cell of cells) {
      if (hasMarks(cell.text)) for (const mark of textToOptionMarks(cell.text, formSide)) marks.push({ mark, page: cell.page });
      else {
        const plain = textToPlainOption(cell.text);
        if (plain) marks.push({ mark: plain, page: cell.page });
      }
    }
  };

  const setScalar = (target: LabelTarget, value: FieldValue | null, row: Row, label: LabelMatch) => {
    if (label.unit !== null || units[target] === undefined) units[target] = label.unit;
    if (pendingPrefix && isTextField(target)) {
      // Lines that stood label-less before the page break are this field's start (or all of it).
      value = value ? joinValues(pendingPrefix, value) : pendingPrefix;
      pendingPrefix = null;
    }
    if (value === null) return;
    const existing = scalars[target];
    if (!existing) scalars[target] = value;
    else if (row.pageBreakBefore || existing.page !== value.page) scalars[target] = joinValues(existing, value);
    else issues.push(makeIssue('map.duplicate-field', target, { label: target, text: value.text }, value.page));
  };

  const addBudgetItem = (cells: readonly Cell[], row: Row) => {
    const amountCells = cells.filter((c) => AMOUNT_CELL.test(c.text.trim()));
    const nameCells = cells.filter((c) => !AMOUNT_CELL.test(c.text.trim()));
    // 无 ("none") in the name column: the project has no sub-items.
    if (nameCells.length === 1 && amountCells.length === 0 && /^[无無]$/.test(nameCells[0]!.text.trim())) return;
    const name = nameCells.length ? cellsToValue(nameCells) : null;
    const amount = amountCells.length ? cellsToValue([amountCells[amountCells.length - 1]!]) : null;
    const last = fields.budgetItems[fields.budgetItems.length - 1];
    // The two halves of one item split by a page break: a name above, its amount below (or the reverse).
    if (row.pageBreakBefore && last && ((last.amount === null && amount && !name) || (last.name === null && name && !amount))) {
      if (!last.amount) last.amount = amount;
      else last.name = name;
      return;
    }
    fields.budgetItems.push({ name, amount });
  };

  const addIndicator = (cells: readonly Cell[], row: Row) => {
    let rest = [...cells];
    const cat = rest.length ? matchCategory(rest[0]!.text) : null;
    if (cat) {
      category = cat;
      rest = rest.slice(1);
    }
    if (!rest.length) return;
    const last = fields.indicators[fields.indicators.length - 1];
    if (rest.length === 1) {
      const only = rest[0]!;
      // A lone cell in the target column after a page break continues the target above it.
      if (row.pageBreakBefore && !cat && last?.target && indicatorTargetCol !== null && only.col >= indicatorTargetCol) {
        last.target = joinValues(last.target, cellsToValue([only]));
        return;
      }
      const isTarget = indicatorTargetCol !== null && only.col >= indicatorTargetCol;
      fields.indicators.push({ category, name: isTarget ? null : cellsToValue([only]), target: isTarget ? cellsToValue([only]) : null });
      return;
    }
    fields.indicators.push({ category, name: cellsToValue([rest[0]!]), target: cellsToValue(rest.slice(1)) });
  };

  rows.forEach((row, i) => {
    const read = rowToReadCells(row, section);
    if (!read.length) return;
    const firstText = read[0]!.cell.text.trim();

    // Lines above the table: title, year, unit name.
    if (!fields.formTitle && TITLE_PATTERN.test(firstText)) {
      fields.formTitle = cellsToValue([read[0]!.cell], firstText.split('\n')[0]!.trim());
      const year = YEAR_IN_TITLE.exec(firstText);
      if (year) fields.year = cellsToValue([read[0]!.cell], year[0]);
      return;
    }
    if (!fields.year && read.length === 1 && YEAR_PATTERN.test(firstText.replace(/\s/g, ''))) {
      fields.year = cellsToValue([read[0]!.cell], firstText);
      return;
    }

    if (read[0]!.label) {
      // A labelled row: each label takes the cells after it, up to the next label.
      for (let k = 0; k < read.length; k++) {
        const { label, cell, inlineValue } = read[k]!;
        if (!label) continue;
        const valueCells: Cell[] = [];
        let j = k + 1;
        for (; j < read.length && !read[j]!.label; j++) valueCells.push(read[j]!.cell);
        const target = label.target;
        if (target === 'budgetItems' || target === 'budgetHeader') {
          section = 'budget';
          if (target === 'budgetItems' && label.unit !== null) units.budgetItems = label.unit;
          if (target === 'budgetHeader' && label.unit !== null) units.budgetItems = label.unit;
          if (target === 'budgetItems' && valueCells.length) addBudgetItem(valueCells, row);
        } else if (target === 'indicators' || target === 'indicatorHeader') {
          section = 'indicators';
          const targetHeader = row.cells.find((c) => /目标值|指标值/.test(c.text));
          if (target === 'indicatorHeader' && targetHeader) indicatorTargetCol = targetHeader.col;
        } else if (target === 'projectCategory' || target === 'fundUse') {
          section = 'main';
          addMarks(valueCells);
          if (inlineValue) addMarks([{ ...cell, text: inlineValue }]);
        } else if (SCALAR_TARGETS.has(target)) {
          section = 'main';
          const value = inlineValue !== undefined ? (inlineValue ? cellsToValue([cell], inlineValue) : null) : valueCells.length ? cellsToValue(valueCells) : null;
          setScalar(target, value, row, label);
          if (isTextField(target)) lastText = target;
        }
        k = j - 1;
      }
      return;
    }

    // A row without a label.
    const cells = read.map((r) => r.cell);
    if (cells.some((c) => hasMarks(c.text))) {
      addMarks(cells);
      return;
    }
    const next = rows[i + 1];
    const nextLabel = next ? rowToReadCells(next, 'main')[0]?.label : null;
    const beforeTextLabelOnNextPage = !!next?.pageBreakBefore && !!nextLabel && isTextField(nextLabel.target);
    // Text without an amount just before a page break whose next row is a text label is that
    // field's first lines, even when it stands below the budget table.
    const isPrefix =
      beforeTextLabelOnNextPage && section === 'budget' && !cells.some((c) => AMOUNT_CELL.test(c.text.trim()) || /^[无無]$/.test(c.text.trim()));
    if (section === 'budget' && !isPrefix) return addBudgetItem(cells, row);
    if (section === 'indicators') return addIndicator(cells, row);
    const value = cellsToValue(cells);
    /** One cell in the label column: a line of its own rather than the rest of a value. */
    const loneFirstColumn = cells.length === 1 && cells[0]!.col === 0;
    if (row.pageBreakBefore && lastText && scalars[lastText]) {
      // The rest of a cell whose label stands on the page before.
      scalars[lastText] = joinValues(scalars[lastText]!, value);
    } else if (beforeTextLabelOnNextPage) {
      // The first lines of a cell whose label stands on the next page.
      pendingPrefix = pendingPrefix ? joinValues(pendingPrefix, value) : value;
    } else if (lastText && scalars[lastText] && !(lastText === 'remarks' && loneFirstColumn)) {
      scalars[lastText] = joinValues(scalars[lastText]!, value);
    } else {
      // A line below the table (附件, 填报人, a date) is no field: noted, not doubted.
      const belowTable = lastText === 'remarks' && loneFirstColumn;
      issues.push(makeIssue('map.unlabelled-row', null, { text: value.text }, value.page, belowTable ? 'info' : undefined));
    }
  });

  if (pendingPrefix) issues.push(makeIssue('map.unlabelled-row', null, { text: (pendingPrefix as FieldValue).text }, (pendingPrefix as FieldValue).page));

  // The boxes: the options decide the enum, not the row's label.
  for (const enumName of ['projectCategory', 'fundUse'] as const satisfies readonly OptionEnum[]) {
    const own = marks.filter((m) => m.mark.enumName === enumName);
    const ticked = own.filter((m) => m.mark.ticked);
    const page = own[0]?.page ?? null;
    if (ticked.length === 1) {
      (fields as Record<string, unknown>)[enumName] = ticked[0]!.mark.value as ProjectCategory | FundUse;
    } else {
      (fields as Record<string, unknown>)[enumName] = null;
      if (ticked.length > 1)
        issues.push(makeIssue('map.checkbox-multiple', enumName, { count: ticked.length, options: ticked.map((t) => t.mark.text).join('、') }, page));
      else issues.push(makeIssue('map.checkbox-none', enumName, { count: own.length }, page));
    }
  }
  for (const m of marks)
    if (m.mark.ticked && m.mark.enumName === null)
      issues.push(makeIssue('map.checkbox-unknown-option', null, { text: m.mark.text }, m.page));

  return { fields, units, issues };
}
