/** Deciding what a file is from its first bytes, not from its name. */
import type { InputKind } from '../model.js';

export type BinaryFormat = 'pdf' | 'png' | 'jpeg' | 'tiff' | 'gif' | 'bmp' | 'webp';

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0): boolean =>
  magic.every((b, i) => bytes[at + i] === b);

/** The binary format a file's magic number names, or null for anything else (text, say). */
export function bytesToBinaryFormat(bytes: Uint8Array): BinaryFormat | null {
  // %PDF may follow a little junk (some producers prepend a header); the spec allows 1 KiB.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(bytes, [0x42, 0x4d])) return 'bmp';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  return null;
}

/** The input kind of a binary format; null means the file is to be decoded as text. */
export function binaryFormatToKind(format: BinaryFormat | null): InputKind | null {
  if (format === null) return null;
  return format === 'pdf' ? 'pdf' : 'image';
}

/** Whether decoded text is an HTML page rather than a tab-separated text export. */
export function textLooksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096).toLowerCase();
  if (/^\s*(<!doctype html|<html|<\?xml[^>]*>\s*<html)/.test(head)) return true;
  // A fragment: a table with rows, and no tab-separated lines outside tags.
  return /<table[\s>]/.test(text.slice(0, 200_000).toLowerCase()) && !/\t/.test(text.replace(/<[^>]*>/g, ''));
}
