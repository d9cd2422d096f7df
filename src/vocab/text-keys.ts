/** Small text helpers the mapper uses to compare what a form says with what it expects. */

/** Characters a comparison key leaves out. */
const KEY_DROPPED = /[\s\u00a0\u3000:：、,，.。·•]/g;

/** Comparison key: NFKC (full-width → ASCII), no blanks, no colons, no enumeration commas. */
export function textToKey(text: string): string {
  return text.normalize('NFKC').replace(KEY_DROPPED, '');
}

/** Levenshtein distance (insertions, deletions, substitutions), for OCR-tolerant matching. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Edits tolerated when matching a known phrase of this length: one in four characters. */
export const toleratedEdits = (length: number): number => Math.floor(length / 4);

/** How many times each character occurs in a text. */
function charCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}

/** Characters two texts share (as multisets), counted up to `needed`: an upper bound on how alike they can be. */
function sharesEnough(key: ReadonlyMap<string, number>, candidate: readonly [string, number][], needed: number): boolean {
  let shared = 0;
  let left = candidate.reduce((n, [, k]) => n + k, 0);
  for (const [ch, n] of candidate) {
    shared += Math.min(n, key.get(ch) ?? 0);
    left -= n;
    if (shared >= needed) return true;
    if (shared + left < needed) return false;
  }
  return shared >= needed;
}

/** The character counts of each candidate key, made once per candidate list (the lists are constants). */
const candidateCounts = new WeakMap<readonly { key: string }[], [string, number][][]>();
function countsOf(candidates: readonly { key: string }[]): [string, number][][] {
  let counts = candidateCounts.get(candidates);
  if (!counts) candidateCounts.set(candidates, (counts = candidates.map((c) => [...charCounts(c.key)])));
  return counts;
}

/**
 * The best of `candidates` for `key` within the tolerated edit distance, or null when none is
 * close enough or two different values are equally close (a tie is a doubt, not a match).
 */
export function closestMatch<T>(key: string, candidates: readonly { key: string; value: T }[]): T | null {
  let best: { d: number; value: T } | null = null;
  let tie = false;
  const counts = countsOf(candidates);
  let keyCounts: Map<string, number> | null = null;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    const tolerated = toleratedEdits(c.key.length);
    if (Math.abs(c.key.length - key.length) > tolerated) continue;
    // Each edit changes at most one shared character: too few in common, no need to measure.
    keyCounts ??= charCounts(key);
    if (!sharesEnough(keyCounts, counts[i]!, c.key.length - tolerated)) continue;
    const d = editDistance(key, c.key);
    if (d > tolerated) continue;
    if (!best || d < best.d) {
      best = { d, value: c.value };
      tie = false;
    } else if (d === best.d && best.value !== c.value) tie = true;
  }
  return best && !tie ? best.value : null;
}

/**
 * Remembers a pure function's results for strings: forms repeat the same labels and options
 * thousands of times. Bounded: the memory is dropped when it grows past `limit` entries.
 */
export function memoise<R>(fn: (text: string) => R, limit = 20_000): (text: string) => R {
  let memo = new Map<string, R>();
  return (text) => {
    const hit = memo.get(text);
    if (hit !== undefined || memo.has(text)) return hit as R;
    if (memo.size >= limit) memo = new Map();
    const result = fn(text);
    memo.set(text, result);
    return result;
  };
}

/**
 * A quick test for texts that cannot match any of `keys` (NFKC comparison keys): true unless the
 * text holds fewer than `needed` occurrences of their characters. Most value cells are turned
 * away here, before NFKC, the memory and the edit distances. NFKC could turn a character it
 * changes into one of theirs, so a text holding such a character always passes.
 */
export function mayMatchKeys(keys: readonly string[], needed: number): (text: string) => boolean {
  const keyChars = new Set(keys.flatMap((k) => [...k]));
  /** Per UTF-16 code unit, looked at on first use: 1 no key character, 2 a key character, 3 changed by NFKC (or half a pair). */
  const kinds = new Uint8Array(0x10000);
  const kindOf = (code: number): number => {
    const ch = String.fromCharCode(code);
    if ((code >= 0xd800 && code <= 0xdfff) || ch.normalize('NFKC') !== ch) return 3;
    return keyChars.has(ch) ? 2 : 1;
  };
  return (text) => {
    let found = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const kind = kinds[code] || (kinds[code] = kindOf(code));
      if (kind === 3 || (kind === 2 && ++found >= needed)) return true;
    }
    return false;
  };
}

/**
 * A quick test for texts whose key cannot equal any of `keys` (NFKC comparison keys): false when
 * the text holds a character that its key keeps and that no key has. Most sentences are turned
 * away at their first few characters, before NFKC and the memory. A character NFKC changes, half
 * a surrogate pair, or one of `undecided` (characters the caller's key drops with what follows
 * them, such as brackets) always passes.
 */
export function mayEqualKeys(keys: readonly string[], undecided = ''): (text: string) => boolean {
  const keyChars = new Set(keys.flatMap((k) => [...k]));
  /** Per UTF-16 code unit, looked at on first use: 1 kept in keys or dropped from them, 2 in no key, 3 undecided. */
  const kinds = new Uint8Array(0x10000);
  const kindOf = (code: number): number => {
    const ch = String.fromCharCode(code);
    if ((code >= 0xd800 && code <= 0xdfff) || ch.normalize('NFKC') !== ch || undecided.includes(ch)) return 3;
    KEY_DROPPED.lastIndex = 0;
    return keyChars.has(ch) || KEY_DROPPED.test(ch) ? 1 : 2;
  };
  return (text) => {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const kind = kinds[code] || (kinds[code] = kindOf(code));
      if (kind === 3) return true;
      if (kind === 2) return false;
    }
    return true;
  };
}
