#!/usr/bin/env node
// Writes one text export holding many generated forms in the seed's layout (see writeTextExport
// in testkit/synth/write-corpus.ts): the input of the text path's speed measurement. Runs from
// dist/ (npm run build first).
//
//   node scripts/make-export.js [FILE] [COUNT] [SEED]
//
// FILE defaults to output/export-4000.txt, COUNT to 4000, SEED to 1.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/testkit/synth/write-corpus.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('make-export: not built yet; run `npm run build` first\n');
  process.exit(2);
}
const { writeTextExport } = await import(entry.href);
const [file = 'output/export-4000.txt', count = '4000', seed = '1'] = process.argv.slice(2);
const n = Number(count);
if (!Number.isInteger(n) || n < 1) {
  process.stderr.write('usage: node scripts/make-export.js [FILE] [COUNT] [SEED]\n');
  process.exit(2);
}
mkdirSync(dirname(file), { recursive: true });
const { forms, bytes } = await writeTextExport(file, { count: n, seed });
process.stdout.write(`${file}: ${forms} forms, ${(bytes / 2 ** 20).toFixed(1)} MiB\n`);
