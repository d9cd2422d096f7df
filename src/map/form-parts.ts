/**
 * The first pass of the mapper: a form's rows → its parts, in order. Each row is read in the
 * section it stands in (main table, budget sub-table, indicator table) and becomes what the later
 * passes take: the title and year, one part per label with its value, option cells, sub-table
 * rows and unlabelled text rows. The only pass that reads ahead (one row, for a text cell split
 * by a page break before its label).
 */
import type { Cell, FieldValue, Row } from '../model.js';
import { TEXT_FIELDS, type TextField } from '../model.js';
import { matchCategory, matchLabel, type LabelMatch, type LabelTarget } from '../vocab/labels.js';
import { hasMarks } from '../vocab/marks.js';
import { TITLE_PATTERN, YEAR_IN_TITLE, YEAR_PATTERN } from '../vocab/title.js';
import type { UnitMultiplier } from '../vocab/units.js';
import { cellsToValue } from './join-values.js';
import { AMOUNT_CELL, cellLeft, NONE_CELL, rowToReadCells, type Section } from './read-cells.js';

export const isTextField = (t: LabelTarget): t is TextField => (TEXT_FIELDS as readonly string[]).includes(t);

/** Labels whose value is one scalar field. */
export const SCALAR_TARGETS = [...TEXT_FIELDS, 'startDate', 'endDate', 'totalBudget', 'currentYearBudget', 'previousYearBudget', 'previousYearExecuted'] as const;
export type ScalarTarget = (typeof SCALAR_TARGETS)[number];
const isScalarTarget = (t: LabelTarget): t is ScalarTarget => (SCALAR_TARGETS as readonly string[]).includes(t);

export type FormPart =
  /** The title line (and the year when it is written inside the title). */
  | { kind: 'title'; title: FieldValue; year: FieldValue | null }
  /** The year on a line of its own. */
  | { kind: 'year'; year: FieldValue }
  /** A label of a scalar field and the value beside it (null: an empty cell). */
  | { kind: 'scalar'; target: ScalarTarget; label: LabelMatch; labelText: string; value: FieldValue | null; pageBreakBefore: boolean }
  /** A label opening the budget sub-table (its title or its header row), with the unit it names. */
  | { kind: 'budget-label'; unit: UnitMultiplier | null }
  /** A label opening the indicator table; its header row tells the column of the targets. */
  | { kind: 'indicator-label'; targetCol: number | null }
  /** Cells holding check boxes or a bare option. */
  | { kind: 'options'; cells: Cell[] }
  /** A row of the budget sub-table. */
  | { kind: 'budget-row'; cells: Cell[]; pageBreakBefore: boolean }
  /** A row of the indicator table. */
  | { kind: 'indicator-row'; cells: Cell[]; pageBreakBefore: boolean }
  /** A row without a label outside the sub-tables. */
  | {
      kind: 'text-row';
      value: FieldValue;
      pageBreakBefore: boolean;
      /** The next row starts a text field's label on a new page: this row is that field's first lines. */
      beforeTextLabelOnNextPage: boolean;
      /** One cell in the label column: a line of its own rather than the rest of a value. */
      loneFirstColumn: boolean;
    };

/** Whether the row after `i` starts on a new page with a text field's label. */
function nextRowStartsTextLabel(rows: readonly Row[], i: number): boolean {
  const next = rows[i + 1];
  if (!next?.pageBreakBefore) return false;
  const label = rowToReadCells(next, 'main')[0]?.label;
  return !!label && isTextField(label.target);
}

/** The first filled cell of a row, when it stands in the label column. */
const labelColumnCell = (row: Row): Cell | undefined => {
  const first = row.cells.find((c) => c.text.trim());
  return first && first.col === 0 ? first : undefined;
};

const isExactLabel = (text: string): boolean => matchLabel(text, { fuzzy: false }) !== null;

/**
 * A label cut by a page break (保证项 | 目实施的制度、措施, each part beside its part of the value):
 * two parts, the first no label alone, that make one exactly when joined, become that label on
 * the row before the break; the row after it keeps its value, as the rest of a cell after a break.
 */
export function joinLabelsCutByPageBreak(rows: readonly Row[]): Row[] {
  const out = rows.slice();
  for (let i = 0; i + 1 < out.length; i++) {
    const next = out[i + 1]!;
    if (!next.pageBreakBefore) continue;
    const head = labelColumnCell(out[i]!);
    const tail = labelColumnCell(next);
    // The part after the break may be a label of its own (项目 | 总目标): the joined label, exactly met, wins.
    if (!head || !tail || isExactLabel(head.text)) continue;
    const joined = `${head.text.trim()}\n${tail.text.trim()}`;
    if (!isExactLabel(joined)) continue;
    out[i] = { ...out[i]!, cells: out[i]!.cells.map((c) => (c === head ? { ...c, text: joined } : c)) };
    out[i + 1] = { ...next, cells: next.cells.map((c) => (c === tail ? { ...c, text: '' } : c)) };
  }
  return out;
}

/** Rows → parts, in order (see the module comment). */
export function rowsToParts(allRows: readonly Row[]): FormPart[] {
  const rows = joinLabelsCutByPageBreak(allRows);
  const parts: FormPart[] = [];
  let section: Section = 'main';
  let seenTitle = false;
  let seenYear = false;
  /** Inside a sub-table, where its names started so far (`cellLeft`): the form's labels stand left of it. */
  let namesLeft: number | null = null;
  /** Where the header over the names starts: the same, before any row shows it. */
  let headerLeft: number | null = null;
  /** The labels the form has given so far: inside a sub-table, the same words are its rows. */
  const given = new Set<LabelTarget>();
  const enterSection = (next: Section): void => {
    if (next !== section) namesLeft = headerLeft = null;
    section = next;
  };
  const pushTableRow = (kind: 'budget-row' | 'indicator-row', cells: Cell[], pageBreakBefore: boolean): void => {
    const name = kind === 'budget-row' ? cells.find((c) => !AMOUNT_CELL.test(c.text.trim())) : cells.find((c) => !matchCategory(c.text));
    // A name in the first column says nothing of where the label column ends.
    if (name && name.col > 0) namesLeft = Math.min(namesLeft ?? cellLeft(name), cellLeft(name));
    parts.push({ kind, cells, pageBreakBefore });
  };
  rows.forEach((row, i) => {
    const read = rowToReadCells(row, section, namesLeft ?? headerLeft, given);
    if (!read.length) return;
    const first = read[0]!;
    const firstText = first.cell.text.trim();

    // Lines above the table: title, year.
    if (!seenTitle && TITLE_PATTERN.test(firstText)) {
      const year = YEAR_IN_TITLE.exec(firstText);
      parts.push({ kind: 'title', title: cellsToValue([first.cell], firstText.split('\n')[0]!.trim()), year: year ? cellsToValue([first.cell], year[0]) : null });
      seenTitle = true;
      seenYear ||= !!year;
      return;
    }
    if (!seenYear && read.length === 1 && YEAR_PATTERN.test(firstText.replace(/\s/g, ''))) {
      parts.push({ kind: 'year', year: cellsToValue([first.cell], firstText) });
      seenYear = true;
      return;
    }

    if (first.label) {
      // A labelled row: each label takes the cells after it, up to the next label.
      for (let k = 0; k < read.length; k++) {
        const { label, cell, inlineValue } = read[k]!;
        if (!label) continue;
        const valueCells: Cell[] = [];
        let j = k + 1;
        for (; j < read.length && !read[j]!.label; j++) valueCells.push(read[j]!.cell);
        const target = label.target;
        given.add(target);
        if (target === 'budgetItems' || target === 'budgetHeader') {
          enterSection('budget');
          // As for names: a header in the first column says nothing of where the label column ends.
          if (target === 'budgetHeader' && cell.col > 0) headerLeft ??= cellLeft(cell);
          parts.push({ kind: 'budget-label', unit: label.unit });
          if (target === 'budgetItems' && valueCells.length) pushTableRow('budget-row', valueCells, row.pageBreakBefore);
        } else if (target === 'indicators' || target === 'indicatorHeader') {
          enterSection('indicators');
          // The indicator header's first cell stands over the categories, the next over the names.
          if (target === 'indicatorHeader' && valueCells[0] && valueCells[0].col > 0) headerLeft ??= cellLeft(valueCells[0]);
          const targetHeader = row.cells.find((c) => /目标值|指标值/.test(c.text));
          parts.push({ kind: 'indicator-label', targetCol: target === 'indicatorHeader' && targetHeader ? targetHeader.col : null });
        } else if (target === 'projectCategory' || target === 'fundUse') {
          enterSection('main');
          parts.push({ kind: 'options', cells: inlineValue ? [...valueCells, { ...cell, text: inlineValue }] : valueCells });
        } else if (isScalarTarget(target)) {
          enterSection('main');
          const value = inlineValue !== undefined ? (inlineValue ? cellsToValue([cell], inlineValue) : null) : valueCells.length ? cellsToValue(valueCells) : null;
          parts.push({ kind: 'scalar', target, label, labelText: cell.text.trim(), value, pageBreakBefore: row.pageBreakBefore });
        }
        k = j - 1;
      }
      return;
    }

    // A row without a label.
    const cells = read.map((r) => r.cell);
    if (cells.some((c) => hasMarks(c.text))) {
      parts.push({ kind: 'options', cells });
      return;
    }
    const beforeTextLabelOnNextPage = nextRowStartsTextLabel(rows, i);
    // Text without an amount just before a page break whose next row is a text label is that
    // field's first lines, even when it stands below the budget table.
    const isPrefix =
      beforeTextLabelOnNextPage && section === 'budget' && !cells.some((c) => AMOUNT_CELL.test(c.text.trim()) || NONE_CELL.test(c.text.trim()));
    if (section === 'budget' && !isPrefix) pushTableRow('budget-row', cells, row.pageBreakBefore);
    else if (section === 'indicators') pushTableRow('indicator-row', cells, row.pageBreakBefore);
    else
      parts.push({
        kind: 'text-row',
        value: cellsToValue(cells),
        pageBreakBefore: row.pageBreakBefore,
        beforeTextLabelOnNextPage,
        loneFirstColumn: cells.length === 1 && cells[0]!.col === 0,
      });
  });
  return parts;
}
