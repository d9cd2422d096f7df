/**
 * Doubts that need no second reading, on generated forms printed and read at 300 dpi
 * (scripts/make-scan-corpus.js, recorded by testkit/scan/corpus-ocr.ts with PP-OCR): a line whose
 * ink is wider than its reading lost a character, and a line of ink read as nothing lost its
 * value. Each is flagged on its field, and no right key field of the form is flagged by them.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formStages } from '../pipelines/common.js';
import type { DeclarationRecord, Doc } from '../src/model.js';
import { runStages } from '../src/pipeline.js';
import { layoutsToRows, type PageOcr } from '../src/scan/assemble.js';
import type { PageLayout } from '../src/scan/layout.js';
import { stampedBoxesToIssues } from '../src/scan/stamp-doubts.js';
import { LOST_CHARACTER_WIDTH, pageOcrToCharacterPitch, readingHasLetterForSign, readingLostCharacter } from '../src/scan/reading-doubts.js';

const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures');

interface Recorded {
  layouts: PageLayout[];
  ocr: PageOcr[];
}

const load = (name: string) => ({
  recorded: JSON.parse(readFileSync(join(FIXTURES, name, 'recorded-ocr.json'), 'utf8')) as Recorded,
  truth: (JSON.parse(readFileSync(join(FIXTURES, name, 'truth.json'), 'utf8')) as DeclarationRecord[])[0]!,
});

/** The record read from recorded OCR (with the stamp's doubts), the second readings left out so that only the first counts. */
async function firstReadingToRecord({ layouts, ocr }: Recorded): Promise<DeclarationRecord> {
  const once = ocr.map((page) => page.map(({ second: _, ...r }) => r));
  const { pages, rows } = layoutsToRows(layouts, once);
  const issues = stampedBoxesToIssues(layouts, rows);
  const doc: Doc = { source: { path: 'scan.png', sha256: '0'.repeat(64), kind: 'image', bytes: 1, pages: layouts.length }, pages, rows, forms: [], issues };
  const done = await runStages(formStages, doc, {});
  return done.forms[0]!.record!;
}

const lowConfidenceFields = (r: DeclarationRecord) => r.issues.filter((i) => i.code === 'read.low-confidence').map((i) => i.field);

describe('a character lost by the reader, its ink still there (财务竣工 read as 财务工)', () => {
  const { recorded, truth } = load('scan-synth-lost-character');

  it('is flagged on the indicator name, and only there', async () => {
    const record = await firstReadingToRecord(recorded);
    const k = truth.indicators.findIndex((i) => i.name === '财务竣工报告编制及时性');
    expect(record.indicators[k]!.name).toBe('财务工报告编制及时性');
    expect(lowConfidenceFields(record)).toEqual([`indicators[${k}].name`]);
  });

  it('measures the page pitch from its lines of Chinese characters, and finds only that cell wider than its reading', () => {
    const n = recorded.ocr.findIndex((page) => page.some((r) => r.text === '财务工报告编制及时性'));
    const page = recorded.ocr[n]!;
    const pitch = pageOcrToCharacterPitch(page);
    expect(pitch).toBeGreaterThan(30);
    // The title, printed larger, is a line above the table and not a cell.
    const cellCrops = recorded.layouts[n]!.regions.filter((r) => r.kind === 'cell').flatMap((r) => r.parts.flatMap((p) => (p.kind === 'text' ? [p.crop] : [])));
    expect(cellCrops.filter((i) => readingLostCharacter(page[i]!, pitch)).map((i) => page[i]!.text)).toEqual(['财务工报告编制及时性']);
    // Its 11 characters read whole would fit the ink.
    const w = page.find((r) => r.text === '财务工报告编制及时性')!.words[0]!;
    expect((w.bbox.x1 - w.bbox.x0) / pitch! - 11).toBeLessThan(LOST_CHARACTER_WIDTH);
  });
});

describe('a short target whose ink read as nothing (≤0人)', () => {
  const { recorded, truth } = load('scan-synth-unread-target');

  it('leaves the target empty with an issue on it, and flags no right field', async () => {
    const record = await firstReadingToRecord(recorded);
    const k = truth.indicators.findIndex((i) => i.target === '≤0人');
    expect(record.indicators[k]!.target).toBe('');
    expect(lowConfidenceFields(record)).toEqual([`indicators[${k}].target`]);
  });
});

describe('a stamp whose ring breaks the boxes of the fund-use options (three of six boxes found)', () => {
  const { recorded, truth } = load('scan-synth-stamp-hides-boxes');

  it('flags the field whose boxes are missing, whatever option the remaining tick was paired with', async () => {
    const record = await firstReadingToRecord(recorded);
    expect(truth.fundUse).toBe('gov_purchase_service');
    const missing = record.issues.filter((i) => i.code === 'read.boxes-missing');
    expect(missing.map((i) => i.field)).toEqual(['fundUse']);
    expect(missing[0]!.message).toMatch(/^6 options but only 3 tick boxes/);
  });
});

describe('readingHasLetterForSign', () => {
  it.each([
    { text: 'M80', doubted: true },
    { text: 'M 200', doubted: true },
    { text: 'M 200 人次', doubted: false },
    { text: 'ΛO', doubted: true },
    { text: 'Okb', doubted: true },
    { text: 'v', doubted: true },
    { text: 'OK', doubted: false },
    { text: '79kb', doubted: false },
    { text: '4700.00人', doubted: false },
    { text: 'Wi-Fi', doubted: false },
    { text: 'VO', doubted: true },
    { text: 'O', doubted: true },
    { text: 'M80%', doubted: true },
    { text: 'V5人次', doubted: true },
    { text: '≥80', doubted: false },
    { text: '80', doubted: false },
    { text: 'OA', doubted: false },
    { text: 'ISO9001', doubted: false },
    { text: 'G60科创走廊', doubted: false },
    { text: '5G基站', doubted: false },
    { text: 'IPTV平台运维', doubted: false },
  ])('$text → $doubted', ({ text, doubted }) => {
    expect(readingHasLetterForSign(text)).toBe(doubted);
  });
});
