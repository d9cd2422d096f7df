/**
 * Amounts in yuan: 2880000, 6430000.00, 1,665,500.00, ¥300,000, 288万元 (with the label's or the
 * value's unit applied). Anything else is not an amount: null, and the caller reports it.
 */
import { UNIT_AT_END, unitMultiplier, type UnitMultiplier } from '../vocab/units.js';

/** The yuan an amount text names, given the unit its label named (元 when none); null if none. */
export function parseAmount(text: string, labelUnit: UnitMultiplier | null = null): number | null {
  let s = text.normalize('NFKC').replace(/[\s¥￥]/g, '').replace(/^人民币/, '');
  const unitMatch = UNIT_AT_END.exec(s);
  let unit: number = labelUnit ?? 1;
  if (unitMatch) {
    const own = unitMultiplier(unitMatch[1]!)!;
    // A value that names its own unit overrides the label's (the writer said what they meant).
    unit = own;
    s = s.slice(0, -unitMatch[1]!.length);
  }
  // Thousands separators only in groups of three; a decimal point at most once.
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(s)) return null;
  const value = Number(s.replace(/,/g, '')) * unit;
  if (!Number.isFinite(value)) return null;
  return Math.round(value * 100) / 100;
}

/** Whether a text says "no amount" (无, -, /, 0 written as a dash), rather than a bad amount. */
export const isNoAmount = (text: string): boolean => /^[\s无無\-—–/／]*$/.test(text.normalize('NFKC'));
