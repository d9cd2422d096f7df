/** Decoding page images: every page of a multi-page TIFF, PNG with alpha, the resolution. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { bytesToGrayImages } from '../src/image/gray.js';
import type { Doc } from '../src/model.js';
import { partsToGrayImages } from '../src/scan/read-images.js';

const PAGE = join(resolve(import.meta.dirname, '..'), 'fixtures', 'scan-page150', 'page.jpg');

const docOf = (parts: Uint8Array[]): Doc => ({
  source: { path: 'x.tif', sha256: '0'.repeat(64), kind: 'image', bytes: 1, pages: 0 },
  parts,
  pages: [],
  rows: [],
  forms: [],
  issues: [],
});

describe('bytesToGrayImages', () => {
  it('reads a JPEG scan as one grey page with its resolution', async () => {
    const [img, ...rest] = await bytesToGrayImages(readFileSync(PAGE));
    expect(rest).toHaveLength(0);
    expect(img!.dpi).toBe(150);
    expect(img!.data.length).toBe(img!.width * img!.height);
  });

  it('reads every page of a multi-page TIFF, in order', async () => {
    const small = await sharp(PAGE).resize(300, 424, { fit: 'fill' }).toBuffer();
    const dark = await sharp(PAGE).resize(300, 424, { fit: 'fill' }).negate().toBuffer();
    const tiff = await sharp([small, dark], { join: { animated: true } }).tiff().toBuffer();
    const pages = await bytesToGrayImages(tiff);
    expect(pages).toHaveLength(2);
    const mean = (d: Uint8Array) => d.reduce((n, v) => n + v, 0) / d.length;
    expect(mean(pages[0]!.data)).toBeGreaterThan(mean(pages[1]!.data));
  });

  it('reads a PNG with an alpha channel on white paper', async () => {
    const png = await sharp({ create: { width: 827, height: 1169, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const [img] = await bytesToGrayImages(png);
    expect(img!.data[0]).toBe(255);
    expect(img!.dpi).toBe(100);
  });

  it('refuses bytes that are no image with an InputError', async () => {
    await expect(partsToGrayImages(docOf([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])]))).rejects.toBeInstanceOf(InputError);
  });
});
