/** The paddle engine runs with the network blocked and writes nothing into the working directory. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { characterErrorRate as cer } from '../testkit/cer.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const VITE_NODE = join(ROOT, 'node_modules', '.bin', 'vite-node');
const HARNESS = join(ROOT, 'tests', 'ocr-paddle-offline-run.ts');
const NO_NETWORK = join(ROOT, 'tests', 'ocr-helpers', 'no-network.cjs');
const FIXTURES = join(ROOT, 'fixtures', 'ocr-paddle');


describe('paddle OCR offline', () => {
  it('reads a real scanned crop with every network call made to throw, writing no files', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'declx-paddle-offline-'));
    const { stdout } = await run(VITE_NODE, ['--root', ROOT, HARNESS, join(FIXTURES, 'prose-line.png')], {
      cwd,
      env: { ...process.env, NODE_OPTIONS: `--require ${NO_NETWORK}` },
      timeout: 120_000,
    });
    const out = JSON.parse(stdout.trim().split('\n').pop()!) as { text: string; confidence: number };
    const expected = (JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, string>)[
      'prose-line.png'
    ]!;
    expect(cer(out.text, expected)).toBeLessThanOrEqual(0.1);
    expect(out.confidence).toBeGreaterThan(0.5);
    expect(readdirSync(cwd)).toEqual([]);
  }, 120_000);
});
