/**
 * Characters of a text item with estimated boxes. pdf.js gives one box per run of text; a run
 * may cross a cell border (Word and WPS emit whole lines) or hold a tick inside a drawn box, so
 * runs are cut into characters, each given a share of the run's width by its kind.
 */
import type { TextItem } from '../model.js';

/** Width of a character relative to a full-width (CJK) one: ideographs, full-width forms and the punctuation Chinese fonts set full width 1, blanks 1/4, the rest 1/2. */
export function charWeight(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (/\s/u.test(ch)) return 0.25;
  if (
    (cp >= 0x2e80 && cp <= 0x9fff) || // radicals, CJK punctuation, kana, ideographs
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff01 && cp <= 0xff60) || // full-width forms
    (cp >= 0x2010 && cp <= 0x203f) || // dashes, quotes “ ” ‘ ’, … : full width in Chinese fonts
    cp === 0xb7 ||
    (cp >= 0x2460 && cp <= 0x27bf) || // enclosed numbers, box drawing, shapes, dingbats (☐ ☑ ■ □ ✓)
    (cp >= 0x2190 && cp <= 0x23ff) || // arrows, maths (√ ≥ ≤)
    cp >= 0x20000
  )
    return 1;
  return 0.5;
}

/**
 * A horizontal text item cut into one item per character. Characters get their usual width
 * (`charWeight` × the font size, taken from the box height) and blanks share what is left, up to
 * 0.6 em each: pdf.js puts a blank into a run for a gap of 0.1–0.6 em, so blanks vary while glyphs
 * do not (a wider rest is shared by the glyphs). A run
 * without blanks, or whose glyphs do not fit, shares its width in proportion to `charWeight`.
 */
export function textItemToChars(item: TextItem): TextItem[] {
  const chars = [...item.text];
  if (chars.length <= 1) return [item];
  const { x0, x1 } = item.bbox;
  const width = x1 - x0;
  const size = item.bbox.y1 - item.bbox.y0;
  const blank = chars.map((ch) => /\s/u.test(ch));
  const glyphWidth = chars.reduce((sum, ch, i) => (blank[i] ? sum : sum + charWeight(ch) * size), 0);
  const blanks = blank.filter(Boolean).length;
  let widths: number[];
  if (blanks > 0 && glyphWidth <= width) {
    // A blank is at most 0.6 em (pdf.js's limit); what is left beyond goes to the glyphs in proportion.
    const blankWidth = Math.min((width - glyphWidth) / blanks, 0.6 * size);
    const stretch = glyphWidth > 0 ? (width - blankWidth * blanks) / glyphWidth : 1;
    widths = chars.map((ch, i) => (blank[i] ? blankWidth : charWeight(ch) * size * stretch));
  } else {
    const weights = chars.map(charWeight);
    const total = weights.reduce((a, w) => a + w, 0);
    widths = weights.map((w) => (width * w) / total);
  }
  const out: TextItem[] = [];
  let x = x0;
  chars.forEach((ch, i) => {
    out.push({ ...item, text: ch, bbox: { ...item.bbox, x0: x, x1: x + widths[i]! } });
    x += widths[i]!;
  });
  return out;
}

/** Every item of a page cut into characters (vertical runs are kept whole). */
export function textItemsToChars(items: readonly TextItem[]): TextItem[] {
  return items.flatMap((it) => {
    const w = it.bbox.x1 - it.bbox.x0;
    const h = it.bbox.y1 - it.bbox.y0;
    // A run taller than wide with several characters is vertical text: cutting it across x would be wrong.
    if ([...it.text].length > 1 && h > w * 1.5) return [it];
    return textItemToChars(it);
  });
}

/**
 * Characters with overprinted copies removed: producers fake bold for fonts without a bold face
 * by drawing each glyph twice, a fraction of a point apart (after pdfplumber's `dedupe_chars`).
 * A copy is the same character whose box lies within `tolerancePt` of a kept one.
 */
export function dedupeChars(chars: readonly TextItem[], tolerancePt = 1): TextItem[] {
  const kept: TextItem[] = [];
  const byText = new Map<string, TextItem[]>();
  for (const c of chars) {
    const same = byText.get(c.text);
    const duplicate =
      c.text.trim() !== '' &&
      same?.some((k) => Math.abs(k.bbox.x0 - c.bbox.x0) <= tolerancePt && Math.abs(k.bbox.y0 - c.bbox.y0) <= tolerancePt && Math.abs(k.bbox.x1 - c.bbox.x1) <= tolerancePt);
    if (duplicate) continue;
    kept.push(c);
    if (same) same.push(c);
    else byText.set(c.text, [c]);
  }
  return kept;
}
