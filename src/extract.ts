/**
 * Extraction of one input end to end: ingest, then the pipeline for its kind.
 * This is the one entry point the application layer (src/app: extract, import, reextract) uses.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from './errors.js';
import { readInput, type InputGroup } from './ingest/read-input.js';
import type { Doc } from './model.js';
import { runStages, type StageContext } from './pipeline.js';
import { pipelineFor } from '../pipelines/index.js';

export type { InputGroup } from './ingest/read-input.js';

/** Every code file below a folder, sorted, so the hash does not depend on the file system's order. */
function codeFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .flatMap((e) => (e.isDirectory() ? codeFiles(join(dir, e.name)) : /\.(js|ts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : []))
    .sort();
}

/**
 * The version stored with every extraction: the package version and a hash of the extraction
 * code (src/ and pipelines/ but the application layer, the store and CLI), so any change to the extractor makes `import` read files again
 * and `reextract` report what changed, without anyone remembering to bump a number.
 */
export const PIPELINE_VERSION: string = (() => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const hash = createHash('sha256');
  // The store and the command line do not change what is extracted: left out.
  const notExtraction = /[\\/]src[\\/](app|cli|store|synth)[\\/]/;
  for (const file of [...codeFiles(join(root, 'src')), ...codeFiles(join(root, 'pipelines'))].filter((f) => !notExtraction.test(f)))
    hash.update(readFileSync(file));
  const pkg = JSON.parse(readFileSync(join(root, root.endsWith(`dist${'/'}`) ? '..' : '.', 'package.json'), 'utf8')) as { version: string };
  return `${pkg.version}+${hash.digest('hex').slice(0, 10)}`;
})();

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
export async function extractInput(input: InputGroup, ctx: StageContext = {}): Promise<Doc> {
  return extractDoc(await readInput(input), ctx);
}
