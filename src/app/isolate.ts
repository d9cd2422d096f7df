/**
 * Each file's extraction in a thread of its own (a piscina pool), with a time limit and a memory
 * cap per file: a file that exceeds them, or that crashes its thread, fails alone with one line
 * and the pool starts a fresh thread for the next. The pool's threads are the run's parallelism
 * (`--concurrency`), for every kind of input; the main thread only hashes, stores and prints.
 * One exception: a pool asked to (`extract`, one file at a time) reads a small text file in the
 * calling thread, where its time limit still holds and its size bounds its memory.
 */
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import { InputError } from '../errors.js';
import { extractInput } from '../extract.js';
import { bytesToBinaryFormat } from '../ingest/detect-kind.js';
import type { InputGroup, ReadBytes } from '../ingest/read-input.js';
import type { Doc } from '../model.js';
import type { OcrEngineName } from '../ocr/create-engine.js';
import { docToSent, MEMORY_EXIT_CODE, type ExtractReply, type ExtractTask } from './extract-worker.js';

/** Limits per file, as `--file-timeout` and `--file-memory` give them. */
export interface FileLimits {
  /** Seconds one file may take (a 300-page scan takes about ten minutes). */
  fileTimeoutS: number;
  /** MiB one file's thread may hold in its heap and buffers. */
  fileMemoryMb: number;
}

export const DEFAULT_FILE_LIMITS: FileLimits = { fileTimeoutS: 1800, fileMemoryMb: 1536 };

/** The limits given, the defaults for those not given. */
export const fileLimits = (given: Partial<FileLimits>): FileLimits => ({
  fileTimeoutS: given.fileTimeoutS ?? DEFAULT_FILE_LIMITS.fileTimeoutS,
  fileMemoryMb: given.fileMemoryMb ?? DEFAULT_FILE_LIMITS.fileMemoryMb,
});

export interface PoolOptions extends FileLimits {
  /** Files extracted at once (threads). */
  concurrency: number;
  ocr: OcrEngineName;
  /** The documents come back with each form's record only (what `extract` prints), not its provenance and issues. */
  recordsOnly?: boolean;
  /** Text files up to `TEXT_HERE_MAX_BYTES` are extracted in the calling thread (see `extractTextHere`). */
  textHere?: boolean;
}

export interface ExtractPool {
  /**
   * Reads (unless `given`: its bytes are then moved to the thread, not copied) and extracts one
   * input in a pool thread; rejects with InputError when the file is unusable or over a limit.
   */
  extract(group: InputGroup, given?: ReadBytes): Promise<Doc>;
  close(): Promise<void>;
}

/**
 * The compiled worker module. Under the test runner this module is TypeScript, which a thread
 * cannot load, so the build in dist/ is used (tests build it first).
 */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return here.replace(/isolate\.js$/, 'extract-worker.js');
  return here.replace(/[\\/]src[\\/]app[\\/]isolate\.ts$/, '/dist/src/app/extract-worker.js');
}

/** How long a file out of time has to stop by itself before its thread is ended (a page's OCR batch fits). */
const STOP_GRACE_MS = 30_000;

const timeoutError = (path: string, limits: FileLimits): InputError =>
  new InputError('timeout', `${path}: took longer than ${limits.fileTimeoutS} s (--file-timeout); stopped`);

/** The one-line error for a thread that was stopped or died while extracting `path`. */
function threadErrorToInputError(err: unknown, path: string, limits: FileLimits): InputError {
  const e = err as { name?: string; code?: string; message?: string } | null;
  if (e?.name === 'AbortError') return timeoutError(path, limits);
  if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY' || e?.message === `worker exited with code: ${MEMORY_EXIT_CODE}`)
    return new InputError('memory', `${path}: needed more than ${limits.fileMemoryMb} MiB of memory (--file-memory); stopped`);
  return new InputError('crashed', `${path}: its reading stopped unexpectedly (${String(e?.message ?? err).split('\n')[0]})`);
}

/** The buffers under the parts that can be moved to a thread: each part's own, whole (not a slice of a shared pool). */
function movableBuffers(parts: readonly Uint8Array[]): ArrayBuffer[] {
  return parts.flatMap((p) => (p.buffer instanceof ArrayBuffer && p.byteOffset === 0 && p.byteLength === p.buffer.byteLength ? [p.buffer] : []));
}

/**
 * A text file up to this size may be extracted in the calling thread (`PoolOptions.textHere`):
 * with one file at a time a thread adds no parallelism and only costs its start and the copy of
 * the records back (for an export of 4,000 forms, 20 MB, about a fifth of the CPU time and 130 MB).
 */
export const TEXT_HERE_MAX_BYTES = 32 * 2 ** 20;

/**
 * Memory a text file's extraction may take per byte of the file, at most (its bytes, its text,
 * a form's rows, the records): a file is read here only if that fits under `--file-memory`.
 */
const TEXT_MEMORY_PER_BYTE = 8;

/**
 * Whether a group is one text file (no binary format's magic in its first KiB) no larger than
 * `maxBytes`; from its bytes when they have been read already (`given`), else from the file.
 */
async function isSmallTextFile(group: InputGroup, maxBytes: number, given?: ReadBytes): Promise<boolean> {
  if (group.parts.length !== 1) return false;
  if (given) {
    const bytes = given.parts[0]!;
    return bytes.length > 0 && bytes.length <= maxBytes && bytesToBinaryFormat(bytes.subarray(0, 1024)) === null;
  }
  // A file that cannot be opened goes to a thread, whose reading says why.
  const handle = await open(group.parts[0]!, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size === 0 || info.size > maxBytes) return false;
    const head = new Uint8Array(1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return bytesToBinaryFormat(head.subarray(0, bytesRead)) === null;
  } finally {
    await handle.close();
  }
}

/**
 * A small text file extracted in this thread, with the same outcome a pool thread gives: its time
 * limit is checked between forms (the text reader lets timers run as it goes), its memory is
 * bounded by its size (`TEXT_MEMORY_PER_BYTE`), and a fault is one line.
 */
async function extractTextHere(group: InputGroup, options: PoolOptions, given?: ReadBytes): Promise<Doc> {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), options.fileTimeoutS * 1000);
  try {
    return docToSent(await extractInput(group, { signal: stop.signal }, given), options.recordsOnly ?? false);
  } catch (err) {
    if (stop.signal.aborted) throw timeoutError(group.path, options);
    if (err instanceof InputError) throw err;
    throw new Error(String((err as Error)?.message ?? err));
  } finally {
    clearTimeout(timer);
  }
}

export function createExtractPool(options: PoolOptions): ExtractPool {
  const threads = Math.max(1, options.concurrency);
  // The pool (and piscina) is loaded when a file first needs a thread: a run of small text files at
  // one a time never does.
  let started: Promise<Piscina> | null = null;
  const threadPool = (): Promise<Piscina> => (started ??= import('piscina').then(({ Piscina }) => newPool(Piscina)));
  const newPool = (Pool: typeof Piscina): Piscina =>
    new Pool({
      filename: workerFile(),
      minThreads: 0,
      maxThreads: threads,
      // One file per thread at a time, so a thread stopped for its file stops no other.
      concurrentTasksPerWorker: 1,
      // Threads, and the OCR engine each keeps, stay warm between files.
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: options.fileMemoryMb },
    });
  // The cores are shared between the files at once; each thread's OCR engine gets its part.
  const ocrWorkers = Math.max(1, Math.floor(availableParallelism() / threads));
  const textHereMaxBytes = Math.min(TEXT_HERE_MAX_BYTES, (options.fileMemoryMb * 2 ** 20) / TEXT_MEMORY_PER_BYTE);
  return {
    async extract(group, given) {
      if (options.textHere && (await isSmallTextFile(group, textHereMaxBytes, given))) return extractTextHere(group, options, given);
      const task: Omit<ExtractTask, 'control'> = { group, ...(given ? { given } : {}), ocr: options.ocr, ocrWorkers, memoryMb: options.fileMemoryMb, recordsOnly: options.recordsOnly ?? false };
      // The time limit counts from when the thread takes up the file, not from the thread's own
      // start (loading modules on a busy machine is no fault of the file). Out of time, the file
      // is asked to stop at its next step; a thread that does not (a long synchronous parse) is
      // ended after a grace period.
      const { port1: control, port2: controlThere } = new MessageChannel();
      const terminate = new AbortController();
      const timers: NodeJS.Timeout[] = [];
      control.on('message', (m) => {
        if (m !== 'started') return;
        timers.push(
          setTimeout(() => {
            control.postMessage('stop');
            timers.push(setTimeout(() => terminate.abort(), STOP_GRACE_MS));
          }, options.fileTimeoutS * 1000),
        );
      });
      let reply: ExtractReply;
      try {
        const transferList = [controlThere, ...(given ? movableBuffers(given.parts) : [])];
        const pool = await threadPool();
        reply = (await pool.run({ ...task, control: controlThere }, { signal: terminate.signal, transferList })) as ExtractReply;
      } catch (err) {
        throw threadErrorToInputError(err, group.path, options);
      } finally {
        for (const t of timers) clearTimeout(t);
        control.close();
      }
      if (reply.kind === 'stopped') throw timeoutError(group.path, options);
      if (reply.kind === 'doc') return reply.doc;
      throw reply.reason === null ? new Error(reply.message) : new InputError(reply.reason, reply.message);
    },
    close: async () => {
      if (started) await (await started).destroy();
    },
  };
}

/** Runs `fn` with a pool, destroyed however `fn` ends. */
export async function withExtractPool<T>(options: PoolOptions, fn: (pool: ExtractPool) => Promise<T>): Promise<T> {
  const pool = createExtractPool(options);
  try {
    return await fn(pool);
  } finally {
    await pool.close();
  }
}
