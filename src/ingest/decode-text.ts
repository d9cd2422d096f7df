/**
 * Decoding a text file: UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM, or recognised by
 * its zero bytes), and GBK/GB18030 for the many exports made on Chinese Windows.
 */
import iconv from 'iconv-lite';
import { InputError } from '../errors.js';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** The text of bytes that are valid UTF-8 (a strict decode that fails on the first bad sequence), else null. */
function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
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

/** The encoding of a text file's bytes, with their text when telling it already decoded them. */
function bytesToEncodingAndText(bytes: Uint8Array): { encoding: TextEncoding; text?: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be' };
  const wide = utf16ByZeros(bytes);
  if (wide) return { encoding: wide };
  const text = utf8OrNull(bytes);
  return text === null ? { encoding: 'gb18030' } : { encoding: 'utf-8', text };
}

/** The encoding of a text file's bytes. */
export const bytesToEncoding = (bytes: Uint8Array): TextEncoding => bytesToEncodingAndText(bytes).encoding;

/** Decoded text without BOM; throws InputError for binary junk that is no text at all. */
export function decodeText(bytes: Uint8Array, path: string): { text: string; encoding: TextEncoding } {
  // Valid UTF-8 without a BOM is decoded once, by the strict decode that recognised it.
  const { encoding, text: decoded } = bytesToEncodingAndText(bytes);
  let text: string;
  if (decoded !== undefined) text = decoded;
  else if (encoding === 'utf-8') text = new TextDecoder('utf-8').decode(bytes);
  else if (encoding === 'utf-16le') text = new TextDecoder('utf-16le').decode(bytes);
  else if (encoding === 'utf-16be') text = iconv.decode(Buffer.from(bytes), 'utf-16be');
  else text = iconv.decode(Buffer.from(bytes), 'gb18030');
  text = text.replace(/^\uFEFF/, '');
  // Control characters other than tab/newline/CR/form feed mean this is not text.
  const controls = text.slice(0, 65536).match(/[\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0;
  if (controls > 8) throw new InputError('not-text', `${path}: not a text, HTML, PDF or image file (binary content)`);
  return { text, encoding };
}
