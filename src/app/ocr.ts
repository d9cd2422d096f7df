/**
 * The OCR engine's lifetime for one run: made on first use (runs without scans never start it),
 * shared by every document of the run, closed when the run ends, however it ends.
 */
import { createOcrEngine, type OcrEngineName, type OcrEngineOptions } from '../ocr/create-engine.js';
import { lazyOcrProvider, type OcrProvider } from '../ocr/engine.js';

/** The other engine of the two: the second reader of a scan's key values. */
const OTHER_ENGINE: Record<OcrEngineName, OcrEngineName> = { paddle: 'tesseract', tesseract: 'paddle' };

/**
 * The run's engine, with the other engine as its second reader (one worker: it reads only the
 * short cells of key values); closing it closes both.
 */
export function makeOcrProvider(name: OcrEngineName, options: OcrEngineOptions = {}): OcrProvider {
  const main = lazyOcrProvider(() => createOcrEngine(name, options));
  const second = lazyOcrProvider(() => createOcrEngine(OTHER_ENGINE[name], { ...options, workers: 1 }));
  return {
    get: main.get,
    second,
    close: async () => {
      await Promise.all([main.close(), second.close()]);
    },
  };
}

export async function withOcr<T>(name: OcrEngineName, fn: (ocr: OcrProvider) => Promise<T>, options: OcrEngineOptions = {}): Promise<T> {
  const ocr = makeOcrProvider(name, options);
  try {
    return await fn(ocr);
  } finally {
    await ocr.close();
  }
}
