/**
 * The OCR engine seen by the stages: recognise many small crops (table cells) at once.
 * Engines (tesseract.js, PP-OCR via onnxruntime) implement this; one is created per run and
 * closed in `finally` by whoever created it.
 */
import type { BBox } from '../model.js';

/**
 * One cell of a page, already cropped: grey pixels (0 black … 255 white), one byte each,
 * row-major. Raw pixels, not an encoded image: the engines read pixels, and encoding every crop
 * only to decode it again cost more than reading some of them.
 */
export interface OcrCrop {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface OcrWord {
  text: string;
  /** 0..1 */
  confidence: number;
  /** Pixel box inside the crop. */
  bbox: BBox;
}

export interface OcrResult {
  /** The crop's text, lines joined with `\n`. */
  text: string;
  /** Mean word confidence 0..1 (0 when nothing was read). */
  confidence: number;
  words: OcrWord[];
}

export interface OcrEngine {
  readonly name: 'tesseract' | 'paddle';
  recognize(crops: readonly OcrCrop[]): Promise<OcrResult[]>;
  close(): Promise<void>;
}

/**
 * Creates the engine on first use, so runs without scans never start OCR workers; the owner
 * (the CLI command) calls `close()` in `finally`.
 */
export interface OcrProvider {
  get(): Promise<OcrEngine>;
  close(): Promise<void>;
}

export function lazyOcrProvider(create: () => Promise<OcrEngine>): OcrProvider {
  let engine: Promise<OcrEngine> | null = null;
  return {
    get: () => (engine ??= create()),
    close: async () => {
      if (engine) await (await engine).close();
      engine = null;
    },
  };
}
