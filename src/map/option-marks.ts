/**
 * Which option each check box of a cell belongs to. The options decide the enum, not the row's
 * label (a row may have no label; options may wrap onto the next row).
 */
import type { FundUse, ProjectCategory } from '../model.js';
import { hasMarks, textToMarks, type FoundMark } from '../vocab/marks.js';
import { textToOptions, type FoundOption, type OptionEnum } from '../vocab/options.js';

/** One box and what it was found beside. */
export interface OptionMark {
  ticked: boolean;
  enumName: OptionEnum | null;
  value: ProjectCategory | FundUse | null;
  /** The option text the box belongs to, as written (empty when it stands beside nothing known). */
  text: string;
}

/** Which side of its option a box stands on: decided per cell when every option has one box. */
export type MarkSide = 'before' | 'after';

/** The side the boxes stand on when they pair one to one with the options of their text; else null. */
function marksToSide(marks: readonly FoundMark[], options: readonly FoundOption[]): MarkSide | null {
  if (!marks.length || marks.length !== options.length) return null;
  if (marks.every((m, i) => m.end <= options[i]!.start)) return 'before';
  if (marks.every((m, i) => m.start >= options[i]!.end)) return 'after';
  return null;
}

/** The side the boxes stand on when a text pairs them one to one with its options; else null. */
export const textToMarkSide = (text: string): MarkSide | null => marksToSide(textToMarks(text), textToOptions(text));

const gapIsBlank = (text: string, from: number, to: number): boolean => /^[\s\u00a0\u3000]*$/.test(text.slice(from, to));

/**
 * The boxes of a cell, each paired with the option beside it. `side` is the form's convention
 * when known (from other option cells); a box with options on both sides goes to the one it
 * touches (no blank between), then to the convention, then to the option after it.
 */
export function textToOptionMarks(text: string, side: MarkSide | null = null): OptionMark[] {
  const marks = textToMarks(text);
  const options = textToOptions(text);
  const pairedSide = marksToSide(marks, options);
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
