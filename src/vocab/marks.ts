/**
 * Check-box marks: the characters forms use for ticked and empty boxes, and the two every reader
 * writes (☑ / ☐) where it finds a box that is no character (an HTML input, a drawn square, ink).
 */

/** The mark readers write for a ticked box. */
export const TICKED_MARK = '☑';
/** The mark readers write for an empty box. */
export const EMPTY_MARK = '☐';

/** Characters in a cell's text that are a ticked box. */
export const TICKED_MARKS = '☑☒✓✔√■▣◼◾✅⊠⊗●';
/** Characters in a cell's text that are an empty box. */
export const EMPTY_MARKS = '☐□▢◻◽⬜○';

/** Characters that tick a drawn box when they stand inside it (PDF text layers). */
export const TICK_GLYPHS = new Set(['√', '✓', '✔', '✗', '✘', '×', '╳', 'x', 'X', 'v', 'V', '■', '●', '◆', '★', '☑', '☒', '✅']);
/** Characters that are an empty box themselves (PDF text layers). */
export const EMPTY_BOX_GLYPHS = new Set(['☐', '□', '▢', '❏', '❑', '○', '◯']);

const MARK = new RegExp(`[${TICKED_MARKS}${EMPTY_MARKS}]`, 'gu');
const ANY_MARK = new RegExp(MARK.source, 'u');

/** Whether a text holds any checkbox mark. */
export const hasMarks = (text: string): boolean => ANY_MARK.test(text);

/** A checkbox mark found in a text, with its position. */
export interface FoundMark {
  start: number;
  end: number;
  ticked: boolean;
}

/** Checkbox marks in a text with their positions. */
export function textToMarks(text: string): FoundMark[] {
  return [...text.matchAll(MARK)].map((m) => ({ start: m.index, end: m.index + m[0].length, ticked: TICKED_MARKS.includes(m[0]) }));
}
