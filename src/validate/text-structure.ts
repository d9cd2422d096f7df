/**
 * Text-structure sanity: a prose field that holds what looks like rows of the form's tables
 * (an indicator category or a sub-table header standing as a cell, name/target or name/amount
 * pairs) or another field's label is a sign that the table was misread and rows went into the
 * text. The text is kept as read; the field gets an issue saying what it holds.
 */
import { makeIssue } from '../issues.js';
import type { Issue, TextField } from '../model.js';
import { INDICATOR_CATEGORIES, LABELS, matchLabel } from '../vocab/labels.js';

/** Words that only head a sub-table or a group of its rows (short generic ones like 金额 left out). */
const TABLE_WORDS = [
  ...Object.values(INDICATOR_CATEGORIES).flat(),
  ...[...LABELS.indicators, ...LABELS.indicatorHeader, ...LABELS.budgetItems, ...LABELS.budgetHeader],
].filter((w) => w.length >= 4);

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A table word standing as a cell of its own: followed by a blank or a line end, or ending the text. */
const TABLE_WORD_AS_CELL = new RegExp(`(${TABLE_WORDS.map(escape).join('|')})(?=\\s|$)`, 'u');

/** An indicator name and its target as two cells: a name, a blank, a comparison and a number. */
const NAME_TARGET = /[\p{Script=Han}）)]\s+(?:≥|≤|>=|<=|>|<|＞|＜|不低于|不超过|大于等于|小于等于)\s*\d/gu;
/**
 * A budget item and its amount as two cells: a name, a blank, an amount (grouped digits, two
 * decimals or 元; or four digits and more not followed by a unit of count or a date's separator).
 */
const NAME_AMOUNT =
  /[\p{Script=Han}A-Za-z）)]\s+[¥￥]?(?:(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d{2}|\d+(?=元))(?:万元|元)?(?![\d%％])|\d{4,}(?:万元|元)?(?![\d.,%％\-/:．]|人|课时|场次|次|个|名|家|项|天|小时|年|月|日|号|期|kb))/gu;

/**
 * A cheap test a text passes before the two patterns above can match it: each needs a blank
 * followed by what the pattern has after its blanks (a comparison, an amount).
 */
const BLANK_BEFORE_VALUE = /\s[≥≤><＞＜不大小¥￥\d]/u;

/** What a prose field holds that belongs to the form's structure, or null. */
export function textToStructureFinding(field: TextField, text: string): string | null {
  const word = TABLE_WORD_AS_CELL.exec(text);
  if (word) return `a table heading as a cell ("${word[1]}")`;
  if (BLANK_BEFORE_VALUE.test(text)) {
    if ((text.match(NAME_TARGET) ?? []).length >= 2) return 'indicator names with their targets';
    if ((text.match(NAME_AMOUNT) ?? []).length >= 2) return 'budget items with their amounts';
  }
  // Another field's label as a line of its own, or after the last sentence.
  for (const piece of text.split(/\n|(?<=[。；;！!？?])/u)) {
    const label = matchLabel(piece.trim(), { fuzzy: false });
    if (label && label.target !== field) return `the label "${piece.trim()}"`;
  }
  return null;
}

/** The issue for a prose field that holds table rows or a label, or null. */
export function textToStructureIssue(field: TextField, text: string | null, page: number | null): Issue | null {
  const finding = text ? textToStructureFinding(field, text) : null;
  return finding ? makeIssue('validate.text-structure', field, { what: finding }, page) : null;
}
