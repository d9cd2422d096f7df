/**
 * Clean text from positioned characters: characters → lines → text, with wrapped lines joined
 * with nothing and paragraph breaks (a line ending well short of the text's right edge, an
 * indented line, or a line starting with a list marker) as `\n`.
 */
import { boxesToUnion } from '../geometry/boxes.js';
import type { BBox, TextItem } from '../model.js';

/** One line of text: its characters left to right and their box. */
export interface Line {
  chars: TextItem[];
  bbox: BBox;
  /** Typical character height (≈ the font size), in points. */
  size: number;
  text: string;
}

const height = (b: BBox): number => b.y1 - b.y0;
const isBlank = (s: string): boolean => /^\s*$/u.test(s);
const isCjk = (s: string): boolean => /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/u.test(s);

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!;
};

/**
 * Characters of one line joined left to right: a blank where the gap between two characters is
 * wide (over 0.6 em, or 1.5 em between two CJK characters, which justification spreads), runs of
 * blanks collapsed, ends trimmed.
 */
export function charsToLineText(chars: readonly TextItem[], size: number): string {
  let out = '';
  let prev: TextItem | null = null;
  for (const c of chars) {
    if (prev && !isBlank(c.text) && !isBlank(prev.text)) {
      const gap = c.bbox.x0 - prev.bbox.x1;
      const limit = isCjk(prev.text) && isCjk(c.text) ? 1.5 * size : 0.6 * size;
      if (gap > limit) out += ' ';
    }
    out += c.text;
    prev = c;
  }
  return out.replace(/\s+/gu, ' ').trim();
}

/** Groups characters into lines: a character joins a line it overlaps vertically by half its height; lines top to bottom. */
export function charsToLines(chars: readonly TextItem[]): Line[] {
  const sorted = [...chars].sort((a, b) => a.bbox.y0 + a.bbox.y1 - (b.bbox.y0 + b.bbox.y1) || a.bbox.x0 - b.bbox.x0);
  const groups: { chars: TextItem[]; y0: number; y1: number }[] = [];
  for (const c of sorted) {
    const h = Math.max(height(c.bbox), 0.1);
    const last = groups[groups.length - 1];
    const overlap = last ? Math.min(last.y1, c.bbox.y1) - Math.max(last.y0, c.bbox.y0) : -1;
    if (last && overlap >= 0.5 * Math.min(h, last.y1 - last.y0)) {
      last.chars.push(c);
      last.y0 = Math.min(last.y0, c.bbox.y0);
      last.y1 = Math.max(last.y1, c.bbox.y1);
    } else groups.push({ chars: [c], y0: c.bbox.y0, y1: c.bbox.y1 });
  }
  return groups
    .map((g) => {
      const cs = [...g.chars].sort((a, b) => a.bbox.x0 - b.bbox.x0);
      const size = median(cs.filter((c) => !isBlank(c.text)).map((c) => height(c.bbox))) || median(cs.map((c) => height(c.bbox)));
      const visible = cs.filter((c) => !isBlank(c.text));
      return { chars: cs, bbox: boxesToUnion((visible.length ? visible : cs).map((c) => c.bbox)), size, text: charsToLineText(cs, size) };
    })
    .filter((l) => l.text !== '');
}

/** A line that starts a list item: （1） (1) 1. 1、 一、 一是 ① • and the like. */
export const LIST_MARKER =
  /^\s*(?:[（(]\s*[0-9一二三四五六七八九十]+\s*[）)]|[0-9]{1,2}\s*[.、．)）](?![0-9])|[一二三四五六七八九十]+\s*[、是．.]|第[一二三四五六七八九十0-9]+(?:[、，,：:条是项步章节]|季度|阶段|部分)|[①-⑳]|[•●◆▪■□☐☑]\s*\S)/u;

/** Width of the first word of a line: a run of Latin letters and digits, else one character. */
function firstWordWidth(line: Line): number {
  const chars = line.chars.filter((c) => !isBlank(c.text));
  const first = chars[0];
  if (!first) return 0;
  if (!/[A-Za-z0-9]/.test(first.text)) return first.bbox.x1 - first.bbox.x0;
  let end = first.bbox.x1;
  for (const c of chars.slice(1)) {
    if (!/[A-Za-z0-9.,%\-/:]/.test(c.text)) break;
    end = c.bbox.x1;
  }
  return end - first.bbox.x0;
}

/** Whether every line is centred on the same axis with ragged edges (centred labels wrap without paragraphs). */
export function linesAreCentred(lines: readonly Line[], box: BBox): boolean {
  if (lines.length < 2) return false;
  const axis = (box.x0 + box.x1) / 2;
  const size = median(lines.map((l) => l.size));
  const centred = lines.every((l) => Math.abs((l.bbox.x0 + l.bbox.x1) / 2 - axis) <= 0.75 * size);
  const lefts = lines.map((l) => l.bbox.x0);
  return centred && Math.max(...lefts) - Math.min(...lefts) > 0.75 * size;
}

/**
 * Text of the lines of one cell (or one block) inside `box`: each line joined to the next with
 * nothing where the layout wrapped it, and with `\n` where a paragraph ends: the line stops short
 * of the text's right edge by more than the next line's first word would need, or the next line
 * is indented or starts with a list marker.
 */
export function linesToText(lines: readonly Line[], box: BBox): string {
  if (lines.length === 0) return '';
  if (linesAreCentred(lines, box)) return lines.map((l) => l.text).join('');
  const left = Math.min(...lines.map((l) => l.bbox.x0));
  const widest = Math.max(...lines.map((l) => l.bbox.x1));
  // Symmetric cell padding: the text may run up to as far from the right border as it starts from the left one.
  const right = Math.max(widest, box.x1 - Math.max(0, left - box.x0));
  let out = lines[0]!.text;
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!;
    const line = lines[i]!;
    const size = Math.max(prev.size, line.size);
    const short = right - prev.bbox.x1 > firstWordWidth(line) + 1.2 * size;
    const indented = line.bbox.x0 - left > 1.5 * size;
    const marker = LIST_MARKER.test(line.text);
    out += (short || indented || marker ? '\n' : '') + line.text;
  }
  return out;
}
