/**
 * Rendering synthetic forms as HTML pages in the styles of `samples/seed*.html`: a plain table
 * with `<th scope=row>` labels and a caption (seed1), a plain `<td>` table under an `<h2>` (seed3),
 * and a Word export with MsoNormal paragraphs, `<span>`s around every run, digits in
 * `lang=EN-US` spans, hard-wrapped lines and `&nbsp;<o:p></o:p>` in empty cells (seed2, seed4).
 * Labels span their rows with `rowspan`; tick marks are ☑/☐, ■/□, √/□, ☒/☐, ✓ or
 * `<input type=checkbox>`, before or after their option.
 */
import type { ProseField, SynthForm } from './generate-form.js';
import type { Random } from './random.js';
import { FORM_TITLE, FUND_USE_OPTIONS, INDICATOR_CATEGORY_LABELS, LABEL_WORDINGS, PROJECT_CATEGORY_OPTIONS } from './vocab.js';
import { encodeText, INPUT_VARIANTS, MARKS, optionsToText, type CheckboxStyle, type MarkStyle } from './render-text.js';

export type HtmlProducer = 'table-th' | 'table-td' | 'word';

export interface HtmlStyle {
  producer: HtmlProducer;
  checkbox: CheckboxStyle;
  /** Wrap 项目类型 options onto a second row after this many (null: one row). */
  categoryWrapAt: number | null;
  /** 资金用途 rows carry no label of their own; the 项目类型 label spans them (seed1). */
  fundUnderCategoryLabel: boolean;
  yuanSuffix: string;
  /** “ ” ≥ ≤ written as entities. */
  entities: boolean;
  /** Indicator categories span their rows; otherwise later rows have an empty first cell. */
  categoryRowspan: boolean;
  /** A single paragraph wrapped in `<p>`. */
  singleParagraphTag: boolean;
  /** Word exports: hard line breaks inside text every this many characters (0: none). */
  wrapWidth: number;
  encoding: 'utf-8' | 'gb18030';
  /** The unit line inside the table as its first row (seed1) rather than a paragraph above it. */
  unitInTable: boolean;
  /** Rows inside `<tbody>`. */
  tbody: boolean;
  /** Labels in `<b>` (plain tables only). */
  boldLabels: boolean;
  /** Blanks and &nbsp; around some values. */
  padValues: boolean;
  /** Word: CJK runs cut into two spans at arbitrary points (as proofing marks and edits leave them). */
  splitRuns: boolean;
  /** Entities as numeric character references (&#8805;) rather than names. */
  numericEntities: boolean;
  /** Other wordings of some labels (LABEL_WORDINGS), picked per label by this number; null: the canonical ones. */
  labelWording: number | null;
  /**
   * The table cut in two at a page break (as PDF-to-HTML converters write it), between the rows
   * at this fraction of the table, moved to the nearest row no rowspan crosses; null: one table.
   */
  splitTableAt: number | null;
  /**
   * When the table is cut: cut it inside a text cell instead, whose first part ends the first
   * table and the rest starts the second in a row whose label cell is empty — or whose label
   * stands in the second table, its first lines in a label-less row ending the first.
   */
  splitProse: 'none' | 'label-first' | 'label-after';
  /** Labels broken by a `<br>` (a narrow column typed by hand) at a point this number picks per label; null: none. */
  labelBreakSalt: number | null;
}

export function chooseHtmlStyle(rand: Random): HtmlStyle {
  const producer = rand.pick<HtmlProducer>(['table-th', 'table-td', 'word']);
  const marks = rand.pick<MarkStyle>(['input', 'ballot', 'square', 'check-box', 'ballot-x', 'check']);
  return {
    producer,
    checkbox: {
      marks,
      inputVariant: rand.int(0, INPUT_VARIANTS.length - 1),
      position: rand.chance(0.5) ? 'after' : 'before',
      gap: rand.pick(['&nbsp;', '', ' ']),
      sep: rand.pick(['&nbsp;&nbsp; ', '&nbsp; ', ' ', '　']),
    },
    categoryWrapAt: rand.chance(0.3) ? rand.int(1, PROJECT_CATEGORY_OPTIONS.length - 1) : null,
    fundUnderCategoryLabel: rand.chance(0.25),
    yuanSuffix: rand.weighted([
      ['（元）', 6],
      ['(元)', 2],
      ['', 1],
    ]),
    entities: rand.chance(0.4),
    categoryRowspan: rand.chance(0.75),
    singleParagraphTag: rand.chance(0.3),
    wrapWidth: producer === 'word' && rand.chance(0.7) ? rand.int(25, 45) : 0,
    encoding: rand.chance(0.15) ? 'gb18030' : 'utf-8',
    unitInTable: producer === 'table-th' && rand.chance(0.6),
    tbody: rand.chance(0.3),
    boldLabels: producer === 'table-td' && rand.chance(0.3),
    padValues: rand.chance(0.2),
    splitRuns: producer === 'word' && rand.chance(0.5),
    numericEntities: rand.chance(0.3),
    // A number drawn from a stream of its own, so that the other choices of a seed stay as they were.
    labelWording: rand.chance(0.1) ? rand.fork('label-wording').int(0, 1000) : null,
    splitTableAt: rand.chance(0.2) ? 0.2 + 0.6 * rand.next() : null,
    splitProse: rand.pick(['none', 'label-first', 'label-after'] as const),
    labelBreakSalt: rand.chance(0.2) ? rand.int(0, 1000) : null,
  };
}

const CJK = /[\u3400-\u9fff]/;

/** Blank padding chosen from the text's length (keeps rendering free of extra random draws). */
const pick3 = (n: number): string => ['', ' ', '&nbsp;', '\n  '][n % 4]!;

/** Escapes text for HTML, with named entities for quotes and comparisons when asked. */
function esc(text: string, style: HtmlStyle): string {
  let out = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (style.entities && style.numericEntities) {
    out = out.replace(/[“”≥≤]/g, (c) => (c === '≥' ? '&#x2265;' : `&#${c.codePointAt(0)};`));
  } else if (style.entities) {
    out = out
      .replace(/“/g, '&ldquo;')
      .replace(/”/g, '&rdquo;')
      .replace(/≥/g, '&ge;')
      .replace(/≤/g, '&le;');
  }
  return out;
}

/** Word's hard wraps: a line break between two CJK characters every `width` characters or so. */
function hardWrap(text: string, width: number): string {
  if (width <= 0) return text;
  let out = '';
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (run >= width && i > 0 && CJK.test(text[i - 1]!) && CJK.test(text[i]!)) {
      out += '\n';
      run = 0;
    }
    out += text[i];
    run++;
  }
  return out;
}

/** Word puts runs of ASCII (digits, Latin) in `lang=EN-US` spans and CJK runs in 宋体 spans. */
function wordSpans(text: string, style: HtmlStyle): string {
  if (text === '') return `<span lang=EN-US>&nbsp;<o:p></o:p></span>`;
  const runs = text.match(/[\x20-\x7e]+|[^\x20-\x7e]+/g) ?? [];
  return runs
    .map((run) =>
      /^[\x20-\x7e]+$/.test(run)
        ? `<span lang=EN-US>${esc(run, style)}</span>`
        : cjkSpans(run, style),
    )
    .join('');
}

/** A CJK run as one 宋体 span, or cut in two at a point its content decides (style.splitRuns). */
function cjkSpans(run: string, style: HtmlStyle): string {
  const span = (t: string): string => `<span style='font-family:宋体'>${hardWrap(esc(t, style), style.wrapWidth)}</span>`;
  const chars = [...run];
  if (!style.splitRuns || chars.length < 4) return span(run);
  const at = 1 + ((chars.length * 7 + (chars[0]!.codePointAt(0) ?? 0)) % (chars.length - 1));
  return `${span(chars.slice(0, at).join(''))}<span class=SpellE style='font-family:宋体'>${hardWrap(esc(chars.slice(at).join(''), style), style.wrapWidth)}</span>`;
}

/** The inside of one cell holding paragraphs of text. */
function cellHtml(paragraphs: readonly string[], style: HtmlStyle): string {
  if (style.producer === 'word') {
    if (paragraphs.length === 0) return `\n  <p class=MsoNormal><span lang=EN-US>&nbsp;<o:p></o:p></span></p>\n  `;
    return `\n${paragraphs.map((p) => `  <p class=MsoNormal>${wordSpans(p, style)}</p>`).join('\n')}\n  `;
  }
  if (paragraphs.length === 0) return '';
  if (paragraphs.length === 1 && !style.singleParagraphTag) return esc(paragraphs[0]!, style);
  return paragraphs.map((p) => `<p>${esc(p, style)}</p>`).join('');
}

/** A cell with options and boxes. */
function optionsHtml(options: readonly (readonly [string, string])[], ticked: readonly string[], style: HtmlStyle): string {
  const marks =
    style.checkbox.marks === 'input' ? (INPUT_VARIANTS[style.checkbox.inputVariant ?? 2] ?? MARKS.input) : MARKS[style.checkbox.marks];
  if (style.producer !== 'word') return optionsToText(options, ticked, style.checkbox, marks);
  // Word: the box, the option and the gap each in a span.
  const parts = options.map(([value, label]) => {
    const mark = `<span style='font-family:宋体'>${ticked.includes(value) ? marks.on : marks.off}</span>`;
    const text = cjkSpans(label, style);
    return style.checkbox.position === 'before' ? `${mark}${text}` : `${text}${mark}`;
  });
  return `\n  <p class=MsoNormal>${parts.join(`<span lang=EN-US>&nbsp; </span>`)}</p>\n  `;
}

interface Cell {
  html: string;
  label?: boolean;
  colspan?: number;
  rowspan?: number;
}

function cellToHtml(cell: Cell, style: HtmlStyle): string {
  const attrs = `${cell.rowspan && cell.rowspan > 1 ? ` rowspan=${style.producer === 'word' ? cell.rowspan : `"${cell.rowspan}"`}` : ''}${
    cell.colspan && cell.colspan > 1 ? ` colspan=${style.producer === 'word' ? cell.colspan : `"${cell.colspan}"`}` : ''
  }`;
  if (style.producer === 'word') {
    return `  <td valign=top style='border:solid windowtext 1.0pt;border-top:none;padding:0cm 5.4pt 0cm 5.4pt'${attrs}>${cell.html}</td>`;
  }
  if (style.producer === 'table-th' && cell.label) return `<th scope="row"${attrs}>${cell.html}</th>`;
  return `<td${attrs}>${cell.html}</td>`;
}

const PROSE_1: readonly (readonly [ProseField, string])[] = [
  ['overview', '项目概况'],
  ['basis', '立项依据'],
  ['necessity', '项目设立的必要性'],
  ['safeguards', '保证项目实施的制度、措施'],
];
const PROSE_2: readonly (readonly [ProseField, string])[] = [
  ['implementationPlan', '项目实施计划'],
  ['overallGoal', '项目总目标'],
  ['annualGoal', '年度绩效目标'],
];

/** Where a label breaks: a point inside it that differs from label to label (0: too short to break). */
function labelBreakPoint(label: string, salt: number): number {
  if (label.length < 4) return 0;
  const hash = [...label].reduce((h, ch) => (h * 31 + ch.codePointAt(0)!) % 10007, salt);
  return 1 + (hash % (label.length - 1));
}

/** One form as the body of an HTML page: title, year, unit and table. */
function formToHtml(form: SynthForm, style: HtmlStyle): string {
  const r = form.record;
  const word = style.producer === 'word';
  const text = (t: string): string => (word ? cellHtml([t], style) : esc(t, style));
  /** A wording of a label (amount labels with their unit): the canonical one or, by a hash of the salt and the label, another. */
  const worded = (name: string, suffix = ''): string => {
    const others = style.labelWording === null ? [] : (LABEL_WORDINGS[name] ?? []);
    return (others.length ? [name, ...others][labelBreakPoint(`${name}。`, style.labelWording!) % (others.length + 1)]! : name) + suffix;
  };
  const label = (name: string, extra: Omit<Cell, 'html'> = {}, suffix = ''): Cell => {
    const t = worded(name, suffix);
    const at = style.labelBreakSalt === null ? 0 : labelBreakPoint(t, style.labelBreakSalt);
    const html = at ? `${text(t.slice(0, at))}<br>${text(t.slice(at))}` : text(t);
    return { html: style.boldLabels ? `<b>${html}</b>` : html, label: true, ...extra };
  };
  const value = (paragraphs: readonly string[], colspan = 3): Cell => ({ html: cellHtml(paragraphs, style), colspan });
  /** A one-line value, sometimes with blanks around it. */
  const one = (t: string): string[] => (t === '' ? [] : [t]);
  const padded = (t: string): Cell => {
    const cell = value(one(t), 1);
    if (!style.padValues || word || t === '') return cell;
    return { ...cell, html: `${pick3(t.length)}${cell.html}${pick3(t.length + 1)}` };
  };
  const rows: Cell[][] = [];

  if (style.unitInTable) rows.push([{ html: esc(`申报单位名称：${r.unitName ?? ''}`, style), colspan: 4 }]);
  rows.push([label('项目名称'), value(one(r.projectName ?? ''))]);

  const catRows =
    style.categoryWrapAt === null
      ? [PROJECT_CATEGORY_OPTIONS]
      : [PROJECT_CATEGORY_OPTIONS.slice(0, style.categoryWrapAt), PROJECT_CATEGORY_OPTIONS.slice(style.categoryWrapAt)];
  const optionCell = (opts: typeof PROJECT_CATEGORY_OPTIONS | typeof FUND_USE_OPTIONS, ticked: readonly string[]): Cell => ({
    html: optionsHtml(opts, ticked, style),
    colspan: 3,
  });
  catRows.forEach((opts, i) => {
    const span = catRows.length + (style.fundUnderCategoryLabel ? 1 : 0);
    const cell = optionCell(opts, form.ticks.projectCategory);
    rows.push(i === 0 ? [label('项目类型', { rowspan: span }), cell] : [cell]);
  });
  const fundCell = optionCell(FUND_USE_OPTIONS, form.ticks.fundUse);
  rows.push(style.fundUnderCategoryLabel ? [fundCell] : [label('资金用途'), fundCell]);

  rows.push([label('开始时间'), padded(form.writtenDates.startDate), label('结束时间'), padded(form.writtenDates.endDate)]);
  /** Rows holding a text field, by row index, for cutting the table inside one. */
  const proseRows = new Map<number, [ProseField, string]>();
  for (const [field, name] of PROSE_1) {
    proseRows.set(rows.length, [field, name]);
    rows.push([label(name), value(form.paragraphs[field])]);
  }

  const a = form.writtenAmounts;
  const unit = form.amountUnit !== '元' ? `（${form.amountUnit}）` : style.yuanSuffix;
  const y = (t: string): Cell => label(t, {}, unit);
  rows.push([y('项目总预算'), padded(a.totalBudget), y('项目当年预算'), padded(a.currentYearBudget)]);
  rows.push([y('同名项目上年预算额'), padded(a.previousYearBudget), y('同名项目上年预算执行数'), padded(a.previousYearExecuted)]);

  const block: Cell[][] = [[value([worded('子项目名称')], 2), value([worded('预算金额', unit)], 1)]];
  if (form.budgetNone) block.push([value(['无'], 2), value([], 1)]);
  for (const item of form.writtenItems) block.push([value([item.name], 2), padded(item.amount)]);
  block[0]!.unshift(label('项目当年投入资金构成', { rowspan: block.length }));
  rows.push(...block);

  for (const [field, name] of PROSE_2) {
    proseRows.set(rows.length, [field, name]);
    rows.push([label(name), value(form.paragraphs[field])]);
  }

  rows.push(style.producer === 'table-th' ? [label('分解目标', { colspan: 4 })] : [label('分解目标'), value([])]);
  rows.push([label('分解目标内容'), label('绩效指标'), label('指标目标值', { colspan: 2 })]);
  const inds = r.indicators;
  for (let i = 0; i < inds.length; ) {
    let n = 1;
    while (i + n < inds.length && inds[i + n]!.category === inds[i]!.category) n++;
    for (let k = 0; k < n; k++) {
      const ind = inds[i + k]!;
      const cells: Cell[] = [value([ind.name], 1), value([ind.target], 2)];
      if (k === 0) cells.unshift(label(INDICATOR_CATEGORY_LABELS[ind.category], style.categoryRowspan ? { rowspan: n } : {}));
      else if (!style.categoryRowspan) cells.unshift(value([], 1));
      rows.push(cells);
    }
    i += n;
  }
  rows.push([label('备注'), value(form.paragraphs.remarks)]);

  const rowHtml = (cells: Cell[]): string => {
    const inner = cells.map((c) => cellToHtml(c, style)).join(word ? '\n' : '');
    return word ? ` <tr style='height:22.7pt'>\n${inner}\n </tr>` : `<tr>${inner}</tr>`;
  };
  const tableRows = rows.map(rowHtml);
  /**
   * A text cell's paragraphs cut in two: between paragraphs (each side in `<p>`s), or — outside
   * Word, where every paragraph is a `<p>` — inside a single paragraph between two CJK
   * characters, bare on both sides.
   */
  const splitParagraphs = (paragraphs: readonly string[], wordStyle: boolean): [string, string] | null => {
    if (paragraphs.length > 1) {
      const k = Math.ceil(paragraphs.length / 2);
      const tagged = { ...style, singleParagraphTag: true };
      return [cellHtml(paragraphs.slice(0, k), tagged), cellHtml(paragraphs.slice(k), tagged)];
    }
    if (paragraphs.length !== 1 || wordStyle) return null;
    const text = paragraphs[0]!;
    const at = Array.from({ length: text.length }, (_, i) => i).find((i) => i >= text.length / 2 && CJK.test(text[i - 1] ?? '') && CJK.test(text[i]!));
    if (at === undefined) return null;
    return [esc(text.slice(0, at), style), esc(text.slice(at), style)];
  };
  // Where the table may be cut: before a row that no rowspan from above reaches into.
  const covered = new Set<number>();
  rows.forEach((cells, i) => {
    for (const c of cells) for (let k = 1; k < (c.rowspan ?? 1); k++) covered.add(i + k);
  });
  let cut = -1;
  if (style.splitTableAt !== null && style.splitProse !== 'none') {
    // Cut inside the text cell nearest the wanted place that can be cut.
    const want = Math.round(rows.length * style.splitTableAt);
    const candidates = [...proseRows.keys()].sort((a, b) => Math.abs(a - want) - Math.abs(b - want));
    for (const i of candidates) {
      const [field, name] = proseRows.get(i)!;
      const halves = splitParagraphs(form.paragraphs[field], word);
      if (!halves) continue;
      const [a, b] = halves;
      const empty: Cell = { html: word ? cellHtml([], style) : '' };
      const first: Cell[] = style.splitProse === 'label-first' ? [label(name), { html: a, colspan: 3 }] : [empty, { html: a, colspan: 3 }];
      const second: Cell[] = style.splitProse === 'label-first' ? [{ ...empty }, { html: b, colspan: 3 }] : [label(name), { html: b, colspan: 3 }];
      tableRows.splice(i, 1, rowHtml(first), rowHtml(second));
      cut = i + 1;
      break;
    }
  } else if (style.splitTableAt !== null) {
    const want = Math.round(rows.length * style.splitTableAt);
    for (let d = 0; d < rows.length && cut < 0; d++) {
      for (const i of [want + d, want - d]) if (cut < 0 && i > 1 && i < rows.length - 1 && !covered.has(i)) cut = i;
    }
  }
  const wrap = (part: string[]): string => (style.tbody ? `<tbody>\n${part.join('\n')}\n</tbody>` : part.join('\n'));
  const pageBreak = word
    ? `</table>\n<span lang=EN-US style='font-size:10.5pt'><br clear=all style='page-break-before:always'></span>\n<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none'>`
    : `</table>\n<div class="page-break"></div>\n<table class="form"${style.producer === 'table-th' ? ' border="1"' : ''}>`;
  const body = cut > 0 ? `${wrap(tableRows.slice(0, cut))}\n${pageBreak}\n${wrap(tableRows.slice(cut))}` : wrap(tableRows);
  const unitLine = `申报单位名称：${r.unitName ?? ''}`;
  if (word) {
    return `<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:16.0pt;font-family:宋体'>${FORM_TITLE}</span></b></p>
${r.year === null ? '' : `<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US>(${r.year}</span><span style='font-family:宋体'>年</span><span lang=EN-US>)</span></p>\n`}<p class=MsoNormal><span lang=EN-US>&nbsp;</span></p>
<p class=MsoNormal>${wordSpans(unitLine, { ...style, wrapWidth: 0 })}</p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none'>
${body}
</table>
<p class=MsoNormal><span lang=EN-US>&nbsp;</span></p>
`;
  }
  const top = style.unitInTable
    ? `<table class="form" border="1">\n<caption><h2>${FORM_TITLE}</h2>${r.year === null ? '' : `<p class="year">(${r.year}年)</p>`}</caption>\n`
    : `<h2>${FORM_TITLE}</h2>\n${r.year === null ? '' : `<p class="year">（${r.year}年）</p>\n`}<p>${esc(unitLine, style)}</p>\n<table class="form">\n`;
  return `${top}${body}\n</table>\n`;
}

/** One or more forms as one HTML page (forms one after another, Word with page breaks between). */
export function renderHtml(forms: readonly SynthForm[], style: HtmlStyle): { html: string; bytes: Uint8Array } {
  const charset = style.encoding === 'gb18030' ? 'gb2312' : 'utf-8';
  const bodies = forms.map((f) => formToHtml(f, style));
  let html: string;
  if (style.producer === 'word') {
    html = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=${charset}">
<meta name=Generator content="Microsoft Word 15">
<style>
<!--
p.MsoNormal {margin:0cm; font-size:10.5pt;}
-->
</style>
</head>
<body lang=ZH-CN>
<div class=WordSection1>
${bodies.join(`<span lang=EN-US style='font-size:10.5pt'><br clear=all style='page-break-before:always'></span>\n`)}</div>
</body>
</html>
`;
  } else {
    html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="${charset}">
<title>${FORM_TITLE} - ${esc(forms[0]?.record.projectName ?? '', style)}</title>
</head>
<body>
${bodies.join('<hr>\n')}</body>
</html>
`;
  }
  return { html, bytes: encodeText(html, style.encoding) };
}
