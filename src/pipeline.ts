/**
 * A pipeline is a list of stages; a stage is a function of the document that returns it with
 * something added. Pipelines per input kind live in `pipelines/`.
 */
import type { Doc } from './model.js';

/** What every stage of a run shares, given by the application layer (src/app). */
export interface StageContext {
  /** OCR engine for scans: created on first use, once per run, shared by all documents, closed by `withOcr`. */
  ocr?: import('./ocr/engine.js').OcrProvider;
  /** Aborted when the file is out of time: stages stop at their next step (between stages, pages). */
  signal?: AbortSignal;
  /** Scans: read key values a second time (on unless false; the bench turns it off to measure its cost). */
  secondReading?: boolean;
}

export type Stage = (doc: Doc, ctx: StageContext) => Doc | Promise<Doc>;

/** Runs the stages in order over one document. */
export async function runStages(stages: readonly Stage[], doc: Doc, ctx: StageContext): Promise<Doc> {
  let current = doc;
  for (const stage of stages) {
    ctx.signal?.throwIfAborted();
    current = await stage(current, ctx);
  }
  return current;
}
