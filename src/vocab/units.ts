/** Amount units: what a label or a value may name, as a multiplier to yuan. */

/** The amount unit a label names, as a multiplier to yuan: （元） → 1, （万元） → 10000. */
export type UnitMultiplier = 1 | 1000 | 10000;

/** Unit words and their multipliers; 万 alone is how a value, never a label, abbreviates 万元. */
export const UNIT_MULTIPLIERS: Readonly<Record<'元' | '千元' | '万元' | '万', UnitMultiplier>> = { 元: 1, 千元: 1000, 万元: 10000, 万: 10000 };

/** A unit in brackets inside a label: （元）, (万元). */
export const UNIT_IN_BRACKETS = /[（(]\s*(万元|千元|元)\s*[)）]/;
/** A unit at the end of an amount value: 288万元, 300000元, 288万. */
export const UNIT_AT_END = /(万元|千元|元|万)$/;

/** The multiplier a unit word names. */
export const unitMultiplier = (word: string): UnitMultiplier | null => UNIT_MULTIPLIERS[word as keyof typeof UNIT_MULTIPLIERS] ?? null;
