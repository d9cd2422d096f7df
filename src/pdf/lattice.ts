/**
 * Table cells from ruling lines, after pdfplumber's lattice method (pdfplumber/table.py:
 * `snap_edges` → `join_edge_group` → `edges_to_intersections` → `intersections_to_cells` →
 * `cells_to_tables`), then each table's cells placed on a grid of rows and columns with spans.
 *
 * Every function here is pure and works in page points (origin top-left, y down).
 */
import { mean, valuesToClusters } from '../geometry/clusters.js';
import type { BBox } from '../model.js';

/** A horizontal (`y0 === y1`) or vertical (`x0 === x1`) ruling line. */
export interface Edge extends BBox {
  orientation: 'h' | 'v';
}

/** Tolerances of the lattice method, in page points. */
export interface LatticeSettings {
  /** Parallel edges closer than this are moved onto one line (pdfplumber's `snap_tolerance`). */
  snapTolerancePt: number;
  /** Collinear edges with a gap up to this are joined (pdfplumber's `join_tolerance`). */
  joinTolerancePt: number;
  /** How far an edge may stop short of another and still cross it (`intersection_tolerance`). */
  intersectionTolerancePt: number;
  /** Edges shorter than this after joining are dropped (`edge_min_length`). */
  minEdgeLengthPt: number;
}

/** pdfplumber's defaults, but a tighter snap (2 pt): Chromium's rules of neighbouring cells lie within 0.1 pt of each other. */
export const DEFAULT_LATTICE: LatticeSettings = {
  snapTolerancePt: 2,
  joinTolerancePt: 3,
  intersectionTolerancePt: 3,
  minEdgeLengthPt: 3,
};

/** A point where a horizontal and a vertical edge cross. */
export interface Intersection {
  x: number;
  y: number;
}

/** One cell of a table placed on the table's grid. */
export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  bbox: BBox;
}

/** A table: its cells on a grid whose row and column boundaries are `ys` and `xs`. */
export interface Grid {
  bbox: BBox;
  xs: number[];
  ys: number[];
  cells: GridCell[];
}

const edgePos = (e: Edge): number => (e.orientation === 'h' ? e.y0 : e.x0);
const edgeStart = (e: Edge): number => (e.orientation === 'h' ? e.x0 : e.y0);
const edgeEnd = (e: Edge): number => (e.orientation === 'h' ? e.x1 : e.y1);
const makeEdge = (orientation: 'h' | 'v', pos: number, start: number, end: number): Edge =>
  orientation === 'h' ? { orientation, x0: start, y0: pos, x1: end, y1: pos } : { orientation, x0: pos, y0: start, x1: pos, y1: end };

/** Moves parallel edges whose positions lie within `tolerance` onto their mean position (pdfplumber `snap_edges`). */
export function snapEdges(edges: readonly Edge[], tolerance: number): Edge[] {
  const out: Edge[] = [];
  for (const orientation of ['h', 'v'] as const) {
    const group = edges.filter((e) => e.orientation === orientation);
    const clusters = valuesToClusters(group.map(edgePos), tolerance);
    const snapTo = new Map<number, number>();
    for (const c of clusters) {
      const m = mean(c);
      for (const v of c) snapTo.set(v, m);
    }
    for (const e of group) out.push(makeEdge(orientation, snapTo.get(edgePos(e))!, edgeStart(e), edgeEnd(e)));
  }
  return out;
}

/** Merges collinear edges that overlap or leave a gap of at most `tolerance` (pdfplumber `join_edge_group`). */
export function joinEdges(edges: readonly Edge[], tolerance: number): Edge[] {
  const byLine = new Map<string, Edge[]>();
  for (const e of edges) {
    const key = `${e.orientation}:${edgePos(e)}`;
    const list = byLine.get(key);
    if (list) list.push(e);
    else byLine.set(key, [e]);
  }
  const out: Edge[] = [];
  for (const list of byLine.values()) {
    list.sort((a, b) => edgeStart(a) - edgeStart(b));
    let cur = list[0]!;
    for (const e of list.slice(1)) {
      if (edgeStart(e) <= edgeEnd(cur) + tolerance) {
        if (edgeEnd(e) > edgeEnd(cur)) cur = makeEdge(cur.orientation, edgePos(cur), edgeStart(cur), edgeEnd(e));
      } else {
        out.push(cur);
        cur = e;
      }
    }
    out.push(cur);
  }
  return out;
}

/**
 * Closing rules for tables cut by a page break: where two or more vertical rules end at the same
 * height with no horizontal rule there (the bottom of a table that continues on the next page, or
 * the top of its continuation), a horizontal rule is added between the outermost of them.
 */
export function closeOpenEnds(edges: readonly Edge[], tolerance: number): Edge[] {
  const hs = edges.filter((e) => e.orientation === 'h');
  const vs = edges.filter((e) => e.orientation === 'v');
  const touches = (x: number, y: number): boolean => hs.some((h) => Math.abs(h.y0 - y) <= tolerance && h.x0 - tolerance <= x && x <= h.x1 + tolerance);
  const added: Edge[] = [];
  for (const end of ['top', 'bottom'] as const) {
    const yOf = (v: Edge): number => (end === 'top' ? v.y0 : v.y1);
    // Vertical rules ending together form one cut edge of a table when at least one of them is left open there.
    for (const cluster of valuesToClusters(vs.map(yOf), tolerance)) {
      const members = vs.filter((v) => yOf(v) >= cluster[0]! && yOf(v) <= cluster[cluster.length - 1]!);
      if (members.length < 2 || members.every((v) => touches(v.x0, yOf(v)))) continue;
      const y = end === 'top' ? Math.min(...cluster) : Math.max(...cluster);
      added.push(makeEdge('h', y, Math.min(...members.map((v) => v.x0)), Math.max(...members.map((v) => v.x0))));
    }
  }
  return [...edges, ...added];
}

/** Snaps, joins and drops short edges: the ruling lines a table is built from. */
export function edgesToRulings(edges: readonly Edge[], settings: LatticeSettings = DEFAULT_LATTICE): Edge[] {
  const snapped = snapEdges(edges, settings.snapTolerancePt);
  return joinEdges(snapped, settings.joinTolerancePt).filter((e) => edgeEnd(e) - edgeStart(e) >= settings.minEdgeLengthPt);
}

/** Points where a vertical and a horizontal edge cross, each edge allowed to stop `tolerance` short. */
export function edgesToIntersections(edges: readonly Edge[], tolerance: number): Intersection[] {
  const hs = edges.filter((e) => e.orientation === 'h');
  const vs = edges.filter((e) => e.orientation === 'v');
  const seen = new Set<string>();
  const out: Intersection[] = [];
  for (const v of vs)
    for (const h of hs) {
      if (v.y0 - tolerance <= h.y0 && h.y0 <= v.y1 + tolerance && h.x0 - tolerance <= v.x0 && v.x0 <= h.x1 + tolerance) {
        const key = `${v.x0},${h.y0}`;
        if (!seen.has(key)) {
          seen.add(key);
          out.push({ x: v.x0, y: h.y0 });
        }
      }
    }
  return out.sort((a, b) => a.y - b.y || a.x - b.x);
}

/** Whether some edge of the orientation runs along `pos` from `a` to `b` (within `tolerance`). */
function edgeCovers(edges: readonly Edge[], orientation: 'h' | 'v', pos: number, a: number, b: number, tolerance: number): boolean {
  return edges.some(
    (e) => e.orientation === orientation && Math.abs(edgePos(e) - pos) <= tolerance && edgeStart(e) <= a + tolerance && edgeEnd(e) >= b - tolerance,
  );
}

/**
 * The smallest rectangles whose four corners are intersections and whose four sides lie on edges
 * (pdfplumber `intersections_to_cells`): for each top-left corner, the nearest corner below and
 * the nearest to the right that close a rectangle.
 */
export function intersectionsToCells(points: readonly Intersection[], edges: readonly Edge[], tolerance: number): BBox[] {
  const keyOf = (x: number, y: number): string => `${x},${y}`;
  const set = new Set(points.map((p) => keyOf(p.x, p.y)));
  const byX = new Map<number, number[]>();
  const byY = new Map<number, number[]>();
  for (const p of points) {
    (byX.get(p.x) ?? byX.set(p.x, []).get(p.x)!).push(p.y);
    (byY.get(p.y) ?? byY.set(p.y, []).get(p.y)!).push(p.x);
  }
  for (const l of byX.values()) l.sort((a, b) => a - b);
  for (const l of byY.values()) l.sort((a, b) => a - b);
  const cells: BBox[] = [];
  for (const p of points) {
    const below = byX.get(p.x)!.filter((y) => y > p.y);
    const right = byY.get(p.y)!.filter((x) => x > p.x);
    let found: BBox | null = null;
    for (const y of below) {
      // The left side must be ruled all the way down to this corner.
      if (!edgeCovers(edges, 'v', p.x, p.y, y, tolerance)) break;
      for (const x of right) {
        if (!edgeCovers(edges, 'h', p.y, p.x, x, tolerance)) break;
        if (!set.has(keyOf(x, y))) continue;
        if (edgeCovers(edges, 'v', x, p.y, y, tolerance) && edgeCovers(edges, 'h', y, p.x, x, tolerance)) {
          found = { x0: p.x, y0: p.y, x1: x, y1: y };
          break;
        }
      }
      if (found) break;
    }
    if (found) cells.push(found);
  }
  return cells;
}

/** Groups cells that share a corner into tables, in reading order (pdfplumber `cells_to_tables`). */
export function cellsToTables(cells: readonly BBox[]): BBox[][] {
  const corners = (c: BBox): string[] => [`${c.x0},${c.y0}`, `${c.x1},${c.y0}`, `${c.x0},${c.y1}`, `${c.x1},${c.y1}`];
  const parent = cells.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  cells.forEach((c, i) => {
    for (const k of corners(c)) {
      const j = owner.get(k);
      if (j === undefined) owner.set(k, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, BBox[]>();
  cells.forEach((c, i) => {
    const r = find(i);
    (groups.get(r) ?? groups.set(r, []).get(r)!).push(c);
  });
  const tables = [...groups.values()].filter((g) => g.length > 0);
  const top = (g: BBox[]): number => Math.min(...g.map((c) => c.y0));
  const left = (g: BBox[]): number => Math.min(...g.map((c) => c.x0));
  return tables.sort((a, b) => top(a) - top(b) || left(a) - left(b));
}

/** A table's cells on a grid: row and column boundaries are the distinct cell sides; spans count the boundaries crossed. */
export function cellsToGrid(cells: readonly BBox[]): Grid {
  const xs = [...new Set(cells.flatMap((c) => [c.x0, c.x1]))].sort((a, b) => a - b);
  const ys = [...new Set(cells.flatMap((c) => [c.y0, c.y1]))].sort((a, b) => a - b);
  const gridCells = cells
    .map((c) => {
      const col = xs.indexOf(c.x0);
      const row = ys.indexOf(c.y0);
      return { row, col, rowSpan: ys.indexOf(c.y1) - row, colSpan: xs.indexOf(c.x1) - col, bbox: c };
    })
    .sort((a, b) => a.row - b.row || a.col - b.col);
  return {
    bbox: { x0: xs[0]!, y0: ys[0]!, x1: xs[xs.length - 1]!, y1: ys[ys.length - 1]! },
    xs,
    ys,
    cells: gridCells,
  };
}

/** The tables of a page from its ruling edges: rulings → intersections → cells → tables → grids. */
export function edgesToGrids(edges: readonly Edge[], settings: LatticeSettings = DEFAULT_LATTICE): Grid[] {
  const rulings = closeOpenEnds(edgesToRulings(edges, settings), settings.intersectionTolerancePt);
  const points = edgesToIntersections(rulings, settings.intersectionTolerancePt);
  const cells = intersectionsToCells(points, rulings, settings.intersectionTolerancePt);
  return cellsToTables(cells).map(cellsToGrid);
}
