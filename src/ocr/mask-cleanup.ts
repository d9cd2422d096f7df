/**
 * Cleaning an ink mask (1 = ink, row-major) in place before its text lines are found: ruling
 * lines and their remnants, border debris and lone specks go; glyph strokes stay.
 */

/** Clears every run of ink of at least `minRun` pixels along one row or column of the mask. */
export function clearLongRuns(mask: Uint8Array, start: number, step: number, count: number, minRun: number): void {
  for (const [a, b] of longRuns(mask, count, minRun, start, step)) for (let j = a; j < b; j++) mask[start + j * step] = 0;
}

/**
 * Clears, in place, every horizontal or vertical run of ink at least `minRun` pixels long: what
 * is left of ruling lines once the line height tells how long a glyph can be. Runs are looked for
 * in bands three pixels thick, so a slightly skewed rule, which steps from row to row, still shows
 * as one long run.
 */
export function clearInkRuns(mask: Uint8Array, width: number, height: number, minRun: number): void {
  const band = new Uint8Array(Math.max(width, height));
  const clear: [number, number, number][] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      band[x] = mask[i]! | (y > 0 ? mask[i - width]! : 0) | (y < height - 1 ? mask[i + width]! : 0);
    }
    for (const [a, b] of longRuns(band, width, minRun)) clear.push([y, a, b]);
  }
  for (const [y, a, b] of clear) {
    for (let yy = Math.max(0, y - 1); yy <= Math.min(height - 1, y + 1); yy++) mask.fill(0, yy * width + a, yy * width + b);
  }
  const clearCols: [number, number, number][] = [];
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      const i = y * width + x;
      band[y] = mask[i]! | (x > 0 ? mask[i - 1]! : 0) | (x < width - 1 ? mask[i + 1]! : 0);
    }
    for (const [a, b] of longRuns(band, height, minRun)) clearCols.push([x, a, b]);
  }
  for (const [x, a, b] of clearCols) {
    for (let xx = Math.max(0, x - 1); xx <= Math.min(width - 1, x + 1); xx++) {
      for (let y = a; y < b; y++) mask[y * width + xx] = 0;
    }
  }
}

/**
 * Runs `[from, to)` of ones at least `minRun` long among `count` values read from `offset` every
 * `step` (a row: step 1; a column: step the width); indices count steps.
 */
function longRuns(values: Uint8Array, count: number, minRun: number, offset = 0, step = 1): [number, number][] {
  const runs: [number, number][] = [];
  let from = -1;
  for (let i = 0; i <= count; i++) {
    const on = i < count && values[offset + i * step] === 1;
    if (on && from < 0) from = i;
    if (!on && from >= 0) {
      if (i - from >= minRun) runs.push([from, i]);
      from = -1;
    }
  }
  return runs;
}

/**
 * Clears, in place, ink that touches a side of the crop and is thin across it: a piece of the
 * cell's border caught at a corner when the cell was cut from a slightly skewed page. Text is
 * cropped with a margin and never lies flat along a side like that.
 */
export function clearThinBorderInk(mask: Uint8Array, width: number, height: number, maxThickness: number): void {
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  const component: number[] = [];
  const starts: number[] = [];
  for (let x = 0; x < width; x++) starts.push(x, (height - 1) * width + x);
  for (let y = 0; y < height; y++) starts.push(y * width, y * width + width - 1);
  for (const start of starts) {
    if (mask[start] !== 1 || seen[start]) continue;
    component.length = 0;
    stack.push(start);
    seen[start] = 1;
    let x0 = width;
    let y0 = height;
    let x1 = -1;
    let y1 = -1;
    while (stack.length > 0) {
      const p = stack.pop()!;
      component.push(p);
      const x = p % width;
      const y = (p - x) / width;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (const q of [x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, y > 0 ? p - width : -1, y < height - 1 ? p + width : -1]) {
        if (q >= 0 && mask[q] === 1 && !seen[q]) {
          seen[q] = 1;
          stack.push(q);
        }
      }
    }
    const touchesTopOrBottom = y0 === 0 || y1 === height - 1;
    const touchesSide = x0 === 0 || x1 === width - 1;
    const flat = touchesTopOrBottom && y1 - y0 + 1 <= maxThickness && x1 - x0 + 1 > maxThickness;
    const upright = touchesSide && x1 - x0 + 1 <= maxThickness && y1 - y0 + 1 > maxThickness;
    if (flat || upright) for (const p of component) mask[p] = 0;
  }
}

/** Removes, in place, ink pixels with no inked neighbour (scanner noise); strokes keep their ends. */
export function despeckle(mask: Uint8Array, width: number, height: number): void {
  const drop: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (mask[i] !== 1) continue;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if ((dx || dy) && xx >= 0 && xx < width) n += mask[yy * width + xx]!;
        }
      }
      if (n === 0) drop.push(i);
    }
  }
  for (const i of drop) mask[i] = 0;
}
