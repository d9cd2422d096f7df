import { describe, expect, it } from 'vitest';
import { formatTable, textToWidth, truncateToWidth, valueToCell } from '../src/cli/format-table.js';

describe('textToWidth', () => {
  it.each([
    { input: 'abc', expected: 3 },
    { input: '远程教育', expected: 8 },
    { input: '（2018年）', expected: 10 },
    { input: 'IPTV平台', expected: 8 },
  ])('$input is $expected columns', ({ input, expected }) => {
    expect(textToWidth(input)).toBe(expected);
  });
});

describe('truncateToWidth', () => {
  it.each([
    { input: '上海市党建服务中心', max: 8, expected: '上海市…' },
    { input: 'abcdef', max: 4, expected: 'abc…' },
    { input: 'abc', max: 4, expected: 'abc' },
  ])('$input to $max', ({ input, max, expected }) => {
    const out = truncateToWidth(input, max);
    expect(out).toBe(expected);
    expect(textToWidth(out)).toBeLessThanOrEqual(max);
  });
});

describe('valueToCell', () => {
  it.each([
    { input: null, expected: '' },
    { input: 12.5, expected: '12.5' },
    { input: 'a\nb', expected: 'a⏎b' },
    { input: { op: '>=' }, expected: '{"op":">="}' },
  ])('$input', ({ input, expected }) => {
    expect(valueToCell(input)).toBe(expected);
  });
});

describe('formatTable', () => {
  it('aligns Chinese and Latin text by display width and right-aligns numbers', () => {
    const out = formatTable([
      { id: 1, unit: '上海市党建服务中心', budget: 2880000 },
      { id: 12, unit: 'abc', budget: null },
    ]);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^id {2}unit {17}budget$/);
    // every line has its budget column ending at the same display column
    const ends = [lines[0]!, lines[2]!].map(textToWidth);
    expect(new Set(ends).size).toBe(1);
    expect(lines[3]!.startsWith('12  abc')).toBe(true);
    expect(lines[2]!.startsWith(' 1  上海市党建服务中心')).toBe(true);
  });

  it('prints only the header for no rows when columns are given, nothing otherwise', () => {
    expect(formatTable([])).toBe('');
    expect(formatTable([], { columns: ['a', 'b'] }).split('\n')[0]).toBe('a  b');
  });
});
