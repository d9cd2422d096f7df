/**
 * HTML content → clean cell text, shared by the HTML reader and the text-export reader (whose
 * cells may hold `<p>` and `<input type="checkbox">`): tags removed, entities decoded,
 * block elements as paragraph breaks (`\n`), checkboxes as ☑ / ☐ where they stand.
 */
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { EMPTY_MARK, TICKED_MARK } from '../vocab/marks.js';
import { HtmlTooDeepError, htmlNestsDeeperThan } from './html-depth.js';

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
const squeeze = (s: string): string => s.replace(WIDE_SEGMENT_BREAK, '').replace(/[\s\u00a0\u3000]+/g, ' ').trim();

/**
 * The text of a node and its descendants, paragraphs separated by `\n`. Walked with a stack of
 * its own, so that a cell nested thousands of elements deep cannot overflow the call stack.
 */
export function nodeToText(node: AnyNode): string {
  const paragraphs: string[] = [];
  let current = '';
  const endParagraph = () => {
    const p = squeeze(current);
    if (p) paragraphs.push(p);
    current = '';
  };
  // An element is met twice: on the way in (`leave` false) and after its children (`leave` true).
  const stack: { n: AnyNode; leave: boolean }[] = [{ n: node, leave: false }];
  while (stack.length > 0) {
    const { n, leave } = stack.pop()!;
    if (n.type === 'text') {
      current += (n as unknown as { data: string }).data;
      continue;
    }
    if (n.type !== 'tag' && n.type !== 'root') continue;
    const el = n as Element;
    const name = el.name?.toLowerCase();
    const block = name !== undefined && BLOCK.has(name);
    if (leave) {
      if (block) endParagraph();
      if (name === 'td' || name === 'th') current += ' ';
      continue;
    }
    if (name && SKIPPED.has(name)) continue;
    if (name === 'input') {
      const type = (el.attribs?.type ?? '').toLowerCase();
      if (type === 'checkbox' || type === 'radio') current += ` ${'checked' in (el.attribs ?? {}) ? TICKED_MARK : EMPTY_MARK} `;
      continue;
    }
    if (name === 'img') {
      current += el.attribs?.alt ?? '';
      continue;
    }
    if (block) endParagraph();
    stack.push({ n, leave: true });
    const children = el.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ n: children[i]!, leave: false });
  }
  endParagraph();
  return paragraphs.join('\n');
}

/**
 * Clean text of an HTML fragment (a cell of a text export); plain text passes unchanged but
 * squeezed. Throws HtmlTooDeepError for a fragment nested deeper than any form.
 */
export function htmlFragmentToText(fragment: string): string {
  if (!/[<&]/.test(fragment)) return squeeze(fragment);
  if (htmlNestsDeeperThan(fragment)) throw new HtmlTooDeepError();
  // htmlparser2 (cheerio's `xml` option with HTML rules) is several times faster than parse5
  // on small fragments, and a cell fragment needs no HTML5 tree repair.
  const $ = cheerio.load(fragment, { xml: { xmlMode: false, decodeEntities: true } }, false);
  return nodeToText($.root()[0]!);
}

const OPENS_BLOCK = /^\s*<(p|div|li|h[1-6]|blockquote)\b/i;
const CLOSES_BLOCK = /<\/(p|div|li|h[1-6]|blockquote)>\s*$/i;

/** Whether an HTML fragment starts with a paragraph of its own, and ends with the end of one. */
export function fragmentToParagraphEdges(fragment: string): { opensParagraph: boolean; closesParagraph: boolean } {
  return { opensParagraph: OPENS_BLOCK.test(fragment), closesParagraph: CLOSES_BLOCK.test(fragment) };
}
