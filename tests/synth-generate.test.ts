/**
 * The synthetic-form generator: deterministic, valid against the SPEC schema, consistent unless
 * an inconsistency is planted on purpose, and actually varied (every enum value, date format,
 * tick style, encoding and page-break shape turns up over a few hundred seeds).
 */
import { describe, expect, it } from 'vitest';
import { decodeText } from '../src/ingest/decode-text.js';
import { textLooksLikeHtml } from '../src/ingest/detect-kind.js';
import { DeclarationRecord, FundUse, IndicatorCategory, ProjectCategory } from '../src/model.js';
import { formatAmount, formatDate, generateFormForSeed, makeRandom } from '../testkit/synth/generate-form.js';
import type { HtmlStyle } from '../testkit/synth/render-html.js';
import type { TextStyle } from '../testkit/synth/render-text.js';
import type { PdfStyle } from '../testkit/pdf/render-pdf.js';
import { LABEL_WORDINGS } from '../testkit/synth/vocab.js';
import { LABELS } from '../src/vocab/labels.js';
import { caseStyle, makeSynthCase } from '../testkit/synth/write-corpus.js';

const SEEDS = Array.from({ length: 300 }, (_, i) => i);

describe('makeRandom', () => {
  it('gives the same sequence for the same seed and different ones for different seeds', () => {
    const draw = (seed: number | string) => {
      const r = makeRandom(seed);
      return Array.from({ length: 20 }, () => r.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw('42')).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    for (const x of draw(7)) expect(x >= 0 && x < 1).toBe(true);
  });

  it('forks without moving the parent', () => {
    const a = makeRandom(5);
    const b = makeRandom(5);
    a.fork('x').next();
    expect(a.next()).toBe(b.next());
    expect(makeRandom(5).fork('x').next()).not.toBe(makeRandom(5).fork('y').next());
  });

  it('int stays within its bounds and reaches both ends', () => {
    const r = makeRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(r.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });
});

describe('value formats', () => {
  it.each([
    ['2018-01-01', 'slash', '2018/1/1'],
    ['2018-12-31', 'dot-spaced', '2018. 12. 31'],
    ['2018-03-05', 'cjk', '2018年3月5日'],
    ['2018-03-05', 'iso', '2018-03-05'],
    ['2018-03-05', 'slash-padded', '2018/03/05'],
  ] as const)('formatDate(%s, %s) = %s', (iso, format, expected) => {
    expect(formatDate(iso, format)).toBe(expected);
  });

  it.each([
    [166550000, 'comma2', '1,665,500.00'],
    [30000000, 'plain', '300000'],
    [30000000, 'fixed2', '300000.00'],
    [123456789, 'comma2', '1,234,567.89'],
    [100000000, 'comma', '1,000,000'],
  ] as const)('formatAmount(%i cents, %s) = %s', (cents, format, expected) => {
    expect(formatAmount(cents, format)).toBe(expected);
  });
});

describe('generateForm', () => {
  it('is deterministic: the same seed gives the same bytes and truth', () => {
    for (const seed of [0, 1, 99, 'abc']) {
      for (const kind of ['text', 'html'] as const) {
        const a = makeSynthCase(seed, kind);
        const b = makeSynthCase(seed, kind);
        expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
        expect(a.expected).toEqual(b.expected);
      }
    }
    expect(makeSynthCase(1, 'text').text).not.toBe(makeSynthCase(2, 'text').text);
  });

  it('makes records that satisfy the SPEC schema', () => {
    const source = { path: 'x.txt', sha256: '0'.repeat(64), kind: 'text' as const, formIndex: 0, pages: [1] };
    for (const seed of SEEDS) {
      const { record } = generateFormForSeed(seed);
      const parsed = DeclarationRecord.safeParse({ ...record, source, issues: [] });
      expect(parsed.success, `seed ${seed}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it('keeps text fields clean: no blank ends, no tabs, no markup, no double blanks, \\n only between paragraphs', () => {
    for (const seed of SEEDS) {
      const form = generateFormForSeed(seed);
      for (const [field, paragraphs] of Object.entries(form.paragraphs)) {
        const value = form.record[field as keyof typeof form.record];
        expect(value).toBe(paragraphs.length ? paragraphs.join('\n') : null);
        for (const p of paragraphs) {
          expect(p).toBe(p.trim());
          expect(p).not.toMatch(/[\t\n<>&☑☐■□√☒✓]|\s{2}/);
        }
      }
    }
  });

  it('is consistent unless an inconsistency is planted, and plants each kind sometimes', () => {
    const plantedCodes = new Set<string>();
    for (const seed of SEEDS) {
      const { record: r, planted } = generateFormForSeed(seed, { plantProbability: 0.1 });
      const codes = new Set(planted.map((p) => p.code));
      for (const c of codes) plantedCodes.add(c);
      const itemCents = r.budgetItems.reduce((s, i) => s + Math.round(i.amount * 100), 0);
      if (r.budgetItems.length > 0) expect(itemCents === Math.round(r.currentYearBudget! * 100)).toBe(!codes.has('validate.budget-sum'));
      expect(r.currentYearBudget! <= r.totalBudget!).toBe(!codes.has('validate.budget-order'));
      if (r.startDate && r.endDate) expect(r.startDate <= r.endDate).toBe(!codes.has('validate.date-order'));
      expect(r.projectCategory === null || r.fundUse === null).toBe(codes.has('map.checkbox-none') || codes.has('map.checkbox-multiple'));
      expect(r.indicators.some((i) => !/\d/.test(i.target) && /[<>=≥≤]|不低于|不超过|大于等于|小于等于|不少于/.test(i.target))).toBe(codes.has('validate.target-incomplete'));
    }
    expect([...plantedCodes].sort()).toEqual([
      'map.checkbox-multiple',
      'map.checkbox-none',
      'validate.budget-order',
      'validate.budget-sum',
      'validate.date-order',
      'validate.target-incomplete',
    ]);
  });

  it('covers every enum value, indicator category and targetParsed op', () => {
    const cats = new Set<string>();
    const uses = new Set<string>();
    const indCats = new Set<string>();
    const ops = new Set<string>();
    let wordsOnly = 0;
    let withSubject = 0;
    let budgetNone = 0;
    for (const seed of SEEDS) {
      const form = generateFormForSeed(seed);
      if (form.record.projectCategory) cats.add(form.record.projectCategory);
      if (form.record.fundUse) uses.add(form.record.fundUse);
      if (form.budgetNone) budgetNone++;
      for (const ind of form.record.indicators) {
        indCats.add(ind.category);
        if (ind.targetParsed) ops.add(ind.targetParsed.op);
        else wordsOnly++;
        if (ind.targetParsed?.subject) withSubject++;
      }
    }
    expect([...cats].sort()).toEqual([...ProjectCategory.options].sort());
    expect([...uses].sort()).toEqual([...FundUse.options].sort());
    expect([...indCats].sort()).toEqual([...IndicatorCategory.options].sort());
    expect([...ops].sort()).toEqual(['<', '<=', '=', '>', '>=']);
    expect(wordsOnly).toBeGreaterThan(0);
    expect(withSubject).toBeGreaterThan(0);
    expect(budgetNone).toBeGreaterThan(0);
  });

  it('writes targets whose parse is what the text says', () => {
    for (const seed of SEEDS) {
      for (const ind of generateFormForSeed(seed).record.indicators) {
        const t = ind.targetParsed;
        if (!t) {
          expect(ind.target).not.toMatch(/\d/);
          continue;
        }
        expect(ind.target.startsWith(t.subject ?? '')).toBe(true);
        expect(ind.target.endsWith(t.unit ?? '')).toBe(true);
        const number = ind.target.slice((t.subject ?? '').length).match(/\d+(\.\d+)?/);
        expect(Number(number?.[0])).toBe(t.value);
      }
    }
  });
});

describe('forms that look like other forms', () => {
  it('names items and indicators with the wordings of labels, counts in 元, 千元 and 万元, and words labels otherwise', () => {
    const wordings = new Set(Object.values(LABELS).flat());
    const named = { items: new Set<string>(), indicators: new Set<string>() };
    const units = new Set<string>();
    let labelAlone = 0;
    let otherWording = 0;
    for (const seed of SEEDS) {
      const c = makeSynthCase(seed, 'text');
      for (const form of c.forms) {
        units.add(form.amountUnit);
        for (const item of form.record.budgetItems) if (wordings.has(item.name)) named.items.add(item.name);
        for (const ind of form.record.indicators) if (wordings.has(ind.name)) named.indicators.add(ind.name);
      }
      const style = c.style as TextStyle;
      if (style.budgetLabelRow < 0) labelAlone++;
      if (Object.values(LABEL_WORDINGS).flat().some((w) => c.text.includes(`\n${w}\t`))) otherWording++;
    }
    expect([...units].sort()).toEqual(['万元', '元', '千元'].sort());
    // Names beyond the words of the old list: header words, amount labels, the table's own labels.
    for (const set of [named.items, named.indicators]) {
      expect(set.size).toBeGreaterThan(15);
      expect([...set].some((n) => ['金额', '子项目名称', '目标值', '指标值', '绩效指标', '项目总预算', '当年预算', '投入资金构成', '分解目标'].includes(n))).toBe(true);
    }
    expect(labelAlone).toBeGreaterThan(10);
    expect(otherWording).toBeGreaterThan(10);
  });

  it('prints PDFs with labels cut by a page break, other wordings and borderless forms starting mid-page', () => {
    const styles = SEEDS.map((seed) => caseStyle(seed, 'pdf') as PdfStyle);
    expect(styles.filter((s) => s.rules === 'none' && !s.formPerPage).length).toBeGreaterThan(5);
    expect(styles.filter((s) => s.labelSplitSeed !== undefined && s.labels === 'top-left').length).toBeGreaterThan(10);
    expect(styles.filter((s) => s.labelWordingSeed !== undefined).length).toBeGreaterThan(10);
  });
});

describe('renderers', () => {
  it('text files decode back to their text and are not taken for HTML', () => {
    const encodings = new Set<string>();
    for (const seed of SEEDS.slice(0, 120)) {
      const c = makeSynthCase(seed, 'text');
      encodings.add((c.style as TextStyle).encoding);
      expect(decodeText(c.bytes, 'x').text).toBe(c.text);
      expect(textLooksLikeHtml(c.text)).toBe(false);
    }
    expect([...encodings].sort()).toEqual(['gb18030', 'utf-16le', 'utf-8', 'utf-8-bom']);
  });

  it('HTML files decode back to their text and are taken for HTML', () => {
    const producers = new Set<string>();
    for (const seed of SEEDS.slice(0, 60)) {
      const c = makeSynthCase(seed, 'html');
      producers.add((c.style as HtmlStyle).producer);
      expect(decodeText(c.bytes, 'x').text).toBe(c.text);
      expect(textLooksLikeHtml(c.text)).toBe(true);
    }
    expect([...producers].sort()).toEqual(['table-td', 'table-th', 'word']);
  });

  it('text exports show every tick style, wrapped and label-less option rows, page breaks and split cells', () => {
    const seen = { marks: new Set<string>(), before: 0, after: 0, wrapped: 0, labelless: 0, splits: 0, breaks: 0, crlf: 0, multi: 0, noise: 0 };
    for (const seed of SEEDS) {
      const c = makeSynthCase(seed, 'text');
      const s = c.style as TextStyle;
      seen.marks.add(s.checkbox.marks);
      seen[s.checkbox.position]++;
      if (s.categoryRows.wrapAt !== null || s.fundRows.wrapAt !== null) seen.wrapped++;
      if (s.categoryRows.label === 'none' || s.fundRows.label === 'none') seen.labelless++;
      if (s.splits > 0) seen.splits++;
      // A page break inside the table: a blank line between two tab-separated rows.
      if (/\t[^\n]*\r?\n(\r?\n)+[^\n]*\t/.test(c.text)) seen.breaks++;
      if (c.text.includes('\r\n')) seen.crlf++;
      if (c.forms.length > 1) seen.multi++;
      if (c.text.includes('----\t--')) seen.noise++;
    }
    expect([...seen.marks].sort()).toEqual(['ballot', 'ballot-x', 'check', 'check-box', 'input', 'square']);
    for (const key of ['before', 'after', 'wrapped', 'labelless', 'splits', 'breaks', 'crlf', 'multi', 'noise'] as const) {
      expect(seen[key], key).toBeGreaterThan(0);
    }
  });

  it('writes every ticked option and only those', () => {
    for (const seed of SEEDS.slice(0, 100)) {
      const c = makeSynthCase(seed, 'text');
      const s = c.style as TextStyle;
      const ticks = { input: /<input[^>]*checked/gi, ballot: /☑/g, square: /■/g, 'check-box': /√/g, 'ballot-x': /☒/g, check: /✓/g }[s.checkbox.marks];
      const expectedTicks = c.forms.reduce((n, f) => n + f.ticks.projectCategory.length + f.ticks.fundUse.length, 0);
      expect(c.text.match(ticks)?.length ?? 0).toBe(expectedTicks);
    }
  });
});
