/**
 * Table structure from ruling lines, after pdfplumber's lattice chain: rulings → tables (rulings
 * that cross each other) → bands between horizontal rulings → cells (one per pair of neighbouring
 * verticals crossing a band) → cells merged down where no ruling separates them (row spans).
 */
import { boxesToUnion } from '../geometry/boxes.js';
import { valuesToClusterMeans } from '../geometry/clusters.js';
import { pxLineToBox, type PxLine } from '../image/rulings.js';
import type { BBox } from '../model.js';

/** One table found on a page: its rulings and outline, in pixels. */
export interface PxTable {
  horizontal: PxLine[];
  vertical: PxLine[];
  bbox: BBox;
}

/** One cell of a table, in pixels, with its band (row) index and the columns it covers. */
export interface PxCell {
  bbox: BBox;
  /** Index of the band (between two horizontal rulings) the cell starts in. */
  row: number;
  rowSpan: number;
  /** x of its left and right rulings, for column indexing across pages. */
  left: number;
  right: number;
}

const crosses = (h: PxLine, v: PxLine, tol: number): boolean =>
  v.pos >= h.from - tol && v.pos <= h.to + tol && h.pos >= v.from - tol && h.pos <= v.to + tol;

/**
 * Tables: groups of horizontal and vertical rulings connected by crossings (union-find), with at
 * least two of each, two of the horizontals at least `minWidthPx` long, and at least
 * `minHeightPx` tall; a lone underline, a box in the text or the strokes of a bold title are no table.
 */
export function rulingsToTables(horizontal: readonly PxLine[], vertical: readonly PxLine[], tolPx: number, minWidthPx = 0, minHeightPx = 0): PxTable[] {
  const n = horizontal.length + vertical.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  horizontal.forEach((h, i) =>
    vertical.forEach((v, j) => {
      if (crosses(h, v, tolPx)) parent[find(i)] = find(horizontal.length + j);
    }),
  );
  const groups = new Map<number, Omit<PxTable, 'bbox'>>();
  const get = (i: number): Omit<PxTable, 'bbox'> => {
    const r = find(i);
    let t = groups.get(r);
    if (!t) groups.set(r, (t = { horizontal: [], vertical: [] }));
    return t;
  };
  horizontal.forEach((h, i) => get(i).horizontal.push(h));
  vertical.forEach((v, j) => get(horizontal.length + j).vertical.push(v));
  const tables = [...groups.values()]
    .filter((t) => t.horizontal.length >= 2 && t.vertical.length >= 2)
    .map((t) => ({ ...t, bbox: boxesToUnion([...t.horizontal.map((h) => pxLineToBox(h, 'horizontal')), ...t.vertical.map((v) => pxLineToBox(v, 'vertical'))]) }));
  return tables
    .filter((t) => t.horizontal.filter((h) => h.to - h.from >= minWidthPx).length >= 2 && t.bbox.y1 - t.bbox.y0 >= minHeightPx)
    .sort((a, b) => a.bbox.y0 - b.bbox.y0);
}

/** How much of [a, b] the horizontal rulings at height y cover, 0..1. */
function coverage(lines: readonly PxLine[], y: number, a: number, b: number, tol: number): number {
  let covered = 0;
  for (const l of lines) if (Math.abs(l.pos - y) <= tol) covered += Math.max(0, Math.min(b, l.to) - Math.max(a, l.from));
  return b > a ? Math.min(1, covered / (b - a)) : 0;
}

/**
 * The cells of a table. A table cut by a page break has verticals running past its first or last
 * horizontal ruling; the open end is closed there so its partial row is kept.
 */
export function tableToCells(table: PxTable, tolPx: number, minOpenPx: number): PxCell[] {
  const ys = valuesToClusterMeans(table.horizontal.map((h) => h.pos), tolPx);
  const top = Math.min(...table.vertical.map((v) => v.from));
  const bottom = Math.max(...table.vertical.map((v) => v.to));
  const hLines = [...table.horizontal];
  if (ys[0]! - top >= minOpenPx) {
    ys.unshift(top);
    hLines.push({ pos: top, from: table.bbox.x0, to: table.bbox.x1, thickness: 1 });
  }
  if (bottom - ys[ys.length - 1]! >= minOpenPx) {
    ys.push(bottom);
    hLines.push({ pos: bottom, from: table.bbox.x0, to: table.bbox.x1, thickness: 1 });
  }
  // Cells of each band: between neighbouring verticals that cross the whole band.
  const bands: [number, number][][] = [];
  for (let i = 0; i + 1 < ys.length; i++) {
    const ya = ys[i]!;
    const yb = ys[i + 1]!;
    const cross = table.vertical.filter((v) => v.from <= ya + tolPx && v.to >= yb - tolPx).map((v) => v.pos);
    // A faint outer border may escape detection; the rulings above and below that reach the
    // table's edge close the band there all the same.
    const reach = (x: number) =>
      [ya, yb].every((y) => hLines.some((h) => Math.abs(h.pos - y) <= tolPx && h.from <= x + tolPx && h.to >= x - tolPx));
    if (reach(table.bbox.x0)) cross.push(table.bbox.x0);
    if (reach(table.bbox.x1)) cross.push(table.bbox.x1);
    const at = valuesToClusterMeans(cross, tolPx);
    const spans: [number, number][] = [];
    for (let k = 0; k + 1 < at.length; k++) spans.push([at[k]!, at[k + 1]!]);
    bands.push(spans);
  }
  const cells: PxCell[] = [];
  const used = bands.map((b) => b.map(() => false));
  for (let i = 0; i < bands.length; i++) {
    bands[i]!.forEach(([a, b], k) => {
      if (used[i]![k]) return;
      used[i]![k] = true;
      let end = i;
      // Merge down while the next band has the same cell and no ruling separates them.
      for (;;) {
        const next = bands[end + 1];
        if (!next) break;
        const j = next.findIndex(([c, d]) => Math.abs(c - a) <= tolPx && Math.abs(d - b) <= tolPx);
        if (j < 0 || used[end + 1]![j] || coverage(hLines, ys[end + 1]!, a, b, tolPx) >= 0.5) break;
        used[end + 1]![j] = true;
        end++;
      }
      cells.push({ bbox: { x0: a, y0: ys[i]!, x1: b, y1: ys[end + 1]! }, row: i, rowSpan: end - i + 1, left: a, right: b });
    });
  }
  return cells.sort((p, q) => p.row - q.row || p.left - q.left);
}
