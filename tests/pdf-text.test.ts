/**
 * Text of the PDF reader on hand-made inputs: folding look-alike code points, cutting runs into
 * characters, lines and paragraph breaks in a cell, check boxes as marks, page numbers, and the
 * usability test of a text layer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BBox, TextItem } from '../src/model.js';
import { charsToLines, charsToLineText, linesToText, LIST_MARKER } from '../src/pdf/cell-text.js';
import { charWeight, dedupeChars, textItemToChars, textItemsToChars } from '../src/pdf/chars.js';
import { foldPdfText, symbolFontText } from '../src/pdf/fold-text.js';
import { boxesToMarks, overlaidTicksToMarks } from '../src/pdf/marks.js';
import { openPdf } from '../src/pdf/open-pdf.js';
import { rawItemsToReadingRotation, rawItemToTextItem, readPageContent } from '../src/pdf/page-content.js';
import { lineIsPageFurniture } from '../src/pdf/page-rows.js';
import { textItemsToUsability } from '../src/pdf/usability.js';

const item = (text: string, x0: number, y0: number, x1: number, y1 = y0 + 10.5): TextItem => ({ text, bbox: { x0, y0, x1, y1 }, page: 1, via: 'pdf' });

/** One line of glyphs set from `x` at `y`, 10.5 pt full-width (half for ASCII), as Chromium prints. */
function glyphs(text: string, x: number, y: number, size = 10.5): TextItem[] {
  const out: TextItem[] = [];
  for (const ch of text) {
    const w = charWeight(ch) * size;
    out.push(item(ch, x, y, x + w, y + size));
    x += w;
  }
  return out;
}

describe('foldPdfText', () => {
  it.each([
    ['项⽬名称', '项目名称'], // Kangxi radical EYE
    ['⽀出', '支出'],
    ['第 1 ⻚ 共 2 ⻚', '第 1 页 共 2 页'], // CJK Radicals Supplement, which NFKC leaves alone
    ['⺠⽣', '民生'],
    ['⻔户', '门户'],
    ['⽤⼾满意度', '用户满意度'], // ⼾ is 户 in a simplified font, not NFKC's 戶
    ['〈组厅字〉', '〈组厅字〉'], // U+2329/U+232A → U+3008/U+3009 (canonical)
    ['项目总预算（元）：１２', '项目总预算（元）：１２'], // full-width punctuation and digits stay
    ['☑☐■□√', '☑☐■□√'],
  ])('%s → %s', (input, expected) => expect(foldPdfText(input)).toBe(expected));
  it('maps the angle brackets to their canonical code points', () => expect(foldPdfText('\u2329x\u232a')).toBe('\u3008x\u3009'));
});

describe('symbolFontText', () => {
  it.each([
    { text: 'þ', font: 'ABCDEF+Wingdings-Regular', expected: '☑' },
    { text: '\uF0A8', font: 'Wingdings', expected: '□' },
    { text: 'R', font: 'BCDEFG+Wingdings2', expected: '☑' },
    { text: '£', font: 'Wingdings 2', expected: '□' },
    { text: 'R', font: 'TimesNewRomanPSMT', expected: 'R' },
    { text: '项目', font: null, expected: '项目' },
  ])('$text in $font → $expected', ({ text, font, expected }) => expect(symbolFontText(text, font)).toBe(expected));
});

describe('Wingdings boxes in a PDF', () => {
  it('reads boxes drawn with Wingdings and Wingdings 2 as box characters', async () => {
    const path = join(import.meta.dirname, '..', 'fixtures', 'pdf-wingdings-boxes', 'input.pdf');
    const pdf = await openPdf(new Uint8Array(readFileSync(path)), path);
    try {
      const content = await readPageContent(await pdf.getPage(1), 1);
      expect(content.items.map((i) => i.text)).toEqual(['☑□', '☑□']);
    } finally {
      await pdf.destroy();
    }
  });
});

describe('rawItemToTextItem', () => {
  const viewport = [1, 0, 0, -1, 0, 842] as const;
  it('boxes an item from its transform, width and font metrics, in page points', () => {
    const t = rawItemToTextItem({ str: '项⽬', transform: [10.5, 0, 0, 10.5, 100, 700], width: 21, height: 10.5, fontName: 'f' }, { ascent: 0.88, descent: -0.12 }, viewport, 3);
    expect(t).toMatchObject({ text: '项目', page: 3, via: 'pdf' });
    expect(t!.bbox.x0).toBeCloseTo(100);
    expect(t!.bbox.x1).toBeCloseTo(121);
    expect(t!.bbox.y0).toBeCloseTo(842 - 700 - 0.88 * 10.5);
    expect(t!.bbox.y1).toBeCloseTo(842 - 700 + 0.12 * 10.5);
  });
  it('estimates the width of a run whose font reports none', () => {
    const t = rawItemToTextItem({ str: '项目12', transform: [10, 0, 0, 10, 100, 700], width: 0, height: 10, fontName: 'f' }, undefined, viewport, 1);
    expect(t!.bbox.x1 - t!.bbox.x0).toBeCloseTo(30);
  });
  it('drops slanted text (a diagonal watermark) and keeps text turned by a right angle', () => {
    const slant = Math.SQRT1_2 * 40;
    expect(rawItemToTextItem({ str: '样本', transform: [slant, slant, -slant, slant, 200, 400], width: 80, height: 40, fontName: 'f' }, undefined, viewport, 1)).toBeNull();
    expect(rawItemToTextItem({ str: '竖', transform: [0, 10, -10, 0, 200, 400], width: 10, height: 10, fontName: 'f' }, undefined, viewport, 1)).not.toBeNull();
  });
  it('gives blanks a full height (pdf.js reports 0) and drops empty items', () => {
    const blank = rawItemToTextItem({ str: ' ', transform: [9, 0, 0, 9, 0, 100], width: 3, height: 0, fontName: 'f' }, undefined, viewport, 1);
    expect(blank!.bbox.y1 - blank!.bbox.y0).toBeCloseTo(9);
    expect(rawItemToTextItem({ str: '', transform: [9, 0, 0, 9, 0, 100], width: 0, height: 0, fontName: 'f' }, undefined, viewport, 1)).toBeNull();
  });
});

describe('rawItemsToReadingRotation', () => {
  const run = (str: string, a: number, b: number) => ({ str, transform: [a, b, -b, a, 0, 0] });
  it.each([
    { name: 'upright text', items: [run('项目名称', 10, 0)], rotation: 0 },
    { name: 'text drawn a quarter turn counter-clockwise', items: [run('项目名称', 0, 10), run('1', 10, 0)], rotation: 90 },
    { name: 'text upside down', items: [run('项目名称', -10, 0)], rotation: 180 },
    { name: 'text drawn a quarter turn clockwise', items: [run('项目名称', 0, -10)], rotation: 270 },
    { name: 'mostly upright text with a vertical label', items: [run('上海市财政支出项目', 10, 0), run('备注', 0, 10)], rotation: 0 },
  ])('$name → $rotation', ({ items, rotation }) => expect(rawItemsToReadingRotation(items)).toBe(rotation));
});

describe('textItemToChars', () => {
  it.each([
    // 10.5 pt text: glyphs keep their width (full-width 1 em, Latin 1/2), the blank takes the rest.
    { text: '金额 10', width: 37, expected: [10.5, 10.5, 5.5, 5.25, 5.25] },
    // A blank takes at most 0.6 em (6.3 pt); the glyphs share the rest: (30 − 6.3) / 21 each em.
    { text: '金 额', width: 30, expected: [11.85, 6.3, 11.85] },
    // No blank: the width is shared by kind (1 + 1 + 1/2 + 1/2 units of 14 pt).
    { text: '金额10', width: 42, expected: [14, 14, 7, 7] },
    // Glyphs wider than the run (a condensed font): shared by kind, the blank a quarter unit.
    { text: '金 额', width: 18, expected: [8, 2, 8] },
  ])('cuts $text ($width pt) into characters', ({ text, width, expected }) => {
    const chars = textItemToChars(item(text, 100, 0, 100 + width));
    expect(chars.map((c) => c.text).join('')).toBe(text);
    chars.forEach((c, i) => expect(c.bbox.x1 - c.bbox.x0).toBeCloseTo(expected[i]!, 6));
    expect(chars[chars.length - 1]!.bbox.x1).toBeCloseTo(100 + width, 6);
  });
  it('keeps vertical runs whole', () => expect(textItemsToChars([item('竖排文字', 0, 0, 10, 60)])).toHaveLength(1));
});

describe('dedupeChars', () => {
  it('drops glyphs overprinted a fraction of a point apart (fake bold) and keeps repeated characters', () => {
    const bold = [...glyphs('项目', 0, 0), ...glyphs('项目', 0.3, 0.2)];
    expect(dedupeChars(bold).map((c) => c.text)).toEqual(['项', '目']);
    expect(dedupeChars(glyphs('1000', 0, 0)).map((c) => c.text).join('')).toBe('1000');
    expect(dedupeChars(glyphs('好好', 0, 0))).toHaveLength(2);
  });
});

describe('charsToLines and charsToLineText', () => {
  it('groups glyphs by line, left to right, whatever their order', () => {
    const chars = [...glyphs('第二行', 0, 30), ...glyphs('第一行', 0, 10)].reverse();
    expect(charsToLines(chars).map((l) => l.text)).toEqual(['第一行', '第二行']);
  });
  it('keeps a mixed-size line together (digits set larger than the ideographs)', () => {
    const chars = [...glyphs('预算', 0, 10), ...glyphs('2018', 21, 9, 12)];
    expect(charsToLines(chars).map((l) => l.text)).toEqual(['预算2018']);
  });
  it.each([
    { name: 'keeps explicit blanks, collapsed', parts: [['项目启动', 0], [' ', 42], ['2018-01-01', 52]] as const, expected: '项目启动 2018-01-01' },
    { name: 'adds a blank at a wide gap between Latin words', parts: [['IPTV', 0], ['PC', 40]] as const, expected: 'IPTV PC' },
    { name: 'adds none at a justified gap between ideographs', parts: [['保障', 0], ['正常', 30]] as const, expected: '保障正常' },
    { name: 'adds one at a very wide gap between ideographs', parts: [['保障', 0], ['正常', 60]] as const, expected: '保障 正常' },
  ])('$name', ({ parts, expected }) => {
    const chars = parts.flatMap(([t, x]) => glyphs(t, x, 0));
    expect(charsToLineText(chars, 10.5)).toBe(expected);
  });
});

describe('linesToText', () => {
  const cell: BBox = { x0: 150, y0: 0, x1: 300, y1: 200 };
  const left = 155;
  /** Lines set from the cell's left padding, one under the other. */
  const para = (...texts: string[]) => charsToLines(texts.flatMap((t, i) => glyphs(t, left, 5 + i * 15)));
  const full = '一二三四五六七八九十一二三四'; // 14 × 10.5 = 147 pt: fills the 140 pt line
  it.each([
    { name: 'joins lines the layout wrapped with nothing', lines: [full, full, '结尾。'], expected: `${full}${full}结尾。` },
    { name: 'breaks after a line that ends well short of the edge', lines: ['第一段。', full, '结尾。'], expected: `第一段。\n${full}结尾。` },
    { name: 'breaks before a list marker', lines: [full, '（2）第二条', '(3) 第三条'], expected: `${full}\n（2）第二条\n(3) 第三条` },
    { name: 'breaks before an indented line', lines: [full, '　　新段落开始'], expected: `${full}\n新段落开始` },
  ])('$name', ({ lines, expected }) => {
    // A full-width blank at the start of a line is an indent: model it as a line starting further right.
    const made = lines.map((t, i) => (t.startsWith('　　') ? glyphs(t.slice(2), left + 21, 5 + i * 15) : glyphs(t, left, 5 + i * 15)));
    expect(linesToText(charsToLines(made.flat()), cell)).toBe(expected);
  });
  it('joins the lines of a centred label without breaks', () => {
    const a = glyphs('保证项目实施的制', 183, 5);
    const b = glyphs('度、措施', 204, 20);
    expect(linesToText(charsToLines([...a, ...b]), { x0: 178, y0: 0, x1: 272, y1: 40 })).toBe('保证项目实施的制度、措施');
  });
  it('does not break where a Latin word wrapped whole', () => {
    const lines = para('本平台的经费主要用于直播课堂技术', 'IPTV平台运维。');
    expect(linesToText(lines, cell)).toBe('本平台的经费主要用于直播课堂技术IPTV平台运维。');
  });
  it.each([
    ['（1）按照', true],
    ['(2) 中心', true],
    ['1. 两个平台', true],
    ['一是在发挥', true],
    ['第一季度：', true],
    ['第二阶段', true],
    ['第一时间响应', false],
    ['2018年完成', false],
    ['10.5万元', false],
    ['平台运行', false],
  ])('list marker at the start of %s: %s', (text, marker) => expect(LIST_MARKER.test(text)).toBe(marker));
});

describe('check boxes', () => {
  const box = { x0: 100, y0: 100, x1: 109, y1: 109 };
  it('turns a drawn box with a √ glyph inside into ☑ and drops the glyph', () => {
    const out = boxesToMarks([item('类', 80, 99, 90.5), item('√', 100.5, 99.5, 108.5)], [box], [], 1);
    expect(out.map((c) => c.text).sort()).toEqual(['☑', '类'].sort());
    expect(out.find((c) => c.text === '☑')!.bbox).toEqual(box);
  });
  it('turns an empty drawn box into ☐, and a box with a drawn tick into ☑', () => {
    expect(boxesToMarks([], [box], [], 1).map((c) => c.text)).toEqual(['☐']);
    const tick = { paint: 'stroke' as const, subpaths: [], lineWidthPt: 1, fill: null, stroke: '#000000', bbox: { x0: 101.5, y0: 101, x1: 107.5, y1: 107 } };
    expect(boxesToMarks([], [box], [tick], 1).map((c) => c.text)).toEqual(['☑']);
  });
  it('leaves a drawn frame around a box character alone', () => {
    expect(boxesToMarks([item('□', 100, 99.5, 109)], [box], [], 1).map((c) => c.text)).toEqual(['□']);
  });
  it('merges a □ glyph and a √ glyph drawn over it into ☑', () => {
    const out = overlaidTicksToMarks([item('□', 100, 100, 110.5), item('√', 101, 100, 110), item('√', 130, 100, 140)]);
    expect(out.map((c) => c.text)).toEqual(['☑', '√']);
  });
});

describe('lineIsPageFurniture', () => {
  const H = 842;
  it.each([
    ['第 1 页 共 2 页', 820, true],
    ['第1页', 20, true],
    ['1/3', 825, true],
    ['- 2 -', 825, true],
    ['Page 2 of 3', 825, true],
    ['2018/9/20 上午10:00 上海市财政支出项目绩效目标申报表', 12, true], // a browser's print header
    ['file:///C:/Users/form/seed1.html 1/3', 820, true],
    ['http://10.1.1.1/decl/view?id=3', 825, true],
    ['上海市财政支出项目绩效目标申报表', 30, false], // the title near the top stays
    ['填报日期：2018/1/3', 820, false],
    ['第 1 页 共 2 页', 400, false], // mid-page: content, not a footer
    ['申报单位名称：上海市党建服务中心', 820, false],
    ['2018', 400, false],
  ])('%s at y %d: %s', (text, y, furniture) => expect(lineIsPageFurniture({ text, bbox: { x0: 270, y0: y, x1: 320, y1: y + 9 } }, H)).toBe(furniture));
});

describe('textItemsToUsability', () => {
  const page = { width: 595, height: 842 };
  const scan = { ...page, images: [{ x0: 0, y0: 0, x1: 595, y1: 842 }] };
  it.each([
    { name: 'no text', items: [], p: page, usable: false, reason: 'no-text' },
    { name: 'only blanks', items: [item('   ', 0, 0, 9)], p: page, usable: false, reason: 'no-text' },
    { name: 'replacement characters', items: [item('\uFFFD\uFFFD\uFFFD项', 0, 0, 40)], p: page, usable: false, reason: 'garbled' },
    { name: 'private-use characters', items: [item('\uE001\uE002\uE003\uE004目标', 0, 0, 60)], p: page, usable: false, reason: 'garbled' },
    { name: 'a scan with a page number', items: [item('第1页', 0, 800, 30)], p: scan, usable: false, reason: 'scan-with-text' },
    { name: 'a text page', items: [item('上海市财政支出项目绩效目标申报表', 0, 0, 200)], p: page, usable: true, reason: null },
    { name: 'a text page over a background image', items: [item('上海市财政支出项目绩效目标申报表项目名称项目类型资金用途开始时间', 0, 0, 400)], p: { ...scan, rulingCount: 40 }, usable: true, reason: null },
    { name: 'a scan with a hidden OCR layer and no vector rules', items: [item('上海市财政支出项目绩效目标申报表项目名称项目类型资金用途开始时间', 0, 0, 400)], p: { ...scan, rulingCount: 0 }, usable: false, reason: 'scan-with-text' },
    { name: 'a few odd characters among many', items: [item('\uFFFD项目名称上海市党建服务中心', 0, 0, 200)], p: page, usable: true, reason: null },
  ])('$name', ({ items, p, usable, reason }) => expect(textItemsToUsability(items, p)).toMatchObject({ usable, reason }));
});
