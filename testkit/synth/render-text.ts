/**
 * Rendering synthetic forms as text exports in the style of
 * `seed/shanghai-2018-declarations.txt` (rows are lines, cells are tabs, blank lines are page
 * breaks, cells may hold `<p>` and `<input type="checkbox"/>`), with the variations the archive
 * shows: label spellings, tick marks, wrapped option rows, page breaks that split cells, trailing
 * tabs, markdown rules, CRLF and four encodings.
 *
 * Conventions that keep the truth unambiguous (and that a reader can rely on):
 * - a prose cell with several paragraphs writes each as `<p>…</p>`; a single paragraph may be bare;
 * - a prose cell split by a page break is either a label-less row just BEFORE the break followed by
 *   the labelled row, or the labelled row followed by a label-less row just AFTER the break; a
 *   split between paragraphs has `<p>` on at least one side of the break, a split inside a
 *   paragraph (only ever between two CJK characters) has none on either side.
 */
import iconv from 'iconv-lite';
import { INDICATOR_CATEGORY_LABELS, FORM_TITLE, FUND_USE_OPTIONS, LABEL_WORDINGS, PROJECT_CATEGORY_OPTIONS } from './vocab.js';
import type { ProseField, SynthForm } from './generate-form.js';
import type { Random } from './random.js';

export type MarkStyle = 'input' | 'ballot' | 'square' | 'check-box' | 'ballot-x' | 'check';

/** Ticked / empty box for each mark style. */
export const MARKS: Readonly<Record<MarkStyle, { on: string; off: string }>> = {
  input: { on: '<input checked="" type="checkbox"/>', off: '<input type="checkbox"/>' },
  ballot: { on: '☑', off: '☐' },
  square: { on: '■', off: '□' },
  'check-box': { on: '√', off: '□' },
  'ballot-x': { on: '☒', off: '☐' },
  check: { on: '✓', off: '☐' },
};

/** Spellings of an HTML checkbox, ticked and empty (the seed's first). */
export const INPUT_VARIANTS: readonly { on: string; off: string }[] = [
  MARKS.input,
  { on: '<input type="checkbox" checked="checked" />', off: '<input type="checkbox" />' },
  { on: '<input type="checkbox" checked>', off: '<input type="checkbox">' },
  { on: '<input checked type="checkbox" disabled/>', off: '<input type="checkbox" disabled/>' },
  { on: '<INPUT TYPE="checkbox" CHECKED>', off: '<INPUT TYPE="checkbox">' },
];

export interface CheckboxStyle {
  marks: MarkStyle;
  /** For `input` marks: which spelling of the tag (index into INPUT_VARIANTS; 0 the seed's). */
  inputVariant?: number;
  /** Box before or after its option. */
  position: 'before' | 'after';
  /** Between a box and its option. */
  gap: string;
  /** Between two options. */
  sep: string;
}

/** How one set of options is laid out: on one row, or wrapped after `wrapAt` options. */
export interface OptionRows {
  wrapAt: number | null;
  /** Which row carries the label; `none`: no row does. */
  label: 'first' | 'second' | 'none';
}

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'gb18030';

/** Every variation of the text rendering; `PLAIN_TEXT_STYLE` is the seed's own layout. */
export interface TextStyle {
  eol: '\n' | '\r\n';
  encoding: TextEncodingName;
  /** Title, year and unit lines without blank lines between them. */
  compactHeader: boolean;
  yearLine: string;
  unitLabel: string;
  checkbox: CheckboxStyle;
  categoryRows: OptionRows;
  fundRows: OptionRows;
  /** Written after amount labels: （元）, (元), nothing, … */
  yuanSuffix: string;
  /** Blanks around some labels. */
  padLabels: boolean;
  /** Other wordings of some labels (LABEL_WORDINGS). */
  labelWording: boolean;
  /** Blanks around some values (dates, amounts, names). */
  padValues: boolean;
  /** The indicator table's header row repeated after a page break inside it. */
  repeatIndicatorHeader: boolean;
  /** Some value cells wrapped in `<span>` (exports of Word documents). */
  spanCells: boolean;
  /** The unit name as a tab-separated label and value rather than `申报单位名称：NAME`. */
  unitAsCells: boolean;
  /** Rows of empty cells here and there in the table. */
  emptyRows: number;
  /** No 备注 row at all when the remarks are empty. */
  omitEmptyRemarks: boolean;
  /** Each option with its box in a cell of its own (spreadsheet exports). */
  optionCells: boolean;
  /** The indicator category written on every row of its block, not only the first. */
  repeatCategory: boolean;
  /** Empty cells at the end of rows, as the seed has. */
  trailingTabs: boolean;
  /** Budget item rows as `\tname\tamount` (3) or `\tname\t\tamount` (4). */
  itemColumns: 3 | 4;
  /**
   * Which row of the budget block carries the label: 0 the header, 1 the first item, … (clamped);
   * -1: a row of its own above the block, whose header and items then start in the first column.
   */
  budgetLabelRow: number;
  /** Between `</p>` and `<p>`. */
  paragraphSep: '' | ' ';
  /** A single paragraph written as `<p>…</p>` rather than bare. */
  singleParagraphTag: boolean;
  /** “ ” written as &ldquo; &rdquo;. */
  entities: boolean;
  /** Random page breaks between rows. */
  pageBreaks: number;
  /** Prose cells split by a page break. */
  splits: number;
  /** Where a labelled row is split by a page break, its label cut too (保证项 | 目实施的制度、措施), its parts beside the value's. */
  cutLabels: boolean;
  /** `----\t--` rules. */
  noise: boolean;
}

export const PLAIN_TEXT_STYLE: TextStyle = {
  eol: '\n',
  encoding: 'utf-8',
  compactHeader: false,
  yearLine: '(2018年)',
  unitLabel: '申报单位名称：',
  checkbox: { marks: 'input', position: 'after', gap: ' ', sep: ' ' },
  categoryRows: { wrapAt: null, label: 'first' },
  fundRows: { wrapAt: null, label: 'first' },
  yuanSuffix: '（元）',
  padLabels: false,
  labelWording: false,
  padValues: false,
  repeatIndicatorHeader: false,
  spanCells: false,
  unitAsCells: false,
  emptyRows: 0,
  omitEmptyRemarks: false,
  optionCells: false,
  repeatCategory: false,
  trailingTabs: false,
  itemColumns: 4,
  budgetLabelRow: 1,
  paragraphSep: ' ',
  singleParagraphTag: false,
  entities: false,
  pageBreaks: 0,
  splits: 0,
  cutLabels: false,
  noise: false,
};

function chooseOptionRows(rand: Random, count: number): OptionRows {
  const wrapAt = rand.chance(0.4) ? rand.int(1, count - 1) : null;
  const label = rand.weighted<OptionRows['label']>(
    wrapAt === null
      ? [
          ['first', 9],
          ['none', 1],
        ]
      : [
          ['first', 6],
          ['second', 2],
          ['none', 1],
        ],
  );
  return { wrapAt, label };
}

/** A random text style. */
export function chooseTextStyle(rand: Random): TextStyle {
  const marks = rand.pick<MarkStyle>(['input', 'input', 'ballot', 'square', 'check-box', 'ballot-x', 'check']);
  return {
    eol: rand.chance(0.25) ? '\r\n' : '\n',
    encoding: rand.weighted<TextEncodingName>([
      ['utf-8', 5],
      ['utf-8-bom', 1],
      ['utf-16le', 1],
      ['gb18030', 2],
    ]),
    compactHeader: rand.chance(0.2),
    yearLine: rand.pick(['(2018年)', '（2018年）', '(2018年)']),
    unitLabel: rand.pick(['申报单位名称：', '申报单位名称：', '申报单位名称:', '申报单位名称（盖章）：', '申报单位名称(盖章)：', '申报单位名称： ']),
    checkbox: {
      marks,
      position: marks === 'input' ? (rand.chance(0.8) ? 'after' : 'before') : rand.chance(0.5) ? 'after' : 'before',
      inputVariant: rand.chance(0.7) ? 0 : rand.int(1, INPUT_VARIANTS.length - 1),
      gap: rand.pick([' ', ' ', '', '&nbsp;']),
      sep: rand.pick([' ', ' ', '  ', '&nbsp;&nbsp; ', '\u3000', marks === 'input' ? ' ' : '']),
    },
    categoryRows: chooseOptionRows(rand, PROJECT_CATEGORY_OPTIONS.length),
    fundRows: chooseOptionRows(rand, FUND_USE_OPTIONS.length),
    yuanSuffix: rand.weighted([
      ['（元）', 6],
      ['(元)', 2],
      ['', 1],
      [' （元）', 1],
      ['（ 元 ）', 1],
    ]),
    padLabels: rand.chance(0.2),
    labelWording: rand.chance(0.1),
    padValues: rand.chance(0.15),
    repeatIndicatorHeader: rand.chance(0.3),
    spanCells: rand.chance(0.1),
    unitAsCells: rand.chance(0.1),
    emptyRows: rand.weighted([
      [0, 8],
      [1, 1],
      [2, 1],
    ]),
    omitEmptyRemarks: rand.chance(0.1),
    optionCells: rand.chance(0.1),
    repeatCategory: rand.chance(0.1),
    trailingTabs: rand.chance(0.7),
    itemColumns: rand.chance(0.5) ? 3 : 4,
    // The label alone is drawn from a stream of its own, so that the other choices of a seed stay as they were.
    budgetLabelRow: ((row: number) => (rand.fork('budget-label-alone').chance(0.15) ? -1 : row))(rand.int(0, 3)),
    paragraphSep: rand.chance(0.6) ? ' ' : '',
    singleParagraphTag: rand.chance(0.15),
    entities: rand.chance(0.2),
    pageBreaks: rand.weighted([
      [0, 2],
      [1, 3],
      [2, 3],
      [3, 2],
    ]),
    splits: rand.weighted([
      [0, 3],
      [1, 3],
      [2, 1],
    ]),
    noise: rand.chance(0.3),
    // From a stream of its own, so that the other choices of a seed stay as they were.
    cutLabels: rand.fork('cut-labels').chance(0.3),
  };
}

// ---------------------------------------------------------------------------------------------

/** One line of the export: cells, and where page breaks must or must not fall. */
interface Line {
  cells: string[];
  /** A page break stands right before this line (a split cell). */
  breakBefore?: boolean;
  /** No random page break right before this line. */
  lockBefore?: boolean;
  /** No random page break right after this line. */
  lockAfter?: boolean;
  /** Part of the header (title, year, unit): spaced by blank lines, never random breaks. */
  header?: boolean;
  /** A row of empty cells (written with its tabs, so it is no blank line). */
  emptyRow?: boolean;
}

const CJK = /[\u3400-\u9fff]/;

/** Options with their boxes, as one cell's text. */
export function optionsToText(
  options: readonly (readonly [string, string])[],
  ticked: readonly string[],
  style: CheckboxStyle,
  marks: { on: string; off: string } = style.marks === 'input' ? (INPUT_VARIANTS[style.inputVariant ?? 0] ?? MARKS.input) : MARKS[style.marks],
): string {
  return options
    .map(([value, label]) => {
      const mark = ticked.includes(value) ? marks.on : marks.off;
      return style.position === 'before' ? `${mark}${style.gap}${label}` : `${label}${style.gap}${mark}`;
    })
    .join(style.sep);
}

function escapeText(text: string, style: TextStyle): string {
  if (!style.entities) return text;
  return text.replace(/“/g, '&ldquo;').replace(/”/g, '&rdquo;').replace(/≥/g, '&ge;').replace(/≤/g, '&le;');
}

/** Paragraphs as one cell: `<p>`s for several, bare or one `<p>` for one. */
function paragraphsToCell(paragraphs: readonly string[], style: TextStyle, forceTags = false): string {
  const escaped = paragraphs.map((p) => escapeText(p, style));
  if (escaped.length === 0) return '';
  if (escaped.length === 1 && !forceTags && !style.singleParagraphTag) return escaped[0]!;
  return escaped.map((p) => `<p>${p}</p>`).join(style.paragraphSep);
}

/** Where a single paragraph may be cut by a page break: between two CJK characters. */
function cutPoints(text: string): number[] {
  const out: number[] = [];
  for (let i = 4; i < text.length - 4; i++) if (CJK.test(text[i - 1]!) && CJK.test(text[i]!)) out.push(i);
  return out;
}

/** The two halves of a prose cell cut by a page break, or null when it cannot be cut. */
function splitProse(rand: Random, paragraphs: readonly string[], style: TextStyle): [string, string] | null {
  if (paragraphs.length > 1) {
    const k = rand.int(1, paragraphs.length - 1);
    const a = paragraphs.slice(0, k);
    const b = paragraphs.slice(k);
    const aTags = a.length > 1 || style.singleParagraphTag || rand.chance(0.3);
    const bTags = b.length > 1 || style.singleParagraphTag || !aTags || rand.chance(0.5);
    return [paragraphsToCell(a, style, aTags), paragraphsToCell(b, style, bTags)];
  }
  if (paragraphs.length !== 1) return null;
  const text = paragraphs[0]!;
  const points = cutPoints(text);
  if (points.length === 0) return null;
  const at = rand.pick(points);
  // A cut inside a paragraph: no tags on either side, whatever the style says.
  return [escapeText(text.slice(0, at), style), escapeText(text.slice(at), style)];
}

const PROSE_LABELS: readonly (readonly [ProseField, string])[] = [
  ['overview', '项目概况'],
  ['basis', '立项依据'],
  ['necessity', '项目设立的必要性'],
  ['safeguards', '保证项目实施的制度、措施'],
];
const PROSE_LABELS_2: readonly (readonly [ProseField, string])[] = [
  ['implementationPlan', '项目实施计划'],
  ['overallGoal', '项目总目标'],
  ['annualGoal', '年度绩效目标'],
];

/** The lines of one form. */
function formToLines(form: SynthForm, style: TextStyle, rand: Random): Line[] {
  const r = form.record;
  const lines: Line[] = [];
  const label = (name: string, suffix = ''): string => {
    const text = (style.labelWording && LABEL_WORDINGS[name] && rand.chance(0.5) ? rand.pick(LABEL_WORDINGS[name]!) : name) + suffix;
    if (!style.padLabels || !rand.chance(0.4)) return text;
    return rand.pick([` ${text}`, `${text} `, ` ${text} `, `${text}  `]);
  };
  const val = (text: string): string => {
    let out = style.padValues && text !== '' && rand.chance(0.5) ? rand.pick([` ${text}`, `${text} `, ` ${text}  `]) : text;
    if (style.spanCells && out !== '' && rand.chance(0.5)) out = `<span style="font-family:宋体">${out}</span>`;
    return out;
  };
  // A form counting in 万元 or 千元 always says so; one in 元 may leave the unit out.
  const unitSuffix = (suffix: string): string => (form.amountUnit !== '元' ? `（${form.amountUnit}）` : suffix);
  const yuan = (text: string): string => label(text, unitSuffix(rand.chance(0.1) ? rand.pick(['（元）', '(元)', '']) : style.yuanSuffix));

  lines.push({ cells: [FORM_TITLE], header: true });
  if (r.year !== null) lines.push({ cells: [style.yearLine.replace('2018', String(r.year))], header: true });
  lines.push({
    cells: style.unitAsCells ? [style.unitLabel.replace(/[：:]\s*$/, ''), r.unitName ?? ''] : [`${style.unitLabel}${r.unitName ?? ''}`],
    header: true,
  });

  lines.push({ cells: [label('项目名称'), val(r.projectName ?? ''), '', ''] });

  const optionLines = (
    name: string,
    options: readonly (readonly [string, string])[],
    ticked: readonly string[],
    layout: OptionRows,
  ): void => {
    const rows = layout.wrapAt === null ? [options] : [options.slice(0, layout.wrapAt), options.slice(layout.wrapAt)];
    rows.forEach((opts, i) => {
      const hasLabel = (layout.label === 'first' && i === 0) || (layout.label === 'second' && i === 1);
      const cells = style.optionCells ? opts.map((o) => optionsToText([o], ticked, style.checkbox)) : [optionsToText(opts, ticked, style.checkbox), '', ''];
      lines.push({ cells: [hasLabel ? label(name) : '', ...cells] });
    });
  };
  optionLines('项目类型', PROJECT_CATEGORY_OPTIONS, form.ticks.projectCategory, style.categoryRows);
  optionLines('资金用途', FUND_USE_OPTIONS, form.ticks.fundUse, style.fundRows);

  lines.push({ cells: [label('开始时间'), val(form.writtenDates.startDate), label('结束时间'), val(form.writtenDates.endDate)] });

  // Which prose fields are split by a page break, never two neighbours.
  const splittable = [...PROSE_LABELS, ...PROSE_LABELS_2].map(([f]) => f).filter((f) => form.paragraphs[f].length > 0);
  const splitFields = new Set<ProseField>();
  for (const f of rand.shuffle(splittable)) {
    if (splitFields.size >= style.splits) break;
    const all = [...PROSE_LABELS, ...PROSE_LABELS_2].map(([g]) => g);
    const i = all.indexOf(f);
    if (splitFields.has(all[i - 1]!) || splitFields.has(all[i + 1]!)) continue;
    splitFields.add(f);
  }

  const proseLines = (field: ProseField, name: string): void => {
    const paragraphs = form.paragraphs[field];
    let halves = splitFields.has(field) ? splitProse(rand, paragraphs, style) : null;
    // Sometimes all of the text stands before the break and only the (vertically centred) label
    // of the merged cell after it.
    if (halves && rand.chance(0.15)) halves = [paragraphsToCell(paragraphs, style), ''];
    if (!halves) {
      lines.push({ cells: [label(name), paragraphsToCell(paragraphs, style), '', ''] });
      return;
    }
    if (halves[1] === '' || rand.chance(0.5)) {
      // First lines before the break in a label-less row, the labelled row after it (seed 3).
      lines.push({ cells: ['', halves[0], '', ''], lockBefore: true });
      lines.push({ cells: [label(name), halves[1], '', ''], breakBefore: true });
    } else {
      // The labelled row first, the rest after the break in a label-less row, or beside the rest of a cut label.
      const text = label(name);
      const at = style.cutLabels && [...text.trim()].length >= 4 ? rand.int(2, [...text.trim()].length - 2) : 0;
      const [head, tail] = at ? [[...text.trim()].slice(0, at).join(''), [...text.trim()].slice(at).join('')] : [text, ''];
      lines.push({ cells: [head, halves[0], '', ''] });
      lines.push({ cells: [tail, halves[1], '', ''], breakBefore: true, lockAfter: true });
    }
  };
  for (const [field, name] of PROSE_LABELS) proseLines(field, name);

  const a = form.writtenAmounts;
  lines.push({ cells: [yuan('项目总预算'), val(a.totalBudget), yuan('项目当年预算'), val(a.currentYearBudget)] });
  lines.push({ cells: [yuan('同名项目上年预算额'), val(a.previousYearBudget), yuan('同名项目上年预算执行数'), val(a.previousYearExecuted)] });

  // The budget block: a header row, then items (or 无); the label on any one of its rows.
  const header = [label('子项目名称'), '', label('预算金额', unitSuffix(style.yuanSuffix))];
  const block: string[][] = [header];
  if (form.budgetNone) block.push(['无', '', '']);
  for (const item of form.writtenItems) {
    const [name, amount] = [val(item.name), val(item.amount)];
    block.push(style.itemColumns === 4 ? [name, '', amount] : [name, amount]);
  }
  if (style.budgetLabelRow < 0) {
    lines.push({ cells: [label('项目当年投入资金构成'), '', '', ''] });
    for (const cells of block) lines.push({ cells });
  } else {
    const labelAt = Math.min(style.budgetLabelRow, block.length - 1);
    block.forEach((cells, i) => lines.push({ cells: [i === labelAt ? label('项目当年投入资金构成') : '', ...cells] }));
  }

  for (const [field, name] of PROSE_LABELS_2) proseLines(field, name);

  lines.push({ cells: [label('分解目标'), '', ''] });
  const indicatorHeader = (): Line => ({ cells: [label('分解目标内容'), label('绩效指标'), label('指标目标值')] });
  lines.push(indicatorHeader());
  // A table running onto a new page may repeat its header row there.
  const repeatAt = style.repeatIndicatorHeader && r.indicators.length > 1 ? rand.int(1, r.indicators.length - 1) : -1;
  let previous: string | null = null;
  r.indicators.forEach((ind, i) => {
    if (i === repeatAt) lines.push({ ...indicatorHeader(), breakBefore: true, lockAfter: true });
    const first = ind.category !== previous || style.repeatCategory;
    previous = ind.category;
    lines.push({ cells: [first ? label(INDICATOR_CATEGORY_LABELS[ind.category]) : '', val(ind.name), val(escapeText(ind.target, style))] });
  });
  if (!(style.omitEmptyRemarks && form.paragraphs.remarks.length === 0)) {
    lines.push({ cells: [label('备注'), paragraphsToCell(form.paragraphs.remarks, style)] });
  }
  // Rows of empty cells, anywhere between the table's rows but never inside a split cell.
  for (let k = 0; k < style.emptyRows; k++) {
    const spots = lines
      .map((l, i) => i)
      .filter((i) => i > 0 && !lines[i - 1]!.header && !lines[i]!.header && !lines[i]!.breakBefore && !lines[i]!.lockBefore && !lines[i - 1]!.lockAfter);
    if (spots.length === 0) break;
    const at = rand.pick(spots);
    lines.splice(at, 0, { cells: ['', '', '', ''], lockBefore: true, lockAfter: true, emptyRow: true });
  }
  return lines;
}

/** Lines to text: random page breaks where allowed, trailing tabs, the seed's header spacing. */
function linesToText(lines: Line[], style: TextStyle, rand: Random): string[] {
  const table = lines.map((l, i) => ({ l, i })).filter(({ l }) => !l.header);
  const candidates = table
    .filter(({ l, i }) => i > 0 && !l.breakBefore && !l.lockBefore && !lines[i - 1]!.lockAfter && !lines[i - 1]!.header)
    .map(({ i }) => i);
  const breaks = new Set(rand.sample(candidates, style.pageBreaks));
  const out: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.header) {
      if (!style.compactHeader) out.push('');
      out.push(line.cells.join('\t'));
      continue;
    }
    if (i > 0 && lines[i - 1]!.header && !style.compactHeader) out.push('');
    if (line.breakBefore || breaks.has(i)) {
      out.push('');
      if (rand.chance(0.15)) out.push('');
    }
    if (line.emptyRow) {
      out.push('\t'.repeat(rand.int(1, 3)));
      continue;
    }
    let cells = line.cells.slice();
    // Drop the empty cells at the end, then add back as many as the export happens to write.
    while (cells.length > 1 && cells[cells.length - 1] === '') cells.pop();
    if (style.trailingTabs) cells = cells.concat(Array.from({ length: rand.int(0, 2) }, () => ''));
    // Budget rows keep their column layout even without trailing tabs.
    if (line.cells.length > cells.length && line.cells.slice(cells.length).some((c) => c !== '')) cells = line.cells;
    out.push(cells.join('\t'));
  }
  return out;
}

/** Encodes text as a file's bytes. */
export function encodeText(text: string, encoding: TextEncodingName): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return new Uint8Array(Buffer.from(text, 'utf8'));
    case 'utf-8-bom':
      return new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    case 'utf-16le':
      return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    case 'gb18030':
      return new Uint8Array(iconv.encode(text, 'gb18030'));
  }
}

/** One or more forms as a text export: the decoded text and the file's bytes. */
export function renderText(forms: readonly SynthForm[], style: TextStyle, rand: Random): { text: string; bytes: Uint8Array } {
  const out: string[] = [];
  forms.forEach((form, i) => {
    if (i > 0) {
      for (let k = rand.int(1, 3); k > 0; k--) out.push('');
      if (style.noise && rand.chance(0.5)) out.push('----\t--');
    } else if (!style.compactHeader) out.push('');
    out.push(...linesToText(formToLines(form, style, rand.fork(`form${i}`)), style, rand.fork(`breaks${i}`)));
  });
  out.push('');
  if (style.noise) out.push('----\t--');
  const text = out.join(style.eol);
  return { text, bytes: encodeText(text, style.encoding) };
}
