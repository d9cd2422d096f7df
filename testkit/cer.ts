/** Character error rate, for tests that bound how well OCR reads. */
import { editDistance } from '../src/vocab/text-keys.js';

/** Character error rate of a reading against the truth: edit distance over the truth's length, after NFKC. */
export function characterErrorRate(read: string, truth: string): number {
  const t = truth.normalize('NFKC');
  return editDistance(read.normalize('NFKC'), t) / Math.max(1, t.length);
}
