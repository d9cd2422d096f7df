/**
 * The task each pool thread runs (src/app/isolate.ts): one input read and extracted, its document
 * sent back without the input's bytes. The thread keeps its OCR engine warm across files; a
 * watchdog ends the thread when the file's buffers outgrow the memory cap, which the heap limit
 * given to the thread does not see (pixels live in ArrayBuffers).
 */
import type { MessagePort } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { extractDoc } from '../extract.js';
import { readInput, type InputGroup, type ReadBytes } from '../ingest/read-input.js';
import type { Doc } from '../model.js';
import { createOcrEngine, type OcrEngineName } from '../ocr/create-engine.js';
import { lazyOcrProvider, type OcrProvider } from '../ocr/engine.js';

export interface ExtractTask {
  group: InputGroup;
  /** The input's bytes and hash when the main thread has read them (a small input), moved here. */
  given?: ReadBytes;
  ocr: OcrEngineName;
  /** Threads the OCR engine of this pool thread may use. */
  ocrWorkers: number;
  /** The cap on this thread's heap and buffers, in MiB. */
  memoryMb: number;
  /**
   * The line to the main thread: told `started` when this thread takes up the file (the time
   * limit starts then); says `stop` when the file is out of time.
   */
  control: MessagePort;
}

export type ExtractReply = { kind: 'doc'; doc: Doc } | { kind: 'failed'; reason: string | null; message: string } | { kind: 'stopped' };

/** The exit code of a thread its watchdog ended for memory. */
export const MEMORY_EXIT_CODE = 86;

/** How often the watchdog looks at the thread's memory. */
const WATCH_MS = 100;

let engine: { name: OcrEngineName; provider: OcrProvider } | null = null;

function ocrProvider(name: OcrEngineName, workers: number): OcrProvider {
  if (engine?.name !== name) {
    void engine?.provider.close();
    engine = { name, provider: lazyOcrProvider(() => createOcrEngine(name, { workers })) };
  }
  return engine.provider;
}

export default async function extractTask(task: ExtractTask): Promise<ExtractReply> {
  // Asked to stop, the file's stages end at their next step; the thread stays usable, and no
  // native work (OCR, image decoding) is cut off mid-call.
  const stop = new AbortController();
  task.control.on('message', (m) => m === 'stop' && stop.abort());
  task.control.postMessage('started');
  const cap = task.memoryMb * 2 ** 20;
  const watchdog = setInterval(() => {
    const m = process.memoryUsage();
    // In a worker thread these fields are the thread's own (rss is the process's and not used).
    if (m.heapUsed + m.external > cap) process.exit(MEMORY_EXIT_CODE);
  }, WATCH_MS);
  try {
    const doc = await extractDoc(await readInput(task.group, task.given), { ocr: ocrProvider(task.ocr, task.ocrWorkers), signal: stop.signal });
    // The input's bytes, text, pages and rows stay here: the store and the records need the
    // source, each form's record, provenance and issues, and the document's issues only.
    const forms = doc.forms.map(({ formIndex, pages, provenance, record, issues }) => ({ formIndex, pages, rows: [], issues, ...(provenance ? { provenance } : {}), ...(record ? { record } : {}) }));
    return { kind: 'doc', doc: { source: doc.source, forms, issues: doc.issues, pages: [], rows: [] } };
  } catch (err) {
    if (stop.signal.aborted) return { kind: 'stopped' };
    if (err instanceof InputError) return { kind: 'failed', reason: err.reason, message: err.message };
    return { kind: 'failed', reason: null, message: String((err as Error)?.message ?? err) };
  } finally {
    clearInterval(watchdog);
    task.control.close();
  }
}
