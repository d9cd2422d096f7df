/**
 * Ruling lines and drawn check boxes from a page's painted shapes.
 *
 * Producers draw table rules in two ways: stroked lines (Word, WPS, LibreOffice) and thin filled
 * rectangles (Chromium prints CSS borders so). Both become edges here. Small stroked squares are
 * check boxes, not cells, and are kept apart.
 */
import { pointsToBox } from '../geometry/boxes.js';
import type { BBox } from '../model.js';
import type { Edge } from './lattice.js';
import type { Point, Shape } from './operators.js';

/** Tolerances for telling rules and boxes apart, in page points. */
export interface RulingSettings {
  /** A filled rectangle at most this thick (and longer than `minRuleLengthPt`) is a rule. */
  maxRuleThicknessPt: number;
  /** Shorter pieces are noise; longer ones may be dashes or dots of one rule, joined later (lattice `minEdgeLengthPt` applies then). */
  minRuleLengthPt: number;
  /** A segment whose ends differ by at most this across its direction counts as straight. */
  axisTolerancePt: number;
  /** Side lengths of a drawn check box. */
  minBoxSidePt: number;
  maxBoxSidePt: number;
}

/** Rules up to 3 pt thick; check boxes 5–16 pt a side (a box drawn beside 9–12 pt text). */
export const DEFAULT_RULINGS: RulingSettings = {
  maxRuleThicknessPt: 3,
  minRuleLengthPt: 1,
  axisTolerancePt: 0.5,
  minBoxSidePt: 5,
  maxBoxSidePt: 16,
};

/** Whether a `#rrggbb` colour is so light it does not show on white paper. */
export function isInvisibleColour(hex: string | null): boolean {
  if (hex === null) return false;
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h!, 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.92;
}

/** The box of a subpath that is an axis-aligned rectangle (4 corners, optionally repeating the first), else null. */
export function subpathToRect(points: readonly Point[], tolerance = DEFAULT_RULINGS.axisTolerancePt): BBox | null {
  let pts = points;
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (pts.length === 5 && first && last && Math.abs(first.x - last.x) <= tolerance && Math.abs(first.y - last.y) <= tolerance) pts = pts.slice(0, 4);
  if (pts.length !== 4) return null;
  for (let i = 0; i < 4; i++) {
    const a = pts[i]!;
    const b = pts[(i + 1) % 4]!;
    if (Math.abs(a.x - b.x) > tolerance && Math.abs(a.y - b.y) > tolerance) return null;
  }
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** Whether a box has the size and shape of a check box. */
export function rectIsBox(r: BBox, s: RulingSettings = DEFAULT_RULINGS): boolean {
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  return w >= s.minBoxSidePt && h >= s.minBoxSidePt && w <= s.maxBoxSidePt && h <= s.maxBoxSidePt && w / h > 0.7 && w / h < 1.4;
}

/** A thin filled rectangle as the rule along its long side, or null when it is no rule. */
export function rectToEdge(r: BBox, s: RulingSettings = DEFAULT_RULINGS): Edge | null {
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  if (h <= s.maxRuleThicknessPt && w >= s.minRuleLengthPt && w >= h) {
    const y = (r.y0 + r.y1) / 2;
    return { orientation: 'h', x0: r.x0, y0: y, x1: r.x1, y1: y };
  }
  if (w <= s.maxRuleThicknessPt && h >= s.minRuleLengthPt && h > w) {
    const x = (r.x0 + r.x1) / 2;
    return { orientation: 'v', x0: x, y0: r.y0, x1: x, y1: r.y1 };
  }
  return null;
}

/** The straight horizontal or vertical edge from `a` to `b`, or null for a slanted or too short segment. */
export function pointsToEdge(a: Point, b: Point, s: RulingSettings = DEFAULT_RULINGS): Edge | null {
  if (Math.abs(a.y - b.y) <= s.axisTolerancePt && Math.abs(a.x - b.x) >= s.minRuleLengthPt) {
    const y = (a.y + b.y) / 2;
    return { orientation: 'h', x0: Math.min(a.x, b.x), y0: y, x1: Math.max(a.x, b.x), y1: y };
  }
  if (Math.abs(a.x - b.x) <= s.axisTolerancePt && Math.abs(a.y - b.y) >= s.minRuleLengthPt) {
    const x = (a.x + b.x) / 2;
    return { orientation: 'v', x0: x, y0: Math.min(a.y, b.y), x1: x, y1: Math.max(a.y, b.y) };
  }
  return null;
}

/** Whether `inner` lies inside `outer` with a thin margin on every side (the stroke of a drawn frame). */
function frameIsThin(a: BBox, b: BBox, s: RulingSettings): boolean {
  const [outer, inner] = a.x1 - a.x0 >= b.x1 - b.x0 ? [a, b] : [b, a];
  const margins = [inner.x0 - outer.x0, inner.y0 - outer.y0, outer.x1 - inner.x1, outer.y1 - inner.y1];
  return margins.every((m) => m >= 0 && m <= s.maxRuleThicknessPt);
}

/** Drawn check boxes and ruling edges of a page, from its painted shapes. */
export interface ShapesSplit {
  edges: Edge[];
  boxes: BBox[];
  /** Shapes that are neither rules nor boxes (ticks, glyph outlines, logos): candidates for ticks. */
  marks: Shape[];
}

/**
 * Sorts a page's shapes into ruling edges (stroked straight segments, thin filled rectangles),
 * check boxes (small stroked squares) and the rest; invisible (white) paint is dropped.
 */
export function shapesToEdgesAndBoxes(shapes: readonly Shape[], s: RulingSettings = DEFAULT_RULINGS): ShapesSplit {
  const edges: Edge[] = [];
  const boxes: BBox[] = [];
  const marks: Shape[] = [];
  for (const shape of shapes) {
    const stroked = (shape.paint === 'stroke' || shape.paint === 'fillStroke') && !isInvisibleColour(shape.stroke);
    const filled = (shape.paint === 'fill' || shape.paint === 'fillStroke') && !isInvisibleColour(shape.fill);
    if (!stroked && !filled) continue;
    let used = false;
    if (!stroked && shape.subpaths.length === 2) {
      // A box drawn as a filled frame: an outer and an inner square, filled even-odd.
      const [outer, inner] = shape.subpaths.map((sp) => (sp.curved ? null : subpathToRect(sp.points, s.axisTolerancePt)));
      if (outer && inner && rectIsBox(outer, s) && frameIsThin(outer, inner, s)) {
        boxes.push(outer);
        continue;
      }
    }
    for (const sp of shape.subpaths) {
      const rect = sp.curved ? null : subpathToRect(sp.points, s.axisTolerancePt);
      if (stroked) {
        if (rect && rectIsBox(rect, s)) {
          boxes.push(rect);
          used = true;
          continue;
        }
        if (sp.curved) {
          // A small closed round outline is a round box (radio button).
          const round = pointsToBox(sp.points);
          if (sp.closed && rectIsBox(round, s)) {
            boxes.push(round);
            used = true;
          }
          continue;
        }
        const pts = sp.closed ? [...sp.points, sp.points[0]!] : sp.points;
        for (let i = 0; i + 1 < pts.length; i++) {
          const e = pointsToEdge(pts[i]!, pts[i + 1]!, s);
          if (e) {
            edges.push(e);
            used = true;
          }
        }
      } else if (rect) {
        const e = rectToEdge(rect, s);
        if (e) {
          edges.push(e);
          used = true;
        }
      }
    }
    if (!used) marks.push(shape);
  }
  return { edges, boxes: [...boxes, ...solidBoxes(marks, boxes, s)], marks };
}

/**
 * Ticked boxes drawn as solid squares or dots (■ ●) beside outlined empty ones (□ ○): a filled
 * shape of box size, outside every outlined box, counts as a box when outlined boxes of about its
 * size stand on the same page (so that a lone bullet or logo is not taken for one). The shape
 * stays among the marks, where it ticks its own box.
 */
function solidBoxes(marks: readonly Shape[], outlined: readonly BBox[], s: RulingSettings): BBox[] {
  if (outlined.length === 0) return [];
  const side = (b: BBox): number => Math.max(b.x1 - b.x0, b.y1 - b.y0);
  const contains = (o: BBox, b: BBox): boolean => o.x0 - 1 <= b.x0 && o.y0 - 1 <= b.y0 && b.x1 <= o.x1 + 1 && b.y1 <= o.y1 + 1;
  return marks
    .filter((m) => m.paint !== 'stroke' && m.subpaths.length === 1 && m.subpaths[0]!.closed && rectIsBox(m.bbox, s))
    .map((m) => m.bbox)
    .filter((b) => !outlined.some((o) => contains(o, b)) && outlined.some((o) => Math.abs(side(o) - side(b)) <= 1.5));
}
