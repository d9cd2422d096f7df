/** Ingest: read a file (or a group of page images), hash it, decide its kind, decode text. */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync, type Stats } from 'node:fs';
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

/** A group's hash from its parts' hashes in order (one part: its own hash), so re-scanning one page changes it. */
const partHashesToSha256 = (hashes: readonly string[]): string => (hashes.length === 1 ? hashes[0]! : sha256(Buffer.from(hashes.join('\n'))));

/**
 * The input's hash as `readInput` gives it, read in chunks so that a large file is never held
 * whole (the skip check before extraction); throws what the file system says.
 */
export async function groupToSha256(input: InputGroup): Promise<string> {
  const hashes: string[] = [];
  for (const part of input.parts) {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(part)) hash.update(chunk as Buffer);
    hashes.push(hash.digest('hex'));
  }
  return partHashesToSha256(hashes);
}

/** The checks every input gets: exists, is a file, not empty, not huge (given the file's details, or the error getting them). */
function checkInputFile(path: string, info: Stats | Error): Stats {
  if (info instanceof Error) {
    const code = (info as NodeJS.ErrnoException).code;
    throw new InputError('not-found', `${path}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`}`);
  }
  if (!info.isFile()) throw new InputError('not-a-file', `${path}: not a file`);
  if (info.size === 0) throw new InputError('empty', `${path}: empty file`);
  if (info.size > MAX_INPUT_BYTES)
    throw new InputError('too-large', `${path}: too large (${Math.round(info.size / 2 ** 20)} MiB; the limit is ${MAX_INPUT_BYTES / 2 ** 20} MiB)`);
  return info;
}

function statSyncOrError(path: string): Stats | Error {
  try {
    return statSync(path);
  } catch (err) {
    return err as Error;
  }
}

const unreadable = (path: string, err: unknown): InputError =>
  new InputError('unreadable', `${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);

/** Reads one file's bytes with the checks every input gets: exists, is a file, not empty, not huge. */
export async function readInputBytes(path: string): Promise<Uint8Array> {
  checkInputFile(path, await stat(path).catch((err: Error) => err));
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    throw unreadable(path, err);
  }
}

/** Inputs up to this size in all are read whole at once, hashed from memory and handed on as bytes. */
export const SMALL_INPUT_BYTES = 16 * 2 ** 20;

/** An input read and hashed once, to be handed to `readInput`. */
export interface ReadBytes {
  parts: Uint8Array[];
  sha256: string;
}

/**
 * A small input's bytes and hash, read synchronously in one pass (with every input's checks);
 * null when the input is larger than SMALL_INPUT_BYTES (it is then hashed in chunks and read
 * where it is extracted, never held whole twice).
 */
export function readSmallInput(input: InputGroup): ReadBytes | null {
  let total = 0;
  for (const path of input.parts) {
    total += checkInputFile(path, statSyncOrError(path)).size;
    if (total > SMALL_INPUT_BYTES) return null;
  }
  const parts = input.parts.map((path) => {
    try {
      const b = readFileSync(path);
      // A view, not a copy: the file's own buffer can then be moved to the extracting thread.
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    } catch (err) {
      throw unreadable(path, err);
    }
  });
  return { parts, sha256: partHashesToSha256(parts.map(sha256)) };
}

/** A new document for an input: bytes read (unless given, read and hashed), hashed, kind decided, text decoded. */
export async function readInput(input: InputGroup, given?: ReadBytes): Promise<Doc> {
  const parts = given?.parts ?? (await Promise.all(input.parts.map((p) => readInputBytes(p))));
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
  const hash = given?.sha256 ?? partHashesToSha256(parts.map(sha256));
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
