/**
 * The pipeline version changes with the extraction code and only with it: editing test tooling
 * (testkit/) must not make every stored file count as new.
 */
import { appendFileSync, cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentPipelineVersion, extractionCodeFiles, pipelineVersion } from '../src/pipeline-version.js';

const ROOT = resolve(import.meta.dirname, '..');

/** A copy of the project's code (src, pipelines, testkit, package.json) to edit freely. */
function copyOfProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'declx-version-'));
  for (const part of ['src', 'pipelines', 'testkit', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  return dir;
}

/** Every .ts file below a folder. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('pipeline version', () => {
  it('is the version of the code it runs', () => {
    expect(currentPipelineVersion()).toBe(pipelineVersion(ROOT));
    expect(currentPipelineVersion()).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{10}$/);
  });

  it('hashes extraction code only: src and pipelines, without the application layer, the store and the command line', () => {
    const files = extractionCodeFiles(ROOT).map((f) => relative(ROOT, f));
    expect(files).toContain(join('src', 'vocab', 'labels.ts'));
    expect(files).toContain(join('pipelines', 'text.ts'));
    expect(files.filter((f) => !/^(src|pipelines)[\\/]/.test(f))).toEqual([]);
    expect(files.filter((f) => /^src[\\/](app|cli|store)[\\/]/.test(f))).toEqual([]);
  });

  it('stays the same whatever changes in testkit, and changes with the extraction code', () => {
    const dir = copyOfProject();
    const before = pipelineVersion(dir);
    const testkit = tsFiles(join(dir, 'testkit'));
    expect(testkit.length).toBeGreaterThan(5);
    for (const file of testkit) appendFileSync(file, '\n// edited\n');
    writeFileSync(join(dir, 'testkit', 'added.ts'), 'export const added = 1;\n');
    expect(pipelineVersion(dir)).toBe(before);

    appendFileSync(join(dir, 'src', 'vocab', 'labels.ts'), '\n// edited\n');
    expect(pipelineVersion(dir)).not.toBe(before);
  });
});
