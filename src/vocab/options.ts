/**
 * Checkbox options: the option vocabulary of the two enums (项目类型, 资金用途) and finding the
 * options a text names. Which box belongs to which option is the mapper's work (map/option-marks.ts).
 */
import type { FundUse, ProjectCategory } from '../model.js';
import { memoise } from './text-keys.js';

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

/** A known option found in a text, with its position. */
export interface FoundOption {
  start: number;
  end: number;
  entry: OptionVocabEntry;
}

/**
 * Known options in a text with their positions, in text order, never overlapping (a longer option
 * wins over its part). Remembered per text: a form reads each option cell several times (the side
 * its boxes stand on, then the boxes), and an archive repeats the same option cells thousands of
 * times. The result is shared: callers must not change it.
 */
export const textToOptions: (text: string) => readonly FoundOption[] = memoise(scanOptions);

function scanOptions(text: string): FoundOption[] {
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
