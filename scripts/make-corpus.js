#!/usr/bin/env node
// Writes a corpus of synthetic forms with their truth: NNNNN.txt / NNNNN.html beside
// NNNNN.expected.json (see testkit/synth/write-corpus.ts); PDFs as NNNNN.pdf. Runs from dist/ (npm run build first).
//
//   node scripts/make-corpus.js [DIR] [COUNT] [SEED] [KINDS]
//
// DIR defaults to output/synth-corpus, COUNT to 200, SEED to 1, KINDS to text,html (pdf too).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/testkit/synth/write-corpus.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('make-corpus: not built yet; run `npm run build` first\n');
  process.exit(2);
}
const { writeCorpus } = await import(entry.href);
const [dir = 'output/synth-corpus', count = '200', seed = '1', kinds = 'text,html'] = process.argv.slice(2);
const n = Number(count);
const kindList = kinds.split(',').filter(Boolean);
if (!Number.isInteger(n) || n < 0 || kindList.some((k) => !['text', 'html', 'pdf'].includes(k))) {
  process.stderr.write('usage: node scripts/make-corpus.js [DIR] [COUNT] [SEED] [text,html,pdf]\n');
  process.exit(2);
}
const entries = await writeCorpus(dir, { count: n, seed, kinds: kindList });
const forms = entries.reduce((s, e) => s + e.forms, 0);
process.stdout.write(`${entries.length} files (${forms} forms) written to ${dir}\n`);
