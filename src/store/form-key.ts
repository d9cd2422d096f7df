/**
 * A form's identity: its year, unit and project, compared in a folded spelling so that a scan's
 * （）for (), full-width letters or stray blanks never make a second form of one already stored.
 */

/** Punctuation that prints in several widths or shapes, folded onto one ASCII character (after NFKC). */
const PUNCTUATION_FOLDS: readonly [RegExp, string][] = [
  [/[【〔［｛〈《「『]/gu, '('],
  [/[】〕］｝〉》」』]/gu, ')'],
  [/[\[{]/g, '('],
  [/[\]}]/g, ')'],
  [/[‐‑‒–—―－﹣−～~]/gu, '-'],
  [/[“”„‟"＂]/gu, '"'],
  [/[‘’‚‛'＇`]/gu, "'"],
  [/[、，,]/gu, ','],
  [/[。．.·・•]/gu, '.'],
  [/[：:]/gu, ':'],
  [/[；;]/gu, ';'],
];

/** A name as identity compares it: NFKC, punctuation folded, every blank removed. */
export function nameToKeyPart(name: string): string {
  let out = name.normalize('NFKC');
  for (const [re, to] of PUNCTUATION_FOLDS) out = out.replace(re, to);
  return out.replace(/[\s\u200b\u200c\u200d\ufeff]+/gu, '');
}

/**
 * The identity key of a form, or null when the unit or the project is unknown (such a form is
 * never matched to another by name).
 */
export function formToKey(year: number | null, unitName: string | null, projectName: string | null): string | null {
  if (unitName === null || projectName === null) return null;
  const unit = nameToKeyPart(unitName);
  const project = nameToKeyPart(projectName);
  if (unit === '' || project === '') return null;
  return `${year ?? ''}|${unit}|${project}`;
}

/** Levenshtein distance over code points (insertions, deletions and substitutions each cost 1). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    row = next;
  }
  return row[y.length]!;
}

/**
 * How many characters an OCR reading of a key may differ by and still be taken for that key: one
 * in a short key, two from 20 characters on. Kept small because two real projects may differ by
 * one character too (第一期 / 第二期), which is why a match by similarity always carries an issue.
 */
export function keyToMaxDistance(key: string): number {
  return [...key].length >= 20 ? 2 : 1;
}

/**
 * The one stored key within reach of `key` (same year, within keyToMaxDistance), or null when
 * none is, or when two are equally near (no guess between two stored forms).
 */
export function nearestKey(key: string, stored: readonly string[]): { key: string; distance: number } | null {
  const year = key.slice(0, key.indexOf('|'));
  const limit = keyToMaxDistance(key);
  let best: { key: string; distance: number } | null = null;
  let tie = false;
  for (const other of stored) {
    if (other === key || other.slice(0, other.indexOf('|')) !== year) continue;
    if (Math.abs([...other].length - [...key].length) > limit) continue;
    const distance = editDistance(key, other);
    if (distance > limit) continue;
    if (best === null || distance < best.distance) (best = { key: other, distance }), (tie = false);
    else if (distance === best.distance && other !== best.key) tie = true;
  }
  return tie ? null : best;
}
