/**
 * Shrinking a synthetic case the pipeline gets wrong to a small one that still goes wrong on the
 * same field: fewer forms, the plain layout wherever a variation does not matter, fewer
 * indicators and budget items, one short paragraph per text field. Greedy, like QuickCheck's
 * shrinking: a simplification is kept when the failure survives it, until none is left.
 */
import { DEFAULT_PDF_STYLE } from '../pdf/render-pdf.js';
import { PROSE_FIELDS, type SynthForm } from './generate-form.js';
import type { HtmlStyle } from './render-html.js';
import { PLAIN_TEXT_STYLE, type TextStyle } from './render-text.js';
import { renderSynthCase, type SynthCase } from './write-corpus.js';

/** The fields the pipeline reads wrongly in a case (empty: it reads the case right). */
export type FailingFields = (c: SynthCase) => Promise<string[]>;

/** The HTML style closest to the seed's plain table. */
export const PLAIN_HTML_STYLE: HtmlStyle = {
  producer: 'table-td',
  checkbox: { marks: 'square', position: 'before', gap: '&nbsp;', sep: '&nbsp;&nbsp; ' },
  categoryWrapAt: null,
  fundUnderCategoryLabel: false,
  yuanSuffix: '（元）',
  entities: false,
  categoryRowspan: true,
  singleParagraphTag: false,
  wrapWidth: 0,
  encoding: 'utf-8',
  unitInTable: false,
  tbody: false,
  boldLabels: false,
  padValues: false,
  splitRuns: false,
  numericEntities: false,
  labelWording: null,
  splitTableAt: null,
  splitProse: 'none',
  labelBreakSalt: null,
};

const clone = <T>(x: T): T => structuredClone(x);

/** Recomputes a form's record text from its paragraphs after they were changed. */
function syncProse(form: SynthForm): SynthForm {
  for (const f of PROSE_FIELDS) form.record[f] = form.paragraphs[f].length ? form.paragraphs[f].join('\n') : null;
  return form;
}

/** Simpler versions of one form, the boldest first. */
function simplerForms(form: SynthForm): SynthForm[] {
  const out: SynthForm[] = [];
  const inds = form.record.indicators;
  if (inds.length > 1) {
    for (const keep of [1, Math.ceil(inds.length / 2)]) {
      const f = clone(form);
      f.record.indicators = inds.slice(0, keep);
      out.push(f);
    }
    for (let i = 0; i < inds.length; i++) {
      const f = clone(form);
      f.record.indicators = inds.filter((_, j) => j !== i);
      out.push(f);
    }
  }
  if (form.writtenItems.length > 1) {
    // One item carrying the whole year's budget keeps the sum right.
    const f = clone(form);
    f.writtenItems = [{ name: form.writtenItems[0]!.name, amount: form.writtenAmounts.currentYearBudget }];
    f.record.budgetItems = [{ name: form.writtenItems[0]!.name, amount: form.record.currentYearBudget ?? 0 }];
    if (form.planted.every((p) => p.code !== 'validate.budget-sum')) out.push(f);
  }
  for (const field of PROSE_FIELDS) {
    const paras = form.paragraphs[field];
    if (paras.length > 1) {
      const f = clone(form);
      f.paragraphs[field] = [paras[0]!, paras[paras.length - 1]!].slice(0, paras.length > 2 ? 2 : 1);
      out.push(syncProse(f));
      const g = clone(form);
      g.paragraphs[field] = [paras[0]!];
      out.push(syncProse(g));
    }
    const shorter = paras.map((p) => {
      const sentences = p.match(/[^。；]+[。；]?/g) ?? [p];
      return sentences.length > 1 ? sentences.slice(0, Math.ceil(sentences.length / 2)).join('') : p;
    });
    if (shorter.some((p, i) => p !== paras[i])) {
      const f = clone(form);
      f.paragraphs[field] = shorter;
      out.push(syncProse(f));
    }
  }
  return out;
}

/** Shrinks a failing case; resolves to the smallest case found that still fails on one of its fields. */
export async function shrinkCase(start: SynthCase, failingFields: FailingFields, maxSteps = 400): Promise<SynthCase> {
  const original = new Set(await failingFields(start));
  if (original.size === 0) return start;
  const stillFails = async (c: SynthCase): Promise<boolean> => (await failingFields(c)).some((f) => original.has(f));
  let best = start;
  let steps = 0;
  const tryCase = async (c: SynthCase): Promise<boolean> => {
    steps++;
    if (await stillFails(c)) {
      best = c;
      return true;
    }
    return false;
  };
  const render = (forms: SynthForm[], style: SynthCase['style']) => renderSynthCase(best.kind, forms, style, best.renderSeed);

  let changed = true;
  while (changed && steps < maxSteps) {
    changed = false;
    // One form instead of several.
    if (best.forms.length > 1) {
      for (const form of best.forms) {
        if (await tryCase(render([form], best.style))) {
          changed = true;
          break;
        }
      }
    }
    // The plain layout, one variation at a time.
    const plain: Record<string, unknown> =
      best.kind === 'text' ? { ...PLAIN_TEXT_STYLE } : best.kind === 'html' ? { ...PLAIN_HTML_STYLE } : { ...DEFAULT_PDF_STYLE, labelBreakSeed: undefined, sideways: undefined };
    for (const key of Object.keys(plain)) {
      const style = best.style as unknown as Record<string, unknown>;
      if (JSON.stringify(style[key]) === JSON.stringify(plain[key])) continue;
      if (await tryCase(render(best.forms, { ...style, [key]: plain[key] } as unknown as SynthCase['style']))) changed = true;
      if (steps >= maxSteps) break;
    }
    // Simpler records.
    for (let i = 0; i < best.forms.length && steps < maxSteps; i++) {
      for (const simpler of simplerForms(best.forms[i]!)) {
        const forms = best.forms.slice();
        forms[i] = simpler;
        if (await tryCase(render(forms, best.style))) {
          changed = true;
          break;
        }
      }
    }
  }
  return best;
}
