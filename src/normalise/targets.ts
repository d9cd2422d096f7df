/**
 * Indicator targets → `targetParsed` (SPEC "Indicator"): a comparison, a number, a unit and the
 * words before the comparison. ≥ 大于等于 不低于 达 → `>=`; ≤ 小于等于 不超过 → `<=`; a bare
 * number or percentage → `=`. Words only (及时, 年内完成) → null.
 */
import type { TargetOp, TargetParsed } from '../model.js';
import { memoise } from '../vocab/text-keys.js';

/** Comparison words and signs, longest first so 不低于 wins over 低于 and 大于等于 over 大于. */
const OPS: readonly [string, TargetOp][] = [
  ['大于或等于', '>='],
  ['小于或等于', '<='],
  ['大于等于', '>='],
  ['小于等于', '<='],
  ['不低于', '>='],
  ['不少于', '>='],
  ['不小于', '>='],
  ['不超过', '<='],
  ['不高于', '<='],
  ['不多于', '<='],
  ['不大于', '<='],
  ['达到', '>='],
  ['至少', '>='],
  ['至多', '<='],
  ['大于', '>'],
  ['高于', '>'],
  ['超过', '>'],
  ['多于', '>'],
  ['小于', '<'],
  ['低于', '<'],
  ['少于', '<'],
  ['>=', '>='],
  ['<=', '<='],
  ['≥', '>='],
  ['≧', '>='],
  ['⩾', '>='],
  ['≤', '<='],
  ['≦', '<='],
  ['⩽', '<='],
  ['==', '='],
  ['=', '='],
  ['>', '>'],
  ['<', '<'],
  ['达', '>='],
  ['为', '='],
];

/** Words after a number that turn it into a bound: 1500人次以上 → `>=`. */
const SUFFIX_OPS: readonly [RegExp, TargetOp][] = [
  [/(以上|及以上|或以上)$/, '>='],
  [/(以下|及以下|或以下|以内|之内)$/, '<='],
];

/** A unit: a percent or per-mille sign, Latin letters (kb, GB, m2), or up to four Han characters. */
const UNIT = /^(%|‰|[A-Za-z][A-Za-z0-9/²³]{0,7}|\p{Script=Han}{1,4})$/u;
const NUMBER = /[-+]?\d+(?:,\d{3})*(?:\.\d+)?/;
const NUMBERS = new RegExp(NUMBER.source, 'g');

/**
 * The parsed target, or null when the target is not one measurable comparison. Remembered per
 * text (forms repeat the same targets); each caller gets its own copy.
 */
export function parseTarget(target: string): TargetParsed | null {
  const parsed = parseTargetOnce(target);
  return parsed && { ...parsed };
}

const parseTargetOnce = memoise((target: string): TargetParsed | null => {
  let s = target
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[。.；;，,]+$/, '');
  if (!s) return null;
  let suffixOp: TargetOp | null = null;
  for (const [re, op] of SUFFIX_OPS) {
    if (re.test(s)) {
      suffixOp = op;
      s = s.replace(re, '');
      break;
    }
  }
  const numbers = s.match(NUMBERS) ?? [];
  if (numbers.length !== 1) return null; // words only, or a range / a date: not one comparison
  const num = NUMBER.exec(s)!;
  const before = s.slice(0, num.index);
  const after = s.slice(num.index + num[0].length);
  let op: TargetOp | null = null;
  let subject = before;
  for (const [word, o] of OPS) {
    if (before.endsWith(word)) {
      op = o;
      subject = before.slice(0, -word.length);
      break;
    }
  }
  if (op && suffixOp) return null; // "≥90%以上": two comparisons, leave it to a person
  op ??= suffixOp ?? '=';
  if (!op) return null;
  // What stands before the number must be words (a subject), not another comparison or symbol.
  if (subject && !/^[\p{Script=Han}A-Za-z()（）]+$/u.test(subject)) return null;
  const unit = after === '' ? null : UNIT.test(after) ? after : undefined;
  if (unit === undefined) return null; // trailing words are more than a unit (年12月31日前完成)
  const value = Number(num[0].replace(/,/g, ''));
  if (!Number.isFinite(value)) return null;
  return { op, value, unit, subject: subject || null };
});

/** Comparison signs, and comparison words followed by nothing or by a letter a digit looks like (小于等于okb). */
const SIGN = /[<>=≥≤≧≦⩾⩽]/;
const WORD_THEN_NO_NUMBER = /(?:大于|小于|等于|不低于|不少于|不小于|不超过|不高于|不多于|不大于|至少|至多)(?:[OoIl]|[。.；;，,]?$)/;

/**
 * A target that compares without a number (`=`, `≥`, `不低于`, `小于等于okb`): a sign or a comparison word
 * whose number was lost or misread. Words after a comparison (不低于上年水平) are a real target.
 */
export const targetLacksNumber = (target: string): boolean => {
  const s = target.normalize('NFKC');
  return !/\d/.test(s) && (SIGN.test(s) || WORD_THEN_NO_NUMBER.test(s));
};
