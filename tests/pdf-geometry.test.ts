/**
 * The geometry of the PDF reader on small hand-made inputs: operator lists → shapes, shapes →
 * edges and boxes, edges → rulings → intersections → cells → tables → grids.
 */
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { BBox } from '../src/model.js';
import {
  cellsToGrid,
  cellsToTables,
  closeOpenEnds,
  edgesToGrids,
  edgesToIntersections,
  edgesToRulings,
  intersectionsToCells,
  joinEdges,
  snapEdges,
  type Edge,
} from '../src/pdf/lattice.js';
import { multiplyMatrices, operatorListToGraphics, pathDataToSubpaths, type Matrix } from '../src/pdf/operators.js';
import { isInvisibleColour, pointsToEdge, rectIsBox, rectToEdge, shapesToEdgesAndBoxes, subpathToRect } from '../src/pdf/rulings.js';
import { edgesToDrawnBoxes } from '../src/pdf/content-to-page.js';

const h = (y: number, x0: number, x1: number): Edge => ({ orientation: 'h', x0, y0: y, x1, y1: y });
const v = (x: number, y0: number, y1: number): Edge => ({ orientation: 'v', x0: x, y0, x1: x, y1 });

/** The rules of a ruled grid: horizontal lines at `ys` across, vertical lines at `xs` down. */
function gridEdges(xs: number[], ys: number[]): Edge[] {
  return [...ys.map((y) => h(y, xs[0]!, xs[xs.length - 1]!)), ...xs.map((x) => v(x, ys[0]!, ys[ys.length - 1]!))];
}

const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const CLOSE = 4;
const rectPath = (x: number, y: number, w: number, hh: number): number[] => [MOVE, x, y, LINE, x + w, y, LINE, x + w, y + hh, LINE, x, y + hh, CLOSE];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
/** The viewport of an A4 page at scale 1: PDF space (y up) → page points (y down). */
const A4: Matrix = [1, 0, 0, -1, 0, 842];

describe('snapEdges and joinEdges', () => {
  it('moves nearly collinear edges onto their mean line', () => {
    const snapped = snapEdges([h(100, 0, 50), h(101, 60, 90), v(10, 0, 5)], 2);
    expect(snapped.filter((e) => e.orientation === 'h').map((e) => e.y0)).toEqual([100.5, 100.5]);
    expect(snapped.find((e) => e.orientation === 'v')).toEqual(v(10, 0, 5));
  });
  it('joins collinear pieces with small gaps and keeps distant ones apart', () => {
    const joined = joinEdges([h(100, 0, 50), h(100, 52, 90), h(100, 120, 130), h(200, 0, 10)], 3);
    expect(joined).toEqual(expect.arrayContaining([h(100, 0, 90), h(100, 120, 130), h(200, 0, 10)]));
    expect(joined).toHaveLength(3);
  });
  it('joins the per-cell border pieces Chromium draws into whole rules', () => {
    const pieces = [h(50, 0, 100.2), h(50, 99.8, 300), h(50.4, 299.5, 500), v(0, 50, 80), v(0, 79.5, 120)];
    const rulings = edgesToRulings(pieces);
    expect(rulings.filter((e) => e.orientation === 'h')).toHaveLength(1);
    expect(rulings.find((e) => e.orientation === 'h')).toMatchObject({ x0: 0, x1: 500 });
    expect(rulings.find((e) => e.orientation === 'v')).toMatchObject({ y0: 50, y1: 120 });
  });
  it('joins the dashes of a dashed rule drawn as small filled rectangles', () => {
    const dashes = Array.from({ length: 20 }, (_, i) => rectToEdge({ x0: i * 4, y0: 99.8, x1: i * 4 + 2, y1: 100.2 })!);
    expect(edgesToRulings(dashes)).toEqual([h(100, 0, 78)]);
  });
  it('drops edges shorter than the minimum length', () => {
    expect(edgesToRulings([h(10, 0, 2), v(5, 0, 100)])).toEqual([v(5, 0, 100)]);
  });
});

describe('edgesToIntersections', () => {
  it('finds crossings, T-junctions and corners, allowing a short stop', () => {
    const points = edgesToIntersections([h(0, 0, 100), h(50, 0, 100), v(0, 0, 50), v(100, 0, 48.5), v(60, 0, 20)], 3);
    expect(points).toEqual([
      { x: 0, y: 0 },
      { x: 60, y: 0 },
      { x: 100, y: 0 },
      { x: 0, y: 50 },
      { x: 100, y: 50 },
    ]);
  });
  it('finds nothing between parallel edges', () => expect(edgesToIntersections([h(0, 0, 10), h(5, 0, 10)], 1)).toEqual([]));
});

describe('intersectionsToCells', () => {
  it('cuts a 2×3 grid into six cells', () => {
    const edges = gridEdges([0, 100, 200, 300], [0, 20, 40]);
    const cells = intersectionsToCells(edgesToIntersections(edges, 1), edges, 1);
    expect(cells).toHaveLength(6);
    expect(cells).toContainEqual({ x0: 100, y0: 20, x1: 200, y1: 40 });
  });
  it('makes one cell of a merged area whose inner rules are missing', () => {
    // Row 0: three cells; row 1: the first column alone, then a cell spanning columns 1 and 2.
    const edges = [h(0, 0, 300), h(20, 0, 300), h(40, 0, 300), v(0, 0, 40), v(100, 0, 40), v(200, 0, 20), v(300, 0, 40)];
    const cells = intersectionsToCells(edgesToIntersections(edges, 1), edges, 1);
    expect(cells).toHaveLength(5);
    expect(cells).toContainEqual({ x0: 100, y0: 20, x1: 300, y1: 40 });
  });
  it('finds no cell where a side is not ruled', () => {
    const edges = [h(0, 0, 100), h(20, 0, 100), v(0, 0, 20)];
    expect(intersectionsToCells(edgesToIntersections(edges, 1), edges, 1)).toEqual([]);
  });
});

describe('cellsToTables and cellsToGrid', () => {
  it('keeps two tables that share no corner apart, in reading order', () => {
    const lower: BBox[] = [{ x0: 0, y0: 200, x1: 50, y1: 220 }];
    const upper: BBox[] = [
      { x0: 0, y0: 0, x1: 50, y1: 20 },
      { x0: 50, y0: 0, x1: 90, y1: 20 },
    ];
    const tables = cellsToTables([...lower, ...upper]);
    expect(tables.map((t) => t.length)).toEqual([2, 1]);
  });
  it('gives row and column spans from the distinct cell sides', () => {
    const grid = cellsToGrid([
      { x0: 0, y0: 0, x1: 100, y1: 40 }, // label over two rows
      { x0: 100, y0: 0, x1: 300, y1: 20 },
      { x0: 100, y0: 20, x1: 200, y1: 40 },
      { x0: 200, y0: 20, x1: 300, y1: 40 },
    ]);
    expect(grid.xs).toEqual([0, 100, 200, 300]);
    expect(grid.ys).toEqual([0, 20, 40]);
    expect(grid.cells.map(({ row, col, rowSpan, colSpan }) => ({ row, col, rowSpan, colSpan }))).toEqual([
      { row: 0, col: 0, rowSpan: 2, colSpan: 1 },
      { row: 0, col: 1, rowSpan: 1, colSpan: 2 },
      { row: 1, col: 1, rowSpan: 1, colSpan: 1 },
      { row: 1, col: 2, rowSpan: 1, colSpan: 1 },
    ]);
  });
});

describe('closeOpenEnds', () => {
  it('closes a table whose bottom rule a page break left out', () => {
    const edges = [h(0, 0, 200), h(20, 0, 200), v(0, 0, 60), v(100, 0, 60), v(200, 0, 60)];
    const closed = closeOpenEnds(edges, 2);
    expect(closed).toContainEqual(h(60, 0, 200));
    expect(edgesToGrids(edges).flatMap((g) => g.cells)).toHaveLength(4);
  });
  it('closes the top of a continuation even where some rules touch a lower line', () => {
    // Continuation page: no top rule; the first column spans down to 40, the others stop at 20.
    const edges = [h(20, 100, 300), h(40, 0, 300), v(0, 0, 40), v(100, 0, 40), v(300, 0, 40)];
    const grids = edgesToGrids(edges);
    expect(grids).toHaveLength(1);
    expect(grids[0]!.cells.map((c) => c.bbox)).toContainEqual({ x0: 0, y0: 0, x1: 100, y1: 40 });
  });
  it('adds nothing to a closed table, nor for a lone line ending at a height of its own', () => {
    const closed = gridEdges([0, 50, 100], [0, 20]);
    expect(closeOpenEnds(closed, 2)).toHaveLength(closed.length);
    expect(closeOpenEnds([...closed, v(300, 30, 90)], 2)).toHaveLength(closed.length + 1);
  });
});

describe('edgesToGrids', () => {
  it('builds the form layout: label column, spanning values, a four-column row', () => {
    const edges = [
      h(0, 0, 400),
      h(20, 0, 400),
      h(40, 0, 400),
      v(0, 0, 40),
      v(100, 0, 40),
      v(400, 0, 40),
      v(200, 20, 40),
      v(300, 20, 40),
    ];
    const [grid] = edgesToGrids(edges);
    expect(grid!.cells.map(({ row, col, colSpan }) => [row, col, colSpan])).toEqual([
      [0, 0, 1],
      [0, 1, 3],
      [1, 0, 1],
      [1, 1, 1],
      [1, 2, 1],
      [1, 3, 1],
    ]);
  });
  it('finds no table in lines that do not cross', () => expect(edgesToGrids([h(0, 0, 100), h(50, 0, 100)])).toEqual([]));
});

describe('operator lists to shapes', () => {
  it('decodes packed DrawOPS path data, curves reduced to their end points', () => {
    const sub = pathDataToSubpaths([MOVE, 0, 0, LINE, 10, 0, CURVE, 12, 1, 14, 2, 20, 5, CLOSE, LINE, 0, 9], IDENTITY);
    expect(sub).toEqual([
      { points: [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 20, y: 5 }], closed: true, curved: true },
      // After closePath a line starts from the subpath's first point.
      { points: [{ x: 0, y: 0 }, { x: 0, y: 9 }], closed: false, curved: false },
    ]);
  });
  it('multiplies matrices in PDF order (the new transform applies first)', () => {
    const scaleThenShift = multiplyMatrices([1, 0, 0, 1, 100, 0], [2, 0, 0, 2, 0, 0]);
    expect(scaleThenShift).toEqual([2, 0, 0, 2, 100, 0]);
  });
  it('tracks the transform through save, transform and restore, and maps to page points', () => {
    const list = {
      fnArray: [OPS.save, OPS.transform, OPS.constructPath, OPS.restore, OPS.constructPath],
      argsArray: [null, [2, 0, 0, 2, 10, 10], [OPS.fill, [rectPath(0, 0, 5, 0.5)], null], null, [OPS.stroke, [[MOVE, 0, 100, LINE, 50, 100]], null]],
    };
    const { shapes } = operatorListToGraphics(list, A4);
    expect(shapes).toHaveLength(2);
    // The filled rectangle: x 10..20, y (PDF) 10..11 → page y 831..832.
    expect(shapes[0]!.bbox).toEqual({ x0: 10, y0: 831, x1: 20, y1: 832 });
    expect(shapes[0]!.paint).toBe('fill');
    // The stroke after restore is back in the page's own space.
    expect(shapes[1]!.bbox).toEqual({ x0: 0, y0: 742, x1: 50, y1: 742 });
  });
  it('applies form XObject matrices, scales line widths, skips clips and transparent paint', () => {
    const list = {
      fnArray: [OPS.paintFormXObjectBegin, OPS.setLineWidth, OPS.constructPath, OPS.paintFormXObjectEnd, OPS.constructPath, OPS.setFillTransparent, OPS.constructPath],
      argsArray: [
        [[0.5, 0, 0, 0.5, 0, 0], [0, 0, 100, 100]],
        [2],
        [OPS.stroke, [[MOVE, 0, 0, LINE, 100, 0]], null],
        null,
        [OPS.endPath, [rectPath(0, 0, 100, 100)], null],
        null,
        [OPS.fill, [rectPath(0, 0, 100, 1)], null],
      ],
    };
    const { shapes } = operatorListToGraphics(list, IDENTITY);
    expect(shapes).toHaveLength(1);
    expect(shapes[0]!.bbox).toEqual({ x0: 0, y0: 0, x1: 50, y1: 0 });
    expect(shapes[0]!.lineWidthPt).toBe(1);
  });
  it('records the boxes of painted images', () => {
    const list = { fnArray: [OPS.save, OPS.transform, OPS.paintImageXObject, OPS.restore], argsArray: [null, [595, 0, 0, 842, 0, 0], ['img1', 100, 100], null] };
    expect(operatorListToGraphics(list, A4).images).toEqual([{ x0: 0, y0: 0, x1: 595, y1: 842 }]);
  });
});

describe('shapes to edges and boxes', () => {
  const shape = (paint: 'fill' | 'stroke', data: number[], colour = '#000000') => {
    const subpaths = pathDataToSubpaths(data, IDENTITY);
    const pts = subpaths.flatMap((sp) => sp.points);
    const bbox = { x0: Math.min(...pts.map((p) => p.x)), y0: Math.min(...pts.map((p) => p.y)), x1: Math.max(...pts.map((p) => p.x)), y1: Math.max(...pts.map((p) => p.y)) };
    return { paint, subpaths, lineWidthPt: 0.5, fill: colour, stroke: colour, bbox };
  };
  it.each([
    { name: 'a thin filled rectangle is a horizontal rule', rect: { x0: 10, y0: 99.6, x1: 200, y1: 100.4 }, edge: h(100, 10, 200) },
    { name: 'a tall thin one is a vertical rule', rect: { x0: 49.5, y0: 0, x1: 50.5, y1: 80 }, edge: v(50, 0, 80) },
    { name: 'a large fill (shading) is no rule', rect: { x0: 0, y0: 0, x1: 100, y1: 30 }, edge: null },
    { name: 'a speck is no rule', rect: { x0: 0, y0: 0, x1: 0.5, y1: 0.5 }, edge: null },
  ])('$name', ({ rect, edge }) => expect(rectToEdge(rect)).toEqual(edge));
  it.each([
    { a: { x: 0, y: 5 }, b: { x: 100, y: 5.2 }, edge: h(5.1, 0, 100) },
    { a: { x: 3, y: 80 }, b: { x: 3, y: 10 }, edge: v(3, 10, 80) },
    { a: { x: 0, y: 0 }, b: { x: 50, y: 40 }, edge: null },
  ])('segment $a → $b', ({ a, b, edge }) => {
    const e = pointsToEdge(a, b);
    if (edge === null) expect(e).toBeNull();
    else expect(e).toMatchObject({ orientation: edge.orientation, x0: edge.x0, x1: edge.x1, y0: expect.closeTo(edge.y0, 6), y1: expect.closeTo(edge.y1, 6) });
  });
  it('recognises rectangles and check-box sizes', () => {
    expect(subpathToRect([{ x: 0, y: 0 }, { x: 9, y: 0 }, { x: 9, y: 9 }, { x: 0, y: 9 }])).toEqual({ x0: 0, y0: 0, x1: 9, y1: 9 });
    expect(subpathToRect([{ x: 0, y: 0 }, { x: 9, y: 3 }, { x: 9, y: 9 }, { x: 0, y: 9 }])).toBeNull();
    expect(rectIsBox({ x0: 0, y0: 0, x1: 9, y1: 9.75 })).toBe(true);
    expect(rectIsBox({ x0: 0, y0: 0, x1: 30, y1: 9 })).toBe(false);
    expect(rectIsBox({ x0: 0, y0: 0, x1: 3, y1: 3 })).toBe(false);
  });
  it('sorts stroked squares into boxes, stroked lines and thin fills into edges, ticks into marks', () => {
    const split = shapesToEdgesAndBoxes([
      shape('stroke', rectPath(100, 100, 9, 9)),
      shape('stroke', rectPath(0, 0, 300, 200)),
      shape('fill', rectPath(0, 50, 300, 0.75)),
      shape('fill', rectPath(0, 60, 300, 0.75), '#ffffff'),
      shape('stroke', [MOVE, 101, 104, LINE, 103, 107, LINE, 108, 101]),
    ]);
    expect(split.boxes).toEqual([{ x0: 100, y0: 100, x1: 109, y1: 109 }]);
    expect(split.edges).toHaveLength(5);
    expect(split.marks).toHaveLength(1);
  });
  it('takes round outlines for boxes, and solid squares for ticked boxes beside outlined ones', () => {
    const k = 0.5523 * 4.5; // a circle of radius 4.5 from four Bézier curves
    const circle = [MOVE, 204.5, 100, CURVE, 204.5, 100 + k, 200 + k, 104.5, 200, 104.5, CURVE, 200 - k, 104.5, 195.5, 100 + k, 195.5, 100, CURVE, 195.5, 100 - k, 200 - k, 95.5, 200, 95.5, CURVE, 200 + k, 95.5, 204.5, 100 - k, 204.5, 100, CLOSE];
    const outlined = shape('stroke', rectPath(100, 100, 9, 9));
    const solid = shape('fill', rectPath(130, 100, 9, 9));
    const split = shapesToEdgesAndBoxes([outlined, solid, shape('stroke', circle)]);
    expect(split.boxes).toEqual(
      expect.arrayContaining([
        { x0: 100, y0: 100, x1: 109, y1: 109 },
        { x0: 130, y0: 100, x1: 139, y1: 109 },
        { x0: 195.5, y0: 95.5, x1: 204.5, y1: 104.5 },
      ]),
    );
    expect(split.boxes).toHaveLength(3);
    // Alone, a solid square is no box (a bullet, a logo part).
    expect(shapesToEdgesAndBoxes([shape('fill', rectPath(130, 100, 9, 9))]).boxes).toEqual([]);
  });
  it('takes a box drawn as a filled frame (outer and inner square) for a box', () => {
    const frame = shape('fill', [...rectPath(0, 0, 10, 10), ...rectPath(0.6, 0.6, 8.8, 8.8)]);
    expect(shapesToEdgesAndBoxes([frame]).boxes).toEqual([{ x0: 0, y0: 0, x1: 10, y1: 10 }]);
  });
  it('finds boxes drawn with four separate thin rules and removes their rules', () => {
    const boxRules = [h(100, 50, 59), h(109, 50, 59), v(50, 100, 109), v(59, 100, 109)];
    const table = gridEdges([0, 40, 300], [80, 130]);
    const { boxes, edges } = edgesToDrawnBoxes([...boxRules, ...table]);
    expect(boxes).toEqual([{ x0: 50, y0: 100, x1: 59, y1: 109 }]);
    expect(edges).toHaveLength(table.length);
  });
  it.each([
    ['#ffffff', true],
    ['#fefefe', true],
    ['#000000', false],
    ['#808080', false],
    [null, false],
  ])('colour %s invisible: %s', (colour, invisible) => expect(isInvisibleColour(colour)).toBe(invisible));
});
