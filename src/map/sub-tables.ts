/**
 * The two sub-tables from a form's parts: budget items (name, amount) and indicators (category,
 * name, target). A row continued after a page break joins the item above it.
 */
import type { IndicatorCategory, MappedFields } from '../model.js';
import { matchCategory } from '../vocab/labels.js';
import type { FormPart } from './form-parts.js';
import { cellsToValue, joinValues } from './join-values.js';
import { AMOUNT_CELL, NONE_CELL } from './read-cells.js';

type BudgetItem = MappedFields['budgetItems'][number];
type Indicator = MappedFields['indicators'][number];

/** The budget items, from the rows of the budget sub-table. */
export function partsToBudgetItems(parts: readonly FormPart[]): BudgetItem[] {
  const items: BudgetItem[] = [];
  for (const part of parts) {
    if (part.kind !== 'budget-row') continue;
    const isAmount = (text: string) => AMOUNT_CELL.test(text.trim());
    const amountCells = part.cells.filter((c) => isAmount(c.text));
    const nameCells = part.cells.filter((c) => !isAmount(c.text));
    // 无 ("none") in the name column: the project has no sub-items.
    if (nameCells.length === 1 && amountCells.length === 0 && NONE_CELL.test(nameCells[0]!.text.trim())) continue;
    const name = nameCells.length ? cellsToValue(nameCells) : null;
    const amount = amountCells.length ? cellsToValue([amountCells[amountCells.length - 1]!]) : null;
    const last = items[items.length - 1];
    // The two halves of one item split by a page break: a name above, its amount below (or the reverse).
    if (part.pageBreakBefore && last && ((last.amount === null && amount && !name) || (last.name === null && name && !amount))) {
      items[items.length - 1] = last.amount ? { ...last, name } : { ...last, amount };
      continue;
    }
    items.push({ name, amount });
  }
  return items;
}

/** The indicators, from the rows of the indicator table; a category cell holds for the rows below it. */
export function partsToIndicators(parts: readonly FormPart[]): Indicator[] {
  const indicators: Indicator[] = [];
  let category: IndicatorCategory | null = null;
  /** The column of the targets, from the header row (目标值, 指标值). */
  let targetCol: number | null = null;
  for (const part of parts) {
    if (part.kind === 'indicator-label' && part.targetCol !== null) targetCol = part.targetCol;
    if (part.kind !== 'indicator-row') continue;
    let rest = part.cells;
    const cat = rest.length ? matchCategory(rest[0]!.text) : null;
    if (cat) {
      category = cat;
      rest = rest.slice(1);
    }
    if (!rest.length) continue;
    const last = indicators[indicators.length - 1];
    if (rest.length === 1) {
      const only = rest[0]!;
      const isTarget = targetCol !== null && only.col >= targetCol;
      // A lone cell in the target column after a page break continues the target above it.
      if (part.pageBreakBefore && !cat && last?.target && isTarget) {
        indicators[indicators.length - 1] = { ...last, target: joinValues(last.target, cellsToValue([only])) };
        continue;
      }
      indicators.push({ category, name: isTarget ? null : cellsToValue([only]), target: isTarget ? cellsToValue([only]) : null });
      continue;
    }
    indicators.push({ category, name: cellsToValue([rest[0]!]), target: cellsToValue(rest.slice(1)) });
  }
  return indicators;
}
