/**
 * Vector shapes of a page from pdf.js's operator list.
 *
 * Since pdf.js 5.1 a path arrives as one `constructPath` operator: `[paintOp, [pathData], minMax]`,
 * where `pathData` packs drawing codes (DrawOPS: 0 moveTo x y, 1 lineTo x y, 2 curveTo x1 y1 x2 y2
 * x y, 3 quadraticCurveTo x1 y1 x y, 4 closePath) in the user space of the moment. The current
 * transform is tracked here through save/restore/transform and form XObjects, and every point is
 * mapped to page points (origin top-left, y down) with the viewport's transform.
 */
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pointsToBox } from '../geometry/boxes.js';
import type { BBox } from '../model.js';

/** A 2D affine matrix `[a, b, c, d, e, f]` as in PDF and pdf.js. */
export type Matrix = readonly [number, number, number, number, number, number];

/** A point in page points. */
export interface Point {
  x: number;
  y: number;
}

/** How a shape was painted. */
export type Paint = 'fill' | 'stroke' | 'fillStroke';

/** One painted path in page points: its subpaths (polylines; curves reduced to their end points). */
export interface Shape {
  paint: Paint;
  subpaths: { points: Point[]; closed: boolean; curved: boolean }[];
  /** Stroke width in page points (the user-space width scaled by the transform). */
  lineWidthPt: number;
  /** Fill colour as `#rrggbb`, or null when unknown (patterns). */
  fill: string | null;
  /** Stroke colour as `#rrggbb`, or null when unknown. */
  stroke: string | null;
  /** Bounding box of all points, in page points. */
  bbox: BBox;
}

/** The parts of pdf.js's `PDFOperatorList` this module reads. */
export interface OperatorList {
  fnArray: ArrayLike<number>;
  argsArray: ArrayLike<unknown>;
}

const DRAW_MOVE = 0;
const DRAW_LINE = 1;
const DRAW_CURVE = 2;
const DRAW_QUAD = 3;
const DRAW_CLOSE = 4;

/** Product of two matrices: `m` applied after `n` (the PDF convention `n × m`). */
export function multiplyMatrices(m: Matrix, n: Matrix): Matrix {
  return [
    n[0] * m[0] + n[1] * m[2],
    n[0] * m[1] + n[1] * m[3],
    n[2] * m[0] + n[3] * m[2],
    n[2] * m[1] + n[3] * m[3],
    n[4] * m[0] + n[5] * m[2] + m[4],
    n[4] * m[1] + n[5] * m[3] + m[5],
  ];
}

/** A point mapped through a matrix. */
export function applyMatrix(m: Matrix, x: number, y: number): Point {
  return { x: m[0] * x + m[2] * y + m[4], y: m[1] * x + m[3] * y + m[5] };
}

interface GraphicsState {
  ctm: Matrix;
  lineWidth: number;
  fill: string | null;
  stroke: string | null;
  fillAlpha: number;
  strokeAlpha: number;
}

const PAINT_OF: Partial<Record<number, Paint>> = {
  [OPS.fill]: 'fill',
  [OPS.eoFill]: 'fill',
  [OPS.rawFillPath]: 'fill',
  [OPS.stroke]: 'stroke',
  [OPS.closeStroke]: 'stroke',
  [OPS.fillStroke]: 'fillStroke',
  [OPS.eoFillStroke]: 'fillStroke',
  [OPS.closeFillStroke]: 'fillStroke',
  [OPS.closeEOFillStroke]: 'fillStroke',
};

const isMatrix = (v: unknown): v is Matrix =>
  Array.isArray(v) || ArrayBuffer.isView(v) ? (v as ArrayLike<unknown>).length === 6 : false;

/** Splits packed DrawOPS path data into subpaths mapped through `m`. */
export function pathDataToSubpaths(data: ArrayLike<number>, m: Matrix): Shape['subpaths'] {
  const out: Shape['subpaths'] = [];
  let current: Shape['subpaths'][number] | null = null;
  // After closePath, a new segment starts at the closed subpath's first point (PDF 8.5.2.1).
  let lastStart: Point | null = null;
  const start = (p: Point): void => {
    current = { points: [p], closed: false, curved: false };
    lastStart = p;
    out.push(current);
  };
  const add = (p: Point, curved = false): void => {
    if (!current) start(lastStart ?? p);
    current!.points.push(p);
    if (curved) current!.curved = true;
  };
  for (let i = 0; i < data.length; ) {
    const code = data[i++];
    if (code === DRAW_MOVE) {
      start(applyMatrix(m, data[i]!, data[i + 1]!));
      i += 2;
    } else if (code === DRAW_LINE) {
      add(applyMatrix(m, data[i]!, data[i + 1]!));
      i += 2;
    } else if (code === DRAW_CURVE) {
      add(applyMatrix(m, data[i + 4]!, data[i + 5]!), true);
      i += 6;
    } else if (code === DRAW_QUAD) {
      add(applyMatrix(m, data[i + 2]!, data[i + 3]!), true);
      i += 4;
    } else if (code === DRAW_CLOSE) {
      if (current) (current as Shape['subpaths'][number]).closed = true;
      current = null;
    } else break; // unknown code: the rest of the data cannot be decoded reliably
  }
  return out.filter((s) => s.points.length > 1 || s.closed);
}

/** The stroke width scaled by a matrix (the mean of the two axis scales, as line widths are isotropic). */
function scaledWidth(width: number, m: Matrix): number {
  const sx = Math.hypot(m[0], m[1]);
  const sy = Math.hypot(m[2], m[3]);
  // A zero width means the thinnest line the device can draw; count it as a hairline.
  return Math.max(width, 0) * ((sx + sy) / 2) || 0.1;
}

const IMAGE_OPS = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintSolidColorImageMask,
]);

/** The unit square mapped through `m`: where an image painted under that transform lands. */
function unitSquareToBox(m: Matrix): BBox {
  return pointsToBox([applyMatrix(m, 0, 0), applyMatrix(m, 1, 0), applyMatrix(m, 0, 1), applyMatrix(m, 1, 1)]);
}

/**
 * Painted shapes and image boxes of a page from its operator list, in page points via `viewport`
 * (pdf.js's `page.getViewport({scale: 1}).transform`). Invisible paint (alpha 0, `n` end-path) is dropped.
 */
export function operatorListToGraphics(list: OperatorList, viewport: Matrix): { shapes: Shape[]; images: BBox[] } {
  const shapes: Shape[] = [];
  const images: BBox[] = [];
  let state: GraphicsState = { ctm: viewport, lineWidth: 1, fill: '#000000', stroke: '#000000', fillAlpha: 1, strokeAlpha: 1 };
  const stack: GraphicsState[] = [];
  const { fnArray, argsArray } = list;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push(state);
        state = { ...state };
        break;
      case OPS.restore:
        state = stack.pop() ?? state;
        break;
      case OPS.transform:
        if (args && args.length === 6) state.ctm = multiplyMatrices(state.ctm, args as unknown as Matrix);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push(state);
        state = { ...state };
        const matrix = args?.[0];
        if (isMatrix(matrix)) state.ctm = multiplyMatrices(state.ctm, Array.from(matrix as ArrayLike<number>) as unknown as Matrix);
        break;
      }
      case OPS.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case OPS.setLineWidth:
        if (typeof args?.[0] === 'number') state.lineWidth = args[0];
        break;
      case OPS.setFillRGBColor:
        state.fill = typeof args?.[0] === 'string' ? args[0] : null;
        break;
      case OPS.setStrokeRGBColor:
        state.stroke = typeof args?.[0] === 'string' ? args[0] : null;
        break;
      case OPS.setFillTransparent:
        state.fillAlpha = 0;
        break;
      case OPS.setStrokeTransparent:
        state.strokeAlpha = 0;
        break;
      case OPS.setFillColorN:
      case OPS.setFillColorSpace:
        // Patterns and unresolved spaces: colour unknown, painted all the same.
        if (fn === OPS.setFillColorN) state.fill = null;
        break;
      case OPS.setGState:
        for (const entry of (args?.[0] as [string, unknown][] | undefined) ?? []) {
          if (!Array.isArray(entry)) continue;
          const [key, value] = entry;
          if (key === 'LW' && typeof value === 'number') state.lineWidth = value;
          if (key === 'ca' && typeof value === 'number') state.fillAlpha = value;
          if (key === 'CA' && typeof value === 'number') state.strokeAlpha = value;
        }
        break;
      case OPS.constructPath: {
        const paint = PAINT_OF[args?.[0] as number];
        if (!paint) break; // endPath (a clip) or an unknown painter
        const visible =
          paint === 'fill' ? state.fillAlpha > 0 : paint === 'stroke' ? state.strokeAlpha > 0 : state.fillAlpha > 0 || state.strokeAlpha > 0;
        if (!visible) break;
        const data = (args?.[1] as unknown[] | undefined)?.[0];
        if (!data || typeof (data as ArrayLike<number>).length !== 'number') break;
        const subpaths = pathDataToSubpaths(data as ArrayLike<number>, state.ctm);
        if (subpaths.length === 0) break;
        let x0 = Infinity;
        let y0 = Infinity;
        let x1 = -Infinity;
        let y1 = -Infinity;
        for (const s of subpaths)
          for (const p of s.points) {
            x0 = Math.min(x0, p.x);
            y0 = Math.min(y0, p.y);
            x1 = Math.max(x1, p.x);
            y1 = Math.max(y1, p.y);
          }
        shapes.push({
          paint,
          subpaths,
          lineWidthPt: scaledWidth(state.lineWidth, state.ctm),
          fill: state.fill,
          stroke: state.stroke,
          bbox: { x0, y0, x1, y1 },
        });
        break;
      }
      default:
        // An image is drawn into the unit square of the current transform.
        if (fn !== undefined && IMAGE_OPS.has(fn)) images.push(unitSquareToBox(state.ctm));
        break;
    }
  }
  return { shapes, images };
}
