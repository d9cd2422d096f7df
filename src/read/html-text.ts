/**
 * HTML content → clean cell text, shared by the HTML reader and the text-export reader (whose
 * cells may hold `<p>` and `<input type="checkbox">`): tags removed, entities decoded,
 * block elements as paragraph breaks (`\n`), checkboxes as ☑ / ☐ where they stand.
 */
import type { AnyNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { EMPTY_MARK, TICKED_MARK } from '../vocab/marks.js';

/** Elements that end a paragraph. */
const BLOCK = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'tr', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'caption', 'section', 'article', 'header', 'footer', 'blockquote', 'pre', 'hr',
]);
/** Elements whose content is never text of the form. */
const SKIPPED = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'xml']);

/** East Asian wide characters: Han, kana, Hangul, CJK and full-width punctuation. */
const WIDE = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u3000-\\u303f\\uff00-\\uffef]';
/** A source line break between two wide characters: removed, as CSS Text 3's segment-break rule renders it. */
const WIDE_SEGMENT_BREAK = new RegExp(`(?<=${WIDE})[ \\t]*[\\r\\n]+[ \\t]*(?=${WIDE})`, 'gu');

/** Paragraph text → one line: line breaks between CJK characters dropped, other whitespace runs (incl. NBSP) to one blank. */
const squeeze = (s: string): string =>
  // The segment-break rule needs a line break; most cells have none and skip its costly look-arounds.
  (/[\r\n]/.test(s) ? s.replace(WIDE_SEGMENT_BREAK, '') : s).replace(/[\s\u00a0\u3000]+/g, ' ').trim();

/** The text of a node and its descendants, paragraphs separated by `\n`. */
export function nodeToText(node: AnyNode): string {
  const paragraphs: string[] = [];
  let current = '';
  const endParagraph = () => {
    const p = squeeze(current);
    if (p) paragraphs.push(p);
    current = '';
  };
  const visit = (n: AnyNode) => {
    if (n.type === 'text') {
      current += (n as unknown as { data: string }).data;
      return;
    }
    if (n.type !== 'tag' && n.type !== 'root') return;
    const el = n as Element;
    const name = el.name?.toLowerCase();
    if (name && SKIPPED.has(name)) return;
    if (name === 'input') {
      const type = (el.attribs?.type ?? '').toLowerCase();
      if (type === 'checkbox' || type === 'radio') current += ` ${'checked' in (el.attribs ?? {}) ? TICKED_MARK : EMPTY_MARK} `;
      return;
    }
    if (name === 'img') {
      current += el.attribs?.alt ?? '';
      return;
    }
    const block = name !== undefined && BLOCK.has(name);
    if (block) endParagraph();
    for (const child of el.children ?? []) visit(child);
    if (block) endParagraph();
    if (name === 'td' || name === 'th') current += ' ';
  };
  visit(node);
  endParagraph();
  return paragraphs.join('\n');
}

/** Clean text of an HTML fragment (a cell of a text export); plain text passes unchanged but squeezed. */
export function htmlFragmentToText(fragment: string): string {
  if (!/[<&]/.test(fragment)) return squeeze(fragment);
  // htmlparser2 with HTML rules, without cheerio's wrapper: several times faster than parse5 on
  // small fragments, and a cell fragment needs no HTML5 tree repair.
  return nodeToText(parseDocument(fragment, { xmlMode: false, decodeEntities: true }));
}

const OPENS_BLOCK = /^\s*<(p|div|li|h[1-6]|blockquote)\b/i;
const CLOSES_BLOCK = /<\/(p|div|li|h[1-6]|blockquote)>\s*$/i;

/** Whether an HTML fragment starts with a paragraph of its own, and ends with the end of one. */
export function fragmentToParagraphEdges(fragment: string): { opensParagraph: boolean; closesParagraph: boolean } {
  return { opensParagraph: OPENS_BLOCK.test(fragment), closesParagraph: CLOSES_BLOCK.test(fragment) };
}
