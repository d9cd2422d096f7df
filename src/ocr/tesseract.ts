/**
 * The tesseract.js engine: chi_sim (LSTM, `4.0.0_best_int`) read from the installed
 * `@tesseract.js-data/chi_sim` package, one worker per core behind one scheduler, recycled after
 * a number of jobs (tesseract's memory grows with use), terminated by `close()`.
 *
 * Nothing is fetched and nothing is cached: `langPath` is a local folder and `cacheMethod: 'none'`
 * keeps tesseract.js from writing `chi_sim.traineddata` into the working directory.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { createScheduler, createWorker, OEM, PSM, type Scheduler } from 'tesseract.js';
import { cropToPgm } from './crop-image.js';
import type { OcrCrop, OcrEngine, OcrResult, OcrWord } from './engine.js';

const require = createRequire(import.meta.url);

/** The folder holding `chi_sim.traineddata.gz` for the LSTM engine. */
export function chiSimLangPath(): string {
  return join(dirname(require.resolve('@tesseract.js-data/chi_sim/package.json')), '4.0.0_best_int');
}

export interface TesseractOptions {
  /** Workers (one per core by default). */
  workers?: number;
  /** A worker set is replaced after this many recognised crops. */
  recycleAfterJobs?: number;
  /** Page segmentation mode: 6 (one uniform block) suits table cells; NOTES.md measured it. */
  psm?: PSM;
}

/** The tesseract.js result page as far as we read it. */
interface TessPage {
  text: string;
  confidence: number;
  blocks: { paragraphs: { lines: { words: { text: string; confidence: number; bbox: OcrWord['bbox'] }[] }[] }[] }[] | null;
}

/** Words of a tesseract.js page, confidences scaled to 0..1. */
export function tessPageToWords(page: TessPage): OcrWord[] {
  const words: OcrWord[] = [];
  for (const b of page.blocks ?? [])
    for (const p of b.paragraphs)
      for (const l of p.lines)
        for (const w of l.words) words.push({ text: w.text, confidence: Math.max(0, Math.min(1, w.confidence / 100)), bbox: w.bbox });
  return words;
}

/** The lines of a tesseract.js page, each line's words joined with one blank (cleaned later). */
export function tessPageToLines(page: TessPage): string[] {
  const lines: string[] = [];
  for (const b of page.blocks ?? [])
    for (const p of b.paragraphs)
      for (const l of p.lines) {
        const text = l.words.map((w) => w.text).join(' ').trim();
        if (text) lines.push(text);
      }
  return lines;
}

async function startScheduler(workers: number, psm: PSM): Promise<Scheduler> {
  const scheduler = createScheduler();
  const langPath = chiSimLangPath();
  try {
    const made = await Promise.all(
      Array.from({ length: workers }, () =>
        createWorker('chi_sim', OEM.LSTM_ONLY, { langPath, cacheMethod: 'none', gzip: true }),
      ),
    );
    for (const w of made) {
      await w.setParameters({ tessedit_pageseg_mode: psm, preserve_interword_spaces: '0', user_defined_dpi: '300' });
      scheduler.addWorker(w);
    }
  } catch (err) {
    await scheduler.terminate().catch(() => undefined);
    throw err;
  }
  return scheduler;
}

/** Creates the tesseract.js engine; its workers start now (about a quarter second each). */
export async function createTesseractEngine(options: TesseractOptions = {}): Promise<OcrEngine> {
  const workers = Math.max(1, options.workers ?? availableParallelism());
  const recycleAfterJobs = options.recycleAfterJobs ?? 400;
  const psm = options.psm ?? PSM.SINGLE_BLOCK;
  let scheduler: Promise<Scheduler> | null = startScheduler(workers, psm);
  let jobs = 0;
  let inFlight = 0;

  const recognizeOne = async (s: Scheduler, crop: OcrCrop): Promise<OcrResult> => {
    const { data } = (await s.addJob('recognize', cropToPgm(crop), {}, { text: true, blocks: true })) as unknown as { data: TessPage };
    const words = tessPageToWords(data);
    const text = tessPageToLines(data).join('\n');
    const confidence = words.length ? words.reduce((n, w) => n + w.confidence, 0) / words.length : 0;
    return { text, confidence, words };
  };

  return {
    name: 'tesseract',
    async recognize(crops) {
      if (!scheduler) throw new Error('OCR engine is closed');
      // Recycle between batches only, never under a batch that is still running.
      if (jobs >= recycleAfterJobs && inFlight === 0) {
        const old = scheduler;
        scheduler = startScheduler(workers, psm);
        jobs = 0;
        await (await old).terminate();
      }
      const s = await scheduler;
      inFlight++;
      try {
        jobs += crops.length;
        return await Promise.all(crops.map((c) => recognizeOne(s, c)));
      } finally {
        inFlight--;
      }
    },
    async close() {
      const s = scheduler;
      scheduler = null;
      if (s) await (await s).terminate();
    },
  };
}
