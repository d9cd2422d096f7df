/**
 * A minimal PDF writer for test documents: pages of drawing operators and text in one
 * non-embedded CJK font (STSong-Light, Adobe-GB1, `UniGB-UCS2-H`), the way many office producers
 * write Chinese without embedding. pdf.js can only read such text with the package's CMaps, so
 * these files also check that `openPdf` finds them offline.
 */

/** One page: its size in points and its content stream (PDF operators, origin bottom-left). */
export interface PdfPageSpec {
  width: number;
  height: number;
  content: string;
  /** The page's /Rotate (clockwise degrees a viewer turns it by). */
  rotate?: number;
}

/** Options of the whole file. */
export interface PdfWriteOptions {
  /** Trailer producer string, recorded in the Info dictionary. */
  producer?: string;
}

/** Text as a hex string of UCS-2 big-endian code units, as the `UniGB-UCS2-H` CMap reads it. */
export function ucs2Hex(text: string): string {
  let hex = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    // Characters outside the BMP have no code in a UCS-2 CMap; write U+FFFD-free filler (a blank).
    const unit = cp > 0xffff ? 0x3000 : cp;
    hex += unit.toString(16).padStart(4, '0');
  }
  return `<${hex}>`;
}

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

/** Writes the pages as a PDF file with a correct cross-reference table. */
export function writePdf(pages: readonly PdfPageSpec[], options: PdfWriteOptions = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string): number => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesObj = add('');
  const cidFont = add(
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light ' +
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> ' +
      '/FontDescriptor ' +
      (objects.length + 2) +
      ' 0 R /DW 1000 /W [1 95 500] >>',
  );
  const font = add(`<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${cidFont} 0 R] >>`);
  add(
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] ' +
      '/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  );
  const info = add(`<< /Producer (${(options.producer ?? 'declx test writer').replace(/[()\\]/g, '')}) >>`);
  const kids: number[] = [];
  for (const page of pages) {
    const stream = add(`<< /Length ${latin1(page.content).length} >>\nstream\n${page.content}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${page.width} ${page.height}] ` +
          `/Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${stream} 0 R${page.rotate ? ` /Rotate ${page.rotate}` : ''} >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return latin1(out);
}
