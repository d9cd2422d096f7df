/**
 * Text read through a seal: the seal's ink is taken out by colour before OCR, but strokes it
 * covered may be lost with it, so a reading under a seal is doubted (its confidence lowered, which
 * puts an issue on the field) rather than trusted.
 */
import type { PxLine } from '../image/rulings.js';
import type { BBox } from '../model.js';

/** Share of a crop covered by seal ink above which its reading is doubted. */
export const MAX_SEAL_SHARE = 0.02;

/** Confidence a reading under a seal keeps at most: below the field threshold, so it is flagged. */
export const UNDER_SEAL_CONFIDENCE = 0.3;

/** The share of each rectangle covered by the seal mask (0 where there is none). */
export function rectsToSealShares(seal: Uint8Array | undefined, width: number, height: number, rects: readonly BBox[]): number[] {
  return rects.map((r) => {
    if (!seal) return 0;
    const x0 = Math.max(0, Math.floor(r.x0));
    const y0 = Math.max(0, Math.floor(r.y0));
    const x1 = Math.min(width, Math.ceil(r.x1));
    const y1 = Math.min(height, Math.ceil(r.y1));
    let n = 0;
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (seal[y * width + x]) n++;
    const area = (x1 - x0) * (y1 - y0);
    return area > 0 ? n / area : 0;
  });
}

/** Share of a tick box covered by seal ink above which its tick (or its lack of one) is doubted: seal residue reads as a tick. */
export const MAX_BOX_SEAL_SHARE = 0.02;

/** Whether a tick box lies under a seal (red ink or a grey seal's disc). */
export function boxIsUnderSeal(seal: Uint8Array | undefined, width: number, height: number, box: BBox): boolean {
  return rectsToSealShares(seal, width, height, [box])[0]! > MAX_BOX_SEAL_SHARE;
}

/** Share of a ruling's length running along seal ink above which it is the seal's ring, not a ruling. */
export const MAX_RULING_ALONG_SEAL = 0.6;

/**
 * The rulings that are no side of a seal's ring: a ring's flank is straight enough over a cell's
 * height to pass for a short ruling (and its faint residue once red ink is removed lies beside the
 * mask), so a ruling whose length mostly has seal ink within `reachPx` is dropped. A ruling crossing
 * a seal meets its ink only where it crosses the ring, and stays.
 */
export function rulingsOffSeal(seal: Uint8Array | undefined, width: number, height: number, lines: readonly PxLine[], orientation: 'horizontal' | 'vertical', reachPx: number): PxLine[] {
  if (!seal) return [...lines];
  return lines.filter((l) => {
    let near = 0;
    let n = 0;
    for (let t = l.from; t < l.to; t += 2, n++) {
      let hit = false;
      for (let d = -reachPx; d <= reachPx && !hit; d++) {
        const x = orientation === 'horizontal' ? t : Math.round(l.pos) + d;
        const y = orientation === 'horizontal' ? Math.round(l.pos) + d : t;
        if (x >= 0 && y >= 0 && x < width && y < height && seal[y * width + x]) hit = true;
      }
      if (hit) near++;
    }
    return n === 0 || near / n <= MAX_RULING_ALONG_SEAL;
  });
}
