/**
 * The OCR engine's lifetime for one run: made on first use (runs without scans never start it),
 * shared by every document of the run, closed when the run ends, however it ends.
 */
import { createOcrEngine, type OcrEngineName, type OcrEngineOptions } from '../ocr/create-engine.js';
import { lazyOcrProvider, type OcrProvider } from '../ocr/engine.js';

/** The run's engine (the second reading of a scan's key values is this engine at another scale). */
export function makeOcrProvider(name: OcrEngineName, options: OcrEngineOptions = {}): OcrProvider {
  return lazyOcrProvider(() => createOcrEngine(name, options));
}

export async function withOcr<T>(name: OcrEngineName, fn: (ocr: OcrProvider) => Promise<T>, options: OcrEngineOptions = {}): Promise<T> {
  const ocr = makeOcrProvider(name, options);
  try {
    return await fn(ocr);
  } finally {
    await ocr.close();
  }
}
