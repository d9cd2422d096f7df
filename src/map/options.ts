/**
 * Checkbox options: the option vocabulary of the two enums, the marks forms use for ticked and
 * empty boxes, and reading which boxes are ticked from a cell's text. The options decide the
 * enum, not the row's label (a row may have no label; options may wrap onto the next row).
 */
import type { FundUse, ProjectCategory } from '../model.js';

export type OptionEnum = 'projectCategory' | 'fundUse';

/** Canonical option text first; the variants after it. */
export const PROJECT_CATEGORY_OPTIONS: Record<ProjectCategory, readonly string[]> = {
  new_municipal: ['市委市政府已确定的新增项目', '市委、市政府已确定的新增项目', '市委市政府确定的新增项目'],
  carry_over: ['结转项目'],
  other_one_off: ['其他一次性项目'],
  recurring_special: ['经常性专项业务费'],
  other_recurring: ['其他经常性项目'],
};

export const FUND_USE_OPTIONS: Record<FundUse, readonly string[]> = {
  capital_construction: ['基本建设工程类', '基本建设类'],
  it_construction: ['信息化建设类'],
  policy_subsidy: ['政策补贴类'],
  gov_purchase_service: ['政府购买服务类', '政府购买服务'],
  asset_purchase: ['资产购置类'],
  other_professional: ['其他事业专业类', '其他事业类'],
};

/** Marks of a ticked box, and of an empty one. */
export const TICKED_MARKS = '☑☒✓✔√■▣◼◾✅⊠⊗●';
export const EMPTY_MARKS = '☐□▢◻◽⬜○';
const MARK = new RegExp(`[${TICKED_MARKS}${EMPTY_MARKS}]`, 'gu');

export interface OptionVocabEntry {
  enumName: OptionEnum;
  value: ProjectCategory | FundUse;
  text: string;
  /** Matches the option in running text, blanks allowed between its characters. */
  pattern: RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const spaced = (s: string) => new RegExp([...s].map(escape).join('[\\s\\u00a0\\u3000]*'), 'gu');

/** Every option text of both enums, longest first, so a longer option wins over its part. */
export const OPTION_VOCABULARY: readonly OptionVocabEntry[] = [
  ...Object.entries(PROJECT_CATEGORY_OPTIONS).flatMap(([value, texts]) =>
    texts.map((text) => ({ enumName: 'projectCategory' as const, value: value as ProjectCategory, text, pattern: spaced(text) })),
  ),
  ...Object.entries(FUND_USE_OPTIONS).flatMap(([value, texts]) =>
    texts.map((text) => ({ enumName: 'fundUse' as const, value: value as FundUse, text, pattern: spaced(text) })),
  ),
].sort((a, b) => b.text.length - a.text.length);

const ANY_MARK = new RegExp(MARK.source, 'u');
/** Whether a text holds any checkbox mark. */
export const hasMarks = (text: string): boolean => ANY_MARK.test(text);

/** One box and what it was found beside. */
export interface OptionMark {
  ticked: boolean;
  enumName: OptionEnum | null;
  value: ProjectCategory | FundUse | null;
  /** The option text the box belongs to, as written (empty when it stands beside nothing known). */
  text: string;
}

interface Span {
  start: number;
  end: number;
}
interface FoundOption extends Span {
  entry: OptionVocabEntry;
}
interface FoundMark extends Span {
  ticked: boolean;
}

/** Known options in a text with their positions, longest first, never overlapping. */
export function textToOptions(text: string): FoundOption[] {
  const found: FoundOption[] = [];
  for (const entry of OPTION_VOCABULARY) {
    // Cheap test first: most options are not in most cells.
    if (!text.includes(entry.text[0]!) || !text.includes(entry.text[entry.text.length - 1]!)) continue;
    for (const m of text.matchAll(entry.pattern)) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (found.some((f) => span.start < f.end && f.start < span.end)) continue;
      found.push({ ...span, entry });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Checkbox marks in a text with their positions. */
export function textToMarks(text: string): FoundMark[] {
  return [...text.matchAll(MARK)].map((m) => ({ start: m.index, end: m.index + m[0].length, ticked: TICKED_MARKS.includes(m[0]) }));
}

/** Which side of its option a box stands on: decided per cell when every option has one box. */
export type MarkSide = 'before' | 'after';

/** The side the boxes stand on when a text pairs them one to one with its options; else null. */
export function textToMarkSide(text: string): MarkSide | null {
  const marks = textToMarks(text);
  const options = textToOptions(text);
  if (!marks.length || marks.length !== options.length) return null;
  if (marks.every((m, i) => m.end <= options[i]!.start)) return 'before';
  if (marks.every((m, i) => m.start >= options[i]!.end)) return 'after';
  return null;
}

const gapIsBlank = (text: string, from: number, to: number): boolean => /^[\s\u00a0\u3000]*$/.test(text.slice(from, to));

/**
 * The boxes of a cell, each paired with the option beside it. `side` is the form's convention
 * when known (from other option cells); a box with options on both sides goes to the one it
 * touches (no blank between), then to the convention, then to the option after it.
 */
export function textToOptionMarks(text: string, side: MarkSide | null = null): OptionMark[] {
  const marks = textToMarks(text);
  const options = textToOptions(text);
  const pairedSide = textToMarkSide(text);
  if (pairedSide) {
    // One box per option, all on the same side: the i-th box is the i-th option's.
    return marks.map((mark, i) => {
      const o = options[i]!;
      return { ticked: mark.ticked, enumName: o.entry.enumName, value: o.entry.value, text: text.slice(o.start, o.end) };
    });
  }
  const ownSide = side;
  return marks.map((mark) => {
    const before = [...options].reverse().find((o) => o.end <= mark.start && gapIsBlank(text, o.end, mark.start));
    const after = options.find((o) => o.start >= mark.end && gapIsBlank(text, mark.end, o.start));
    let chosen: FoundOption | undefined;
    if (before && after) {
      const touchesBefore = before.end === mark.start;
      const touchesAfter = after.start === mark.end;
      if (touchesBefore !== touchesAfter) chosen = touchesBefore ? before : after;
      else chosen = ownSide === 'after' ? before : after;
    } else {
      chosen = before ?? after;
    }
    if (!chosen) {
      // A box beside text we do not know: report what stands next to it.
      const nextMark = marks.find((m) => m.start > mark.start)?.start ?? text.length;
      const prevMark = [...marks].reverse().find((m) => m.end < mark.end)?.end ?? 0;
      const beside = (ownSide === 'after' ? text.slice(prevMark, mark.start) : text.slice(mark.end, nextMark)).trim();
      return { ticked: mark.ticked, enumName: null, value: null, text: beside };
    }
    return { ticked: mark.ticked, enumName: chosen.entry.enumName, value: chosen.entry.value, text: text.slice(chosen.start, chosen.end) };
  });
}

/** Options written without any box (a cell that just names the option), as ticked marks. */
export function textToPlainOption(text: string): OptionMark | null {
  const options = textToOptions(text);
  if (options.length !== 1 || hasMarks(text)) return null;
  const rest = text.slice(0, options[0]!.start) + text.slice(options[0]!.end);
  if (rest.replace(/[\s\u00a0\u3000:：]/g, '').length > 2) return null;
  const { entry } = options[0]!;
  return { ticked: true, enumName: entry.enumName, value: entry.value, text: entry.text };
}
