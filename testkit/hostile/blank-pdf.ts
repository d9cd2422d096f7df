/**
 * A PDF of `pages` blank A4 pages, written by hand (no producer): each page has an empty content
 * stream and no text, so every page reaches the scan reader. About 150 bytes a page.
 */
export function blankPdf(pages: number): Buffer {
  const objects: string[] = [];
  const kids: string[] = [];
  // Objects: 1 catalog, 2 page tree, 3 the shared empty content stream, then one per page.
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  for (let i = 0; i < pages; i++) kids.push(`${4 + i} 0 R`);
  objects.push(`<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`);
  objects.push('<< /Length 0 >>\nstream\n\nendstream');
  for (let i = 0; i < pages; i++) objects.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << >> >>');
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** An HTML page whose body is `depth` nested `<div>`s, then the closing tags. */
export function deepHtml(depth: number): string {
  return `<!doctype html><html><body>${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}</body></html>\n`;
}
