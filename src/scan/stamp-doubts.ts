/**
 * Tick boxes a stamp hides or overlaps. A box with stamp ink inside it is judged on dark ink only,
 * which a print tick has and a pale pen tick may not; a box the stamp's ring breaks is not found
 * at all, and the options beside the boxes that are found may then be paired with the wrong box.
 * Either way the field those boxes answer gets an issue.
 */
import { makeIssue } from '../issues.js';
import type { Issue, Row } from '../model.js';
import { matchLabel } from '../vocab/labels.js';
import { EMPTY_MARK, TICKED_MARK } from '../vocab/marks.js';
import { textToOptions } from '../vocab/options.js';
import type { PageLayout } from './layout.js';

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * One issue per option cell holding a box under a stamp, and one per option cell with fewer
 * boxes than options, on the field its row's label (else its options) names.
 */
export function stampedBoxesToIssues(layouts: readonly PageLayout[], rows: readonly Row[]): Issue[] {
  const issues: Issue[] = [];
  for (const layout of layouts)
    for (const region of layout.regions) {
      const boxes = region.parts.filter((p) => p.kind === 'box');
      if (boxes.length === 0) continue;
      const stamped = boxes.filter((p) => p.underStamp).length;
      const x0 = round2(region.bbox.x0);
      const y0 = round2(region.bbox.y0);
      const row = rows.find((r) => r.page === layout.number && r.cells.some((c) => c.bbox?.x0 === x0 && c.bbox?.y0 === y0));
      const cell = row?.cells.find((c) => c.bbox?.x0 === x0 && c.bbox?.y0 === y0);
      const options = cell ? textToOptions(cell.text) : [];
      const label = row?.cells[0] ? matchLabel(row.cells[0].text) : null;
      const field = label?.target ?? options[0]?.entry.enumName ?? null;
      const at = { page: layout.number, bbox: region.bbox };
      if (stamped > 0) issues.push(makeIssue('read.box-under-stamp', field, { count: stamped }, at));
      // Marks are counted from the cell's text, where each found box stands as ☑ or ☐.
      const marks = cell ? [...cell.text].filter((ch) => ch === TICKED_MARK || ch === EMPTY_MARK).length : boxes.length;
      if (options.length > marks) issues.push(makeIssue('read.boxes-missing', field, { options: options.length, boxes: marks }, at));
    }
  return issues;
}
