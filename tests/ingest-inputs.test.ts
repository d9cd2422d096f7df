/** Ingest: encodings, kind by content, page-image grouping, and bad files as one clean error. */
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { extractInput } from '../src/extract.js';
import { InputError } from '../src/errors.js';
import { bytesToEncoding, decodeText } from '../src/ingest/decode-text.js';
import { bytesToBinaryFormat } from '../src/ingest/detect-kind.js';
import { collectInputs, pathsToGroups } from '../src/ingest/collect-inputs.js';
import { readInput } from '../src/ingest/read-input.js';
import { partsToScanPages } from '../src/scan/read-images.js';
import { failureToLine } from '../src/cli/store-args.js';

const SEED = join(import.meta.dirname, '..', 'fixtures', 'text-seed', 'input.txt');
const seedText = readFileSync(SEED, 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'declx-ingest-'));
const write = (name: string, bytes: Uint8Array | string) => {
  const p = join(tmp, name);
  writeFileSync(p, bytes);
  return p;
};

describe('text encodings', () => {
  const encodings: [string, Buffer][] = [
    ['utf-8', Buffer.from(seedText, 'utf8')],
    ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(seedText, 'utf8')])],
    ['utf-16le with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seedText, 'utf16le')])],
    ['utf-16le without BOM', Buffer.from(seedText, 'utf16le')],
    ['utf-16be with BOM', iconv.encode(seedText, 'utf-16be', { addBOM: true })],
    ['gb18030', iconv.encode(seedText, 'gb18030')],
    ['gbk', iconv.encode(seedText, 'gbk')],
  ];
  it.each(encodings)('%s decodes to the same text and the same records', async (name, bytes) => {
    expect(decodeText(bytes, name).text.replace(/\r\n/g, '\n')).toBe(seedText);
    const doc = await extractInput({ path: write(`${name}.txt`, bytes), parts: [join(tmp, `${name}.txt`)] });
    expect(doc.forms.map((f) => f.record!.projectName)).toEqual(JSON.parse(readFileSync(SEED.replace('input.txt', 'expected.json'), 'utf8')).map((r: { projectName: string }) => r.projectName));
  });
  it('tells GBK from UTF-8', () => expect(bytesToEncoding(iconv.encode('上海市财政支出', 'gbk'))).toBe('gb18030'));
});

describe('kind by content', () => {
  it.each([
    [[0x25, 0x50, 0x44, 0x46, 0x2d, 0x31], 'pdf'],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'png'],
    [[0xff, 0xd8, 0xff, 0xe0], 'jpeg'],
    [[0x49, 0x49, 0x2a, 0x00], 'tiff'],
    [[0x4d, 0x4d, 0x00, 0x2a], 'tiff'],
    [[0x41, 0x42], null],
  ])('%j → %s', (bytes, format) => expect(bytesToBinaryFormat(new Uint8Array(bytes))).toBe(format));

  it('reads an HTML page named .txt as HTML, and a text export named .html as text', async () => {
    const html = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'html-seed2', 'input.html'));
    const doc = await extractInput({ path: write('page.txt', html), parts: [join(tmp, 'page.txt')] });
    expect(doc.source.kind).toBe('html');
    expect(doc.forms[0]!.record!.projectName).toBe('组织部弱电会议系统（运维）');
    const text = await extractInput({ path: write('export.html', seedText), parts: [join(tmp, 'export.html')] });
    expect(text.source.kind).toBe('text');
  });
});

describe('bad inputs are one InputError naming the file', () => {
  const bad: [string, string | Uint8Array, string][] = [
    ['empty.txt', '', 'empty'],
    ['blank.txt', ' \n\t\n', 'empty'],
    ['notes.txt', 'a shopping list\nmilk\teggs\n', 'not-a-form'],
    ['binary.dat', new Uint8Array(Array.from({ length: 400 }, (_, i) => (i * 37) % 9)), 'not-text'],
    ['page.html', '<html><body><table><tr><td>hello</td></tr></table></body></html>', 'not-a-form'],
  ];
  it.each(bad)('%s', async (name, content, reason) => {
    const path = write(name, content);
    const err = await extractInput({ path, parts: [path] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).reason).toBe(reason);
    expect((err as InputError).message.startsWith(path)).toBe(true);
    expect((err as InputError).message).not.toContain('\n');
  });
  it('a missing file and a folder', async () => {
    await expect(extractInput({ path: join(tmp, 'nope.txt'), parts: [join(tmp, 'nope.txt')] })).rejects.toMatchObject({ reason: 'not-found' });
    await expect(extractInput({ path: tmp, parts: [tmp] })).rejects.toMatchObject({ reason: 'not-a-file' });
  });
});

describe('collecting inputs', () => {
  it('groups page images by stem and keeps other files apart', () => {
    const groups = pathsToGroups(['a/seed1.scan-2.jpg', 'a/seed1.scan-1.jpg', 'a/seed2.scan150.jpg', 'a/x.pdf', 'a/form_1.png', 'a/form_2.png']);
    expect(groups).toEqual([
      { path: 'a/seed1.scan-1.jpg', parts: ['a/seed1.scan-1.jpg', 'a/seed1.scan-2.jpg'] },
      { path: 'a/seed2.scan150.jpg', parts: ['a/seed2.scan150.jpg'] },
      { path: 'a/x.pdf', parts: ['a/x.pdf'] },
      { path: 'a/form_1.png', parts: ['a/form_1.png', 'a/form_2.png'] },
    ]);
  });
  it('orders pages by number, not by name (page 10 after page 9)', () => {
    const names = Array.from({ length: 10 }, (_, i) => `b/form-${i + 1}.png`);
    expect(pathsToGroups([...names].sort())).toEqual([{ path: 'b/form-1.png', parts: names }]);
  });
  const alone: [string, string[]][] = [
    ['a phone camera counter', ['p/IMG_0001.png', 'p/IMG_0002.jpg', 'p/IMG_0003.jpg']],
    ['a camera counter with one extension', ['p/IMG_0001.jpg', 'p/IMG_0002.jpg']],
    ['years', ['p/budget_2017.png', 'p/budget_2018.png']],
    ['a missing page', ['p/form-1.png', 'p/form-2.png', 'p/form-4.png']],
    ['not starting at 1', ['p/form-2.png', 'p/form-3.png']],
    ['two extensions', ['p/form-1.png', 'p/form-2.jpg']],
    ['one page only', ['p/form-1.png']],
    ['same stem in two folders', ['p/form-1.png', 'q/form-2.png']],
  ];
  it.each(alone)('%s: one input per file', (_, paths) => {
    expect(pathsToGroups(paths)).toEqual(paths.map((p) => ({ path: p, parts: [p] })));
  });
  it('walks folders recursively in sorted order and reports missing paths', async () => {
    const root = join(tmp, 'tree');
    mkdirSync(join(root, 'b'), { recursive: true });
    writeFileSync(join(root, 'b', 'two.txt'), 'x');
    writeFileSync(join(root, 'one.txt'), 'x');
    writeFileSync(join(root, 'one.expected.json'), '[]');
    const { groups, errors } = await collectInputs([root, join(tmp, 'missing')]);
    expect(groups.map((g) => g.path)).toEqual([join(root, 'b', 'two.txt'), join(root, 'one.txt')]);
    expect(errors).toHaveLength(1);
  });
  it('visits each real file once through a symlink loop and two links to one file', async () => {
    const root = join(tmp, 'loop');
    mkdirSync(join(root, 'sub'), { recursive: true });
    writeFileSync(join(root, 'sub', 'forms.txt'), 'x');
    symlinkSync('..', join(root, 'sub', 'up'));
    symlinkSync(join(root, 'sub'), join(root, 'again'));
    symlinkSync('forms.txt', join(root, 'sub', 'same.txt'));
    symlinkSync('self', join(root, 'self'));
    const { groups, errors } = await collectInputs([root, join(root, 'sub', 'forms.txt')]);
    expect(groups.map((g) => g.path)).toEqual([join(root, 'again', 'forms.txt')]);
    expect(errors.map((e) => e.message)).toEqual([`${join(root, 'self')}: symbolic link loop`]);
  });
});

const whitePng = () => sharp({ create: { width: 40, height: 40, channels: 3, background: '#fff' } }).png().toBuffer();

describe('a bad page of a group of page images', () => {
  it('names itself, not the good first page', async () => {
    const good = write('group-1.png', await whitePng());
    const full = await whitePng();
    const bad = write('group-2.png', full.subarray(0, 30));
    const doc = await readInput({ path: good, parts: [good, bad] });
    const err = await partsToScanPages(doc).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(failureToLine(good, err)).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: unreadable image`));
  });
  it('a page that is no image names itself', async () => {
    const good = write('mixed-1.png', await whitePng());
    const text = write('mixed-2.png', seedText);
    await expect(readInput({ path: good, parts: [good, text] })).rejects.toMatchObject({ reason: 'mixed-group', message: expect.stringMatching(new RegExp(`^${text}: page 2`)) });
  });
});
