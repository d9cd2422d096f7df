/**
 * The layout of one scanned page, read from pixels only: deskew, rulings, tables, cells, tick
 * boxes and the text lines outside the tables. The result is plain data (JSON) naming the
 * rectangles to OCR, so everything after OCR can be tested on recorded output.
 */
import { grayToBinaries, grayToBinary, grayToHistogram, type BinaryImage } from '../image/binarize.js';
import { histogramToOtsuThreshold } from '../image/otsu.js';
import { binaryToSkewDegrees } from '../image/deskew.js';
import { rotateGray, type GrayImage } from '../image/gray.js';
import type { BBox } from '../model.js';
import { binaryToUnitedRulings, dpiToRulingOptions, pxLineToBox } from '../image/rulings.js';
import { grayToSauvolaBinary } from '../image/sauvola.js';
import { cellToOptionBoxes, dpiToBoxOptions, inkToTicks, type PxBox } from './boxes.js';
import { rulingsToTables, tableToCells, type PxCell } from './grid.js';
import { CELL_GAP_IN, lineToSegments } from './guess-structure.js';
import { boxIsUnderSeal, rulingsOffSeal } from './seal-overlap.js';

/** A rectangle of the page to OCR, in pixels of the deskewed page. */
export interface CropSpec {
  rect: BBox;
  /** Grey values at or above this are made white before OCR (256: keep all). */
  whiteAbove: number;
}

/** A piece of a region's content: OCR'd text, a tick box, or a line break between text lines. */
export type LayoutPart = { kind: 'text'; crop: number } | { kind: 'box'; ticked: boolean; underStamp?: true } | { kind: 'break' };

/** One region of a page that becomes a cell: a table cell or a text line outside the tables. */
export interface LayoutRegion {
  kind: 'cell' | 'line';
  /** Box in page points (origin top-left, y down). */
  bbox: BBox;
  /** Table cells: which table on the page, the band it starts in, its span of bands. */
  table?: number;
  row?: number;
  rowSpan?: number;
  /** Table cells: left and right ruling in points, measured from the table's left edge. */
  left?: number;
  right?: number;
  /** Empty cells and lines have no parts. */
  parts: LayoutPart[];
}

export interface PageLayout {
  number: number;
  /** Page size in points. */
  width: number;
  height: number;
  dpi: number;
  /** Degrees the scan was turned by to straighten it. */
  skewDegrees: number;
  regions: LayoutRegion[];
  crops: CropSpec[];
  /** The rulings of the tables, in points. */
  rulings?: BBox[];
  /** No table was found: the cells are the pieces of the text lines. */
  guessed?: boolean;
}

export interface LayoutOptions {
  /** Lines whose middle lies in this bottom share of the page are footers (page numbers). */
  footerShare: number;
}

const DEFAULTS: LayoutOptions = { footerShare: 0.07 };

/** A rectangle rounded to whole pixels and cut back to the page. */
function rectOnPage(bin: BinaryImage, r: BBox): BBox {
  return { x0: Math.max(0, Math.round(r.x0)), y0: Math.max(0, Math.round(r.y0)), x1: Math.min(bin.width, Math.round(r.x1)), y1: Math.min(bin.height, Math.round(r.y1)) };
}

/** Ink bounding box of a rectangle, ignoring rows and columns that are mostly ink (ruling remains). */
export function binaryToInkBox(bin: BinaryImage, r: BBox, minInk: number): BBox | null {
  const { x0, y0, x1, y1 } = rectOnPage(bin, r);
  if (x1 - x0 < 2 || y1 - y0 < 2) return null;
  const rows = new Int32Array(y1 - y0);
  const cols = new Int32Array(x1 - x0);
  const w = bin.width;
  const px = bin.data;
  for (let y = Math.max(1, y0); y < Math.min(bin.height - 1, y1); y++)
    for (let x = Math.max(1, x0); x < Math.min(w - 1, x1); x++) {
      const i = y * w + x;
      if (!px[i]) continue;
      // Noise specks (at most 2 × 2 pixels) have fewer than four inked neighbours; strokes more.
      const nb = px[i - 1]! + px[i + 1]! + px[i - w]! + px[i + w]! + px[i - w - 1]! + px[i - w + 1]! + px[i + w - 1]! + px[i + w + 1]!;
      if (nb < 4) continue;
      rows[y - y0]!++;
      cols[x - x0]!++;
    }
  const rowOk = (i: number) => rows[i]! > 0 && rows[i]! < 0.6 * (x1 - x0);
  const colOk = (i: number) => cols[i]! > 0 && cols[i]! < 0.6 * (y1 - y0);
  let total = 0;
  for (let i = 0; i < rows.length; i++) if (rowOk(i)) total += rows[i]!;
  if (total < minInk) return null;
  let a = 0;
  while (a < rows.length && !rowOk(a)) a++;
  let b = rows.length - 1;
  while (b > a && !rowOk(b)) b--;
  let c = 0;
  while (c < cols.length && !colOk(c)) c++;
  let d = cols.length - 1;
  while (d > c && !colOk(d)) d--;
  return { x0: x0 + c, y0: y0 + a, x1: x0 + d + 1, y1: y0 + b + 1 };
}

/**
 * Text lines of a rectangle by its horizontal projection profile: runs of rows holding ink,
 * split at blank rows; rows whose ink is a small share of the busiest row count as blank, so a
 * pale stamp ring does not glue lines together.
 */
export function binaryToTextLines(bin: BinaryImage, r: BBox, minGapPx: number, minHeightPx: number): BBox[] {
  const { x0, y0, x1, y1 } = rectOnPage(bin, r);
  const prof: number[] = [];
  for (let y = y0; y < y1; y++) {
    let n = 0;
    for (let x = x0; x < x1; x++) n += bin.data[y * bin.width + x]!;
    prof.push(n);
  }
  const peak = Math.max(0, ...prof);
  const on = prof.map((n) => n > Math.max(2, 0.03 * peak));
  const lines: BBox[] = [];
  let start = -1;
  let lastOn = -1e9;
  for (let i = 0; i <= on.length; i++) {
    if (i < on.length && on[i]) {
      if (start < 0) start = i;
      else if (i - lastOn > minGapPx) {
        lines.push({ x0, y0: y0 + start, x1, y1: y0 + lastOn + 1 });
        start = i;
      }
      lastOn = i;
    }
  }
  if (start >= 0) lines.push({ x0, y0: y0 + start, x1, y1: y0 + lastOn + 1 });
  return lines.filter((l) => l.y1 - l.y0 >= minHeightPx);
}

/**
 * Less ink than a cell's text needs, but shaped as a glyph's upright stroke (a lone 1 printed
 * small): as tall as a line of text and no wider than tall. Kept, so the cell is read, and its
 * field flagged where the reading finds nothing, never stored as empty in silence.
 */
function lonelyStroke(ink: BBox | null, dpi: number): BBox | null {
  if (!ink) return null;
  const h = ink.y1 - ink.y0;
  return h >= 0.06 * dpi && h <= 0.25 * dpi && ink.x1 - ink.x0 <= h ? ink : null;
}

/** A straightened page with its binary images. */
export interface DeskewedPage {
  gray: GrayImage;
  /** Ink by Otsu's threshold: text and strong lines. */
  bin: BinaryImage;
  /** Ink by a paler threshold, for rulings printed faint or thin. */
  lineBin: BinaryImage;
  /**
   * Dark ink only (below 0.7 of Otsu's threshold): a pale stamp neither joins the lines outside
   * the tables nor widens a cell's crop (measured: OCR itself reads best with the stamp left
   * inside the crop, so it is not erased).
   */
  darkBin: BinaryImage;
  threshold: number;
  skewDegrees: number;
}

/** The most common grey value lighter than `from`: the paper. */
function histogramToPaperLevel(hist: ArrayLike<number>, from: number): number {
  let best = 255;
  for (let v = from + 1; v < 256; v++) if (hist[v]! > hist[best]!) best = v;
  return best;
}

/** Largest skew straightened: hand-fed and phone captures come 5° off and more. */
export const MAX_SKEW_DEGREES = 6;

/**
 * The straightened page and its binary images, with the angle it was turned by. Ink is found by
 * Otsu's global threshold (the page's light evened out beforehand where it was uneven), or by
 * Sauvola's local one when `binarise` asks for it.
 */
export async function grayToDeskewed(img: GrayImage, binarise: 'otsu' | 'sauvola' = 'otsu'): Promise<DeskewedPage> {
  const hist = grayToHistogram(img);
  const threshold = histogramToOtsuThreshold(hist);
  const lineThreshold = Math.round(threshold + 0.6 * (histogramToPaperLevel(hist, threshold) - threshold));
  const skew = binaryToSkewDegrees(grayToBinary(img, threshold), { maxDegrees: MAX_SKEW_DEGREES });
  const gray = Math.abs(skew) < 0.03 ? img : await rotateGray(img, -skew);
  const darkCut = Math.round(threshold * 0.7);
  const skewDegrees = gray === img ? 0 : -skew;
  if (binarise === 'sauvola')
    return { gray, bin: grayToSauvolaBinary(gray), lineBin: grayToSauvolaBinary(gray, { k: 0.1 }), darkBin: grayToBinary(gray, darkCut), threshold, skewDegrees };
  const [bin, lineBin, darkBin] = grayToBinaries(gray, [threshold, lineThreshold, darkCut]) as [BinaryImage, BinaryImage, BinaryImage];
  return { gray, bin, lineBin, darkBin, threshold, skewDegrees };
}

/** The parts of an option cell: per text line, texts and boxes left to right. */
function optionCellToParts(bin: BinaryImage, inner: BBox, boxes: readonly (PxBox & { underStamp?: boolean })[], ticks: readonly boolean[], dpi: number, crops: CropSpec[], whiteAbove: number): LayoutPart[] {
  const parts: LayoutPart[] = [];
  const lines = binaryToTextLines(bin, inner, Math.round(0.04 * dpi), Math.round(0.04 * dpi));
  const minInk = Math.round(0.0009 * dpi * dpi);
  const minStrokeInk = Math.round(minInk / 3);
  const boxIndex = new Map(boxes.map((b, i) => [b, i]));
  lines.forEach((line, li) => {
    if (li > 0) parts.push({ kind: 'break' });
    const inLine = boxes.filter((b) => (b.y0 + b.y1) / 2 >= line.y0 && (b.y0 + b.y1) / 2 < line.y1).sort((a, b) => a.x0 - b.x0);
    const y0 = Math.min(line.y0, ...inLine.map((b) => b.y0)) - 3;
    const y1 = Math.max(line.y1, ...inLine.map((b) => b.y1)) + 3;
    let x = inner.x0;
    const pad = Math.max(2, Math.round(0.006 * dpi));
    const pushText = (xa: number, xb: number) => {
      const ink = binaryToInkBox(bin, { x0: xa, y0, x1: xb, y1 }, minInk);
      if (!ink) return;
      crops.push({ rect: { x0: ink.x0 - pad, y0: ink.y0 - pad, x1: ink.x1 + pad, y1: ink.y1 + pad }, whiteAbove });
      parts.push({ kind: 'text', crop: crops.length - 1 });
    };
    for (const b of inLine) {
      pushText(x, b.x0 - 1);
      parts.push({ kind: 'box', ticked: ticks[boxIndex.get(b)!]!, ...(b.underStamp ? { underStamp: true as const } : {}) });
      x = b.x1 + 1;
    }
    pushText(x, inner.x1);
  });
  return parts;
}

const toPt = (px: number, dpi: number): number => Math.round(((px * 72) / dpi) * 100) / 100;
/** A pixel rectangle of a page at `dpi` in page points, the unit of boxes on pages. */
export const rectToPt = (r: BBox, dpi: number) => ({ x0: toPt(r.x0, dpi), y0: toPt(r.y0, dpi), x1: toPt(r.x1, dpi), y1: toPt(r.y1, dpi) });

/** The layout of one straightened page: tables, cells with their boxes, lines outside tables. */
export function deskewedToLayout(number: number, page: DeskewedPage, options: Partial<LayoutOptions> = {}): PageLayout {
  const { gray, bin, darkBin, skewDegrees } = page;
  const o = { ...DEFAULTS, ...options };
  const dpi = gray.dpi;
  const tol = Math.max(3, Math.round(0.025 * dpi));
  // Rulings found on faint ink, on the page's ink and on dark ink only (where a stamp's ring
  // crossing a ruling does not make it too thick to be one), joined.
  const found = binaryToUnitedRulings([page.lineBin, bin, darkBin], dpiToRulingOptions(dpi, 'horizontal'), dpiToRulingOptions(dpi, 'vertical'));
  const reach = Math.round(0.02 * dpi);
  const rulings = {
    horizontal: rulingsOffSeal(gray.seal, gray.width, gray.height, found.horizontal, 'horizontal', reach),
    vertical: rulingsOffSeal(gray.seal, gray.width, gray.height, found.vertical, 'vertical', reach),
  };
  const tables = rulingsToTables(rulings.horizontal, rulings.vertical, tol, Math.round(1.5 * dpi), Math.round(0.3 * dpi));
  const crops: CropSpec[] = [];
  const regions: LayoutRegion[] = [];
  const minInk = Math.round(0.0009 * dpi * dpi);
  const minStrokeInk = Math.round(minInk / 3);
  const boxOptions = dpiToBoxOptions(dpi);

  tables.forEach((table, t) => {
    const cells: PxCell[] = tableToCells(table, tol, Math.round(0.15 * dpi));
    for (const cell of cells) {
      const inset = Math.max(3, Math.round(0.018 * dpi));
      const inner = { x0: cell.bbox.x0 + inset, y0: cell.bbox.y0 + inset, x1: cell.bbox.x1 - inset, y1: cell.bbox.y1 - inset };
      const region: LayoutRegion = {
        kind: 'cell',
        bbox: rectToPt(cell.bbox, dpi),
        table: t,
        row: cell.row,
        rowSpan: cell.rowSpan,
        left: toPt(cell.left - table.bbox.x0, dpi),
        right: toPt(cell.right - table.bbox.x0, dpi),
        parts: [],
      };
      regions.push(region);
      const ink = binaryToInkBox(bin, inner, minInk) ?? lonelyStroke(binaryToInkBox(bin, inner, minStrokeInk), dpi);
      if (!ink) continue;
      // The crop is set by dark ink only, so the pale ring of a stamp reaching into the cell stays out.
      const darkInk = binaryToInkBox(darkBin, inner, minInk) ?? ink;
      // A box under a seal (residue of its ink reads as a tick) is doubted like one under a stamp.
      const boxes = cellToOptionBoxes(bin, darkBin, inner, boxOptions).map((b) => (boxIsUnderSeal(gray.seal, gray.width, gray.height, b) ? { ...b, underStamp: true } : b));
      if (boxes.length > 0) {
        const ticks = inkToTicks(boxes.map((b) => b.inkInside));
        region.parts = optionCellToParts(bin, inner, boxes, ticks, dpi, crops, 256);
        continue;
      }
      // A margin round the ink, within the cell: small marks at the ends (。 、) are no specks.
      const pad = Math.round(0.04 * dpi);
      // All ink of the cell, but no further than 0.08 in from its dark ink (thin strokes at 150 dpi
      // are pale too; a stamp's ring further out is left out).
      const reach = Math.round(0.08 * dpi);
      const box = {
        x0: Math.max(ink.x0, darkInk.x0 - reach),
        y0: Math.max(ink.y0, darkInk.y0 - reach),
        x1: Math.min(ink.x1, darkInk.x1 + reach),
        y1: Math.min(ink.y1, darkInk.y1 + reach),
      };
      crops.push({ rect: { x0: Math.max(inner.x0, box.x0 - pad), y0: Math.max(inner.y0, box.y0 - pad), x1: Math.min(inner.x1, box.x1 + pad), y1: Math.min(inner.y1, box.y1 + pad) }, whiteAbove: 256 });
      region.parts = [{ kind: 'text', crop: crops.length - 1 }];
    }
  });

  // Bands of the page outside the tables, each cut into text lines.
  const bands: BBox[] = [];
  let top = 0;
  for (const table of tables) {
    bands.push({ x0: 0, y0: top, x1: gray.width, y1: table.bbox.y0 - tol });
    top = table.bbox.y1 + tol;
  }
  bands.push({ x0: 0, y0: top, x1: gray.width, y1: gray.height });
  let guessedRow = -1;
  for (const band of bands) {
    if (band.y1 - band.y0 < 0.05 * dpi) continue;
    // Leave the page edges out: scanner shadows and punch holes are no text.
    const edge = Math.round(0.25 * dpi);
    const area = { x0: edge, y0: Math.max(band.y0, Math.round(0.2 * dpi)), x1: gray.width - edge, y1: Math.min(band.y1, gray.height - Math.round(0.2 * dpi)) };
    for (const line of binaryToTextLines(darkBin, area, Math.round(0.06 * dpi), Math.round(0.06 * dpi))) {
      if ((line.y0 + line.y1) / 2 > gray.height * (1 - o.footerShare)) continue;
      const ink = binaryToInkBox(darkBin, line, minInk);
      if (!ink) continue;
      const pad = Math.max(2, Math.round(0.015 * dpi));
      // No table on the page: the line's pieces stand for its cells (the structure is guessed).
      const pieces = tables.length === 0 ? lineToSegments(darkBin, ink, Math.round(CELL_GAP_IN * dpi)) : [];
      if (pieces.length >= 2) {
        guessedRow++;
        for (const piece of pieces) {
          crops.push({ rect: { x0: piece.x0 - pad, y0: piece.y0 - pad, x1: piece.x1 + pad, y1: piece.y1 + pad }, whiteAbove: 256 });
          regions.push({ kind: 'cell', bbox: rectToPt(piece, dpi), table: 0, row: guessedRow, rowSpan: 1, left: toPt(piece.x0, dpi), right: toPt(piece.x1, dpi), parts: [{ kind: 'text', crop: crops.length - 1 }] });
        }
        continue;
      }
      crops.push({ rect: { x0: ink.x0 - pad, y0: ink.y0 - pad, x1: ink.x1 + pad, y1: ink.y1 + pad }, whiteAbove: 256 });
      regions.push({ kind: 'line', bbox: rectToPt(ink, dpi), parts: [{ kind: 'text', crop: crops.length - 1 }] });
    }
  }
  const tableRulings = tables.flatMap((t) => [
    ...t.horizontal.map((h) => rectToPt(pxLineToBox(h, 'horizontal'), dpi)),
    ...t.vertical.map((v) => rectToPt(pxLineToBox(v, 'vertical'), dpi)),
  ]);
  return {
    number,
    rulings: tableRulings,
    width: toPt(gray.width, dpi),
    height: toPt(gray.height, dpi),
    dpi,
    skewDegrees,
    regions,
    crops,
    ...(guessedRow >= 0 ? { guessed: true } : {}),
  };
}
