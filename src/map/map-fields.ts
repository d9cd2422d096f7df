/**
 * Field mapping: the rows of one form → the raw value of every field, with provenance, as a few
 * passes: rows → parts (form-parts.ts: sections, labels and their values) → scalars and units
 * (scalars.ts) / budget items and indicators (sub-tables.ts) → marks → enums (enums.ts). Cells
 * split by a page break are joined where each pass meets them (join-values.ts).
 */
import type { Issue, MappedFields, Row } from '../model.js';
import { marksToEnums, partsToMarks, rowsToMarkSide } from './enums.js';
import { rowsToParts } from './form-parts.js';
import { partsToScalars, partsToUnits, type AmountUnits } from './scalars.js';
import { partsToBudgetItems, partsToIndicators } from './sub-tables.js';

/** The mapped fields of a form, the unit multipliers its amount labels named, and its doubts. */
export interface MappingResult {
  fields: MappedFields;
  /** Unit named by the label of each amount field (and `budgetItems` for the amount column). */
  units: AmountUnits;
  issues: Issue[];
}

/** Maps the rows of one form (title row first) to raw field values. */
export function rowsToFields(rows: readonly Row[]): MappingResult {
  const parts = rowsToParts(rows);
  const { scalars, issues: scalarIssues } = partsToScalars(parts);
  const { projectCategory, fundUse, issues: enumIssues } = marksToEnums(partsToMarks(parts, rowsToMarkSide(rows)));
  return {
    fields: { budgetItems: partsToBudgetItems(parts), indicators: partsToIndicators(parts), ...scalars, projectCategory, fundUse },
    units: partsToUnits(parts),
    issues: [...scalarIssues, ...enumIssues],
  };
}
