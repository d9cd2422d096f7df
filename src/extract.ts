/**
 * Extraction of one input end to end: ingest, then the pipeline for its kind.
 * This is the one entry point the application layer (src/app: extract, import, reextract) uses.
 */
import { InputError } from './errors.js';
import { readInput, type InputGroup, type ReadBytes } from './ingest/read-input.js';
import type { Doc } from './model.js';
import { runStages, type StageContext } from './pipeline.js';
import { pipelineFor } from '../pipelines/index.js';

export type { InputGroup } from './ingest/read-input.js';

/** Runs the pipeline of its kind on a document already read; throws InputError when it holds no form. */
export async function extractDoc(doc: Doc, ctx: StageContext = {}): Promise<Doc> {
  const done = await runStages(await pipelineFor(doc.source.kind), doc, ctx);
  if (done.forms.length === 0) {
    const why = done.issues.find((i) => i.severity === 'error')?.message;
    throw new InputError('not-a-form', `${doc.source.path}: no declaration form found${why ? ` (${why})` : ''}`);
  }
  return done;
}

/** Reads one input and runs its pipeline; throws InputError when the file is unusable. */
export async function extractInput(input: InputGroup, ctx: StageContext = {}, given?: ReadBytes): Promise<Doc> {
  return extractDoc(await readInput(input, given), ctx);
}
