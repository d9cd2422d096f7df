/** Cleaning OCR text of a cell with what we know of Chinese text and of the form's vocabulary. */
import { LABELS, matchLabel } from '../vocab/labels.js';
import { OPTION_VOCABULARY } from '../vocab/options.js';
import { closestMatch, textToKey } from '../vocab/text-keys.js';

const CJK = '\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef';
const BLANK_NEXT_TO_CJK = new RegExp(`(?<=[${CJK}])[ \\t]+|[ \\t]+(?=[${CJK}])`, 'gu');

/**
 * Letter O (or o, 〇) read for the digit 0 where it follows a digit (or a digit and a decimal point)
 * and goes on with a digit, a decimal point, a percent sign, a unit or the end ("1O0", "2O18年",
 * "10O%", "300000.OO"). Words (OA, ISO9001, CO2) have no digit before their O.
 */
const DIGIT_O = /(?<=\d[Oo〇]*[.,]?[Oo〇]*)[Oo〇](?=[Oo〇]*(?:\d|[.,%年月日万元人个次页]|$))/g;

/**
 * The character 一 read for a dash in a range: between two numbers or a month or year mark and a
 * number (5月一6月, 2016一2020年, 3一5个). One 一 after a number and before a digit is never
 * the word "one" in these forms.
 */
const RANGE_YI = /(?<=\d[年月日号]?)一(?=\d)/g;

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
      .replace(/[〈《]([^〈《〉》()（）]{1,12})\)/g, '($1)')
      .replace(/^[〈《](?=\d{4}年)/, '(')
      // … and the comparison signs of targets as characters: ≥ as 之 or 过, ≤ as 和 (before a number).
      .replace(/之(?=\d)/g, '≥')
      .replace(/(?<![超通经])过(?=\d)/g, '≥')
      .replace(/^和(?=\d)/, '≤')
      .replace(/(?<=[≥≤<>=]) (?=\d)/g, '')
      // Characters the OCR engines confuse in this print where the reading is no word at all (峻工: paddle).
      .replace(/履盖/g, '覆盖')
      .replace(/巩国/g, '巩固')
      .replace(/峻工/g, '竣工')
      .replace(/大.等于(?=\d)/g, '大于等于')
      .replace(/小.等于(?=\d)/g, '小于等于')
      // A serif 1 in a date read as ] (or split in two, ]1 or 1]), or as : before 日.
      .replace(/(?<=\d{4}年|月)(?:\]1|1\]|[\]|lI])(?=月|日)/g, '1')
      .replace(/(?<=\d{4}年)[\]|lI](?=\d月)|(?<=月)[\]|lI](?=\d日)|(?<=年\d)[\]|lI](?=月)|(?<=月\d)[\]|lI](?=日)/g, '1')
      .replace(/(?<=\d{4}年\d{1,2}月):(?=日)/, '1')
      .replace(DIGIT_O, '0')
      .replace(RANGE_YI, '—')
      .trim()
  );
}

/** Cells this short may be indicator targets, where ≥ and ≤ are read as characters. */
const TARGET_MAX_CHARS = 24;

/** The text of a cell from its OCR lines: wrapped lines joined with nothing. */
export function ocrTextToCellText(text: string): string {
  const joined = text
    .split('\n')
    .map(ocrLineToText)
    .filter(Boolean)
    .join('')
    // A cell never ends on a comma: that is its full stop, small in a low-resolution scan.
    .replace(/(?<=[\p{Script=Han})）])[,.，]$/u, '。')
    // A unit note ending a label cell, its closing bracket read as a stroke or lost ("(元\", "(万元",
    // "(千元\"): the label is only found, and its amount only scaled, with the bracket whole.
    .replace(/[(（]([万千]?元)[\\/|\]}〉》」]?$/u, '($1)');
  if (joined.length > TARGET_MAX_CHARS) return joined;
  // A target: "考务完成量≥1500人次" has its ≥ read as 这, "≤150000" its ≤ as 和 and a stray mark.
  return joined
    .replace(/(?<=\p{Script=Han})这(?=\d)/gu, '≥')
    .replace(/^和\S?(?=\d)/, '≤')
    // A percentage ends a target; digits after its % are the sign misread ("100%6").
    .replace(/(?<=\d%)\d{1,2}$/, '');
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

/** An amount as forms write it: 2880000, 300000.00, 1,665,500.00. */
const AMOUNT = /^\d{1,3}(,\d{3})+(\.\d{1,2})?$|^\d+(\.\d{1,2})?$/;
/** A date as forms write it: 2018-01-01, 2018/1/1, 2018.1.1, 2018年1月1日. */
const DATE = /^\d{4}([./-])\d{1,2}\1\d{1,2}$|^\d{4}年\d{1,2}月\d{1,2}日$/;

/**
 * Whether a cell's clean text looks like an amount or a date but breaks its format
 * ("1665,5200.00", "2018-(8-01-01"): such a cell is worth reading again.
 */
export function textIsMalformedValue(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  if (DATE.test(t)) return false;
  if (/^[\d,.]+$/.test(t) && (t.match(/\d/g)?.length ?? 0) >= 3) return !AMOUNT.test(t);
  // A date with a slip, not words that begin with a year (2018年年内完成).
  if (/^\d{4}[年./-]/.test(t) && t.length <= 12 && t.replace(/[\d年月日号./-]/g, '').length <= 1) return true;
  return false;
}

/**
 * The value several readings of one malformed amount or date cell agree on (majority vote over
 * readings at different scales): amounts compared without their thousands separators; a reading
 * well-formed as read (1,665,500.00) counts half a vote more. Null without a clear winner of two
 * votes or more.
 */
export function readingsToAgreedValue(readings: readonly string[]): string | null {
  const votes = new Map<string, number>();
  for (const r of readings) {
    const t = r.replace(/\s+/g, '');
    const key = /^[\d,.]+$/.test(t) && !DATE.test(t) ? t.replace(/,/g, '') : t;
    if (!(AMOUNT.test(key) || DATE.test(key))) continue;
    votes.set(key, (votes.get(key) ?? 0) + 1);
  }
  for (const r of readings) {
    const t = r.replace(/\s+/g, '');
    const key = t.includes(',') ? t.replace(/,/g, '') : t;
    if ((AMOUNT.test(t) || DATE.test(t)) && votes.has(key) && votes.get(key)! % 1 === 0) votes.set(key, votes.get(key)! + 0.5);
  }
  let best: string | null = null;
  let bestVotes = 0;
  for (const [key, n] of votes)
    if (n > bestVotes) {
      best = key;
      bestVotes = n;
    } else if (n === bestVotes) best = null;
  return bestVotes >= 2 ? best : null;
}

/** A unit note in brackets at the end of a label: (元), （万元）. */
const LABEL_NOTE = /[（(][^（()）]{0,8}[)）]$/;

/**
 * A cell that is a known label read with small errors, set to the label's wording (its bracketed
 * note kept): "项目总预箅(元)" → "项目总预算(元)". Matching is the mapper's (`matchLabel`, by edit
 * distance); cells with digits or longer than a label are left alone.
 */
export function textToSnappedLabel(text: string): string {
  if (!text || text.length > 20 || /\d/.test(text)) return text;
  const match = matchLabel(text);
  if (!match || match.exact) return text;
  const wording = LABELS[match.target][0];
  if (!wording) return text;
  const note = LABEL_NOTE.exec(text)?.[0] ?? '';
  return wording + note;
}
