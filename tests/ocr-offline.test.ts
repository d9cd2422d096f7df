/** The OCR engine runs with the network blocked and writes nothing into the working directory. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ocrTextToCellText } from '../src/scan/clean-text.js';
import { characterErrorRate } from '../testkit/cer.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const VITE_NODE = join(ROOT, 'node_modules', '.bin', 'vite-node');
const HARNESS = join(ROOT, 'tests', 'ocr-helpers', 'ocr-offline-run.ts');
const CROP = join(ROOT, 'fixtures', 'scan-seed2', 'cell-lines.jpg');

/** Runs the harness in a fresh folder with every network call made to throw, in workers too. */
async function offline(...args: string[]): Promise<{ out: Record<string, unknown>; cwd: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'declx-offline-'));
  const { stdout } = await run(VITE_NODE, ['--root', ROOT, HARNESS, ...args], {
    cwd,
    env: { ...process.env, NODE_OPTIONS: `--require ${join(ROOT, 'tests', 'ocr-helpers', 'no-network.cjs')}` },
    timeout: 120_000,
  });
  const last = stdout.trim().split('\n').pop()!;
  return { out: JSON.parse(last) as Record<string, unknown>, cwd };
}

describe('OCR offline', () => {
  it('the block holds in worker threads, where tesseract.js works (control)', async () => {
    const { out } = await offline('control');
    expect(String(out.error)).toMatch(/network blocked/);
  }, 120_000);

  it('reads a real scanned crop with the network blocked, within a fuzzy bound, writing no files', async () => {
    const { out, cwd } = await offline('ocr', CROP);
    const expected = '本项目已正式投入使用，并按照经信委要求完成验收。保障组织部弱电会议系统的正常运作及日常维护。'.normalize('NFKC');
    const got = ocrTextToCellText(String(out.text));
    // Character error rate of cell crops measured at about 0.03–0.07 (NOTES.md); allow 0.15.
    expect(characterErrorRate(got, expected)).toBeLessThan(0.15);
    expect(readdirSync(cwd)).toEqual([]);
    expect(existsSync(join(ROOT, 'chi_sim.traineddata'))).toBe(false);
  }, 120_000);
});
