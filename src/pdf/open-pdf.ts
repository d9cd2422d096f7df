/**
 * Opening a PDF with pdf.js (legacy build, the one meant for Node), offline.
 *
 * CMaps and standard fonts are read from the installed pdfjs-dist package: without `cMapUrl` a
 * PDF with non-embedded CJK fonts yields no text and no error (NOTES.md). pdf.js runs its
 * "fake worker" in this process, and reads those files with `fs` (no fetches).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { InputError } from '../errors.js';

/** pdf.js's document and page, for the readers that take an open PDF. */
export type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

const require = createRequire(import.meta.url);
/** The installed package's root folder, with a trailing slash as pdf.js requires for its factory urls. */
const PDFJS_ROOT = dirname(require.resolve('pdfjs-dist/package.json'));
const withSlash = (p: string): string => (p.endsWith('/') ? p : `${p}/`);

/** The getDocument options every PDF is opened with. */
export const PDFJS_OPTIONS = {
  cMapUrl: withSlash(join(PDFJS_ROOT, 'cmaps')),
  cMapPacked: true,
  standardFontDataUrl: withSlash(join(PDFJS_ROOT, 'standard_fonts')),
  wasmUrl: withSlash(join(PDFJS_ROOT, 'wasm')),
  iccUrl: withSlash(join(PDFJS_ROOT, 'iccs')),
  isEvalSupported: false,
  useWorkerFetch: false,
  useSystemFonts: false,
  disableFontFace: true,
  // Errors only: pdf.js warns on stderr about every odd font, which would drown the CLI's lines.
  verbosity: 0,
} as const;

/** How far from the end of the file the `%%EOF` marker may stand (producers and copiers pad with blanks or NULs, up to a 4 KiB block). */
const EOF_WINDOW_BYTES = 4096 + 64;

/** Whether the bytes end with a `%%EOF` marker, as every complete PDF does. */
export function bytesHaveEof(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - EOF_WINDOW_BYTES))).toString('latin1');
  return tail.includes('%%EOF');
}

/** The InputError for a pdf.js failure to open a file. */
export function pdfErrorToInputError(err: unknown, path: string, bytes: Uint8Array): InputError {
  const name = (err as { name?: string } | null)?.name ?? '';
  const message = (err as { message?: string } | null)?.message ?? String(err);
  if (name === 'PasswordException') return new InputError('pdf-encrypted', `${path}: encrypted PDF (password required)`);
  if (!bytesHaveEof(bytes)) return new InputError('pdf-truncated', `${path}: truncated PDF (the file ends before its end-of-file marker)`);
  return new InputError('pdf-corrupt', `${path}: corrupt PDF (${message.split('\n')[0]})`);
}

/**
 * Opens a PDF from its bytes; throws InputError `pdf-encrypted`, `pdf-truncated` or `pdf-corrupt`.
 * A file that pdf.js can open although it lacks its end marker is refused as truncated, since its
 * last pages or objects are missing and a partial record would pass for a whole one.
 */
export async function openPdf(bytes: Uint8Array, path: string): Promise<PDFDocumentProxy> {
  // pdf.js transfers (detaches) the buffer it is given; keep the caller's bytes intact.
  const data = new Uint8Array(bytes);
  const task = pdfjs.getDocument({ data, ...PDFJS_OPTIONS });
  let pdf: PDFDocumentProxy;
  try {
    pdf = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    throw pdfErrorToInputError(err, path, bytes);
  }
  if (!bytesHaveEof(bytes)) {
    await pdf.destroy().catch(() => undefined);
    throw new InputError('pdf-truncated', `${path}: truncated PDF (the file ends before its end-of-file marker)`);
  }
  if (pdf.numPages === 0) {
    await pdf.destroy().catch(() => undefined);
    throw new InputError('pdf-corrupt', `${path}: corrupt PDF (no pages)`);
  }
  return pdf;
}
