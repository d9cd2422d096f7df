/**
 * Opening PDFs: the package's CMaps are found offline (text in a non-embedded CJK font comes
 * out), and bad files fail with one InputError each, told apart by reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { bytesHaveEof, openPdf, pdfErrorToInputError } from '../src/pdf/open-pdf.js';
import { ucs2Hex, writePdf } from '../testkit/pdf/pdf-writer.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', name, 'input.pdf')));
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('openPdf', () => {
  it('reads Chinese in a non-embedded font through the package CMaps', async () => {
    const bytes = writePdf([{ width: 595, height: 842, content: `BT /F1 12 Tf 72 770 Td ${ucs2Hex('上海市财政支出项目绩效目标申报表')} Tj ET` }]);
    const pdf = await openPdf(bytes, 'cjk.pdf');
    try {
      const text = await (await pdf.getPage(1)).getTextContent();
      expect(text.items.map((i) => ('str' in i ? i.str : '')).join('')).toBe('上海市财政支出项目绩效目标申报表');
    } finally {
      await pdf.destroy();
    }
  });
  it('leaves the caller’s bytes intact (pdf.js detaches the buffer it is given)', async () => {
    const bytes = writePdf([{ width: 595, height: 842, content: '' }]);
    const pdf = await openPdf(bytes, 'blank.pdf');
    await pdf.destroy();
    expect(bytes.byteLength).toBeGreaterThan(100);
    expect(bytesHaveEof(bytes)).toBe(true);
  });
  it.each([
    { name: 'pdf-encrypted', reason: 'pdf-encrypted', words: 'encrypted PDF (password required)' },
    { name: 'pdf-truncated', reason: 'pdf-truncated', words: 'truncated PDF' },
    { name: 'pdf-corrupt', reason: 'pdf-corrupt', words: 'corrupt PDF' },
  ])('refuses $name as $reason', async ({ name, reason, words }) => {
    const err = await openPdf(fixture(name), `${name}.pdf`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect(err).toMatchObject({ reason });
    expect((err as InputError).message).toContain(`${name}.pdf: ${words}`);
  });
  it('refuses a good file cut short, even where pdf.js could rebuild it', async () => {
    const good = fixture('pdf-synth-stroked-runs');
    const cut = good.subarray(0, Math.floor(good.length * 0.9));
    await expect(openPdf(cut, 'cut.pdf')).rejects.toMatchObject({ reason: 'pdf-truncated' });
  });
});

describe('bytesHaveEof and pdfErrorToInputError', () => {
  it.each([
    ['%PDF-1.4\n…\n%%EOF\n', true],
    ['%PDF-1.4\n…\n%%EOF\n' + '\0'.repeat(4000), true],
    ['%PDF-1.4\n…\nstartxref\n123\n', false],
  ])('%j has its end marker: %s', (text, eof) => expect(bytesHaveEof(latin1(text))).toBe(eof));
  it('tells a password error, a cut file and other damage apart', () => {
    const whole = latin1('%PDF-1.4\n%%EOF\n');
    const cut = latin1('%PDF-1.4\n1 0 obj');
    expect(pdfErrorToInputError({ name: 'PasswordException', message: 'No password given' }, 'a.pdf', whole).reason).toBe('pdf-encrypted');
    expect(pdfErrorToInputError({ name: 'InvalidPDFException', message: 'Invalid PDF structure.' }, 'a.pdf', cut).reason).toBe('pdf-truncated');
    const corrupt = pdfErrorToInputError({ name: 'InvalidPDFException', message: 'Invalid PDF structure.\nmore' }, 'a.pdf', whole);
    expect(corrupt).toMatchObject({ reason: 'pdf-corrupt', message: 'a.pdf: corrupt PDF (Invalid PDF structure.)' });
  });
});
