/**
 * Text cleanup for the record's text fields (SPEC "Text fields"): paragraphs kept as `\n`,
 * runs of blanks collapsed, no blank between two CJK characters (an OCR and layout artefact),
 * Kangxi radicals and compatibility ideographs folded to the ordinary characters, empty → null.
 */

const HAN = '\\p{Script=Han}';
const BETWEEN_HAN = new RegExp(`(?<=${HAN})[ \\t\\u00a0\\u3000]+(?=${HAN})`, 'gu');
/** Kangxi radicals, CJK radicals supplement and compatibility ideographs: NFKC maps them home. */
const COMPAT_IDEOGRAPH = /[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]|[\u{2f800}-\u{2fa1f}]/gu;

/** Folds Kangxi radicals (pdf.js gives 目 as ⽬ for some fonts) and compatibility ideographs. */
export const foldCompatibilityIdeographs = (s: string): string => s.replace(COMPAT_IDEOGRAPH, (c) => c.normalize('NFKC'));

export interface CleanOptions {
  /**
   * Drop blanks between two CJK characters. On for OCR text, where they are an artefact; off for
   * text the form's writer typed (a text export or a web page), where a blank may separate items.
   */
  dropBlanksBetweenCjk?: boolean;
}

/**
 * Anything `cleanLine` would change: a character it folds (UTF-16 surrogates stand for the
 * compatibility ideographs beyond the BMP) or drops, a blank it collapses, a blank at either end.
 */
const NEEDS_CLEANING = /[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\ud800-\udfff\u200b\u200c\u200d\u2060\ufeff\u00ad\t\u00a0\u3000\f\v]| {2}|^\s|\s$/;

/** One line: blanks collapsed and trimmed (and dropped between CJK characters when asked). */
export function cleanLine(line: string, { dropBlanksBetweenCjk = false }: CleanOptions = {}): string {
  // Most typed lines are clean already: one scan instead of four.
  const out = !NEEDS_CLEANING.test(line)
    ? line
    : foldCompatibilityIdeographs(line)
        .replace(/[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g, '')
        .replace(/[ \t\u00a0\u3000\f\v]+/g, ' ')
        .trim();
  return dropBlanksBetweenCjk ? out.replace(BETWEEN_HAN, '') : out;
}

/**
 * Anything `normaliseText` would change in a text of several lines (`\n` only): what `cleanLine`
 * changes in a line, at a line's ends too, and an empty line.
 */
const LINES_NEED_CLEANING = new RegExp(NEEDS_CLEANING.source, 'm');

/** A text field's value: paragraphs cleaned and joined with `\n`; null when nothing is left. */
export function normaliseText(text: string | null | undefined, options: CleanOptions = {}): string | null {
  if (text == null) return null;
  // A value of one line (names, items, targets) needs no splitting, nor one whose lines are all clean.
  const lines = /[\r\n]/.test(text);
  if (lines && !text.includes('\r') && !LINES_NEED_CLEANING.test(text)) return options.dropBlanksBetweenCjk ? text.replace(BETWEEN_HAN, '') : text;
  const out = lines
    ? text
        .split(/\r\n|\r|\n/)
        .map((line) => cleanLine(line, options))
        .filter(Boolean)
        .join('\n')
    : cleanLine(text, options);
  return out === '' ? null : out;
}
