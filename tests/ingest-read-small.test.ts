import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { groupToSha256, readInput, readSmallInput, SMALL_INPUT_BYTES } from '../src/ingest/read-input.js';
import { SEED_TEXT, tempDir } from './store-helpers.js';

let dir: string;
beforeAll(() => {
  dir = tempDir('declx-read-small-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a small input read once', () => {
  it('gives the hash the chunked reader gives, for a file and for a group of page images', async () => {
    const one = { path: SEED_TEXT, parts: [SEED_TEXT] };
    expect(readSmallInput(one)!.sha256).toBe(await groupToSha256(one));
    const a = join(dir, 'scan-1.png');
    const b = join(dir, 'scan-2.png');
    writeFileSync(a, 'first page');
    writeFileSync(b, 'second page');
    const pages = { path: a, parts: [a, b] };
    expect(readSmallInput(pages)!.sha256).toBe(await groupToSha256(pages));
  });

  it('hands readInput the same document it would read itself', async () => {
    const one = { path: SEED_TEXT, parts: [SEED_TEXT] };
    expect(await readInput(one, readSmallInput(one)!)).toEqual(await readInput(one));
  });

  it('fails with the reader’s own line for a missing, empty or non-file input', () => {
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const sub = join(dir, 'folder');
    mkdirSync(sub);
    expect(() => readSmallInput({ path: join(dir, 'nope.txt'), parts: [join(dir, 'nope.txt')] })).toThrow(/no such file/);
    expect(() => readSmallInput({ path: empty, parts: [empty] })).toThrow(/empty file/);
    expect(() => readSmallInput({ path: sub, parts: [sub] })).toThrow(/not a file/);
  });

  it('leaves a large input to be read where it is extracted', () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, Buffer.alloc(SMALL_INPUT_BYTES + 1, 0x41));
    expect(readSmallInput({ path: big, parts: [big] })).toBeNull();
    rmSync(big);
  });
});
