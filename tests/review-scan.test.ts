/**
 * The corrections layer on a scanned page (real OCR): a corrected project name survives the import
 * of a second scan of the same form.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import type { DeclarationRecord } from '../src/model.js';
import { BIN, buildCli, ROOT, tempDir } from './store-helpers.js';

let dir: string;
const cli = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args, '--db', join(dir, 'd.sqlite')], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};
const exported = async (): Promise<DeclarationRecord[]> => JSON.parse((await cli('export', '--format', 'json')).stdout) as DeclarationRecord[];

beforeAll(async () => {
  await buildCli();
  dir = tempDir('declx-review-scan-');
  // seed 2 scanned at 150 dpi; the second scan is the same page encoded again (other bytes, same form)
  copyFileSync(join(ROOT, 'fixtures', 'scan-page150', 'page.jpg'), join(dir, 'scan.jpg'));
  await sharp(join(dir, 'scan.jpg')).jpeg({ quality: 85 }).toFile(join(dir, 'rescan.jpg'));
}, 120_000);

describe('corrections on a scanned form', () => {
  it('a corrected project name is exported, and kept when a second scan of the form is imported', { timeout: 300_000 }, async () => {
    expect((await cli('import', 'scan.jpg')).code).toBe(0);
    const read = (await exported())[0]!;
    expect(read.source.kind).toBe('image');
    // the form prints full-width brackets; the reader folds them to ASCII ones (NFKC)
    const printed = '组织部弱电会议系统（运维）';
    expect(read.projectName).not.toBe(printed);
    const r = await cli('correct', '1', 'projectName', printed, '--reason', 'brackets as printed');
    expect(r.code).toBe(0);
    expect((await exported())[0]!.projectName).toBe(printed);
    expect((await cli('correct', '1', 'totalBudget', '三十万')).code).toBe(2);

    expect((await cli('import', 'rescan.jpg')).stdout).toContain('1 new version');
    const after = await exported();
    expect(after).toHaveLength(1);
    expect(after[0]!.source.path).toBe('rescan.jpg');
    expect(after[0]!.projectName).toBe(printed);
    rmSync(dir, { recursive: true, force: true });
  });
});
