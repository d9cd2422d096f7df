/**
 * Synthetic cases (a rendered input file and its expected records) and a corpus of them on disk:
 * `NNNNN.txt` / `NNNNN.html` / `NNNNN.pdf` beside `NNNNN.expected.json`.
 *
 * `NNNNN.expected.json` is a JSON array of records as SPEC prints them, without `source`; its
 * `issues` hold only the `{code, field}` of inconsistencies planted on purpose: the pipeline must
 * report at least those codes (and may report more).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateForm, type ExpectedRecord, type GenerateOptions, type PlantedIssue, type SynthForm } from './generate-form.js';
import { choosePdfStyle, renderPdf, type PdfStyle } from '../pdf/render-pdf.js';
import { makeRandom } from './random.js';
import { chooseHtmlStyle, renderHtml, type HtmlStyle } from './render-html.js';
import { chooseTextStyle, PLAIN_TEXT_STYLE, renderText, type TextStyle } from './render-text.js';

export type CorpusKind = 'text' | 'html' | 'pdf';

/** A record as an expected file holds it. */
export type ExpectedEntry = ExpectedRecord & { issues: PlantedIssue[] };

/** One synthetic input with its truth. */
export interface SynthCase {
  kind: CorpusKind;
  /** File extension, with the dot. */
  ext: '.txt' | '.html' | '.pdf';
  bytes: Uint8Array;
  /** The decoded text of the file ('' for a PDF). */
  text: string;
  forms: SynthForm[];
  style: TextStyle | HtmlStyle | PdfStyle;
  expected: ExpectedEntry[];
  /** Seed of the layout's random choices (page breaks, splits, …): the same seed, the same file. */
  renderSeed: string;
}

export interface CaseOptions {
  /** Probability that a text file holds two or three forms (an HTML page: a third of it). */
  multiFormProbability: number;
  generate: Partial<GenerateOptions>;
  /** Overrides applied to the randomly chosen style (to switch a variation off). */
  textStyle: Partial<TextStyle>;
  htmlStyle: Partial<HtmlStyle>;
}

export const DEFAULT_CASE_OPTIONS: CaseOptions = { multiFormProbability: 0.15, generate: {}, textStyle: {}, htmlStyle: {} };

export const formsToExpected = (forms: readonly SynthForm[]): ExpectedEntry[] =>
  forms.map((f) => ({ ...f.record, issues: f.planted }));

/** Renders forms as a case of a kind, in a style, with the layout drawn from `renderSeed`. */
export function renderSynthCase(kind: CorpusKind, forms: SynthForm[], style: TextStyle | HtmlStyle | PdfStyle, renderSeed: string): SynthCase {
  const expected = formsToExpected(forms);
  if (kind === 'pdf') return { kind, ext: '.pdf', bytes: renderPdf(forms, style as PdfStyle).bytes, text: '', forms, style, expected, renderSeed };
  if (kind === 'text') {
    const { text, bytes } = renderText(forms, style as TextStyle, makeRandom(renderSeed).fork('render'));
    return { kind, ext: '.txt', bytes, text, forms, style, expected, renderSeed };
  }
  const { html, bytes } = renderHtml(forms, style as HtmlStyle);
  return { kind, ext: '.html', bytes, text: html, forms, style, expected, renderSeed };
}

/** The case for a seed and kind: always the same bytes and truth for the same arguments. */
export function makeSynthCase(seed: number | string, kind: CorpusKind, options: Partial<CaseOptions> = {}): SynthCase {
  const opts = { ...DEFAULT_CASE_OPTIONS, ...options };
  const renderSeed = `${kind}:${seed}`;
  const rand = makeRandom(renderSeed);
  const count = rand.chance(kind === 'text' ? opts.multiFormProbability : opts.multiFormProbability / 3) ? rand.int(2, 3) : 1;
  const forms = Array.from({ length: count }, (_, i) => generateForm(rand.fork(`form${i}`), opts.generate));
  return renderSynthCase(kind, forms, caseStyle(seed, kind, opts), renderSeed);
}

/** The style of the case for a seed and kind (what `makeSynthCase` renders it in), without rendering it. */
export function caseStyle(seed: number | string, kind: CorpusKind, options: Partial<CaseOptions> = {}): TextStyle | HtmlStyle | PdfStyle {
  const renderSeed = `${kind}:${seed}`;
  const rand = makeRandom(renderSeed).fork('style');
  if (kind === 'text') return { ...chooseTextStyle(rand), ...options.textStyle };
  if (kind === 'html') return { ...chooseHtmlStyle(rand), ...options.htmlStyle };
  return choosePdfStyle(rand, renderSeed);
}

export interface CorpusOptions extends Partial<CaseOptions> {
  count: number;
  seed: number | string;
  kinds: readonly CorpusKind[];
  /** Write `NNNNN.expected.json` beside each input (default true). */
  withExpected?: boolean;
}

export interface CorpusEntry {
  path: string;
  expectedPath: string;
  kind: CorpusKind;
  forms: number;
}

/** Writes `count` cases into `dir` (created if needed), kinds taken in turn. */
export async function writeCorpus(dir: string, options: CorpusOptions): Promise<CorpusEntry[]> {
  if (options.kinds.length === 0) throw new Error('writeCorpus: no kinds given');
  await mkdir(dir, { recursive: true });
  const entries: CorpusEntry[] = [];
  for (let i = 0; i < options.count; i++) {
    const kind = options.kinds[i % options.kinds.length]!;
    const c = makeSynthCase(`${options.seed}:${i}`, kind, options);
    const stem = String(i).padStart(5, '0');
    const path = join(dir, `${stem}${c.ext}`);
    const expectedPath = join(dir, `${stem}.expected.json`);
    await writeFile(path, c.bytes);
    if (options.withExpected !== false) await writeFile(expectedPath, `${JSON.stringify(c.expected, null, 2)}\n`);
    entries.push({ path, expectedPath, kind, forms: c.forms.length });
  }
  return entries;
}

/**
 * One text export holding `count` forms in the seed's own layout (UTF-8, `<input>` check boxes),
 * as one archive system would write them all: the input of the text path's speed measurement.
 */
export async function writeTextExport(path: string, options: { count: number; seed: number | string }): Promise<{ path: string; forms: number; bytes: number }> {
  const rand = makeRandom(`export:${options.seed}`);
  const forms = Array.from({ length: options.count }, (_, i) => generateForm(rand.fork(`form${i}`)));
  const { bytes } = renderText(forms, PLAIN_TEXT_STYLE, rand.fork('render'));
  await writeFile(path, bytes);
  return { path, forms: forms.length, bytes: bytes.length };
}
