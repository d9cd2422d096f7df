/**
 * Each pass of the mapper on its own, table-driven: rows written as JSON (tests/map-passes/cases.json;
 * a row is a list of cell texts by column, "---" a page break before the next row) and what the
 * pass makes of them, written compactly.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { marksToEnums, partsToMarks, rowsToMarkSide } from '../src/map/enums.js';
import { rowsToParts, type FormPart } from '../src/map/form-parts.js';
import { partsToScalars, partsToUnits } from '../src/map/scalars.js';
import { partsToBudgetItems, partsToIndicators } from '../src/map/sub-tables.js';
import type { Issue, Row } from '../src/model.js';

type JsonRows = (string[] | '---')[];
interface Case {
  name: string;
  rows: JsonRows;
}
const cases = JSON.parse(readFileSync(new URL('./map-passes/cases.json', import.meta.url), 'utf8')) as {
  parts: (Case & { parts: string[] })[];
  scalars: (Case & { scalars: Record<string, string>; issues: string[] })[];
  units: (Case & { units: Record<string, number | null> })[];
  budgetItems: (Case & { items: [string | null, string | null][] })[];
  indicators: (Case & { indicators: [string | null, string | null, string | null][] })[];
  enums: (Case & { marks: string[]; enums: Record<string, string | null>; issues: string[] })[];
};

/** Model rows from JSON rows: page numbers count the page breaks. */
function jsonToRows(json: JsonRows): Row[] {
  const rows: Row[] = [];
  let page = 1;
  let pageBreakBefore = false;
  for (const row of json) {
    if (row === '---') {
      page++;
      pageBreakBefore = true;
      continue;
    }
    rows.push({ cells: row.map((text, col) => ({ col, colSpan: 1, rowSpan: 1, text, page, via: 'text' as const })), page, pageBreakBefore });
    pageBreakBefore = false;
  }
  return rows;
}

const texts = (cells: { text: string }[]) => cells.map((c) => c.text.trim()).filter(Boolean).join('|');
const flag = (on: boolean, name: string) => (on ? ` ${name}` : '');

/** One line per part: its kind and what the later passes read from it. */
function describePart(p: FormPart): string {
  switch (p.kind) {
    case 'title':
      return `title ${p.title.text}${p.year ? ` year=${p.year.text}` : ''}`;
    case 'year':
      return `year ${p.year.text}`;
    case 'scalar':
      return `scalar ${p.target}=${p.value?.text ?? 'null'}${flag(p.pageBreakBefore, 'break')}`;
    case 'budget-label':
      return `budget-label unit=${p.unit}`;
    case 'indicator-label':
      return `indicator-label col=${p.targetCol}`;
    case 'options':
      return `options ${texts(p.cells)}`;
    case 'budget-row':
    case 'indicator-row':
      return `${p.kind} ${texts(p.cells)}${flag(p.pageBreakBefore, 'break')}`;
    case 'text-row':
      return `text-row ${p.value.text}${flag(p.pageBreakBefore, 'break')}${flag(p.beforeTextLabelOnNextPage, 'before-label')}${flag(p.loneFirstColumn, 'lone')}`;
  }
}

const issueKeys = (issues: Issue[], withSeverity = false) => issues.map((i) => `${i.code}:${i.field}${withSeverity ? `:${i.severity}` : ''}`);

describe('rows → parts', () => {
  it.each(cases.parts)('$name', ({ rows, parts }) => expect(rowsToParts(jsonToRows(rows)).map(describePart)).toEqual(parts));
});

describe('parts → scalars', () => {
  it.each(cases.scalars)('$name', ({ rows, scalars, issues }) => {
    const found = partsToScalars(rowsToParts(jsonToRows(rows)));
    expect(Object.fromEntries(Object.entries(found.scalars).map(([k, v]) => [k, v.text]))).toEqual(scalars);
    expect(issueKeys(found.issues, true)).toEqual(issues);
  });
});

describe('parts → amount units', () => {
  it.each(cases.units)('$name', ({ rows, units }) => expect(partsToUnits(rowsToParts(jsonToRows(rows)))).toEqual(units));
});

describe('parts → budget items', () => {
  it.each(cases.budgetItems)('$name', ({ rows, items }) =>
    expect(partsToBudgetItems(rowsToParts(jsonToRows(rows))).map((b) => [b.name?.text ?? null, b.amount?.text ?? null])).toEqual(items),
  );
});

describe('parts → indicators', () => {
  it.each(cases.indicators)('$name', ({ rows, indicators }) =>
    expect(partsToIndicators(rowsToParts(jsonToRows(rows))).map((i) => [i.category, i.name?.text ?? null, i.target?.text ?? null])).toEqual(indicators),
  );
});

describe('parts → marks → enums', () => {
  it.each(cases.enums)('$name', ({ rows, marks, enums, issues }) => {
    const model = jsonToRows(rows);
    const found = partsToMarks(rowsToParts(model), rowsToMarkSide(model));
    expect(found.map(({ mark }) => `${mark.enumName}:${mark.value}:${mark.ticked ? 'on' : 'off'}`)).toEqual(marks);
    const { issues: enumIssues, ...values } = marksToEnums(found);
    expect(values).toEqual(enums);
    expect(issueKeys(enumIssues)).toEqual(issues);
  });
});
