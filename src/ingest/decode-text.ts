/**
 * Decoding a text file: UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM, or recognised by
 * its zero bytes), and GBK/GB18030 for the many exports made on Chinese Windows.
 *
 * Without a BOM the encoding is the one that explains the bytes best: each candidate is charged
 * for every byte it cannot decode, and GB18030 also for every character outside GB2312 (the
 * repertoire real GBK exports use), because GB18030 decodes almost any byte string, UTF-8 included,
 * into rare characters without a single error. So a UTF-8 file with a stray byte or cut in the
 * middle of a character stays UTF-8, its bad bytes replaced by U+FFFD and counted.
 */
import iconv from 'iconv-lite';
import { InputError } from '../errors.js';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

const REPLACEMENT = 0xfffd;

/** How many replacement characters a decoder produced for bytes it could not decode (U+FFFD already in the bytes not counted). */
function textToBadCount(text: string, bytes: Uint8Array, encodedReplacement: readonly number[]): number {
  let produced = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === REPLACEMENT) produced++;
  if (produced === 0) return 0;
  let present = 0;
  const [a, b, c] = encodedReplacement;
  for (let i = 0; i + encodedReplacement.length <= bytes.length; i++)
    if (bytes[i] === a && bytes[i + 1] === b && (c === undefined || bytes[i + 2] === c)) present++;
  return Math.max(0, produced - present);
}

/** U+FFFD as UTF-8 bytes. */
const UTF8_REPLACEMENT = [0xef, 0xbf, 0xbd] as const;

/**
 * What reading `bytes` as GB18030 costs: one for every byte sequence that is not GB18030 and one
 * for every character outside ASCII and GB2312 (two-byte codes A1–F7 × A1–FE; four-byte codes).
 */
export function bytesToGb18030Cost(bytes: Uint8Array): number {
  let cost = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const b2 = bytes[i + 1];
    if (b >= 0x81 && b <= 0xfe && b2 !== undefined && b2 >= 0x40 && b2 <= 0xfe && b2 !== 0x7f) {
      if (!(b >= 0xa1 && b <= 0xf7 && b2 >= 0xa1)) cost++;
      i += 2;
      continue;
    }
    const b3 = bytes[i + 2];
    const b4 = bytes[i + 3];
    if (b >= 0x81 && b <= 0xfe && b2 !== undefined && b2 >= 0x30 && b2 <= 0x39 && b3 !== undefined && b3 >= 0x81 && b3 <= 0xfe && b4 !== undefined && b4 >= 0x30 && b4 <= 0x39) {
      cost++;
      i += 4;
      continue;
    }
    cost++;
    i++;
  }
  return cost;
}

/**
 * Guess UTF-16 without a BOM: UTF-8 and GBK text never holds a zero byte, UTF-16 does for every
 * ASCII character (tabs, digits, line ends), in odd positions (LE) or even ones (BE).
 */
function utf16ByZeros(bytes: Uint8Array): TextEncoding | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 65536);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  if (oddZeros > 0 && evenZeros <= oddZeros / 20) return 'utf-16le';
  if (evenZeros > 0 && oddZeros <= evenZeros / 20) return 'utf-16be';
  return null;
}

/**
 * The encoding of a text file's bytes: a BOM, else UTF-16 by its zeros, else UTF-8 or GB18030,
 * whichever explains the bytes best. When UTF-8 was tried, its text comes along, so the bytes
 * are decoded once.
 */
function bytesToChoice(bytes: Uint8Array): { encoding: TextEncoding; utf8?: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be' };
  const wide = utf16ByZeros(bytes);
  if (wide) return { encoding: wide };
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  const utf8Errors = textToBadCount(utf8, bytes, UTF8_REPLACEMENT);
  if (utf8Errors === 0) return { encoding: 'utf-8', utf8 };
  // Ties go to UTF-8, the encoding of every export made in this century.
  return bytesToGb18030Cost(bytes) < utf8Errors ? { encoding: 'gb18030' } : { encoding: 'utf-8', utf8 };
}

/** The encoding of a text file's bytes (see bytesToChoice). */
export const bytesToEncoding = (bytes: Uint8Array): TextEncoding => bytesToChoice(bytes).encoding;

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** Byte sequences that were not valid in the chosen encoding, each replaced by U+FFFD. */
  badSequences: number;
}

/** Decoded text without BOM; throws InputError for binary junk that is no text at all. */
export function decodeText(bytes: Uint8Array, path: string): DecodedText {
  const { encoding, utf8 } = bytesToChoice(bytes);
  let text: string;
  let badSequences: number;
  if (encoding === 'utf-8') {
    text = utf8 ?? new TextDecoder('utf-8').decode(bytes);
    badSequences = textToBadCount(text, bytes, UTF8_REPLACEMENT);
  } else if (encoding === 'utf-16le') {
    text = new TextDecoder('utf-16le').decode(bytes);
    badSequences = textToBadCount(text, bytes, [0xfd, 0xff]);
  } else if (encoding === 'utf-16be') {
    text = iconv.decode(Buffer.from(bytes), 'utf-16be');
    badSequences = textToBadCount(text, bytes, [0xff, 0xfd]);
  } else {
    text = iconv.decode(Buffer.from(bytes), 'gb18030');
    badSequences = textToBadCount(text, bytes, [0x84, 0x31, 0xa4, 0x37]);
  }
  text = text.replace(/^\uFEFF/, '');
  // Control characters other than tab/newline/CR/form feed mean this is not text.
  const controls = text.slice(0, 65536).match(/[\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0;
  if (controls > 8) throw new InputError('not-text', `${path}: not a text, HTML, PDF or image file (binary content)`);
  return { text, encoding, badSequences };
}
