/**
 * Seals that colour cannot tell from print (grey seals, photocopied or scanned in grey), found by
 * their shape: a round ring of pale, thick, even ink 1 to 2 inches across. Print is dark and thin,
 * so pale ink well inside a stroke (not the grey edge of a dark stroke) is looked for, gathered on a
 * coarse grid, and rings of it are found with a circle Hough transform (Duda and Hart, "Use of the
 * Hough transformation to detect lines and curves in pictures", CACM 15(1), 1972), each checked
 * all round its circumference. The found seal's disc becomes a mask like a red seal's.
 */
import type { GrayImage } from './gray.js';
import { grayToLevels } from './light.js';

/** Radius range of an official seal in inches (seals are 38–45 mm across; some smaller, 30 mm). */
export const SEAL_MIN_RADIUS_IN = 0.5;
export const SEAL_MAX_RADIUS_IN = 1.0;

/** Grid cell in inches: the ring (1–1.5 mm thick) covers one or two cells. */
const CELL_IN = 0.02;

/** Pale ink lies this far between the ink (0) and the paper (1). */
const PALE_FROM = 0.3;
const PALE_TO = 0.8;

/** Share of a cell's pixels that must be pale stroke interior for the cell to be seal ink. */
const CELL_PALE_SHARE = 0.3;

/** Share of the directions round a ring that must meet pale ink for it to be a seal. */
export const MIN_RING_COVER = 0.72;

/** A seal found on a page: centre and radius in pixels. */
export interface SealCircle {
  cx: number;
  cy: number;
  r: number;
  /** Share of the directions round the ring that meet pale ink. */
  cover: number;
}

/**
 * The coarse grid of pale stroke interiors: a pixel counts when it and its neighbours a stroke's
 * half-width away on all four sides are pale, which the grey rim of dark print never is.
 */
function grayToPaleGrid(img: GrayImage, cell: number): { cols: number; rows: number; on: Uint8Array } {
  const { ink, paper } = grayToLevels(img, 0.002, 0.1);
  const lo = ink + PALE_FROM * (paper - ink);
  const hi = ink + PALE_TO * (paper - ink);
  const { width: w, height: h, data } = img;
  const k = Math.max(1, Math.round(0.008 * img.dpi));
  const pale = (i: number) => data[i]! > lo && data[i]! < hi;
  const cols = Math.floor(w / cell);
  const rows = Math.floor(h / cell);
  const counts = new Uint16Array(cols * rows);
  for (let y = k; y < h - k; y++) {
    const gy = Math.floor(y / cell);
    if (gy >= rows) break;
    for (let x = k; x < w - k; x++) {
      const i = y * w + x;
      if (!pale(i) || !pale(i - k) || !pale(i + k) || !pale(i - k * w) || !pale(i + k * w)) continue;
      const gx = Math.floor(x / cell);
      if (gx < cols) counts[gy * cols + gx]!++;
    }
  }
  const on = new Uint8Array(cols * rows);
  const need = CELL_PALE_SHARE * cell * cell;
  for (let i = 0; i < on.length; i++) on[i] = counts[i]! >= need ? 1 : 0;
  return { cols, rows, on };
}

/** Share of `n` directions round (cx, cy) along which a pale cell lies within a cell of radius r. */
function ringCover(grid: { cols: number; rows: number; on: Uint8Array }, cx: number, cy: number, r: number, band: readonly number[] = [0, -1, 1, -2, 2], n = 90): number {
  let hit = 0;
  for (let a = 0; a < n; a++) {
    const c = Math.cos((2 * Math.PI * a) / n);
    const s = Math.sin((2 * Math.PI * a) / n);
    for (const dr of band) {
      const x = Math.round(cx + (r + dr) * c);
      const y = Math.round(cy + (r + dr) * s);
      if (x >= 0 && y >= 0 && x < grid.cols && y < grid.rows && grid.on[y * grid.cols + x]) {
        hit++;
        break;
      }
    }
  }
  return hit / n;
}

/** The grey seals of a page: rings of pale ink found by a circle Hough transform on a coarse grid. */
export function grayToSealCircles(img: GrayImage): SealCircle[] {
  const cell = Math.max(1, Math.round(CELL_IN * img.dpi));
  const grid = grayToPaleGrid(img, cell);
  const { cols, rows, on } = grid;
  const rMin = Math.round((SEAL_MIN_RADIUS_IN * img.dpi) / cell);
  const rMax = Math.round((SEAL_MAX_RADIUS_IN * img.dpi) / cell);
  const points: number[] = [];
  for (let i = 0; i < on.length; i++) if (on[i]) points.push(i);
  // A ring of the smallest seal covers this many cells; fewer pale cells on the page hold no seal.
  if (points.length < 0.5 * 2 * Math.PI * rMin) return [];
  const found: SealCircle[] = [];
  const angles = 64;
  const cos = Float64Array.from({ length: angles }, (_, a) => Math.cos((2 * Math.PI * a) / angles));
  const sin = Float64Array.from({ length: angles }, (_, a) => Math.sin((2 * Math.PI * a) / angles));
  for (let r = rMin; r <= rMax; r += 2) {
    const acc = new Uint16Array(cols * rows);
    for (const p of points) {
      const px = p % cols;
      const py = (p - px) / cols;
      for (let a = 0; a < angles; a++) {
        const x = Math.round(px - r * cos[a]!);
        const y = Math.round(py - r * sin[a]!);
        if (x >= 0 && y >= 0 && x < cols && y < rows) acc[y * cols + x]!++;
      }
    }
    // Candidate centres: cells most directions of a ring agree on, checked one by one, best first.
    const candidates: number[] = [];
    for (let i = 0; i < acc.length; i++) if (acc[i]! >= 0.5 * angles) candidates.push(i);
    candidates.sort((a, b) => acc[b]! - acc[a]!);
    for (const c of candidates.slice(0, 40)) {
      const cx = c % cols;
      const cy = (c - cx) / cols;
      if (found.some((f) => Math.hypot(f.cx / cell - cx, f.cy / cell - cy) < f.r / cell)) continue;
      if (ringCover(grid, cx, cy, r) < MIN_RING_COVER) continue;
      // The centre and radius nearby that put the ring most exactly on pale ink.
      let best = { cx, cy, r, tight: -1 };
      for (let dy = -3; dy <= 3; dy++)
        for (let dx = -3; dx <= 3; dx++)
          for (let rr = r - 2; rr <= r + 2; rr++) {
            const tight = ringCover(grid, cx + dx, cy + dy, rr, [0], 120);
            if (tight > best.tight) best = { cx: cx + dx, cy: cy + dy, r: rr, tight };
          }
      found.push({ cx: (best.cx + 0.5) * cell, cy: (best.cy + 0.5) * cell, r: (best.r + 0.5) * cell, cover: ringCover(grid, best.cx, best.cy, best.r) });
    }
  }
  return found;
}

/**
 * A mask (255) of the seals' ink: the pale pixels within each seal's disc (a little beyond its
 * ring), as a red seal's mask holds its red pixels. Print under the seal (dark) is left out, so the
 * mask marks what the seal drew, which rulings and crops are checked against.
 */
export function sealCirclesToMask(img: GrayImage, circles: readonly SealCircle[]): Uint8Array {
  const { width, height, data } = img;
  const { ink, paper } = grayToLevels(img, 0.002, 0.1);
  const lo = ink + PALE_FROM * (paper - ink);
  const hi = ink + PALE_TO * (paper - ink);
  const mask = new Uint8Array(width * height);
  for (const { cx, cy, r: r0 } of circles) {
    const r = r0 * 1.08;
    for (let y = Math.max(0, Math.floor(cy - r)); y < Math.min(height, Math.ceil(cy + r)); y++) {
      const half = Math.sqrt(Math.max(0, r * r - (y - cy) ** 2));
      for (let x = Math.max(0, Math.floor(cx - half)); x < Math.min(width, Math.ceil(cx + half)); x++) {
        const v = data[y * width + x]!;
        if (v > lo && v < hi) mask[y * width + x] = 255;
      }
    }
  }
  return mask;
}
