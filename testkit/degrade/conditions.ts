/**
 * Rough captures of a clean page, one kind of roughness per condition, each drawn from a seeded
 * random source so the same seed gives the same bytes: lower resolution, low contrast, heavy JPEG
 * and blur, skew, uneven light, red and grey seals, and a phone photo (perspective on a dark desk,
 * light falling off, colour cast).
 */
import sharp, { type Sharp } from 'sharp';
import { homographyToPoint, pointsToHomography, warpPixels, type Point } from '../../src/image/homography.js';
import type { Random } from '../synth/random.js';
import type { RgbPage } from './render-pages.js';

/** A capture as a file would hold it: an image and the resolution it claims (none: a photo). */
export interface Capture {
  bytes: Buffer;
  ext: '.jpg' | '.png';
}

export interface Condition {
  name: string;
  /** What the capture looks like, for the report. */
  about: string;
  degrade: (page: RgbPage, rand: Random) => Promise<Capture>;
}

const between = (rand: Random, a: number, b: number): number => a + (b - a) * rand.next();

const raw = (p: RgbPage) => sharp(p.data, { raw: { width: p.width, height: p.height, channels: 3 } });

async function toRgbPage(s: Sharp, dpi: number): Promise<RgbPage> {
  const { data, info } = await s.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length), dpi };
}

/** Encodes as JPEG; `dpi` is written as the file's density unless the capture has none (photos). */
async function toJpeg(p: RgbPage, quality: number, withDensity = true): Promise<Capture> {
  let s = raw(p).jpeg({ quality, chromaSubsampling: '4:2:0' });
  if (withDensity) s = s.withMetadata({ density: p.dpi });
  return { bytes: await s.toBuffer(), ext: '.jpg' };
}

async function scaleTo(p: RgbPage, dpi: number): Promise<RgbPage> {
  const f = dpi / p.dpi;
  return toRgbPage(raw(p).resize(Math.round(p.width * f), Math.round(p.height * f), { kernel: 'lanczos3' }), dpi);
}

/** Adds grain of about `amplitude` grey levels (sensor noise, paper texture). */
function addNoise(p: RgbPage, rand: Random, amplitude: number): RgbPage {
  const out = new Uint8Array(p.data);
  for (let i = 0; i < out.length; i += 3) {
    const n = (rand.next() + rand.next() + rand.next() - 1.5) * amplitude;
    for (let c = 0; c < 3; c++) out[i + c] = Math.max(0, Math.min(255, out[i + c]! + n));
  }
  return { ...p, data: out };
}

/** Light falling off from one corner to the opposite one by up to `depth` (0..1). */
function addLightFalloff(p: RgbPage, rand: Random, depth: number): RgbPage {
  const out = new Uint8Array(p.data.length);
  const cx = rand.chance(0.5) ? 0 : p.width;
  const cy = rand.chance(0.5) ? 0 : p.height;
  const diag = Math.hypot(p.width, p.height);
  for (let y = 0; y < p.height; y++)
    for (let x = 0; x < p.width; x++) {
      const f = 1 - depth * Math.pow(Math.hypot(x - cx, y - cy) / diag, 1.3);
      const i = (y * p.width + x) * 3;
      for (let c = 0; c < 3; c++) out[i + c] = p.data[i + c]! * f;
    }
  return { ...p, data: out };
}

/** An official seal: a ring, a star and a ring of character-like strokes, as SVG. */
function sealSvg(cx: number, cy: number, r: number, colour: string, opacity: number, rand: Random): string {
  const stroke = r * 0.07;
  const star: string[] = [];
  for (let k = 0; k < 10; k++) {
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    const rr = k % 2 === 0 ? r * 0.28 : r * 0.11;
    star.push(`${(cx + rr * Math.cos(a)).toFixed(1)},${(cy + rr * Math.sin(a)).toFixed(1)}`);
  }
  const marks: string[] = [];
  for (let k = 0; k < 12; k++) {
    const a = Math.PI * (0.8 + (1.4 * k) / 11);
    const mx = cx + r * 0.7 * Math.cos(a);
    const my = cy + r * 0.7 * Math.sin(a);
    const s = r * 0.12;
    const turn = ((a + Math.PI / 2) * 180) / Math.PI;
    marks.push(`<g transform="rotate(${turn.toFixed(1)} ${mx.toFixed(1)} ${my.toFixed(1)})"><rect x="${(mx - s / 2).toFixed(1)}" y="${(my - s / 2).toFixed(1)}" width="${s.toFixed(1)}" height="${(s * 0.18).toFixed(1)}"/><rect x="${(mx - s * 0.1).toFixed(1)}" y="${(my - s / 2).toFixed(1)}" width="${(s * 0.18).toFixed(1)}" height="${s.toFixed(1)}"/><rect x="${(mx - s / 2).toFixed(1)}" y="${(my + s * 0.3).toFixed(1)}" width="${s.toFixed(1)}" height="${(s * 0.18).toFixed(1)}"/></g>`);
  }
  void rand;
  return `<g fill="${colour}" stroke="none" opacity="${opacity}"><circle cx="${cx}" cy="${cy}" r="${r - stroke / 2}" fill="none" stroke="${colour}" stroke-width="${stroke}"/><polygon points="${star.join(' ')}"/>${marks.join('')}</g>`;
}

/** Red seals (and a grey one, as a photocopied seal) stamped at random places of the page. */
async function addSeals(p: RgbPage, rand: Random, red: number, grey: number): Promise<RgbPage> {
  const seals: string[] = [];
  for (let k = 0; k < red + grey; k++) {
    const r = between(rand, 0.7, 0.85) * p.dpi;
    const cx = between(rand, 0.15, 0.85) * p.width;
    const cy = between(rand, 0.12, 0.88) * p.height;
    seals.push(k < red ? sealSvg(cx, cy, r, `rgb(${Math.round(between(rand, 200, 235))},${Math.round(between(rand, 30, 70))},${Math.round(between(rand, 40, 70))})`, between(rand, 0.75, 0.9), rand) : sealSvg(cx, cy, r, 'rgb(110,110,110)', between(rand, 0.5, 0.65), rand));
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${p.width}" height="${p.height}">${seals.join('')}</svg>`;
  return toRgbPage(raw(p).composite([{ input: Buffer.from(svg), blend: 'multiply' }]), p.dpi);
}

/**
 * The page photographed lying on a dark desk: its corners moved by a few percent (perspective), at
 * an effective resolution of `dpi`, on a canvas larger than the page.
 */
function toPhoto(p: RgbPage, rand: Random, dpi: number): RgbPage {
  const f = dpi / p.dpi;
  const pw = p.width * f;
  const ph = p.height * f;
  const margin = { x: pw * between(rand, 0.06, 0.12), y: ph * between(rand, 0.05, 0.1) };
  const width = Math.round(pw + 2 * margin.x);
  const height = Math.round(ph + 2 * margin.y);
  const jitter = () => between(rand, -0.035, 0.035);
  const quad: Point[] = [
    { x: margin.x + jitter() * pw, y: margin.y + jitter() * ph },
    { x: margin.x + pw + jitter() * pw, y: margin.y + jitter() * ph },
    { x: margin.x + pw + jitter() * pw, y: margin.y + ph + jitter() * ph },
    { x: margin.x + jitter() * pw, y: margin.y + ph + jitter() * ph },
  ];
  const corners: Point[] = [{ x: 0, y: 0 }, { x: p.width - 1, y: 0 }, { x: p.width - 1, y: p.height - 1 }, { x: 0, y: p.height - 1 }];
  const desk = [Math.round(between(rand, 35, 70)), Math.round(between(rand, 30, 60)), Math.round(between(rand, 25, 55))];
  // Blur the page to the photo's resolution first so the bilinear sampling does not alias.
  const h = pointsToHomography(quad, corners);
  void homographyToPoint;
  const data = warpPixels(p.data, p.width, p.height, 3, h, width, height, desk);
  return { width, height, data, dpi };
}

/** A warm or cool cast, as phone cameras give under room light. */
function addColourCast(p: RgbPage, rand: Random): RgbPage {
  const gains = [between(rand, 0.95, 1), between(rand, 0.9, 0.97), between(rand, 0.78, 0.9)];
  const out = new Uint8Array(p.data.length);
  for (let i = 0; i < out.length; i++) out[i] = p.data[i]! * gains[i % 3]!;
  return { ...p, data: out };
}

export const CONDITIONS: readonly Condition[] = [
  { name: 'clean300', about: 'as printed, 300 dpi, JPEG q90 (control)', degrade: async (p) => toJpeg(p, 90) },
  {
    name: 'dpi200-low-contrast',
    about: '200 dpi, grey paper, grey ink and rules, grain',
    degrade: async (p, rand) => {
      const paper = between(rand, 200, 220);
      const ink = between(rand, 95, 125);
      const page = await toRgbPage(raw(await scaleTo(p, 200)).linear((paper - ink) / 255, ink), 200);
      return toJpeg(addNoise(page, rand, 10), 85);
    },
  },
  { name: 'dpi150', about: '150 dpi, JPEG q80', degrade: async (p, rand) => toJpeg(addNoise(await scaleTo(p, 150), rand, 6), 80) },
  {
    name: 'jpeg-blur',
    about: 'JPEG q40–60 after a blur of sigma 1–1.8 px',
    degrade: async (p, rand) => toJpeg(await toRgbPage(raw(p).blur(between(rand, 1, 1.8)), p.dpi), Math.round(between(rand, 40, 60))),
  },
  {
    name: 'skew',
    about: 'turned 1.5–5° either way, JPEG q85',
    degrade: async (p, rand) => {
      const deg = between(rand, 1.5, 5) * (rand.chance(0.5) ? 1 : -1);
      return toJpeg(await toRgbPage(raw(p).rotate(deg, { background: { r: 255, g: 255, b: 255 } }), p.dpi), 85);
    },
  },
  { name: 'lighting', about: 'light falling off by 35–55 % towards one corner, JPEG q80', degrade: async (p, rand) => toJpeg(addLightFalloff(p, rand, between(rand, 0.35, 0.55)), 80) },
  { name: 'seals', about: 'colour, two or three red seals and one grey seal at random places, JPEG q85', degrade: async (p, rand) => toJpeg(await addSeals(p, rand, rand.int(2, 3), 1), 85) },
  {
    name: 'photo',
    about: 'phone photo: perspective on a dark desk, ~200 dpi effective, light falling off, colour cast, a red seal, JPEG q75, no density',
    degrade: async (p, rand) => {
      const sealed = await addSeals(p, rand, 1, 0);
      const blurred = await toRgbPage(raw(sealed).blur(0.8), p.dpi);
      const photo = toPhoto(blurred, rand, between(rand, 180, 230));
      return toJpeg(addNoise(addColourCast(addLightFalloff(photo, rand, between(rand, 0.3, 0.45)), rand), rand, 8), 75, false);
    },
  },
];
