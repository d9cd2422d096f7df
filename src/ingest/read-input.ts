/** Ingest: read a file (or a group of page images), hash it, decide its kind, decode text. */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { makeIssue } from '../issues.js';
import type { Doc, InputKind, Issue } from '../model.js';
import { binaryFormatToKind, bytesToBinaryFormat, textLooksLikeHtml } from './detect-kind.js';
import { decodeText } from './decode-text.js';

/** Files larger than this are refused rather than read into memory. */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

/** One input to the pipeline: a file, or the page images of one scanned form. */
export interface InputGroup {
  /** The path the record names (the first page for a group of page images). */
  path: string;
  /** All files of the group in page order (one entry for an ordinary file). */
  parts: string[];
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Reads one file's bytes with the checks every input gets: exists, is a file, not empty, not huge. */
export async function readInputBytes(path: string): Promise<Uint8Array> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError('not-found', `${path}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`}`);
  }
  if (!info.isFile()) throw new InputError('not-a-file', `${path}: not a file`);
  if (info.size === 0) throw new InputError('empty', `${path}: empty file`);
  if (info.size > MAX_INPUT_BYTES)
    throw new InputError('too-large', `${path}: too large (${Math.round(info.size / 2 ** 20)} MiB; the limit is ${MAX_INPUT_BYTES / 2 ** 20} MiB)`);
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    throw new InputError('unreadable', `${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/** A new document for an input: bytes read, hashed, kind decided, text decoded. */
export async function readInput(input: InputGroup): Promise<Doc> {
  const parts = await Promise.all(input.parts.map((p) => readInputBytes(p)));
  const first = parts[0]!;
  const format = bytesToBinaryFormat(first);
  let kind: InputKind | null = binaryFormatToKind(format);
  let text: string | undefined;
  const issues: Issue[] = [];
  if (parts.length > 1) {
    const other = parts.findIndex((p) => binaryFormatToKind(bytesToBinaryFormat(p)) !== 'image');
    if (other >= 0) throw new InputError('mixed-group', `${input.parts[other]}: page ${other + 1} of ${input.path}'s page images is no image`);
  }
  if (kind === null) {
    const decoded = decodeText(first, input.path);
    text = decoded.text;
    if (decoded.badSequences > 0) issues.push(makeIssue('read.bad-bytes', null, { count: decoded.badSequences, encoding: decoded.encoding.toUpperCase() }));
    if (text.trim() === '') throw new InputError('empty', `${input.path}: empty file (only blanks)`);
    kind = textLooksLikeHtml(text) ? 'html' : 'text';
  }
  // A group's hash is the hash of its parts' hashes in order, so re-scanning one page changes it.
  const hash = parts.length === 1 ? sha256(first) : sha256(Buffer.from(parts.map(sha256).join('\n')));
  const bytes = parts.reduce((n, p) => n + p.length, 0);
  return {
    source: { path: input.path, sha256: hash, kind, bytes, pages: 0 },
    ...(text !== undefined ? { text } : {}),
    ...(kind === 'pdf' || kind === 'image' ? { parts, partPaths: [...input.parts] } : {}),
    pages: [],
    rows: [],
    forms: [],
    issues,
  };
}
