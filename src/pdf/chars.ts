/**
 * Characters of a text item with estimated boxes. pdf.js gives one box per run of text; a run
 * may cross a cell border (Word and WPS emit whole lines) or hold a tick inside a drawn box, so
 * runs are cut into characters, each given a share of the run's width by its kind.
 */
import type { TextItem } from '../model.js';

/** Width of a character relative to a full-width (CJK) one: ideographs and full-width forms 1, blanks 1/4, the rest 1/2. */
export function charWeight(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (/\s/u.test(ch)) return 0.25;
  if (
    (cp >= 0x2e80 && cp <= 0x9fff) || // radicals, CJK punctuation, kana, ideographs
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff01 && cp <= 0xff60) || // full-width forms
    (cp >= 0x2460 && cp <= 0x27bf) || // enclosed numbers, box drawing, shapes, dingbats (☐ ☑ ■ □ ✓)
    (cp >= 0x2190 && cp <= 0x23ff) || // arrows, maths (√ ≥ ≤)
    cp >= 0x20000
  )
    return 1;
  return 0.5;
}

/** A horizontal text item cut into one item per character, the run's width shared by `charWeight`. */
export function textItemToChars(item: TextItem): TextItem[] {
  const chars = [...item.text];
  if (chars.length <= 1) return [item];
  const { x0, x1 } = item.bbox;
  const weights = chars.map(charWeight);
  const total = weights.reduce((s, w) => s + w, 0);
  const out: TextItem[] = [];
  let x = x0;
  chars.forEach((ch, i) => {
    const w = ((x1 - x0) * weights[i]!) / total;
    out.push({ ...item, text: ch, bbox: { ...item.bbox, x0: x, x1: x + w } });
    x += w;
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
