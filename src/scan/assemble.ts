/**
 * From page layouts and the OCR of their crops to the document's grid: one Row per table row (or
 * per line outside the tables), in reading order over the whole file, with clean cell texts,
 * ☑/☐ where the boxes stand, provenance and the lowest word confidence.
 */
import type { Cell, Page, Row, TextItem } from '../model.js';
import type { OcrResult } from '../ocr/engine.js';
import { EMPTY_MARK, TICKED_MARK } from '../vocab/marks.js';
import { ocrTextToCellText, ocrTextToOptionText, textIsPageFurniture, textToSnappedLabel } from './clean-text.js';
import type { LayoutRegion, PageLayout } from './layout.js';
import { valuesToClusterMeans } from '../geometry/clusters.js';
import { DOUBTED_READING_CONFIDENCE, pageOcrToCharacterPitch, readingHasLetterForSign, readingLostCharacter } from './reading-doubts.js';
import { confirmedConfidence, KEY_VALUE_MAX_CHARS, readingsAgree } from './second-reading.js';

/**
 * The OCR of one page's crops, in crop order (what the fixtures record); `second` is the raw text
 * of a second reading where the crop was read twice (src/scan/second-reading.ts).
 */
export type PageOcr = (Pick<OcrResult, 'text' | 'confidence' | 'words'> & { second?: string })[];

/** Rulings of different pages closer than this (points, from the table's left edge) are one column. */
export const COLUMN_TOLERANCE_PT = 6;

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Lowest confidence of the words that carry text, or null when no word was read. */
function resultToConfidence(r: PageOcr[number] | undefined): number | null {
  if (!r) return null;
  const c = r.words.filter((w) => w.text.trim()).map((w) => w.confidence);
  return c.length ? Math.min(...c) : null;
}

/**
 * Whether a crop has the size of a line of print (at least a tenth of an inch wide, a twentieth
 * to a third of an inch tall), rather than a sliver of a ruling or the shade of a photo.
 */
function cropHoldsALine(layout: Pick<PageLayout, 'crops' | 'dpi'>, crop: number): boolean {
  const rect = layout.crops[crop]?.rect;
  if (!rect) return false;
  const w = (rect.x1 - rect.x0) / layout.dpi;
  const h = (rect.y1 - rect.y0) / layout.dpi;
  return w >= 0.1 && h >= 0.05 && h <= 0.33;
}

/**
 * The clean text of one region, its lowest word confidence (raised where a second reading
 * agreed, capped where a short value's ink is wider than its reading at the page's character
 * `pitch`), and the text the second readings give when one of them differs.
 */
export function regionToText(
  region: LayoutRegion,
  ocr: PageOcr,
  { pitch = null, layout }: { pitch?: number | null; layout?: Pick<PageLayout, 'crops' | 'dpi'> } = {},
): { text: string; confidence: number | null; otherReading?: string } {
  const hasBoxes = region.parts.some((p) => p.kind === 'box');
  const clean = (raw: string) => (hasBoxes ? ocrTextToOptionText(raw) : textToSnappedLabel(ocrTextToCellText(raw)));
  const tokens: string[] = [];
  const otherTokens: string[] = [];
  let differs = false;
  let unread = false;
  let confidence: number | null = null;
  for (const part of region.parts) {
    if (part.kind === 'box') {
      tokens.push(part.ticked ? TICKED_MARK : EMPTY_MARK);
      otherTokens.push(part.ticked ? TICKED_MARK : EMPTY_MARK);
    } else if (part.kind === 'text') {
      const r = ocr[part.crop];
      let c = r ? resultToConfidence(r) ?? 0 : 0;
      const t = r ? clean(r.text) : '';
      const second = r?.second !== undefined ? clean(r.second) : undefined;
      if (second !== undefined && t && readingsAgree(t, second)) c = confirmedConfidence(c);
      else if (second !== undefined) differs = true;
      // Two readings can make the same slip; the ink and the shape of a value cannot.
      if (r && region.kind === 'cell' && t.length <= KEY_VALUE_MAX_CHARS && (readingLostCharacter(r, pitch) || readingHasLetterForSign(t)))
        c = Math.min(c, DOUBTED_READING_CONFIDENCE);
      confidence = confidence === null ? c : Math.min(confidence, c);
      unread ||= !t && !!layout && cropHoldsALine(layout, part.crop);
      if (t) tokens.push(t);
      if (second ?? t) otherTokens.push(second ?? t);
    }
  }
  // Options and boxes are kept apart by one blank, as the text exports have them; the lines of
  // a plain cell are wrapped lines, joined with nothing.
  const text = tokens.join(hasBoxes ? ' ' : '');
  const otherReading = differs ? otherTokens.join(hasBoxes ? ' ' : '') : undefined;
  // A line of ink that read as nothing (a short target such as ≤0人 lost whole) keeps its
  // confidence of 0, so the field it fills is flagged, never stored as empty in silence.
  return { text, confidence: text || unread ? confidence : null, ...(otherReading !== undefined ? { otherReading } : {}) };
}

/** The table's column positions over the whole document: clusters of every cell's edges. */
export function layoutsToColumns(layouts: readonly PageLayout[]): number[] {
  const xs: number[] = [];
  for (const l of layouts) for (const r of l.regions) if (r.kind === 'cell') xs.push(r.left!, r.right!);
  return valuesToClusterMeans(xs, COLUMN_TOLERANCE_PT);
}

const nearestIndex = (xs: readonly number[], x: number): number => {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i]! - x) < Math.abs(xs[best]! - x)) best = i;
  return best;
};

/** Rows and pages of a document from its page layouts and their recorded OCR. */
export function layoutsToRows(layouts: readonly PageLayout[], ocr: readonly PageOcr[]): { pages: Page[]; rows: Row[] } {
  const columns = layoutsToColumns(layouts);
  const pages: Page[] = [];
  const rows: Row[] = [];
  layouts.forEach((layout, i) => {
    const pageOcr = ocr[i] ?? [];
    const pitch = pageOcrToCharacterPitch(pageOcr);
    const items: TextItem[] = [];
    const units: { y: number; cells: Cell[] }[] = [];
    const byRow = new Map<string, { y: number; cells: Cell[] }>();
    for (const region of layout.regions) {
      const { text, confidence, otherReading } = regionToText(region, pageOcr, { pitch, layout });
      const bbox = { x0: round2(region.bbox.x0), y0: round2(region.bbox.y0), x1: round2(region.bbox.x1), y1: round2(region.bbox.y1) };
      if (region.kind === 'line' && (!text || textIsPageFurniture(text))) continue;
      if (text) items.push({ text, bbox, page: layout.number, via: 'ocr', ...(confidence !== null ? { confidence: round2(confidence) } : {}) });
      const col = region.kind === 'cell' ? nearestIndex(columns, region.left!) : 0;
      const colSpan = region.kind === 'cell' ? Math.max(1, nearestIndex(columns, region.right!) - col) : 1;
      const cell: Cell = {
        col,
        colSpan,
        rowSpan: region.rowSpan ?? 1,
        text,
        page: layout.number,
        bbox,
        via: 'ocr',
        ...(confidence !== null ? { confidence: round2(confidence) } : {}),
        ...(otherReading !== undefined ? { otherReading } : {}),
      };
      if (region.kind === 'line') units.push({ y: bbox.y0, cells: [cell] });
      else {
        const key = `${region.table}:${region.row}`;
        let unit = byRow.get(key);
        if (!unit) {
          byRow.set(key, (unit = { y: bbox.y0, cells: [] }));
          units.push(unit);
        }
        unit.y = Math.min(unit.y, bbox.y0);
        unit.cells.push(cell);
      }
    }
    units.sort((a, b) => a.y - b.y);
    units.forEach((u, k) =>
      rows.push({ cells: u.cells.sort((a, b) => a.col - b.col), page: layout.number, pageBreakBefore: k === 0 && rows.length > 0 }),
    );
    pages.push({ number: layout.number, width: layout.width, height: layout.height, items, rulings: layout.rulings ?? [] });
  });
  return { pages, rows };
}
