/**
 * Synthetic declaration forms with their truth: a seeded generator of random but plausible
 * records (SPEC.md, "The record"), and of how each value is written on the form (date and amount
 * formats), for the renderers in `render-text.ts` and `render-html.ts` to lay out.
 *
 * The expected record is the generated one: text fields hold `\n` only between paragraphs, empty
 * cells are null, "无" budget blocks are `[]`. Some forms carry an inconsistency on purpose
 * (items not adding up, end before start, …); `planted` names the issue code each one must raise.
 */
import { PROSE_FIELDS, type AmountField, type DateField, type DeclarationRecord, type IndicatorCategory, type IssueCode, type TargetParsed, type TextField } from '../../src/model.js';
import { makeRandom, type Random } from './random.js';
import {
  BUDGET_ITEM_NAMES,
  FORM_TITLE,
  FUND_USE_OPTIONS,
  INDICATOR_NAMES,
  LABEL_LIKE_BUDGET_NAMES,
  LABEL_LIKE_INDICATOR_NAMES,
  PROJECT_CATEGORY_OPTIONS,
  PROJECT_DOMAINS,
  PROJECT_KINDS,
  PROJECT_SUFFIXES,
  PROSE_WORDS,
  REMARKS,
  SENTENCES,
  TARGET_SUBJECTS,
  TARGET_UNITS,
  UNIT_CORES,
  UNIT_KINDS,
  UNIT_PREFIXES,
  WORD_TARGETS,
} from './vocab.js';

export { makeRandom, type Random } from './random.js';

/** The record as SPEC prints it, without what only the pipeline can know (source, issues). */
export type ExpectedRecord = Omit<DeclarationRecord, 'source' | 'issues'>;

/** An inconsistency the generator put into a form on purpose, and the issue it must raise. */
export interface PlantedIssue {
  code: IssueCode;
  /** The field the issue is about, as a hint (tests compare codes only). */
  field: string | null;
}

export type AmountUnit = '元' | '千元' | '万元';
/** Cents in one of each unit. */
const CENTS_PER_UNIT: Readonly<Record<AmountUnit, number>> = { 元: 100, 千元: 100_000, 万元: 1_000_000 };

export type DateFormat = 'slash' | 'slash-padded' | 'dot-spaced' | 'dot' | 'cjk' | 'cjk-padded' | 'iso';
export type AmountFormat = 'plain' | 'fixed2' | 'comma2' | 'comma' | 'yuan-suffix' | 'yen-prefix';

export { PROSE_FIELDS };
export type ProseField = (typeof PROSE_FIELDS)[number];

/** One generated form: the expected record, and how its values are written on the page. */
export interface SynthForm {
  record: ExpectedRecord;
  /** Paragraphs of each prose field (empty array: empty cell); record text = paragraphs joined by `\n`. */
  paragraphs: Record<ProseField, string[]>;
  /** Dates as written in the cells ("" for an empty cell). */
  writtenDates: Record<DateField, string>;
  /** Amounts as written in the cells ("" for an empty cell), in `amountUnit`. */
  writtenAmounts: Record<AmountField, string>;
  /** The unit the amount labels name: 元, or 千元 / 万元 (a thousand, ten thousand yuan) with the amounts written in it. */
  amountUnit: AmountUnit;
  /** The options whose boxes are ticked (none or two when an issue is planted). */
  ticks: { projectCategory: string[]; fundUse: string[] };
  /** Budget items as written; `none` = the block says 无. */
  writtenItems: { name: string; amount: string }[];
  budgetNone: boolean;
  /** Issues the form must raise. */
  planted: PlantedIssue[];
}

/** Knobs for the generator; the defaults make a varied corpus. */
export interface GenerateOptions {
  /** Probability of each planted inconsistency (0 switches them off). */
  plantProbability: number;
  /** Probability that a form names an indicator (and, apart, a budget item) with label-like words. */
  labelLikeProbability: number;
}

export const DEFAULT_GENERATE_OPTIONS: GenerateOptions = { plantProbability: 0.06, labelLikeProbability: 0.25 };

// ---------------------------------------------------------------------------------------------
// Values

/** Renders a date in one of the formats SPEC lists (and their zero-padded cousins). */
export function formatDate(iso: string, format: DateFormat): string {
  const [y, m, d] = iso.split('-');
  const mm = String(Number(m));
  const dd = String(Number(d));
  switch (format) {
    case 'slash':
      return `${y}/${mm}/${dd}`;
    case 'slash-padded':
      return `${y}/${m}/${d}`;
    case 'dot-spaced':
      return `${y}. ${mm}. ${dd}`;
    case 'dot':
      return `${y}.${mm}.${dd}`;
    case 'cjk':
      return `${y}年${mm}月${dd}日`;
    case 'cjk-padded':
      return `${y}年${m}月${d}日`;
    case 'iso':
      return iso;
  }
}

const withThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Renders an amount given in cents; formats without decimals only take whole yuan. */
export function formatAmount(cents: number, format: AmountFormat): string {
  const yuan = Math.floor(cents / 100);
  const frac = String(cents % 100).padStart(2, '0');
  switch (format) {
    case 'plain':
      return String(yuan);
    case 'fixed2':
      return `${yuan}.${frac}`;
    case 'comma2':
      return `${withThousands(String(yuan))}.${frac}`;
    case 'comma':
      return withThousands(String(yuan));
    case 'yuan-suffix':
      return `${yuan}元`;
    case 'yen-prefix':
      return `￥${withThousands(String(yuan))}.${frac}`;
  }
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const isoOf = (y: number, m: number, d: number): string => `${y}-${pad2(m)}-${pad2(d)}`;
const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

function randomDate(rand: Random, year: number): string {
  const m = rand.int(1, 12);
  return isoOf(year, m, rand.int(1, daysIn(year, m)));
}

// ---------------------------------------------------------------------------------------------
// Text

function fillSentence(rand: Random, template: string, unit: string): string {
  return template
    .replace(/\{a\}/g, () => rand.pick(PROSE_WORDS))
    .replace(/\{b\}/g, () => rand.pick(PROSE_WORDS))
    .replace(/\{n\}/g, () => String(rand.int(2, 3000)))
    .replace(/\{unit\}/g, unit);
}

function makeParagraph(rand: Random, unit: string, sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(fillSentence(rand, rand.pick(SENTENCES), unit));
  // A sentence without a final stop (a list of phrases, as seed 1 writes them) ends its
  // paragraph as it is, but takes a 。 before another sentence.
  return out.map((s, i) => (i < out.length - 1 && !/[。；！？]$/.test(s) ? `${s}。` : s)).join('');
}

function makeProse(rand: Random, unit: string, long: boolean): string[] {
  const paragraphs = long && rand.chance(0.35) ? rand.int(2, 5) : 1;
  const out: string[] = [];
  for (let i = 0; i < paragraphs; i++) out.push(makeParagraph(rand, unit, rand.int(1, long ? 6 : 2)));
  return out;
}

function makeUnitName(rand: Random): string {
  const name = `${rand.pick(UNIT_PREFIXES)}${rand.pick(UNIT_CORES)}${rand.pick(UNIT_KINDS)}`;
  if (rand.chance(0.15)) return rand.chance(0.7) ? `${name}（上海市${rand.pick(UNIT_CORES)}中心）` : `${name}(上海市${rand.pick(UNIT_CORES)}中心)`;
  return name;
}

// ---------------------------------------------------------------------------------------------
// Indicators

function formatTargetNumber(rand: Random, value: number, percent: boolean): string {
  if (Number.isInteger(value) && rand.chance(percent ? 0.3 : 0.1)) return value.toFixed(2);
  return String(value);
}

/** A target as written, with the targetParsed SPEC defines for it. */
/** Targets whose number is lost, as a slip of typing or reading leaves them. */
const LOST_NUMBER_TARGETS = ['≥', '≤', '=', '>=', '<', '不低于', '不超过', '大于等于', '小于等于O%', '不少于o人次'];

export function makeTarget(rand: Random): { target: string; targetParsed: TargetParsed | null } {
  const kind = rand.weighted([
    ['words', 3],
    ['symbol', 4],
    ['bare', 2],
    ['word-op', 2],
    ['subject', 2],
  ] as const);
  if (kind === 'words') return { target: rand.pick(WORD_TARGETS), targetParsed: null };

  const unitKind = rand.weighted([
    ['none', 3],
    ['%', 3],
    ['unit', 2],
  ] as const);
  const unit = unitKind === 'none' ? null : unitKind === '%' ? '%' : rand.pick(TARGET_UNITS);
  let value: number;
  if (unit === '%') value = rand.chance(0.2) ? rand.int(0, 20) : rand.chance(0.2) ? rand.int(900, 999) / 10 : rand.int(60, 100);
  else if (rand.chance(0.15)) value = 0;
  else value = rand.pick([rand.int(1, 100), rand.int(100, 200000), rand.int(1, 50) * 100]);
  const num = formatTargetNumber(rand, value, unit === '%');
  const tail = `${num}${unit ?? ''}`;

  if (kind === 'bare') return { target: tail, targetParsed: { op: '=', value, unit, subject: null } };
  if (kind === 'symbol') {
    const [sym, op] = rand.pick([
      ['≥', '>='],
      ['≥', '>='],
      ['≤', '<='],
      ['=', '='],
      ['>', '>'],
      ['<', '<'],
      ['>=', '>='],
      ['<=', '<='],
    ] as const);
    return { target: `${sym}${tail}`, targetParsed: { op, value, unit, subject: null } };
  }
  if (kind === 'word-op') {
    const [word, op] = rand.pick([
      ['大于等于', '>='],
      ['不低于', '>='],
      ['小于等于', '<='],
      ['不超过', '<='],
      ['达', '>='],
    ] as const);
    return { target: `${word}${tail}`, targetParsed: { op, value, unit, subject: null } };
  }
  const subject = rand.pick(TARGET_SUBJECTS);
  const [word, op] = rand.pick([
    ['≥', '>='],
    ['≤', '<='],
    ['达', '>='],
    ['不低于', '>='],
    ['不超过', '<='],
    ['大于等于', '>='],
  ] as const);
  return { target: `${subject}${word}${tail}`, targetParsed: { op, value, unit, subject } };
}

// ---------------------------------------------------------------------------------------------
// Budget

/** Splits a total (in cents) into n positive parts, each a multiple of `step` cents but the last. */
function splitCents(rand: Random, total: number, n: number, step: number): number[] {
  const parts: number[] = [];
  let left = total;
  for (let i = 0; i < n - 1; i++) {
    const share = left / (n - i);
    const part = Math.max(step, Math.round((share * (0.4 + rand.next() * 1.2)) / step) * step);
    if (part >= left - step * (n - i - 1)) break;
    parts.push(part);
    left -= part;
  }
  parts.push(left);
  return parts;
}

// ---------------------------------------------------------------------------------------------
// The form

/** A random but plausible form, its truth and how its values are written. */
export function generateForm(rand: Random, options: Partial<GenerateOptions> = {}): SynthForm {
  const opts = { ...DEFAULT_GENERATE_OPTIONS, ...options };
  const planted: PlantedIssue[] = [];
  /** Whether to plant this inconsistency (the code names which one, for the reader). */
  const plant = (_code: IssueCode): boolean => opts.plantProbability > 0 && rand.chance(opts.plantProbability);

  const unitName = makeUnitName(rand);
  const projectName = `${rand.pick(PROJECT_DOMAINS)}${rand.pick(PROJECT_KINDS)}${rand.pick(PROJECT_SUFFIXES)}`;

  let projectCategory: ExpectedRecord['projectCategory'] = rand.pick(PROJECT_CATEGORY_OPTIONS)[0];
  let fundUse: ExpectedRecord['fundUse'] = rand.pick(FUND_USE_OPTIONS)[0];
  const ticks = { projectCategory: [projectCategory as string], fundUse: [fundUse as string] };
  if (plant('map.checkbox-none')) {
    if (rand.chance(0.5)) {
      projectCategory = null;
      ticks.projectCategory = [];
      planted.push({ code: 'map.checkbox-none', field: 'projectCategory' });
    } else {
      fundUse = null;
      ticks.fundUse = [];
      planted.push({ code: 'map.checkbox-none', field: 'fundUse' });
    }
  } else if (plant('map.checkbox-multiple')) {
    // Two boxes ticked: the value is left null, with the issue (README, issue codes).
    if (rand.chance(0.5)) {
      ticks.projectCategory = rand.sample(PROJECT_CATEGORY_OPTIONS, 2).map(([v]) => v);
      projectCategory = null;
      planted.push({ code: 'map.checkbox-multiple', field: 'projectCategory' });
    } else {
      ticks.fundUse = rand.sample(FUND_USE_OPTIONS, 2).map(([v]) => v);
      fundUse = null;
      planted.push({ code: 'map.checkbox-multiple', field: 'fundUse' });
    }
  }

  // Dates
  const dateFormat = rand.weighted<DateFormat>([
    ['slash', 3],
    ['dot-spaced', 2],
    ['cjk', 3],
    ['cjk-padded', 1],
    ['iso', 2],
    ['slash-padded', 1],
    ['dot', 1],
  ]);
  // The same template served other years' declarations too.
  const year = rand.chance(0.1) ? rand.pick([2017, 2019, 2020]) : 2018;
  let startDate: string | null = rand.chance(0.6) ? `${year}-01-01` : randomDate(rand, rand.chance(0.85) ? year : year - 1);
  let endDate: string | null = rand.chance(0.6) ? `${year}-12-31` : randomDate(rand, rand.chance(0.8) ? year : year + 1);
  if (endDate < startDate) [startDate, endDate] = [endDate, startDate];
  if (startDate === endDate) endDate = `${year}-12-31` > startDate ? `${year}-12-31` : `${year + 1}-12-31`;
  if (plant('validate.date-order')) {
    [startDate, endDate] = [endDate, startDate];
    planted.push({ code: 'validate.date-order', field: 'endDate' });
  } else {
    if (rand.chance(0.03)) startDate = null;
    if (rand.chance(0.03)) endDate = null;
  }
  const secondDateFormat = rand.chance(0.1) ? rand.pick<DateFormat>(['slash', 'cjk', 'iso', 'dot-spaced']) : dateFormat;
  const writtenDates = {
    startDate: startDate ? formatDate(startDate, dateFormat) : '',
    endDate: endDate ? formatDate(endDate, secondDateFormat) : '',
  };

  // Amounts, in cents so sums are exact
  const withCents = rand.chance(0.12);
  const amountFormat = rand.weighted<AmountFormat>(
    withCents
      ? [
          ['fixed2', 2],
          ['comma2', 2],
        ]
      : [
          ['plain', 5],
          ['fixed2', 3],
          ['comma2', 3],
          ['comma', 1],
          ['yuan-suffix', 1],
          ['yen-prefix', 1],
        ],
  );
  const stepCents = withCents ? 1 : 100 * rand.pick([1, 100, 1000, 10000]);
  const roundTo = (cents: number): number => Math.max(stepCents, Math.round(cents / stepCents) * stepCents);
  const totalCents = roundTo(rand.int(5, 2000) * 1_000_000 * rand.next() + 2_000_000);
  let currentCents = rand.chance(0.65) ? totalCents : roundTo(totalCents * (0.2 + 0.8 * rand.next()));
  if (currentCents > totalCents) currentCents = totalCents;
  if (plant('validate.budget-order')) {
    currentCents = totalCents + roundTo(totalCents * 0.5);
    planted.push({ code: 'validate.budget-order', field: 'currentYearBudget' });
  }
  const previousCents = rand.chance(0.25) ? null : rand.chance(0.05) ? 0 : roundTo(currentCents * (0.5 + rand.next()));
  const executedCents =
    previousCents === null ? null : rand.chance(0.5) ? previousCents : roundTo(previousCents * (0.7 + 0.3 * rand.next()));

  // Budget items
  const budgetMode = rand.weighted([
    ['items', 8],
    ['none', 2],
    ['empty', 1],
  ] as const);
  let itemCents: number[] = [];
  if (budgetMode === 'items') {
    const n = rand.int(1, 5);
    itemCents = splitCents(rand, currentCents, n, stepCents);
    if (plant('validate.budget-sum')) {
      const i = rand.int(0, itemCents.length - 1);
      itemCents[i] = itemCents[i]! + roundTo(Math.max(currentCents * 0.1, 1_000_000));
      planted.push({ code: 'validate.budget-sum', field: 'budgetItems' });
    }
  }
  const itemNames: string[] = rand.sample(BUDGET_ITEM_NAMES, itemCents.length);
  // Some forms count in 万元 or 千元: amounts of whole hundreds of yuan, written in that unit with up to two decimals.
  const unitRand = rand.fork('amount-unit');
  const amountUnit: AmountUnit = !withCents && stepCents >= 10_000 && unitRand.chance(0.15) ? (unitRand.chance(0.7) ? '万元' : '千元') : '元';
  const fmt = (cents: number | null): string => (cents === null ? '' : amountUnit === '元' ? formatAmount(cents, amountFormat) : String(cents / CENTS_PER_UNIT[amountUnit]));
  const yuanOf = (cents: number | null): number | null => (cents === null ? null : cents / 100);

  // Prose
  const paragraphs = {} as Record<ProseField, string[]>;
  for (const field of PROSE_FIELDS) {
    if (field === 'remarks') paragraphs[field] = rand.chance(0.2) ? [rand.pick(REMARKS)] : [];
    else if (rand.chance(0.03)) paragraphs[field] = [];
    else paragraphs[field] = makeProse(rand, unitName, field !== 'basis');
  }
  const proseText = (field: ProseField): string | null => (paragraphs[field].length ? paragraphs[field].join('\n') : null);

  // Indicators
  const indicators: ExpectedRecord['indicators'] = [];
  const categories: IndicatorCategory[] = ['input_management', 'output', 'effect', 'impact'];
  for (const category of categories) {
    const count = rand.weighted([
      [0, 1],
      [1, 5],
      [2, 3],
      [3, 3],
      [4, 1],
    ] as const);
    for (const name of rand.sample(INDICATOR_NAMES[category], count)) {
      indicators.push({ category, name, ...makeTarget(rand) });
    }
  }
  if (indicators.length === 0) indicators.push({ category: 'output', name: '数量', ...makeTarget(rand) });
  // Drawn from their own stream, so a seed's other values stay as they were.
  const lookalike = rand.fork('label-like');
  if (lookalike.chance(opts.labelLikeProbability)) {
    for (const i of lookalike.sample([...indicators.keys()], lookalike.int(1, 2))) indicators[i]!.name = lookalike.pick(LABEL_LIKE_INDICATOR_NAMES);
  }
  if (itemNames.length && lookalike.chance(opts.labelLikeProbability)) itemNames[lookalike.int(0, itemNames.length - 1)] = lookalike.pick(LABEL_LIKE_BUDGET_NAMES);
  // A target whose number was lost (a bare sign, a comparison word before nothing or before a
  // letter O), from its own stream too.
  const lost = rand.fork('lost-number');
  if (opts.plantProbability > 0 && lost.chance(opts.plantProbability)) {
    const i = lost.int(0, indicators.length - 1);
    indicators[i] = { ...indicators[i]!, target: lost.pick(LOST_NUMBER_TARGETS), targetParsed: null };
    planted.push({ code: 'validate.target-incomplete', field: `indicators[${i}].target` });
  }

  const record: ExpectedRecord = {
    formTitle: FORM_TITLE,
    // A few exports lose the "(2018年)" line under the title.
    year: rand.chance(0.03) ? null : year,
    unitName,
    projectName,
    projectCategory,
    fundUse,
    startDate,
    endDate,
    overview: proseText('overview'),
    basis: proseText('basis'),
    necessity: proseText('necessity'),
    safeguards: proseText('safeguards'),
    totalBudget: yuanOf(totalCents),
    currentYearBudget: yuanOf(currentCents),
    previousYearBudget: yuanOf(previousCents),
    previousYearExecuted: yuanOf(executedCents),
    budgetItems: itemCents.map((cents, i) => ({ name: itemNames[i]!, amount: cents / 100 })),
    implementationPlan: proseText('implementationPlan'),
    overallGoal: proseText('overallGoal'),
    annualGoal: proseText('annualGoal'),
    indicators,
    remarks: proseText('remarks'),
  };
  return {
    record,
    paragraphs,
    writtenDates,
    writtenAmounts: {
      totalBudget: fmt(totalCents),
      currentYearBudget: fmt(currentCents),
      previousYearBudget: fmt(previousCents),
      previousYearExecuted: fmt(executedCents),
    },
    amountUnit,
    writtenItems: itemCents.map((cents, i) => ({ name: itemNames[i]!, amount: fmt(cents) })),
    budgetNone: budgetMode === 'none',
    ticks,
    planted,
  };
}

/** The form for a seed: the same seed always gives the same form. */
export function generateFormForSeed(seed: number | string, options: Partial<GenerateOptions> = {}): SynthForm {
  return generateForm(makeRandom(seed).fork('record'), options);
}
