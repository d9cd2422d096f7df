/**
 * Field paths a person can correct: a SPEC scalar (`projectName`), a budget item's part
 * (`budgetItems[2].amount`) or an indicator's part (`indicators[5].target`). A path into a table
 * row keeps the row's name beside it, so the row is found again when a re-extraction shifts rows.
 */
import { UsageError } from '../errors.js';
import type { DeclarationRecord } from '../model.js';
import { SCALAR_COLUMNS, type ScalarField } from './schema.js';

export type RowList = 'budgetItems' | 'indicators';
export type RowPart = 'name' | 'amount' | 'category' | 'target';

/** A parsed field path. */
export type FieldPath = { kind: 'scalar'; field: ScalarField } | { kind: 'row'; list: RowList; index: number; part: RowPart };

const ROW_PARTS: Record<RowList, readonly RowPart[]> = {
  budgetItems: ['name', 'amount'],
  indicators: ['category', 'name', 'target'],
};

const SCALARS = new Set<string>(SCALAR_COLUMNS.map(([f]) => f));

/** Parses a field path as `show` and the issues name fields; a path that names nothing correctable is a usage error. */
export function textToFieldPath(text: string): FieldPath {
  const t = text.trim();
  if (SCALARS.has(t)) return { kind: 'scalar', field: t as ScalarField };
  const m = /^(budgetItems|indicators)\[(\d{1,6})\]\.(\w+)$/.exec(t);
  if (m && (ROW_PARTS[m[1] as RowList] as readonly string[]).includes(m[3]!))
    return { kind: 'row', list: m[1] as RowList, index: Number(m[2]), part: m[3] as RowPart };
  throw new UsageError(
    `"${text}" is not a field that can be corrected (a SPEC field such as projectName, or budgetItems[N].name|amount, indicators[N].category|name|target)`,
  );
}

/**
 * The correctable field an issue's field stands for: itself, or for a target's parse
 * (`indicators[5].targetParsed`) the target it is parsed from.
 */
export const issueFieldToCorrectable = (field: string): string => field.replace(/^(indicators\[\d+\]\.target)Parsed$/, '$1');

/** The path as text (`indicators[5].target`). */
export function fieldPathToText(path: FieldPath): string {
  return path.kind === 'scalar' ? path.field : `${path.list}[${path.index}].${path.part}`;
}

/** The value a record holds at a path; undefined when the row does not exist. */
export function recordToValue(record: DeclarationRecord, path: FieldPath): unknown {
  if (path.kind === 'scalar') return record[path.field];
  const row = record[path.list][path.index] as Record<string, unknown> | undefined;
  return row === undefined ? undefined : row[path.part];
}

/** The name of the row a path points into (null for scalars, undefined when the row does not exist). */
export function recordToRowName(record: DeclarationRecord, path: FieldPath): string | null | undefined {
  if (path.kind === 'scalar') return null;
  return record[path.list][path.index]?.name;
}

/**
 * Where a row named `name` stands in a record's list now: the same index when its name still
 * matches, else the only row of that name; null when it is gone or ambiguous (never a guess).
 */
export function rowNameToIndex(record: DeclarationRecord, list: RowList, name: string, formerIndex: number): number | null {
  const rows = record[list];
  if (rows[formerIndex]?.name === name) return formerIndex;
  const found = rows.flatMap((r, i) => (r.name === name ? [i] : []));
  return found.length === 1 ? found[0]! : null;
}
