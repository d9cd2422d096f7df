/**
 * Tick boxes under a stamp: a box with stamp ink inside it is judged on dark ink only, which a
 * print tick has and a pale pen tick may not, so the field those boxes answer gets an issue.
 */
import { makeIssue } from '../issues.js';
import type { Issue, Row } from '../model.js';
import { matchLabel } from '../vocab/labels.js';
import type { PageLayout } from './layout.js';

const round2 = (n: number) => Math.round(n * 100) / 100;

/** One issue per option cell holding a box under a stamp, on the field its row's label names. */
export function stampedBoxesToIssues(layouts: readonly PageLayout[], rows: readonly Row[]): Issue[] {
  const issues: Issue[] = [];
  for (const layout of layouts)
    for (const region of layout.regions) {
      const stamped = region.parts.filter((p) => p.kind === 'box' && p.underStamp).length;
      if (stamped === 0) continue;
      const x0 = round2(region.bbox.x0);
      const y0 = round2(region.bbox.y0);
      const row = rows.find((r) => r.page === layout.number && r.cells.some((c) => c.bbox?.x0 === x0 && c.bbox?.y0 === y0));
      const label = row?.cells[0] ? matchLabel(row.cells[0].text) : null;
      issues.push(makeIssue('read.box-under-stamp', label?.target ?? null, { count: stamped }, { page: layout.number, bbox: region.bbox }));
    }
  return issues;
}
