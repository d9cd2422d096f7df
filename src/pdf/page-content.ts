/**
 * Reading one PDF page's raw content: positioned text items and painted shapes, in page points
 * (origin top-left, y down). This is the I/O edge of the PDF reader; everything after it is pure.
 */
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pointsToBox } from '../geometry/boxes.js';
import type { BBox, TextItem } from '../model.js';
import { charWeight } from './chars.js';
import { foldPdfText, symbolFontText } from './fold-text.js';
import { applyMatrix, operatorListToGraphics, type Matrix, type Shape } from './operators.js';

/** What a page holds before any table finding. */
export interface PageContent {
  number: number;
  width: number;
  height: number;
  items: TextItem[];
  shapes: Shape[];
  /** Boxes of the images painted on the page (a scan fills the page with one). */
  images: BBox[];
}

/** A pdf.js text item as `getTextContent` returns it (the fields read here). */
export interface RawTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

/** Font metrics pdf.js reports per font name in `getTextContent().styles`. */
export interface RawTextStyle {
  ascent?: number;
  descent?: number;
  vertical?: boolean;
}

/** Default ascent and descent (fractions of the font size) when a font reports none. */
const DEFAULT_ASCENT = 0.88;
const DEFAULT_DESCENT = -0.12;

/**
 * A pdf.js text item as a model TextItem: text folded (radical look-alikes), box in page points
 * from its transform, width and font metrics. Returns null for items without visible text and for
 * slanted text (watermarks).
 */
export function rawItemToTextItem(item: RawTextItem, style: RawTextStyle | undefined, viewport: Matrix, page: number): TextItem | null {
  if (item.str === '' || !Array.isArray(item.transform) || item.transform.length !== 6) return null;
  const [a, b, c, d, e, f] = item.transform as unknown as Matrix;
  const size = Math.hypot(c, d) || Math.hypot(a, b);
  if (!Number.isFinite(size) || size <= 0) return null;
  // Text set at a slant (a diagonal watermark such as 样本 or 草稿) is no part of the form's grid.
  const angle = (Math.atan2(b, a) * 180) / Math.PI;
  if (Math.abs(angle - Math.round(angle / 90) * 90) > 2) return null;
  let ascent = style?.ascent ?? DEFAULT_ASCENT;
  let descent = style?.descent ?? DEFAULT_DESCENT;
  // Some fonts report nonsense metrics (0 or > 1.5 em); keep the box about one em high.
  if (!(ascent > 0.5 && ascent < 1.5)) ascent = DEFAULT_ASCENT;
  if (!(descent < 0 && descent > -0.6)) descent = DEFAULT_DESCENT;
  // Text space: x along the baseline (unit vector of the item's direction), y up (unit vector).
  const ux = Math.hypot(a, b) ? [a / Math.hypot(a, b), b / Math.hypot(a, b)] : [1, 0];
  const uy = Math.hypot(c, d) ? [c / Math.hypot(c, d), d / Math.hypot(c, d)] : [0, 1];
  // Some fonts report no advance widths: estimate the run's width from its characters then.
  const width = item.width > 0 ? item.width : [...item.str].reduce((w, ch) => w + charWeight(ch) * size, 0);
  const corners = [
    [0, descent * size],
    [width, descent * size],
    [0, ascent * size],
    [width, ascent * size],
  ].map(([u, v]) => {
    const x = e + u! * ux[0]! + v! * uy[0]!;
    const y = f + u! * ux[1]! + v! * uy[1]!;
    return applyMatrix(viewport, x, y);
  });
  return {
    text: foldPdfText(item.str),
    bbox: pointsToBox(corners),
    page,
    via: 'pdf',
  };
}

/**
 * The page rotation (0, 90, 180, 270) that makes most of the text run left to right: the angle of
 * the text in PDF space, weighted by characters. A page whose /Rotate turns its text on end (or a
 * landscape page drawn sideways) is thus read the way its text reads.
 */
export function rawItemsToReadingRotation(items: readonly Pick<RawTextItem, 'str' | 'transform'>[]): number {
  const weight = new Map<number, number>();
  for (const it of items) {
    const [a, b] = it.transform;
    if (a === undefined || b === undefined || it.str.trim() === '') continue;
    const angle = ((Math.round((Math.atan2(b, a) * 180) / Math.PI / 90) * 90) % 360 + 360) % 360;
    weight.set(angle, (weight.get(angle) ?? 0) + [...it.str].length);
  }
  let best = 0;
  let bestWeight = -1;
  for (const [angle, w] of weight) if (w > bestWeight || (w === bestWeight && angle === 0)) [best, bestWeight] = [angle, w];
  // PDF angles run counter-clockwise with y up; viewport rotation turns the page clockwise.
  return best;
}

/** The PostScript name of a loaded font (e.g. `ABCDEF+Wingdings-Regular`), or null. */
function fontNameOf(page: PDFPageProxy, loadedName: string): string | null {
  try {
    if (!page.commonObjs.has(loadedName)) return null;
    const font = page.commonObjs.get(loadedName) as { name?: unknown } | null;
    return typeof font?.name === 'string' ? font.name : null;
  } catch {
    return null;
  }
}

/** Reads a page's text items and shapes (text via `getTextContent`, paths via `getOperatorList`). */
export async function readPageContent(page: PDFPageProxy, pageNumber: number): Promise<PageContent> {
  // Both parse the content stream and share the fonts they load; together they overlap their waits.
  const [content, ops] = await Promise.all([page.getTextContent({ includeMarkedContent: false, disableNormalization: true }), page.getOperatorList()]);
  const raws = content.items.filter((raw): raw is typeof raw & RawTextItem => 'str' in raw);
  // Read in the orientation of the text; without text, in the page's own rotation.
  const rotation = raws.some((r) => r.str.trim() !== '') ? rawItemsToReadingRotation(raws) : page.rotate;
  const viewport = page.getViewport({ scale: 1, rotation });
  const vt = viewport.transform as unknown as Matrix;
  const { shapes, images } = operatorListToGraphics(ops, vt);
  const styles = content.styles as Record<string, RawTextStyle>;
  const items: TextItem[] = [];
  // The font's own name (known once the operator list has loaded the fonts) tells symbol fonts apart.
  const fontNames = new Map<string, string | null>();
  for (const raw of raws) {
    if (!fontNames.has(raw.fontName)) fontNames.set(raw.fontName, fontNameOf(page, raw.fontName));
    const str = symbolFontText(raw.str, fontNames.get(raw.fontName));
    const item = rawItemToTextItem(str === raw.str ? raw : { ...raw, str }, styles[raw.fontName], vt, pageNumber);
    if (item) items.push(item);
  }
  return { number: pageNumber, width: viewport.width, height: viewport.height, items, shapes, images };
}
