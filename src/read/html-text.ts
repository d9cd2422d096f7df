/**
 * HTML content → clean cell text, shared by the HTML reader and the text-export reader (whose
 * cells may hold `<p>` and `<input type="checkbox">`): tags removed, entities decoded,
 * block elements as paragraph breaks (`\n`), checkboxes as ☑ / ☐ where they stand.
 */
import type { AnyNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
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

/** The blanks above U+0020 that `\s` takes (NBSP, the typographic spaces, ideographic space, BOM). */
const isRareBlank = (c: number): boolean =>
  c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/**
 * Whether `squeeze` leaves a text as it is: no blank but single spaces between other characters.
 * A loop over char codes instead of two regular expressions and a copy: most cells pass. A
 * control character or one of the rarer blanks (beyond the codes tested) is left to the patterns.
 */
function isSqueezed(s: string): boolean {
  const last = s.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x20 && !isRareBlank(c)) continue;
    if (c !== 0x20 || i === 0 || i === last || s.charCodeAt(i + 1) === 0x20) return false;
  }
  return true;
}

/** Paragraph text → one line: line breaks between CJK characters dropped, other whitespace runs (incl. NBSP) to one blank. */
const squeeze = (s: string): string =>
  isSqueezed(s)
    ? s
    : // The segment-break rule needs a line break; most cells have none and skip its costly look-arounds.
      (/[\r\n]/.test(s) ? s.replace(WIDE_SEGMENT_BREAK, '') : s).replace(/[\s\u00a0\u3000]+/g, ' ').trim();

/** Text gathered into paragraphs, as both readers below collect it: each squeezed, empty ones left out, joined by `\n`. */
class Paragraphs {
  /** The open paragraph's text so far. */
  current = '';
  private readonly done: string[] = [];

  /** Closes the open paragraph. */
  end(): void {
    const p = squeeze(this.current);
    if (p) this.done.push(p);
    this.current = '';
  }

  /** Closes the open paragraph and gives the text. */
  text(): string {
    this.end();
    return this.done.join('\n');
  }
}

/**
 * The text of a node and its descendants, paragraphs separated by `\n`. Walked with a stack of
 * its own, so that a cell nested thousands of elements deep cannot overflow the call stack.
 */
export function nodeToText(node: AnyNode): string {
  const out = new Paragraphs();
  // An element is met twice: on the way in (`leave` false) and after its children (`leave` true).
  const stack: { n: AnyNode; leave: boolean }[] = [{ n: node, leave: false }];
  while (stack.length > 0) {
    const { n, leave } = stack.pop()!;
    if (n.type === 'text') {
      out.current += (n as unknown as { data: string }).data;
      continue;
    }
    if (n.type !== 'tag' && n.type !== 'root') continue;
    const el = n as Element;
    const name = el.name?.toLowerCase();
    const block = name !== undefined && BLOCK.has(name);
    if (leave) {
      if (block) out.end();
      if (name === 'td' || name === 'th') out.current += ' ';
      continue;
    }
    if (name && SKIPPED.has(name)) continue;
    if (name === 'input') {
      const type = (el.attribs?.type ?? '').toLowerCase();
      if (type === 'checkbox' || type === 'radio') out.current += ` ${'checked' in (el.attribs ?? {}) ? TICKED_MARK : EMPTY_MARK} `;
      continue;
    }
    if (name === 'img') {
      out.current += el.attribs?.alt ?? '';
      continue;
    }
    if (block) out.end();
    stack.push({ n, leave: true });
    const children = el.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ n: children[i]!, leave: false });
  }
  return out.text();
}

/**
 * Clean text of an HTML fragment (a cell of a text export); plain text passes unchanged but
 * squeezed. Throws HtmlTooDeepError for a fragment nested deeper than any form.
 */
export function htmlFragmentToText(fragment: string): string {
  if (!/[<&]/.test(fragment)) return squeeze(fragment);
  // Deep nesting makes a tree builder take quadratic time: refused before any reading.
  if (htmlNestsDeeperThan(fragment)) throw new HtmlTooDeepError();
  // htmlparser2 with HTML rules, without cheerio's wrapper: several times faster than parse5 on
  // small fragments, and a cell fragment needs no HTML5 tree repair.
  return simpleFragmentToText(fragment) ?? nodeToText(parseDocument(fragment, { xmlMode: false, decodeEntities: true }));
}

/*
 * The few tags and entities export cells hold (`<p>`, `<span>`, `<input type="checkbox">`,
 * `&nbsp;`), read without building a tree: the same text as `nodeToText` of htmlparser2's tree,
 * which handles everything else. Its rules for these tags are followed: tag and attribute names
 * lower-cased, the first of two equal attributes kept, a `<p>` closing an open `<p>`, an end tag
 * closing the elements opened after its own, a stray `</p>` or `</br>` an empty paragraph.
 */

/** Tags the simple reader knows; a fragment with any other goes to htmlparser2. */
const SIMPLE_TAGS = new Set(['p', 'br', 'span', 'input', 'b', 'i', 'u', 'strong', 'em', 'font', 'sub', 'sup']);
const VOID_TAGS = new Set(['br', 'input']);
/** HTML's blanks (not JavaScript's `\s`, which also takes NBSP and U+3000). */
const B = '[ \\t\\n\\f\\r]';
/** A start tag whose attributes are names with an optional value quoted or unquoted, no `&` anywhere; or an end tag without any. */
const SIMPLE_TAG = new RegExp(
  `<([a-zA-Z][a-zA-Z0-9]*)((?:${B}+[a-zA-Z][a-zA-Z0-9-]*(?:${B}*=${B}*(?:"[^"&]*"|'[^'&]*'|[^ \\t\\n\\f\\r"'=<>\`&/]+(?=[ \\t\\n\\f\\r>])))?(?=[ \\t\\n\\f\\r/>]))*)${B}*/?>|</([a-zA-Z][a-zA-Z0-9]*)${B}*>`,
  'y',
);
const SIMPLE_ATTRIBUTE = new RegExp(`([a-zA-Z][a-zA-Z0-9-]*)(?:${B}*=${B}*(?:"([^"]*)"|'([^']*)'|([^ \\t\\n\\f\\r>]+)))?`, 'g');
const SIMPLE_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'",
  ldquo: '\u201c', rdquo: '\u201d', lsquo: '\u2018', rsquo: '\u2019', mdash: '\u2014', ndash: '\u2013', hellip: '\u2026', middot: '\u00b7',
};
const SIMPLE_ENTITY = /&([a-z]+);/y;

/**
 * Attributes of a simple start tag, names lower-cased, the first of equal names kept. Remembered
 * per attribute text (a bounded few): an export repeats the same few boxes thousands of times.
 * The result is shared: callers must not change it.
 */
function simpleAttributes(text: string): Readonly<Record<string, string>> {
  let attribs = seenAttributes.get(text);
  if (!attribs) {
    if (seenAttributes.size >= 1000) seenAttributes.clear();
    seenAttributes.set(text, (attribs = readAttributes(text)));
  }
  return attribs;
}
const seenAttributes = new Map<string, Readonly<Record<string, string>>>();

function readAttributes(text: string): Record<string, string> {
  const attribs: Record<string, string> = {};
  for (const m of text.matchAll(SIMPLE_ATTRIBUTE)) {
    const name = m[1]!.toLowerCase();
    if (!Object.hasOwn(attribs, name)) attribs[name] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return attribs;
}

/** Whether the character after a `<` makes it markup: a letter (a tag), `/` (an end tag), `!` or `?` (comments, declarations). */
const startsMarkup = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2f || c === 0x21 || c === 0x3f;

/** The clean text of a fragment made only of simple tags, text and the entities above; null for anything else. */
export function simpleFragmentToText(fragment: string): string | null {
  if (fragment.includes('\0')) return null;
  const out = new Paragraphs();
  /** Open elements, innermost last (void elements are never open). */
  const open: string[] = [];
  let i = 0;
  const markup = /[<&]/g;
  while (i < fragment.length) {
    markup.lastIndex = i;
    const textEnd = markup.exec(fragment)?.index ?? fragment.length;
    out.current += fragment.slice(i, textEnd);
    i = textEnd;
    if (i >= fragment.length) break;
    if (fragment[i] === '&') {
      SIMPLE_ENTITY.lastIndex = i;
      const m = SIMPLE_ENTITY.exec(fragment);
      const decoded = m ? SIMPLE_ENTITIES[m[1]!] : undefined;
      if (decoded === undefined) return null;
      out.current += decoded;
      i = SIMPLE_ENTITY.lastIndex;
      continue;
    }
    if (!startsMarkup(fragment.charCodeAt(i + 1))) {
      // A `<` before anything but a letter, `/`, `!` or `?` starts no tag: it is text (a target `<=0.5%`).
      out.current += '<';
      i++;
      continue;
    }
    SIMPLE_TAG.lastIndex = i;
    const m = SIMPLE_TAG.exec(fragment);
    if (!m) return null;
    i = SIMPLE_TAG.lastIndex;
    const name = (m[1] ?? m[3]!).toLowerCase();
    if (!SIMPLE_TAGS.has(name)) return null;
    if (m[1] !== undefined) {
      // A start tag. A new paragraph closes the one open around it.
      while (name === 'p' && open.at(-1) === 'p') {
        open.pop();
        out.end();
      }
      if (name === 'input') {
        const attribs = simpleAttributes(m[2]!);
        const type = (attribs.type ?? '').toLowerCase();
        if (type === 'checkbox' || type === 'radio') out.current += ` ${'checked' in attribs ? TICKED_MARK : EMPTY_MARK} `;
      } else if (BLOCK.has(name)) out.end();
      if (!VOID_TAGS.has(name)) open.push(name);
    } else if (name === 'br' || (name === 'p' && !open.includes('p'))) {
      // `</br>` is a line break and a stray `</p>` an empty paragraph, as HTML reads them.
      out.end();
    } else if (!VOID_TAGS.has(name)) {
      const at = open.lastIndexOf(name);
      if (at < 0) continue;
      for (const closed of open.splice(at)) if (BLOCK.has(closed)) out.end();
    }
  }
  return out.text();
}

const OPENS_BLOCK = /^\s*<(p|div|li|h[1-6]|blockquote)\b/i;
const CLOSES_BLOCK = /<\/(p|div|li|h[1-6]|blockquote)>\s*$/i;

/** Whether an HTML fragment starts with a paragraph of its own, and ends with the end of one. */
export function fragmentToParagraphEdges(fragment: string): { opensParagraph: boolean; closesParagraph: boolean } {
  return { opensParagraph: OPENS_BLOCK.test(fragment), closesParagraph: CLOSES_BLOCK.test(fragment) };
}
