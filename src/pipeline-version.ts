/**
 * The version stored with every extraction: the package version and a hash of the extraction
 * code, so any change to the extractor makes `import` read files again and `reextract` report what
 * changed, without anyone remembering to bump a number. Only product code that changes what is
 * extracted counts: src/ and pipelines/, but not the store or the command line; test tooling
 * (testkit/, tests/) lives outside them and never changes the version.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** The application layer, the store and the command line do not change what is extracted. */
const NOT_EXTRACTION = /[\\/]src[\\/](app|cli|store)[\\/]/;

/** The files the version hashes, below `root` (the project folder, or dist/ when running compiled code). */
export function extractionCodeFiles(root: string): string[] {
  return [...codeFiles(join(root, 'src')), ...codeFiles(join(root, 'pipelines'))].filter((f) => !NOT_EXTRACTION.test(f));
}

/** `VERSION+HASH` of the code below `root`; package.json is read beside it, or one level up from dist/. */
export function pipelineVersion(root: string): string {
  const hash = createHash('sha256');
  for (const file of extractionCodeFiles(root)) hash.update(readFileSync(file));
  const pkg = JSON.parse(readFileSync(join(root, /[\\/]dist[\\/]?$/.test(root) ? '..' : '.', 'package.json'), 'utf8')) as { version: string };
  return `${pkg.version}+${hash.digest('hex').slice(0, 10)}`;
}

let current: string | undefined;
/**
 * The version stored with every extraction, of the code this process runs, hashed on first use:
 * only the commands that store or compare something pay for reading every code file.
 */
export const currentPipelineVersion = (): string => (current ??= pipelineVersion(fileURLToPath(new URL('..', import.meta.url))));
