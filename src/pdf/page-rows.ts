/**
 * Rows of one text page: the ruled tables' cells with their text, and the lines outside the
 * tables as rows of one cell, in reading order (top to bottom). A page without rules falls back
 * to rows and columns clustered from the text positions.
 */
import type { BBox, Cell, Page, Row, Segment, TextItem } from '../model.js';
import { charsToLines, linesToText, type Line } from './cell-text.js';
import { dedupeChars, textItemsToChars } from './chars.js';
import { DEFAULT_LATTICE, edgesToGrids, valuesToClusters, type Edge, type Grid, type LatticeSettings } from './lattice.js';

/** Settings of the page-to-rows step. */
export interface PageRowsSettings {
  lattice: LatticeSettings;
  /** Page numbers are looked for in this fraction of the page height at the top and the bottom. */
  marginBandFraction: number;
  /** Without rules, a horizontal gap wider than this many em separates two cells of a line. */
  streamGapEm: number;
  /** Without rules, cells whose left edges lie within this many points share a column. */
  streamColumnTolerancePt: number;
}

export const DEFAULT_PAGE_ROWS: PageRowsSettings = {
  lattice: DEFAULT_LATTICE,
  marginBandFraction: 0.1,
  streamGapEm: 2,
  streamColumnTolerancePt: 12,
};

/** Page numbers and running page counts: 1/3, 第 1 页, 第1页 共3页, - 2 -, Page 2 of 3. */
export const PAGE_NUMBER =
  /^(?:第\s*\d+\s*页(?:\s*[,，/、]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页\s*[,，]?\s*第\s*\d+\s*页|[-—–]?\s*\d{1,4}\s*[-—–]?|\d+\s*[/／]\s*\d+|page\s*\d+(?:\s*(?:of|\/)\s*\d+)?)$/iu;

/** Whether a line outside the tables is a page header or footer: a page number in the top or bottom band. */
export function lineIsPageFurniture(line: Pick<Line, 'text' | 'bbox'>, pageHeight: number, bandFraction = DEFAULT_PAGE_ROWS.marginBandFraction): boolean {
  const inBand = line.bbox.y1 <= pageHeight * bandFraction || line.bbox.y0 >= pageHeight * (1 - bandFraction);
  return inBand && PAGE_NUMBER.test(line.text.trim());
}

/** A model segment as a lattice edge (horizontal when its ends share y). */
export function segmentToEdge(s: Segment): Edge {
  return Math.abs(s.y0 - s.y1) <= Math.abs(s.x0 - s.x1)
    ? { orientation: 'h', x0: Math.min(s.x0, s.x1), y0: s.y0, x1: Math.max(s.x0, s.x1), y1: s.y0 }
    : { orientation: 'v', x0: s.x0, y0: Math.min(s.y0, s.y1), x1: s.x0, y1: Math.max(s.y0, s.y1) };
}

const centreIn = (c: TextItem, b: BBox): boolean => {
  const x = (c.bbox.x0 + c.bbox.x1) / 2;
  const y = (c.bbox.y0 + c.bbox.y1) / 2;
  return x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1;
};

/** A block of the page in reading order: a table row or a line outside the tables. */
interface Block {
  top: number;
  left: number;
  row: Row;
}

/** Table rows of a grid: each cell's characters → lines → text; a spanning cell appears in its first row only; rows with no text are left out. */
export function gridToRows(grid: Grid, cellChars: readonly TextItem[][], page: number): Row[] {
  const rows = new Map<number, Cell[]>();
  grid.cells.forEach((gc, i) => {
    const lines = charsToLines(cellChars[i] ?? []);
    const cell: Cell = {
      col: gc.col,
      colSpan: gc.colSpan,
      rowSpan: gc.rowSpan,
      text: linesToText(lines, gc.bbox),
      page,
      bbox: gc.bbox,
      via: 'pdf',
    };
    (rows.get(gc.row) ?? rows.set(gc.row, []).get(gc.row)!).push(cell);
  });
  // A row of empty cells carries nothing; most are slivers of a row that a page break moved on.
  return [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .filter(([, cells]) => cells.some((c) => c.text !== ''))
    .map(([, cells]) => ({ cells: cells.sort((a, b) => a.col - b.col), page, pageBreakBefore: false }));
}

/** Each character given to the grid cell holding its centre; characters in no cell are returned apart. */
export function charsToCells(chars: readonly TextItem[], grids: readonly Grid[]): { perGrid: TextItem[][][]; outside: TextItem[] } {
  const perGrid = grids.map((g) => g.cells.map(() => [] as TextItem[]));
  const outside: TextItem[] = [];
  for (const c of chars) {
    let placed = false;
    for (let g = 0; g < grids.length && !placed; g++) {
      const grid = grids[g]!;
      if (!centreIn(c, grid.bbox)) continue;
      const i = grid.cells.findIndex((cell) => centreIn(c, cell.bbox));
      if (i >= 0) {
        perGrid[g]![i]!.push(c);
        placed = true;
      }
    }
    if (!placed) {
      // Text overflowing its cell a little (a line set wider than the cell) stays with the nearest cell of its line.
      const near = nearestCellOnLine(c, grids);
      if (near) perGrid[near[0]]![near[1]]!.push(c);
      else outside.push(c);
    }
  }
  return { perGrid, outside };
}

/** The cell (grid and cell index) on the character's line nearest to it, within one character height. */
function nearestCellOnLine(c: TextItem, grids: readonly Grid[]): [number, number] | null {
  if (c.text.trim() === '') return null;
  const x = (c.bbox.x0 + c.bbox.x1) / 2;
  const y = (c.bbox.y0 + c.bbox.y1) / 2;
  const reach = c.bbox.y1 - c.bbox.y0;
  let best: [number, number] | null = null;
  let bestDistance = reach;
  grids.forEach((grid, g) =>
    grid.cells.forEach((cell, i) => {
      if (y < cell.bbox.y0 || y > cell.bbox.y1) return;
      const d = x < cell.bbox.x0 ? cell.bbox.x0 - x : x - cell.bbox.x1;
      if (d >= 0 && d <= bestDistance) {
        bestDistance = d;
        best = [g, i];
      }
    }),
  );
  return best;
}

/** A line outside the tables as a row of one cell. */
function lineToRow(line: Line, page: number): Row {
  return { cells: [{ col: 0, colSpan: 1, rowSpan: 1, text: line.text, page, bbox: line.bbox, via: 'pdf' }], page, pageBreakBefore: false };
}

/** A line cut into cells where a horizontal gap is wider than `gapEm` em. */
export function lineToChunks(line: Line, gapEm: number): Line[] {
  const chunks: TextItem[][] = [];
  let prev: TextItem | null = null;
  for (const c of line.chars) {
    if (c.text.trim() === '') continue;
    if (!prev || c.bbox.x0 - prev.bbox.x1 > gapEm * line.size) chunks.push([c]);
    else chunks[chunks.length - 1]!.push(c);
    prev = c;
  }
  return chunks.flatMap((cs) => charsToLines(cs));
}

/**
 * Rows of a page without ruled tables (after the "stream" method of Camelot and pdfplumber's text
 * strategy): each line is a row, cut into cells at wide gaps; cells whose left edges align share
 * a column.
 */
export function charsToStreamRows(chars: readonly TextItem[], page: Page, s: PageRowsSettings = DEFAULT_PAGE_ROWS): Row[] {
  const lines = charsToLines(chars).filter((l) => !lineIsPageFurniture(l, page.height, s.marginBandFraction));
  const chunked = lines.map((l) => lineToChunks(l, s.streamGapEm));
  const clusters = valuesToClusters(
    chunked.flatMap((cs) => cs.map((c) => c.bbox.x0)),
    s.streamColumnTolerancePt,
  );
  const columnOf = (x: number): number => clusters.findIndex((c) => x >= c[0]! && x <= c[c.length - 1]!);
  return chunked.map((cs) => ({
    cells: cs.map((c, i) => {
      const col = Math.max(columnOf(c.bbox.x0), i);
      return { col, colSpan: 1, rowSpan: 1, text: c.text, page: page.number, bbox: c.bbox, via: 'pdf' as const };
    }),
    page: page.number,
    pageBreakBefore: false,
  }));
}

/** The grids (ruled tables) of a page. */
export function pageToGrids(page: Page, s: PageRowsSettings = DEFAULT_PAGE_ROWS): Grid[] {
  return edgesToGrids(page.rulings.map(segmentToEdge), s.lattice);
}

/** A text page laid out: its tables with their characters, and the lines outside the tables. */
export interface PageLayout {
  page: Page;
  grids: Grid[];
  /** Characters of each grid's cells, by grid then cell index. */
  cellChars: TextItem[][][];
  /** Lines outside the tables, page numbers left out. */
  lines: Line[];
  /** All characters, for pages without tables. */
  chars: TextItem[];
}

/** Lays a text page out: grids from its rulings, characters given to cells, the rest as lines. */
export function pageToLayout(page: Page, s: PageRowsSettings = DEFAULT_PAGE_ROWS): PageLayout {
  const chars = dedupeChars(textItemsToChars(page.items));
  const grids = pageToGrids(page, s);
  const { perGrid, outside } = charsToCells(chars, grids);
  const lines = charsToLines(outside).filter((l) => !lineIsPageFurniture(l, page.height, s.marginBandFraction));
  return { page, grids, cellChars: perGrid, lines, chars };
}

/** A grid's cells re-indexed on a finer set of column boundaries `xs` (each side snapped to the nearest). */
export function gridOnColumns(grid: Grid, xs: readonly number[]): Grid {
  const nearest = (x: number): number => {
    let best = 0;
    xs.forEach((v, i) => {
      if (Math.abs(v - x) < Math.abs(xs[best]! - x)) best = i;
    });
    return best;
  };
  return {
    ...grid,
    xs: [...xs],
    cells: grid.cells.map((c) => {
      const col = nearest(c.bbox.x0);
      return { ...c, col, colSpan: Math.max(1, nearest(c.bbox.x1) - col) };
    }),
  };
}

/**
 * Tables continued across page breaks numbered on one set of columns: when the last table of a
 * page and the first of the next share their left and right borders, with no text below the one
 * or above the other, they are one table, and their column boundaries are pooled, so a column
 * keeps its index on every page (the indicator table's target column in particular).
 */
export function alignContinuedTables(layouts: readonly PageLayout[], s: PageRowsSettings = DEFAULT_PAGE_ROWS): PageLayout[] {
  const tol = s.lattice.snapTolerancePt + 1;
  const out = layouts.map((l) => ({ ...l, grids: [...l.grids] }));
  // Runs of [layout index, grid index] that form one table.
  const runs: [number, number][][] = [];
  let open: [number, number][] | null = null;
  for (let i = 0; i < out.length; i++) {
    const layout = out[i]!;
    const prev = i > 0 ? out[i - 1]! : null;
    const first = layout.grids.length ? 0 : -1;
    const firstGrid = layout.grids[0];
    const lastOfPrev = prev && prev.grids.length ? prev.grids[prev.grids.length - 1]! : null;
    const continues =
      open !== null &&
      prev !== null &&
      prev.page.number + 1 === layout.page.number &&
      firstGrid !== undefined &&
      lastOfPrev !== null &&
      Math.abs(firstGrid.bbox.x0 - lastOfPrev.bbox.x0) <= tol &&
      Math.abs(firstGrid.bbox.x1 - lastOfPrev.bbox.x1) <= tol &&
      !prev.lines.some((l) => l.bbox.y0 >= lastOfPrev.bbox.y1 - 1) &&
      !layout.lines.some((l) => l.bbox.y1 <= firstGrid.bbox.y0 + 1);
    if (continues && first === 0) open!.push([i, 0]);
    else if (first === 0) runs.push((open = [[i, 0]]));
    for (let g = 1; g < layout.grids.length; g++) runs.push((open = [[i, g]]));
    if (layout.grids.length === 0) open = null;
  }
  for (const run of runs) {
    if (run.length < 2) continue;
    const all = run.flatMap(([i, g]) => out[i]!.grids[g]!.xs);
    const xs = valuesToClusters(all, tol).map((c) => c.reduce((a, b) => a + b, 0) / c.length);
    for (const [i, g] of run) out[i]!.grids[g] = gridOnColumns(out[i]!.grids[g]!, xs);
  }
  return out;
}

/** Rows of one laid-out page in reading order: table rows and outside lines; a page without tables falls back to stream rows. */
export function layoutToRows(layout: PageLayout, s: PageRowsSettings = DEFAULT_PAGE_ROWS): Row[] {
  const { page, grids } = layout;
  if (grids.length === 0) return charsToStreamRows(layout.chars, page, s);
  const blocks: Block[] = [];
  grids.forEach((grid, g) => {
    for (const row of gridToRows(grid, layout.cellChars[g]!, page.number)) {
      blocks.push({ top: Math.min(...row.cells.map((c) => c.bbox!.y0)), left: grid.bbox.x0, row });
    }
  });
  for (const line of layout.lines) blocks.push({ top: line.bbox.y0, left: line.bbox.x0, row: lineToRow(line, page.number) });
  return blocks.sort((a, b) => a.top - b.top || a.left - b.left).map((b) => b.row);
}

/** Rows of text pages in page order, tables continued across pages sharing their columns. */
export function textPagesToRows(pages: readonly Page[], s: PageRowsSettings = DEFAULT_PAGE_ROWS): Map<number, Row[]> {
  const layouts = alignContinuedTables(
    pages.map((p) => pageToLayout(p, s)),
    s,
  );
  return new Map(layouts.map((l) => [l.page.number, layoutToRows(l, s)]));
}

/** Rows of one text page in reading order: table rows and outside lines, page numbers left out. */
export function pageToRows(page: Page, s: PageRowsSettings = DEFAULT_PAGE_ROWS): Row[] {
  return layoutToRows(pageToLayout(page, s), s);
}
