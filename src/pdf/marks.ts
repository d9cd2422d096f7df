/**
 * Check boxes as mark characters. A box in the text layer (☐ ☑ □ ■ …) is already a character;
 * a box drawn as a small square becomes ☑ or ☐ where it stands, ticked when a tick glyph
 * (√ ✓ ✔ × …) or a drawn tick lies inside it.
 */
import type { BBox, TextItem } from '../model.js';
import { EMPTY_BOX_GLYPHS, EMPTY_MARK, TICK_GLYPHS, TICKED_MARK } from '../vocab/marks.js';
import type { Shape } from './operators.js';

const centre = (b: BBox): { x: number; y: number } => ({ x: (b.x0 + b.x1) / 2, y: (b.y0 + b.y1) / 2 });
const inside = (p: { x: number; y: number }, b: BBox, margin = 0): boolean =>
  p.x >= b.x0 - margin && p.x <= b.x1 + margin && p.y >= b.y0 - margin && p.y <= b.y1 + margin;

/** Whether a drawn shape (not the box itself) ticks the box: centred in it and not much larger. */
export function shapeTicksBox(shape: Shape, box: BBox): boolean {
  const side = Math.max(box.x1 - box.x0, box.y1 - box.y0);
  const w = shape.bbox.x1 - shape.bbox.x0;
  const h = shape.bbox.y1 - shape.bbox.y0;
  if (w > side * 1.6 || h > side * 1.6 || (w < side * 0.2 && h < side * 0.2)) return false;
  return inside(centre(shape.bbox), box, 1);
}

/**
 * Character items with every drawn box replaced by a mark character: ☑ when a tick glyph or a
 * tick shape lies inside the box (the tick glyph is then dropped), ☐ otherwise. A box around a
 * box character (☐ □ ☑) adds nothing.
 */
export function boxesToMarks(chars: readonly TextItem[], boxes: readonly BBox[], shapes: readonly Shape[], page: number): TextItem[] {
  const dropped = new Set<TextItem>();
  const added: TextItem[] = [];
  for (const box of boxes) {
    const within = chars.filter((c) => !dropped.has(c) && c.text.trim() !== '' && inside(centre(c.bbox), box, 1));
    if (within.some((c) => EMPTY_BOX_GLYPHS.has(c.text) || c.text === TICKED_MARK || c.text === '☒')) continue;
    const tickGlyphs = within.filter((c) => TICK_GLYPHS.has(c.text));
    for (const c of tickGlyphs) dropped.add(c);
    const ticked = tickGlyphs.length > 0 || shapes.some((s) => shapeTicksBox(s, box));
    added.push({ text: ticked ? TICKED_MARK : EMPTY_MARK, bbox: { ...box }, page, via: 'pdf' });
  }
  return [...chars.filter((c) => !dropped.has(c)), ...added];
}

/** Character items with an empty-box glyph and a tick glyph drawn over it merged into one ☑. */
export function overlaidTicksToMarks(chars: readonly TextItem[]): TextItem[] {
  const dropped = new Set<TextItem>();
  const replaced = new Map<TextItem, TextItem>();
  for (const box of chars) {
    if (!EMPTY_BOX_GLYPHS.has(box.text)) continue;
    const tick = chars.find((c) => c !== box && !dropped.has(c) && TICK_GLYPHS.has(c.text) && inside(centre(c.bbox), box.bbox));
    if (!tick) continue;
    dropped.add(tick);
    replaced.set(box, { ...box, text: TICKED_MARK });
  }
  return chars.filter((c) => !dropped.has(c)).map((c) => replaced.get(c) ?? c);
}
