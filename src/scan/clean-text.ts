/** Cleaning OCR text of a cell with what we know of Chinese text and of the form's vocabulary. */
import { OPTION_VOCABULARY } from '../map/options.js';
import { closestMatch, textToKey } from '../map/text-keys.js';

const CJK = '\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef';
const BLANK_NEXT_TO_CJK = new RegExp(`(?<=[${CJK}])[ \\t]+|[ \\t]+(?=[${CJK}])`, 'gu');

/**
 * One line of OCR output made clean: NFKC (full-width letters and digits to ASCII, as every
 * reader does), no blanks beside a CJK character (tesseract puts one between every two), none
 * inside numbers ("300000. 00"), runs of blanks collapsed.
 */
export function ocrLineToText(line: string): string {
  return (
    line
      .normalize('NFKC')
      .replace(/[ \t\u00a0]+/g, ' ')
      .replace(BLANK_NEXT_TO_CJK, '')
      .replace(/(?<=\d) (?=[\d.,%])|(?<=[\d.,]) (?=\d)/g, '')
      // tesseract reads the full-width （ and ） of unit and year brackets as 〈 《 and 〉 …
      .replace(/[〈《](?=万?元)/g, '(')
      .replace(/(?<=元)〉/g, ')')
      .replace(/^[〈《](?=\d{4}年)/, '(')
      // … and the comparison signs of targets as characters: ≥ as 之 or 过, ≤ as 和 (before a number).
      .replace(/之(?=\d)/g, '≥')
      .replace(/(?<![超通经])过(?=\d)/g, '≥')
      .replace(/^和(?=\d)/, '≤')
      .replace(/(?<=[≥≤<>=]) (?=\d)/g, '')
      .trim()
  );
}

/** The text of a cell from its OCR lines: wrapped lines joined with nothing. */
export function ocrTextToCellText(text: string): string {
  return text
    .split('\n')
    .map(ocrLineToText)
    .filter(Boolean)
    .join('');
}

/** What OCR makes of a checkbox's edge or of the box itself when a crop grazes it. */
const BOX_ARTEFACTS = /^[口回加团画器四囗□☐☑■|\[\]lI()（）「」]+|[口回加团画器四囗□☐☑■|\[\]lI()（）「」]+$/gu;

const OPTION_KEYS = OPTION_VOCABULARY.map((o) => ({ key: textToKey(o.text), value: o.text }));

/**
 * The text beside a checkbox: box artefacts at its ends removed, then snapped to the known option
 * it is within the tolerated edit distance of (an unknown option is left as read).
 */
export function ocrTextToOptionText(text: string): string {
  const clean = ocrTextToCellText(text).replace(BOX_ARTEFACTS, '').trim();
  if (!clean) return clean;
  return closestMatch(textToKey(clean), OPTION_KEYS) ?? clean;
}

/** Lines outside the table that are page furniture: page numbers and "第1页 共2页" footers. */
export function textIsPageFurniture(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  return /^第\d+页(,?共\d+页)?$|^共\d+页$|^[-—–]*\d+[-—–]*$|^\d+\/\d+$|^page\d+(of\d+)?$/i.test(t.replace(/[,，]/g, ','));
}
