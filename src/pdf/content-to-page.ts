/**
 * A page's raw content (text items, shapes) as the model's Page: drawn check boxes turned into
 * mark characters among the items, and the ruling lines (rules of check boxes left out).
 */
import type { BBox, Page, Segment, TextItem } from '../model.js';
import { textItemToChars } from './chars.js';
import { DEFAULT_LATTICE, edgesToGrids, edgesToRulings, type Edge } from './lattice.js';
import { EMPTY_BOX_GLYPHS, TICK_GLYPHS } from '../vocab/marks.js';
import { boxesToMarks, overlaidTicksToMarks } from './marks.js';
import type { PageContent } from './page-content.js';
import { DEFAULT_RULINGS, rectIsBox, shapesToEdgesAndBoxes } from './rulings.js';

const overlaps = (a: BBox, b: BBox, margin = 0): boolean =>
  a.x0 <= b.x1 + margin && b.x0 <= a.x1 + margin && a.y0 <= b.y1 + margin && b.y0 <= a.y1 + margin;

const edgeWithin = (e: Edge, b: BBox, margin: number): boolean =>
  Math.min(e.x0, e.x1) >= b.x0 - margin && Math.max(e.x0, e.x1) <= b.x1 + margin && Math.min(e.y0, e.y1) >= b.y0 - margin && Math.max(e.y0, e.y1) <= b.y1 + margin;

/**
 * Boxes drawn with four separate rules (thin filled rectangles, as Chromium prints a bordered
 * element): tables of a single box-sized cell. Returns those boxes and the edges left over.
 */
export function edgesToDrawnBoxes(edges: readonly Edge[]): { boxes: BBox[]; edges: Edge[] } {
  const grids = edgesToGrids(edges, DEFAULT_LATTICE);
  const boxes = grids.filter((g) => g.cells.length === 1 && rectIsBox(g.bbox, DEFAULT_RULINGS)).map((g) => g.bbox);
  if (boxes.length === 0) return { boxes, edges: [...edges] };
  const margin = DEFAULT_RULINGS.maxRuleThicknessPt;
  return { boxes, edges: edges.filter((e) => !boxes.some((b) => edgeWithin(e, b, margin))) };
}

/** Whether an item may take part in a check box: it touches a drawn box, or holds a box or tick character. */
function itemNeedsChars(item: TextItem, boxes: readonly BBox[]): boolean {
  if (boxes.some((b) => overlaps(item.bbox, b, 1))) return true;
  for (const ch of item.text) if (EMPTY_BOX_GLYPHS.has(ch) || (TICK_GLYPHS.has(ch) && !/[A-Za-z]/.test(ch))) return true;
  return false;
}

/** A page's content as a model Page: items with check boxes as ☑/☐ characters, rulings without the boxes' rules. */
export function pageContentToPage(content: PageContent): Page {
  const split = shapesToEdgesAndBoxes(content.shapes);
  const drawn = edgesToDrawnBoxes(split.edges);
  const boxes = [...split.boxes, ...drawn.boxes];
  // Only runs that can hold a mark are cut into characters, so ordinary runs stay as pdf.js gave them.
  const items = content.items.flatMap((it) => (itemNeedsChars(it, boxes) ? textItemToChars(it) : [it]));
  const marked = overlaidTicksToMarks(boxesToMarks(items, boxes, split.marks, content.number));
  const rulings: Segment[] = edgesToRulings(drawn.edges).map(({ x0, y0, x1, y1 }) => ({ x0, y0, x1, y1 }));
  return { number: content.number, width: content.width, height: content.height, items: marked, rulings };
}
