/**
 * Pure pieces of PP-OCR recognition: the character table and the CTC decode of the recognition
 * model's output. No I/O here, so both are tested on hand-made inputs.
 */

/**
 * Builds the class table of a PP-OCR recognition model from its dictionary file's text.
 *
 * Follows PaddleOCR's `BaseRecLabelDecode` (ppocr/postprocess/rec_postprocess.py): one character a
 * line, class 0 is the CTC blank, and with `use_space_char` (on for the Chinese models) a space is
 * appended as the last class. For `ppocr_keys_v1.txt` that gives 1 + 6623 + 1 = 6625 classes,
 * the width of PP-OCRv4's output.
 */
export function dictionaryToClasses(dictText: string): string[] {
  const lines = dictText.split(/\r?\n/);
  // The file may or may not end with a newline; a trailing empty line is no character.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return ['', ...lines, ' '];
}

/** What CTC decoding read from one text line. */
export interface CtcDecoded {
  text: string;
  /** Mean of the winning class probability over the characters kept; 0 when none was kept. */
  confidence: number;
  /** Timestep of each kept character (for placing characters along the line). */
  timesteps: number[];
}

/**
 * Greedy (best-path) CTC decode of one line, from the most probable class of each timestep and
 * its probability (taken beside the model, in its worker): repeats collapsed, blanks dropped.
 *
 * As PaddleOCR's `CTCLabelDecode`: a character is kept where its class differs from the previous
 * timestep's class and is not the blank (index 0); the confidence is the mean of the kept
 * characters' probabilities. A batch pads narrower lines; their tail is decoded too, as
 * PaddleOCR does, since the model learnt to emit blanks on padding.
 *
 * @param best the winning class of each timestep
 * @param probs the probability of that class, per timestep
 * @param classes the class table from {@link dictionaryToClasses}
 */
export function ctcGreedyDecode(best: ArrayLike<number>, probs: ArrayLike<number>, classes: readonly string[]): CtcDecoded {
  if (probs.length !== best.length) throw new RangeError(`ctcGreedyDecode: ${best.length} classes for ${probs.length} probabilities`);
  let text = '';
  let sum = 0;
  const kept: number[] = [];
  let previous = -1;
  for (let t = 0; t < best.length; t++) {
    const c = best[t]!;
    if (c >= classes.length || c < 0) throw new RangeError(`ctcGreedyDecode: class ${c} outside the table of ${classes.length}`);
    if (c !== 0 && c !== previous) {
      text += classes[c] ?? '';
      sum += probs[t]!;
      kept.push(t);
    }
    previous = c;
  }
  return { text, confidence: kept.length > 0 ? sum / kept.length : 0, timesteps: kept };
}
