/** The hand-written shape check never accepts what the SPEC schema (zod) turns down. */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeclarationRecord, type NormalisedForm } from '../src/model.js';
import { fitsRecordShape } from '../src/validate/record-shape.js';

type Rec = NormalisedForm['record'];
const RecordFields = DeclarationRecord.omit({ source: true, issues: true });
const good = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'text-seed', 'expected.json'), 'utf8')) as Rec[])[0]!;
/** An indicator whose target has a parse, so that the parse's fields are changed too. */
const parsed = String(good.indicators.findIndex((i) => i.targetParsed !== null));

/** Values of every kind a field may wrongly hold, and the near misses of the right ones. */
const anyValue = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(''),
  fc.constant('2018-01-01'),
  fc.constant('2018-1-1'),
  fc.constant('recurring_special'),
  fc.constant('output'),
  fc.constant('>='),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1.5, 2 ** 53, 2018),
  fc.string({ maxLength: 4 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
);

/** Paths into the good record: top-level fields, an item's or indicator's field, a target's parse. */
const paths: string[][] = [
  ...Object.keys(good).map((k) => [k]),
  ...['name', 'amount'].map((k) => ['budgetItems', '0', k]),
  ...['category', 'name', 'target', 'targetParsed'].map((k) => ['indicators', parsed, k]),
  ...['op', 'value', 'unit', 'subject'].map((k) => ['indicators', parsed, 'targetParsed', k]),
];

function changed(path: string[], value: unknown): Rec {
  const copy = structuredClone(good) as unknown as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (typeof next !== 'object' || next === null) return copy as unknown as Rec;
    at = next as Record<string, unknown>;
  }
  if (value === undefined) delete at[path.at(-1)!];
  else at[path.at(-1)!] = value;
  return copy as unknown as Rec;
}

describe('record shape check', () => {
  it('accepts the good record, as zod does', () => {
    expect(parsed).not.toBe('-1');
    expect(fitsRecordShape(good)).toBe(true);
    expect(RecordFields.safeParse(good).success).toBe(true);
  });

  it('agrees with zod on records with one value changed', () => {
    let turnedDown = 0;
    fc.assert(
      fc.property(fc.constantFrom(...paths), anyValue, (path, value) => {
        const record = changed(path, value);
        const zod = RecordFields.safeParse(record).success;
        if (!zod) turnedDown++;
        expect(fitsRecordShape(record)).toBe(zod);
      }),
      { numRuns: 3000 },
    );
    expect(turnedDown).toBeGreaterThan(100);
  });

  it('turns down an array with a hole', () => {
    const record = structuredClone(good);
    record.budgetItems = [record.budgetItems[0]!];
    record.budgetItems.length = 2;
    expect(RecordFields.safeParse(record).success).toBe(false);
    expect(fitsRecordShape(record)).toBe(false);
  });
});
