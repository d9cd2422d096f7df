/** The one place an OCR engine is chosen by name (`--ocr tesseract|paddle`). */
import type { OcrEngine } from './engine.js';

export type OcrEngineName = 'tesseract' | 'paddle';

/**
 * The engine used when none is named: PP-OCRv4 read every key field of the 300 dpi scan samples
 * right and their prose letter-perfect through the same cell layout, where tesseract missed a
 * few key fields and characters (scripts/accuracy.sh, README "Scans").
 */
export const DEFAULT_OCR_ENGINE: OcrEngineName = 'paddle';

export interface OcrEngineOptions {
  /** Parallel workers; one per core by default. */
  workers?: number;
  /** Tesseract: replace the workers after this many crops. */
  recycleAfterJobs?: number;
}

/** Creates a started engine; the caller closes it in `finally`. */
export async function createOcrEngine(name: OcrEngineName, options: OcrEngineOptions = {}): Promise<OcrEngine> {
  switch (name) {
    case 'tesseract': {
      // Imported on demand, as paddle below: reading text exports never loads tesseract.js.
      const { createTesseractEngine } = await import('./tesseract.js');
      return createTesseractEngine(options);
    }
    case 'paddle': {
      // Imported on demand: onnxruntime's native library loads only when this engine is chosen.
      const { createPaddleEngine } = await import('./paddle.js');
      // One session; lines read side by side play the part of tesseract's workers.
      return createPaddleEngine(options.workers ? { concurrentRuns: options.workers } : {});
    }
  }
}
