/**
 * Finding the paper in a photo and flattening it. The page is the largest bright connected region
 * of a downsampled copy (Otsu's threshold between paper and desk); its corners are the region's
 * extreme points along the diagonals, refined by fitting a line to the region's boundary along each
 * side (total least squares) and intersecting neighbouring sides — the quadrilateral detection of
 * document-photo scanners (cf. Zhang & He, "Whiteboard scanning and image enhancement", Digital
 * Signal Processing 17, 2007, there with Hough lines). The quadrilateral is then warped to a
 * rectangle by its homography. A flatbed scan, whose paper fills the frame, is left as it is.
 */
import { histogramToOtsuThreshold } from './otsu.js';
import type { GrayImage } from './gray.js';
import { pointsToHomography, warpPixels, type Point } from './homography.js';

/** The page's corners in pixels of the image: top-left, top-right, bottom-right, bottom-left. */
export type Quad = [Point, Point, Point, Point];

/** Long side of the copy the page is looked for on. */
const SEARCH_SIDE_PX = 600;
const A4_RATIO = 297 / 210;
const A4_WIDTH_IN = 8.27;

/** Block average by an integer factor. */
function grayToReduced(img: GrayImage, f: number): { width: number; height: number; data: Float64Array } {
  const width = Math.floor(img.width / f);
  const height = Math.floor(img.height / f);
  const data = new Float64Array(width * height);
  const col = new Int32Array(width * f);
  for (let x = 0; x < col.length; x++) col[x] = Math.floor(x / f);
  for (let y = 0; y < height * f; y++) {
    const row = Math.floor(y / f) * width;
    const src = y * img.width;
    for (let x = 0; x < width * f; x++) data[row + col[x]!]! += img.data[src + x]!;
  }
  for (let i = 0; i < data.length; i++) data[i]! /= f * f;
  return { width, height, data };
}

/** Line through points by total least squares: a point on it and its unit direction. */
function pointsToLine(pts: readonly Point[]): { p: Point; d: Point } | null {
  if (pts.length < 5) return null;
  let mx = 0;
  let my = 0;
  for (const q of pts) {
    mx += q.x;
    my += q.y;
  }
  mx /= pts.length;
  my /= pts.length;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const q of pts) {
    sxx += (q.x - mx) ** 2;
    syy += (q.y - my) ** 2;
    sxy += (q.x - mx) * (q.y - my);
  }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  return { p: { x: mx, y: my }, d: { x: Math.cos(angle), y: Math.sin(angle) } };
}

function intersect(a: { p: Point; d: Point }, b: { p: Point; d: Point }): Point | null {
  const den = a.d.x * b.d.y - a.d.y * b.d.x;
  if (Math.abs(den) < 1e-9) return null;
  const t = ((b.p.x - a.p.x) * b.d.y - (b.p.y - a.p.y) * b.d.x) / den;
  return { x: a.p.x + t * a.d.x, y: a.p.y + t * a.d.y };
}

/**
 * The paper's quadrilateral in a photo, or null when the paper fills the frame (a flatbed scan) or
 * no page stands out from its background.
 */
export function grayToPageQuad(img: GrayImage): Quad | null {
  const f = Math.max(1, Math.ceil(Math.max(img.width, img.height) / SEARCH_SIDE_PX));
  const small = grayToReduced(img, f);
  const { width: w, height: h, data } = small;
  const hist = new Float64Array(256);
  for (let i = 0; i < data.length; i++) hist[Math.round(data[i]!)]!++;
  const t = histogramToOtsuThreshold(hist);
  // Largest 4-connected region brighter than the threshold.
  const label = new Int32Array(w * h).fill(-1);
  const queue = new Int32Array(w * h);
  let best = -1;
  let bestSize = 0;
  for (let s = 0; s < w * h; s++) {
    if (label[s] !== -1 || data[s]! <= t) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    label[s] = s;
    while (head < tail) {
      const i = queue[head++]!;
      const x = i % w;
      const y = (i - x) / w;
      for (const j of [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1])
        if (j >= 0 && label[j] === -1 && data[j]! > t) {
          label[j] = s;
          queue[tail++] = j;
        }
    }
    if (tail > bestSize) {
      bestSize = tail;
      best = s;
    }
  }
  if (best < 0 || bestSize < 0.25 * w * h) return null;
  const inPage = (x: number, y: number) => x >= 0 && y >= 0 && x < w && y < h && label[y * w + x] === best;
  // The paper must stand clear of the frame: a region touching three edges is a flatbed page.
  const margin = 2;
  let touches = 0;
  const edgeHits = (xs: number[], ys: number[]) => xs.some((x) => ys.some((y) => inPage(x, y)));
  const all = (n: number) => Array.from({ length: n }, (_, i) => i);
  if (edgeHits(all(w), [margin])) touches++;
  if (edgeHits(all(w), [h - 1 - margin])) touches++;
  if (edgeHits([margin], all(h))) touches++;
  if (edgeHits([w - 1 - margin], all(h))) touches++;
  if (touches >= 3) return null;
  // The desk must be clearly darker than the paper.
  let inSum = 0;
  let outSum = 0;
  for (let i = 0; i < w * h; i++) if (label[i] === best) inSum += data[i]!;
  else outSum += data[i]!;
  if (inSum / bestSize - outSum / Math.max(1, w * h - bestSize) < 40) return null;

  const boundary: Point[] = [];
  const corner = [{ v: Infinity, p: { x: 0, y: 0 } }, { v: -Infinity, p: { x: 0, y: 0 } }, { v: -Infinity, p: { x: 0, y: 0 } }, { v: Infinity, p: { x: 0, y: 0 } }];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      if (!inPage(x, y)) continue;
      if (!inPage(x - 1, y) || !inPage(x + 1, y) || !inPage(x, y - 1) || !inPage(x, y + 1)) boundary.push({ x, y });
      const p = { x, y };
      if (x + y < corner[0]!.v) corner[0] = { v: x + y, p };
      if (x - y > corner[1]!.v) corner[1] = { v: x - y, p };
      if (x + y > corner[2]!.v) corner[2] = { v: x + y, p };
      if (x - y < corner[3]!.v) corner[3] = { v: x - y, p };
    }
  const rough = corner.map((c) => c.p);
  // Each side's line from the boundary points near the segment between its rough corners, ends left out.
  const sides = rough.map((a, k) => {
    const b = rough[(k + 1) % 4]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    const ux = (b.x - a.x) / len;
    const uy = (b.y - a.y) / len;
    const near = boundary.filter((q) => {
      const along = (q.x - a.x) * ux + (q.y - a.y) * uy;
      const across = Math.abs(-(q.x - a.x) * uy + (q.y - a.y) * ux);
      return along > 0.1 * len && along < 0.9 * len && across < Math.max(3, 0.03 * len);
    });
    return pointsToLine(near);
  });
  const quad = rough.map((p, k) => {
    const before = sides[(k + 3) % 4];
    const after = sides[k];
    const q = before && after ? intersect(before, after) : null;
    // A refined corner far from the rough one means a side was fitted badly: keep the rough one.
    return q && Math.hypot(q.x - p.x, q.y - p.y) < 0.05 * Math.max(w, h) ? q : p;
  });
  return quad.map((p) => ({ x: (p.x + 0.5) * f, y: (p.y + 0.5) * f })) as Quad;
}

/**
 * The page inside `quad` warped flat to a rectangle at the photo's own resolution, A4-shaped when
 * its sides are close to A4's; its resolution is the one that makes its width A4's.
 */
export function grayToFlatPage(img: GrayImage, quad: Quad, extra: readonly Uint8Array[] = []): { page: GrayImage; extra: Uint8Array[] } {
  const [tl, tr, br, bl] = quad;
  const dist = (a: Point, b: Point) => Math.hypot(b.x - a.x, b.y - a.y);
  const width = Math.round((dist(tl, tr) + dist(bl, br)) / 2);
  let height = Math.round((dist(tl, bl) + dist(tr, br)) / 2);
  if (Math.abs(height / width - A4_RATIO) < 0.08 * A4_RATIO) height = Math.round(width * A4_RATIO);
  const target: Point[] = [{ x: 0, y: 0 }, { x: width - 1, y: 0 }, { x: width - 1, y: height - 1 }, { x: 0, y: height - 1 }];
  const h = pointsToHomography(target, quad);
  const data = warpPixels(img.data, img.width, img.height, 1, h, width, height, [255]);
  const dpi = Math.round(width / (height >= width ? A4_WIDTH_IN : A4_WIDTH_IN * A4_RATIO));
  return {
    page: { width, height, data, dpi },
    extra: extra.map((m) => warpPixels(m, img.width, img.height, 1, h, width, height, [0])),
  };
}
