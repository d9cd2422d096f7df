/**
 * Rendering synthetic forms (testkit/synth) as text PDFs in the styles office producers use, for
 * round-trip tests of the PDF reader beyond the four samples: rules stroked (Word, WPS) or drawn
 * as thin filled rectangles (Chromium); text as one run per line or one per glyph; check boxes as
 * drawn squares ticked with a √ glyph or a drawn tick, or as ■/□ characters; labels centred or at
 * the top left; long cells split by page breaks; page numbers in the footer.
 */
import type { ProseField, SynthForm } from '../synth/generate-form.js';
import { FORM_TITLE, FUND_USE_OPTIONS, INDICATOR_CATEGORY_LABELS, LABEL_WORDINGS, PROJECT_CATEGORY_OPTIONS } from '../synth/vocab.js';
import { makeRandom, type Random } from '../synth/random.js';
import { ucs2Hex, writePdf, type PdfPageSpec } from './pdf-writer.js';

/** How the synthetic PDF is printed. */
export interface PdfStyle {
  /** Rules stroked (Word), drawn as thin filled rectangles (Chromium), or not drawn at all (a borderless table). */
  rules: 'stroke' | 'fill' | 'none';
  runs: 'line' | 'glyph';
  /** Drawn squares ticked by a √ glyph or a drawn tick; drawn squares filled solid when ticked; or ■/□ characters. */
  boxes: 'drawn-glyph' | 'drawn-tick' | 'drawn-solid' | 'text-square';
  boxPosition: 'before' | 'after';
  /** Labels centred in their cells (Chromium) or at the top left (Word). */
  labels: 'centre' | 'top-left';
  fontSizePt: number;
  /** Page numbers 第 N 页 共 M 页 or N/M, or a browser's print header (date, title) and footer (address, N/M). */
  footer: 'none' | 'page-of' | 'slash' | 'browser';
  /** Start every form on a new page (otherwise a form may begin mid-page). */
  formPerPage: boolean;
  /** Pages stored landscape with the content drawn sideways and no /Rotate to turn them upright (some converters). */
  sideways?: boolean;
  /** Labels broken onto two lines at a point drawn from this seed (a narrow label column, a manual break); none when absent. */
  labelBreakSeed?: string;
  /** Other wordings of the labels (LABEL_WORDINGS) drawn from this seed; the canonical ones when absent. */
  labelWordingSeed?: string;
  /**
   * A page break may cut a top-left label of several lines (and its value) after their first line,
   * the page's foot left blank as a producer keeping lines together does; at points drawn from this seed.
   */
  labelSplitSeed?: string;
}

/** A Word-like print: stroked rules, one run per line, drawn boxes ticked with √ after their option. */
export const DEFAULT_PDF_STYLE: PdfStyle = {
  rules: 'stroke',
  runs: 'line',
  boxes: 'drawn-glyph',
  boxPosition: 'after',
  labels: 'top-left',
  fontSizePt: 10.5,
  footer: 'page-of',
  formPerPage: false,
};

/** A random print style, as the office producers above print (each variation switched on or off). */
export function choosePdfStyle(rand: Random, seed: string): PdfStyle {
  const rules = rand.weighted([
    ['stroke', 4],
    ['fill', 4],
    ['none', 1],
  ] as const);
  return {
    rules,
    runs: rand.pick(['line', 'glyph'] as const),
    boxes: rand.pick(['drawn-glyph', 'drawn-tick', 'drawn-solid', 'text-square'] as const),
    boxPosition: rand.pick(['before', 'after'] as const),
    labels: rand.pick(['centre', 'top-left'] as const),
    fontSizePt: rand.pick([9, 10, 10.5, 12]),
    footer: rand.pick(['none', 'page-of', 'slash', 'browser'] as const),
    formPerPage: rand.chance(0.5),
    ...(rand.chance(0.1) ? { sideways: true } : {}),
    ...(rand.chance(0.3) ? { labelBreakSeed: seed } : {}),
    ...(rand.chance(0.15) ? { labelWordingSeed: seed } : {}),
    ...(rand.chance(0.3) ? { labelSplitSeed: seed } : {}),
  };
}

const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN_X = 56;
const MARGIN_TOP = 56;
const MARGIN_BOTTOM = 64;
const PAD_X = 5;
const PAD_Y = 4;
/** Column boundaries of the main table (label, value, label, value). */
const COLS = [MARGIN_X, MARGIN_X + 118, MARGIN_X + 244, MARGIN_X + 362, PAGE_W - MARGIN_X];
/** Column boundaries of the indicator table (category, name, target). */
const IND_COLS = [MARGIN_X, MARGIN_X + 118, MARGIN_X + 280, PAGE_W - MARGIN_X];

/** A run of content inside a cell line: text, or a check box. */
type Piece = { kind: 'text'; text: string } | { kind: 'box'; ticked: boolean };

/** One table cell to lay out: its column span and its lines (already wrapped). */
interface CellSpec {
  x0: number;
  x1: number;
  lines: Piece[][];
  align: 'left' | 'centre';
}

/** One table row: its cells; a row of prose may be split by a page break. */
interface RowSpec {
  cells: CellSpec[];
  /** Cells spanning several rows are drawn once with the first row and their height pooled (category labels). */
  spanGroup?: { id: number; first: boolean };
}

/** Width of a character in the writer's font: half an em for ASCII (CIDs 1–95 get width 500), a full em for the rest. */
const glyphWeight = (ch: string): number => (ch.codePointAt(0)! < 0x7f ? 0.5 : 1);
const textWidth = (text: string, size: number): number => [...text].reduce((w, ch) => w + glyphWeight(ch) * size, 0);
const boxSide = (size: number): number => size * 0.85;
const pieceWidth = (p: Piece, size: number): number => (p.kind === 'text' ? textWidth(p.text, size) : boxSide(size) + size * 0.15);

/** Wraps paragraphs into lines of at most `width` points: CJK anywhere, Latin words whole. */
export function wrapText(paragraphs: readonly string[], width: number, size: number): string[] {
  const lines: string[] = [];
  for (const para of paragraphs) {
    const tokens = para.match(/[A-Za-z0-9.,%\-/:]+|./gu) ?? [];
    let line = '';
    for (const t of tokens) {
      if (line !== '' && textWidth(line + t, size) > width) {
        lines.push(line);
        line = t.trimStart();
      } else line += t;
    }
    if (line !== '') lines.push(line);
  }
  return lines;
}

/** Option pieces with their boxes, wrapped into lines of `width` points (an option and its box never part). */
function optionsToLines(options: readonly (readonly [string, string])[], ticked: readonly string[], style: PdfStyle, width: number): Piece[][] {
  const size = style.fontSizePt;
  const units: Piece[][] = options.map(([value, label]) => {
    const on = ticked.includes(value);
    const box: Piece = style.boxes === 'text-square' ? { kind: 'text', text: on ? '■' : '□' } : { kind: 'box', ticked: on };
    return style.boxPosition === 'before' ? [box, { kind: 'text', text: label }] : [{ kind: 'text', text: label }, box];
  });
  const lines: Piece[][] = [];
  let line: Piece[] = [];
  let w = 0;
  for (const unit of units) {
    const uw = unit.reduce((s, p) => s + pieceWidth(p, size), 0) + size;
    if (line.length && w + uw > width) {
      lines.push(line);
      line = [];
      w = 0;
    }
    if (line.length) line.push({ kind: 'text', text: '  ' });
    line.push(...unit);
    w += uw;
  }
  if (line.length) lines.push(line);
  return lines;
}

const text = (s: string): Piece[] => [{ kind: 'text', text: s }];

/** The rows of one form's table, top to bottom. */
function formToRows(form: SynthForm, style: PdfStyle): RowSpec[] {
  const r = form.record;
  const size = style.fontSizePt;
  const labelAlign = style.labels === 'centre' ? 'centre' : 'left';
  const inner = (x0: number, x1: number): number => x1 - x0 - 2 * PAD_X;
  const breaks = style.labelBreakSeed === undefined ? null : makeRandom(style.labelBreakSeed).fork('label-breaks');
  const wordings = style.labelWordingSeed === undefined ? null : makeRandom(style.labelWordingSeed).fork('label-wordings');
  const label = (name: string, x0: number, x1: number, suffix = ''): CellSpec => {
    const others = wordings ? (LABEL_WORDINGS[name] ?? []) : [];
    const s = (others.length && wordings!.chance(0.6) ? wordings!.pick(others) : name) + suffix;
    const chars = [...s];
    const at = breaks && chars.length >= 4 && breaks.chance(0.6) ? breaks.int(2, chars.length - 2) : 0;
    const paragraphs = at ? [chars.slice(0, at).join(''), chars.slice(at).join('')] : [s];
    return { x0, x1, lines: wrapText(paragraphs, inner(x0, x1), size).map(text), align: labelAlign };
  };
  const value = (paras: readonly string[], x0: number, x1: number): CellSpec => ({ x0, x1, lines: wrapText(paras, inner(x0, x1), size).map(text), align: 'left' });
  const [c0, c1, c2, c3, c4] = COLS as [number, number, number, number, number];
  const prose = (field: ProseField, name: string): RowSpec => ({ cells: [label(name, c0, c1), value(form.paragraphs[field], c1, c4)] });
  const unit = `（${form.amountUnit}）`;
  const rows: RowSpec[] = [
    { cells: [label('项目名称', c0, c1), value(r.projectName ? [r.projectName] : [], c1, c4)] },
    { cells: [label('项目类型', c0, c1), { x0: c1, x1: c4, lines: optionsToLines(PROJECT_CATEGORY_OPTIONS, form.ticks.projectCategory, style, inner(c1, c4)), align: 'left' }] },
    { cells: [label('资金用途', c0, c1), { x0: c1, x1: c4, lines: optionsToLines(FUND_USE_OPTIONS, form.ticks.fundUse, style, inner(c1, c4)), align: 'left' }] },
    {
      cells: [
        label('开始时间', c0, c1),
        value([form.writtenDates.startDate].filter(Boolean), c1, c2),
        label('结束时间', c2, c3),
        value([form.writtenDates.endDate].filter(Boolean), c3, c4),
      ],
    },
    prose('overview', '项目概况'),
    prose('basis', '立项依据'),
    prose('necessity', '项目设立的必要性'),
    prose('safeguards', '保证项目实施的制度、措施'),
    {
      cells: [
        label('项目总预算', c0, c1, unit),
        value([form.writtenAmounts.totalBudget].filter(Boolean), c1, c2),
        label('项目当年预算', c2, c3, unit),
        value([form.writtenAmounts.currentYearBudget].filter(Boolean), c3, c4),
      ],
    },
    {
      cells: [
        label('同名项目上年预算额', c0, c1, unit),
        value([form.writtenAmounts.previousYearBudget].filter(Boolean), c1, c2),
        label('同名项目上年预算执行数', c2, c3, unit),
        value([form.writtenAmounts.previousYearExecuted].filter(Boolean), c3, c4),
      ],
    },
  ];
  const items = form.budgetNone ? [{ name: '无', amount: '' }] : form.writtenItems;
  rows.push({ cells: [label('项目当年投入资金构成', c0, c1), label('子项目名称', c1, c3), label('预算金额', c3, c4, unit)] });
  for (const item of items) rows.push({ cells: [value([], c0, c1), value([item.name], c1, c3), value([item.amount].filter(Boolean), c3, c4)] });
  rows.push(prose('implementationPlan', '项目实施计划'), prose('overallGoal', '项目总目标'), prose('annualGoal', '年度绩效目标'));
  const [i0, i1, i2, i3] = IND_COLS as [number, number, number, number];
  rows.push({ cells: [label('分解目标', c0, c1), value([], c1, c4)] });
  rows.push({ cells: [label('分解目标内容', i0, i1), label('绩效指标', i1, i2), label('指标目标值', i2, i3)] });
  let prev: string | null = null;
  let group = 0;
  for (const ind of r.indicators) {
    const first = ind.category !== prev;
    if (first) group++;
    prev = ind.category;
    rows.push({
      cells: [
        first ? label(INDICATOR_CATEGORY_LABELS[ind.category], i0, i1) : value([], i0, i1),
        value([ind.name], i1, i2),
        value([ind.target], i2, i3),
      ],
      spanGroup: { id: group, first },
    });
  }
  rows.push(prose('remarks', '备注'));
  return rows;
}

/** Draws pages: a cursor over the page, rules and text written as PDF operators. */
class PageWriter {
  pages: string[][] = [];
  y = MARGIN_TOP;
  constructor(private readonly style: PdfStyle) {
    this.newPage();
  }
  get ops(): string[] {
    return this.pages[this.pages.length - 1]!;
  }
  newPage(): void {
    this.pages.push([]);
    this.y = MARGIN_TOP;
  }
  get bottom(): number {
    return PAGE_H - MARGIN_BOTTOM;
  }
  /** A horizontal or vertical rule from (x0, y0) to (x1, y1), in top-left coordinates. */
  rule(x0: number, y0: number, x1: number, y1: number): void {
    const f = (n: number): string => n.toFixed(2);
    if (this.style.rules === 'none') return;
    if (this.style.rules === 'stroke') this.ops.push(`0.5 w ${f(x0)} ${f(PAGE_H - y0)} m ${f(x1)} ${f(PAGE_H - y1)} l S`);
    else {
      const t = 0.75;
      const w = x1 - x0 || t;
      const h = y1 - y0 || t;
      this.ops.push(`${f(x0 - (x1 === x0 ? t / 2 : 0))} ${f(PAGE_H - y0 - h + (y1 === y0 ? t / 2 : 0))} ${f(w)} ${f(h)} re f`);
    }
  }
  /** Text with its baseline at `y` (top-left coordinates), as one run or one run per glyph. */
  text(s: string, x: number, baseline: number, size = this.style.fontSizePt): void {
    const f = (n: number): string => n.toFixed(2);
    if (this.style.runs === 'line') {
      this.ops.push(`BT /F1 ${size} Tf ${f(x)} ${f(PAGE_H - baseline)} Td ${ucs2Hex(s)} Tj ET`);
      return;
    }
    let cx = x;
    for (const ch of s) {
      if (ch !== ' ') this.ops.push(`BT /F1 ${size} Tf ${f(cx)} ${f(PAGE_H - baseline)} Td ${ucs2Hex(ch)} Tj ET`);
      cx += glyphWeight(ch) * size;
    }
  }
  /** A check box whose left edge is `x`, sitting on the line with baseline `baseline`. */
  box(x: number, baseline: number, ticked: boolean): void {
    const size = this.style.fontSizePt;
    const side = boxSide(size);
    const f = (n: number): string => n.toFixed(2);
    const top = baseline - side * 0.95;
    if (this.style.boxes === 'drawn-solid' && ticked) {
      this.ops.push(`${f(x)} ${f(PAGE_H - top - side)} ${f(side)} ${f(side)} re f`);
      return;
    }
    this.ops.push(`0.6 w ${f(x)} ${f(PAGE_H - top - side)} ${f(side)} ${f(side)} re S`);
    if (!ticked) return;
    if (this.style.boxes === 'drawn-tick') {
      const p = (dx: number, dy: number): string => `${f(x + dx * side)} ${f(PAGE_H - (top + dy * side))}`;
      this.ops.push(`1 w ${p(0.15, 0.5)} m ${p(0.4, 0.8)} l ${p(0.85, 0.15)} l S`);
    } else this.text('√', x + side * 0.05, baseline - side * 0.1, size * 0.9);
  }
}

/** Line height for the style's font size. */
const lineHeight = (size: number): number => size * 1.45;

/** Writes a cell's lines from `from` to `to` (exclusive) into a box whose top is `top`. */
function drawCellLines(w: PageWriter, cell: CellSpec, from: number, to: number, top: number, height: number, style: PdfStyle): void {
  const size = style.fontSizePt;
  const lh = lineHeight(size);
  const lines = cell.lines.slice(from, to);
  const blockH = lines.length * lh;
  const startY = cell.align === 'centre' ? top + (height - blockH) / 2 : top + PAD_Y;
  lines.forEach((line, i) => {
    const width = line.reduce((s, p) => s + pieceWidth(p, size), 0);
    let x = cell.align === 'centre' ? (cell.x0 + cell.x1) / 2 - width / 2 : cell.x0 + PAD_X;
    const baseline = startY + i * lh + size * 1.05;
    let run = '';
    let runX = x;
    const flush = (): void => {
      if (run.trim() !== '') w.text(run, runX, baseline);
      run = '';
    };
    for (const p of line) {
      if (p.kind === 'text') {
        if (run === '') runX = x;
        run += p.text;
        x += textWidth(p.text, size);
      } else {
        flush();
        w.box(x + size * 0.075, baseline, p.ticked);
        x += pieceWidth(p, size);
      }
    }
    flush();
  });
}

/** Renders forms as one PDF; returns its bytes and the number of pages. */
export function renderPdf(forms: readonly SynthForm[], style: PdfStyle = DEFAULT_PDF_STYLE): { bytes: Uint8Array; pages: number } {
  const w = new PageWriter(style);
  const size = style.fontSizePt;
  const labelSplits = style.labelSplitSeed === undefined || style.labels !== 'top-left' ? null : makeRandom(style.labelSplitSeed).fork('label-splits');
  const lh = lineHeight(size);
  forms.forEach((form, fi) => {
    if (fi > 0 && (style.formPerPage || w.y > w.bottom - 200)) w.newPage();
    else if (fi > 0) w.y += 24;
    const titleSize = size * 1.6;
    w.text(FORM_TITLE, PAGE_W / 2 - textWidth(FORM_TITLE, titleSize) / 2, w.y + titleSize, titleSize);
    w.y += titleSize * 1.6;
    if (form.record.year !== null) {
      const yearLine = `(${form.record.year}年)`;
      w.text(yearLine, PAGE_W / 2 - textWidth(yearLine, size) / 2, w.y + size);
      w.y += size * 2;
    }
    w.text(`申报单位名称：${form.record.unitName ?? ''}`, MARGIN_X, w.y + size);
    w.y += size * 1.8;

    const rows = formToRows(form, style);
    // Word draws a rule where a page break cuts a table; Chromium leaves the cut open.
    const ruleAtCut = style.rules === 'stroke';
    rows.forEach((row, ri) => {
      const need = (c: CellSpec): number => Math.max(1, c.lines.length) * lh + 2 * PAD_Y;
      let height = Math.max(...row.cells.map(need));
      let done = 0;
      let cutAbove = false;
      const total = Math.max(...row.cells.map((c) => c.lines.length));
      const group = row.spanGroup;
      const groupContinues = group !== undefined && rows[ri + 1]?.spanGroup?.id === group.id;
      const inGroup = group !== undefined && !group.first;
      // Of a row split by page breaks, a centred label stands in the part holding the row's middle (as
      // Chromium prints it, so it may fall after the break); a top-left label in the first part.
      const middle = style.labels === 'centre' ? Math.floor((total - 1) / 2) : 0;
      let split = false;
      // A row taller than the space left is split line by line when it holds prose, else moved on.
      // Each part of a split row holds the label's lines whole (a label is never cut by the break).
      const labelLines = Math.max(1, row.cells[0]!.lines.length);
      // The label cut with its row after the first line, where the style allows it.
      const cutLabel = labelSplits !== null && labelLines > 1 && done === 0 && labelSplits.chance(0.7);
      while (w.y + height > w.bottom) {
        const room = Math.floor((w.bottom - w.y - 2 * PAD_Y) / lh);
        const fit = cutLabel && done === 0 && room >= 1 ? 1 : Math.min(room, total - done - labelLines);
        if (total - done > 1 && (cutLabel ? fit >= 1 : fit >= labelLines) && row.cells.length === 2 && !group) {
          drawRowPart(w, row, done, done + fit, fit * lh + 2 * PAD_Y, style, {
            top: cutAbove ? ruleAtCut : true,
            bottom: ruleAtCut,
            spanTop: false,
            spanBottom: false,
            ...(cutLabel ? {} : { label: middle >= done && middle < done + fit }),
          });
          split = true;
          done += fit;
          height = (total - done) * lh + 2 * PAD_Y;
          cutAbove = true;
        } else cutAbove = false;
        w.newPage();
      }
      drawRowPart(w, row, done, total, height, style, {
        top: cutAbove ? ruleAtCut : true,
        bottom: true,
        spanTop: inGroup && w.y !== MARGIN_TOP,
        spanBottom: groupContinues,
        ...(split && !cutLabel ? { label: middle >= done } : {}),
      });
    });
    w.y += 4;
  });
  // Footers once the page count is known.
  const n = w.pages.length;
  w.pages.forEach((ops, i) => {
    if (style.footer === 'none') return;
    const fs = 9;
    if (style.footer === 'browser') {
      const head = `2018/9/20 上午10:15 ${FORM_TITLE}`;
      const foot = `file:///D:/申报/2018/decl.html ${i + 1}/${n}`;
      ops.push(`BT /F1 ${fs} Tf 30 ${(PAGE_H - 22).toFixed(2)} Td ${ucs2Hex(head)} Tj ET`);
      ops.push(`BT /F1 ${fs} Tf 30 ${(MARGIN_BOTTOM / 3).toFixed(2)} Td ${ucs2Hex(foot)} Tj ET`);
      return;
    }
    const label = style.footer === 'page-of' ? `第 ${i + 1} 页 共 ${n} 页` : `${i + 1}/${n}`;
    ops.push(`BT /F1 ${fs} Tf ${(PAGE_W / 2 - textWidth(label, fs) / 2).toFixed(2)} ${(MARGIN_BOTTOM / 2).toFixed(2)} Td ${ucs2Hex(label)} Tj ET`);
  });
  const pages: PdfPageSpec[] = w.pages.map((ops) =>
    style.sideways
      ? // Portrait content turned a quarter counter-clockwise into a landscape media box: (x, y) → (H − y, x).
        { width: PAGE_H, height: PAGE_W, content: `q 0 1 -1 0 ${PAGE_H} 0 cm\n${ops.join('\n')}\nQ` }
      : { width: PAGE_W, height: PAGE_H, content: ops.join('\n') },
  );
  return { bytes: writePdf(pages), pages: n };
}

/** Which horizontal rules a band of a row gets. */
interface BandRules {
  /** Top and bottom rules at all (false where a page break cuts the table and the producer leaves it open). */
  top: boolean;
  bottom: boolean;
  /** Leave the first column out of the top / bottom rule (inside a category spanning several rows). */
  spanTop: boolean;
  spanBottom: boolean;
  /** For a part of a split row: whether the label (first cell) is drawn in this part. */
  label?: boolean;
}

/** Draws lines `from`..`to` of a row as one band of `height` points at the cursor, with its rules. */
function drawRowPart(w: PageWriter, row: RowSpec, from: number, to: number, height: number, style: PdfStyle, rules: BandRules): void {
  const top = w.y;
  const bottom = top + height;
  const x0 = Math.min(...row.cells.map((c) => c.x0));
  const x1 = Math.max(...row.cells.map((c) => c.x1));
  const firstRight = row.cells[0]!.x1;
  if (rules.top) w.rule(rules.spanTop ? firstRight : x0, top, x1, top);
  if (rules.bottom) w.rule(rules.spanBottom ? firstRight : x0, bottom, x1, bottom);
  row.cells.forEach((c, i) => {
    w.rule(c.x0, top, c.x0, bottom);
    if (i === 0 && rules.label !== undefined) {
      if (rules.label) drawCellLines(w, c, 0, c.lines.length, top, height, style);
    } else drawCellLines(w, c, Math.min(from, c.lines.length), Math.min(to, c.lines.length), top, height, style);
  });
  w.rule(x1, top, x1, bottom);
  w.y = bottom;
}
