#!/usr/bin/env node
// The main job on the bundled fixtures: import every good fixture (a folder with an input and
// its expected.json) into output/declarations.sqlite, then show a search and one record.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'declx.js');
const fixtures = join(root, 'fixtures');

const inputs = readdirSync(fixtures)
  .sort()
  .map((name) => join(fixtures, name))
  .filter((dir) => existsSync(join(dir, 'expected.json')))
  .flatMap((dir) => readdirSync(dir).filter((f) => f.startsWith('input')).map((f) => join(dir, f)));
// One scanned page too (seed 2 at 150 dpi), so the demo shows OCR at work (a few seconds).
inputs.push(join(fixtures, 'scan-page150', 'page.jpg'));

function declx(args, { show = true } = {}) {
  if (show) process.stdout.write(`\n$ declx ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}\n`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (show) process.stdout.write(r.stdout);
  return r;
}

const imported = declx(['import', ...inputs.map((p) => p.slice(root.length))]);
if (imported.status === 2) process.exit(2);
const found = declx(['search', '远程教育']);
const hits = declx(['search', '远程教育', '--format', 'json'], { show: false });
const first = JSON.parse(hits.stdout || '[]')[0];
if (first) declx(['show', String(first.id)]);
process.exit(imported.status || found.status || 0);
