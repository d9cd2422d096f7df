/**
 * Extraction of one input end to end: ingest, then the pipeline for its kind.
 * This is the one entry point the CLI commands (extract, import, reextract) use.
 */
import { InputError } from './errors.js';
import { readInput, type InputGroup } from './ingest/read-input.js';
import type { Doc } from './model.js';
import { runStages, type StageContext } from './pipeline.js';
import { pipelineFor } from '../pipelines/index.js';

export type { InputGroup } from './ingest/read-input.js';

/** Bumped whenever extraction changes what it produces; stored with every run. */
export const PIPELINE_VERSION = '0.1.0';

/** Reads one input and runs its pipeline; throws InputError when the file is unusable. */
export async function extractInput(input: InputGroup, ctx: StageContext = {}): Promise<Doc> {
  const doc = await readInput(input);
  const done = await runStages(pipelineFor(doc.source.kind), doc, ctx);
  if (done.forms.length === 0) {
    const why = done.issues.find((i) => i.severity === 'error')?.message;
    throw new InputError('not-a-form', `${input.path}: no declaration form found${why ? ` (${why})` : ''}`);
  }
  return done;
}
