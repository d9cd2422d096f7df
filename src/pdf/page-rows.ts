/**
 * Rows of one text page: the ruled tables' cells with their text, and the lines outside the
 * tables as rows of one cell, in reading order (top to bottom). A page without rules falls back
 * to rows and columns clustered from the text positions.
 */
import type { BBox, Cell, Page, Row, Segment, TextItem } from '../model.js';
import { charsToLines, linesToText, type Line } from './cell-text.js';
import { dedupeChars, textItemsToChars } from './chars.js';
import { boxesToUnion } from '../geometry/boxes.js';
import { valuesToClusterMeans, valuesToClusters } from '../geometry/clusters.js';
import { DEFAULT_LATTICE, edgesToGrids, type Edge, type Grid, type LatticeSettings } from './lattice.js';
import { isTitleText } from '../segment/split-forms.js';

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

/** Defaults measured on the samples and on synthetic prints (testkit/pdf). */
export const DEFAULT_PAGE_ROWS: PageRowsSettings = {
  lattice: DEFAULT_LATTICE,
  marginBandFraction: 0.1,
  streamGapEm: 1,
  streamColumnTolerancePt: 12,
};

/** Page numbers and running page counts: 1/3, 第 1 页, 第1页 共3页, - 2 -, Page 2 of 3. */
export const PAGE_NUMBER =
  /^(?:第\s*\d+\s*页(?:\s*[,，/、]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页\s*[,，]?\s*第\s*\d+\s*页|[-—–]?\s*\d{1,4}\s*[-—–]?|\d+\s*[/／]\s*\d+|page\s*\d+(?:\s*(?:of|\/)\s*\d+)?)$/iu;

/**
 * A browser's print header or footer: the date and time first (2018/9/20 上午10:00 …), an address
 * (file:///…, https://…), or a page count at the end after a blank (… 1/3).
 */
export const PRINT_HEADER = /^\d{4}[/.-]\d{1,2}[/.-]\d{1,2}\s*(?:上午|下午|AM|PM)?\s*\d{1,2}:\d{2}|(?:https?|file):\/\/|\s\d{1,4}\s*[/／]\s*\d{1,4}$/iu;

/**
 * Whether a line outside the tables is a page header or footer: in the top or bottom band, a page
 * number or a browser's print header or footer (which may repeat the form's title, and must not
 * start a new form on every page).
 */
export function lineIsPageFurniture(line: Pick<Line, 'text' | 'bbox'>, pageHeight: number, bandFraction = DEFAULT_PAGE_ROWS.marginBandFraction): boolean {
  const inBand = line.bbox.y1 <= pageHeight * bandFraction || line.bbox.y0 >= pageHeight * (1 - bandFraction);
  const text = line.text.trim();
  return inBand && (PAGE_NUMBER.test(text) || PRINT_HEADER.test(text));
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

/**
 * A line cut into cells: where a horizontal gap is wider than `gapEm` em, and where a gap wider
 * than a blank opens onto a gutter (an x interval no text crosses) or onto a known column start
 * (`starts`, within `tolerancePt`).
 */
export function lineToChunks(line: Line, gapEm: number, gutters: readonly [number, number][] = [], starts: readonly number[] = [], tolerancePt = 3): Line[] {
  const chunks: TextItem[][] = [];
  let prev: TextItem | null = null;
  for (const c of line.chars) {
    if (c.text.trim() === '') continue;
    const gap = prev ? c.bbox.x0 - prev.bbox.x1 : 0;
    // Wider than a blank: pdf.js itself takes a gap over 0.6 em for no blank within a line of text.
    const opening = prev !== null && gap > 0.6 * line.size;
    const atGutter = opening && gutters.some(([a, b]) => prev!.bbox.x1 <= b && c.bbox.x0 >= a);
    const atStart = opening && starts.some((x) => Math.abs(c.bbox.x0 - x) <= tolerancePt);
    if (!prev || gap > gapEm * line.size || atGutter || atStart) chunks.push([c]);
    else chunks[chunks.length - 1]!.push(c);
    prev = c;
  }
  return chunks.flatMap((cs) => charsToLines(cs));
}

/**
 * Vertical gutters of a borderless table: x intervals at least `minWidthPt` wide that almost no
 * line's text crosses (at most `maxShare` of the lines, so a centred title over the table does
 * not close them), between text on both sides.
 */
export function linesToGutters(lines: readonly Line[], minWidthPt = 3, maxShare = 0.1): [number, number][] {
  const visible = lines.map((l) => l.chars.filter((c) => c.text.trim() !== ''));
  const all = visible.flat();
  if (all.length === 0) return [];
  const left = Math.floor(Math.min(...all.map((c) => c.bbox.x0)));
  const right = Math.ceil(Math.max(...all.map((c) => c.bbox.x1)));
  const crossing = new Array<number>(right - left + 1).fill(0);
  for (const chars of visible) {
    const covered = new Set<number>();
    // A line covers the span of each run of characters (its gaps narrower than one character stay covered).
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      const next = chars[i + 1];
      const end = next && next.bbox.x0 - c.bbox.x1 < c.bbox.y1 - c.bbox.y0 ? next.bbox.x0 : c.bbox.x1;
      for (let x = Math.ceil(c.bbox.x0); x <= Math.floor(end); x++) covered.add(x - left);
    }
    for (const x of covered) crossing[x]!++;
  }
  const limit = Math.max(0, Math.floor(lines.length * maxShare));
  const gutters: [number, number][] = [];
  let start: number | null = null;
  crossing.forEach((n, i) => {
    if (n <= limit) start ??= i;
    else if (start !== null) {
      if (i - start >= minWidthPt && start > 0) gutters.push([left + start, left + i]);
      start = null;
    }
  });
  return gutters;
}

/** The vertical gap (points) above which two lines of a borderless table belong to different rows, or null when all gaps are alike. */
export function gapsToRowThreshold(gaps: readonly number[], size: number): number | null {
  const sorted = [...gaps].sort((a, b) => a - b);
  let best = 0;
  let at = -1;
  for (let i = 1; i < sorted.length; i++) {
    const jump = sorted[i]! - sorted[i - 1]!;
    if (jump > best) [best, at] = [jump, i];
  }
  // Line spacing inside a cell and spacing between rows differ by the cell padding, at least a quarter em.
  return at > 0 && best > 0.25 * size ? (sorted[at - 1]! + sorted[at]!) / 2 : null;
}

/**
 * Rows of a page without ruled tables (after the "stream" method of Camelot and pdfplumber's text
 * strategy): lines are cut into cells at gutters and wide gaps, cells whose left edges align
 * share a column, and a line joins the row above when it follows at cell line spacing (tighter
 * than the spacing between rows), so wrapped cells and labels centred beside them stay one cell.
 */
export function charsToStreamRows(chars: readonly TextItem[], page: Page, s: PageRowsSettings = DEFAULT_PAGE_ROWS): Row[] {
  const lines = charsToLines(chars).filter((l) => !lineIsPageFurniture(l, page.height, s.marginBandFraction));
  const gutters = linesToGutters(lines);
  // Where a cell clearly starts on one line (after a wide gap), a cell starts on every line whose
  // text breaks there, even where the cell before it ends close by.
  const firstPass = lines.map((l) => lineToChunks(l, s.streamGapEm, gutters));
  const starts = valuesToClusters(
    firstPass.flatMap((cs) => cs.slice(1).map((c) => c.bbox.x0)),
    s.streamColumnTolerancePt / 4,
  ).map((c) => c.reduce((a, b) => a + b, 0) / c.length);
  const chunked = lines.map((l) => lineToChunks(l, s.streamGapEm, gutters, starts));
  const clusters = valuesToClusters(
    chunked.flatMap((cs) => cs.map((c) => c.bbox.x0)),
    s.streamColumnTolerancePt,
  );
  const columnOf = (x: number): number => clusters.findIndex((c) => x >= c[0]! && x <= c[c.length - 1]!);
  const size = lines.length ? lines.map((l) => l.size).sort((a, b) => a - b)[Math.floor(lines.length / 2)]! : 10;
  // A form's title is a row of its own, also where a second form starts mid-page below the first;
  // the space around it (wider than between rows) says nothing of how rows are spaced.
  const isTitle = lines.map((l) => isTitleText(l.text));
  const nextToTitle = (i: number): boolean => isTitle[i]! || (i > 0 && isTitle[i - 1]!);
  // Gaps below everything above (a label centred beside a wrapped cell overlaps its lines: gap 0).
  let bottom = -Infinity;
  const gaps: number[] = [];
  lines.forEach((l, i) => {
    if (bottom > -Infinity && !nextToTitle(i)) gaps.push(Math.max(0, l.bbox.y0 - bottom));
    bottom = Math.max(bottom, l.bbox.y1);
  });
  // Overlapping lines always share a row; the threshold comes from the lines that stand apart.
  const threshold = gapsToRowThreshold(gaps.filter((g) => g > 0), size) ?? 0;

  // Blocks: a row's lines; each cell gathers the chunks that overlap it across (a centred second
  // line of a label lies within the first), or else starts at a column of its own.
  const blocks: { cols: Map<number, Line[]>; lastBottom: number }[] = [];
  const span = (ls: readonly Line[]): [number, number] => [Math.min(...ls.map((l) => l.bbox.x0)), Math.max(...ls.map((l) => l.bbox.x1))];
  chunked.forEach((cs, i) => {
    const line = lines[i]!;
    const prev = blocks[blocks.length - 1];
    const tight = prev !== undefined && !nextToTitle(i) && line.bbox.y0 - prev.lastBottom <= threshold;
    const block = tight ? prev! : { cols: new Map<number, Line[]>(), lastBottom: -Infinity };
    if (!tight) blocks.push(block);
    cs.forEach((c, k) => {
      const over = [...block.cols.entries()].find(([, ls]) => {
        const [a, b] = span(ls);
        return Math.min(b, c.bbox.x1) - Math.max(a, c.bbox.x0) > 0;
      });
      const col = over ? over[0] : Math.max(columnOf(c.bbox.x0), k);
      (block.cols.get(col) ?? block.cols.set(col, []).get(col)!).push(c);
    });
    block.lastBottom = Math.max(block.lastBottom, line.bbox.y1);
  });
  return blocks.map(({ cols }) => ({
    cells: [...cols.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([col, ls]) => {
        const cellLines = charsToLines(ls.flatMap((l) => l.chars));
        const bbox = boxesToUnion(ls.map((l) => l.bbox));
        return { col, colSpan: 1, rowSpan: 1, text: linesToText(cellLines, bbox), page: page.number, bbox, via: 'pdf' as const };
      }),
    page: page.number,
    pageBreakBefore: false,
  }));
}

/**
 * The grids (ruled tables) of a page. A "table" of one cell that holds another table or covers
 * half the page is a frame (a page border), not a table: it is left out, so a table inside keeps
 * its text and the rest is read as the page's own lines. A smaller one (a boxed note, the part of
 * a full-width cell that a page break carried over) stays a cell.
 */
export function pageToGrids(page: Page, s: PageRowsSettings = DEFAULT_PAGE_ROWS): Grid[] {
  const grids = edgesToGrids(page.rulings.map(segmentToEdge), s.lattice);
  const area = (b: BBox): number => (b.x1 - b.x0) * (b.y1 - b.y0);
  const inside = (a: BBox, b: BBox): boolean => a.x0 >= b.x0 && a.y0 >= b.y0 && a.x1 <= b.x1 && a.y1 <= b.y1;
  const isFrame = (g: Grid): boolean =>
    g.cells.length === 1 && (area(g.bbox) > 0.5 * page.width * page.height || grids.some((o) => o !== g && inside(o.bbox, g.bbox)));
  return grids.filter((g) => !isFrame(g));
}

/** A text page laid out: its tables with their characters, and the lines outside the tables. */
export interface TextPageLayout {
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
export function pageToLayout(page: Page, s: PageRowsSettings = DEFAULT_PAGE_ROWS): TextPageLayout {
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
export function alignContinuedTables(layouts: readonly TextPageLayout[], s: PageRowsSettings = DEFAULT_PAGE_ROWS): TextPageLayout[] {
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
    const xs = valuesToClusterMeans(all, tol);
    for (const [i, g] of run) out[i]!.grids[g] = gridOnColumns(out[i]!.grids[g]!, xs);
  }
  return out;
}

/** Rows of one laid-out page in reading order: table rows and outside lines; a page without tables falls back to stream rows. */
export function layoutToRows(layout: TextPageLayout, s: PageRowsSettings = DEFAULT_PAGE_ROWS): Row[] {
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
