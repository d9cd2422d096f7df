/**
 * How deep an HTML page's elements nest, found with htmlparser2's streaming parser (no tree, no
 * recursion; it stops at the first element past the limit). A page or cell nested deeper than any
 * form is refused before a tree is built: parse5 and htmlparser2 both take quadratic time on deep
 * nesting (100,000 levels: minutes, and 13 s for htmlparser2's bare parser).
 */
import { Parser } from 'htmlparser2';

/** Deeper than this no form nests (Chromium's HTML parser stops nesting at 512 as well). */
export const MAX_HTML_DEPTH = 512;

class TooDeep extends Error {}

/** HTML nested deeper than `MAX_HTML_DEPTH`: the reader turns it into the file's one line. */
export class HtmlTooDeepError extends Error {
  override readonly name = 'HtmlTooDeepError';
  constructor() {
    super(`HTML elements nested more than ${MAX_HTML_DEPTH} deep`);
  }
}

/** Whether the elements of `html` nest deeper than `limit`; stops reading at the first element past it. */
export function htmlNestsDeeperThan(html: string, limit = MAX_HTML_DEPTH): boolean {
  // Fewer tags than the limit cannot nest deeper than it (most cells: no second parse).
  let tags = 0;
  for (let i = html.indexOf('<'); i !== -1 && tags <= limit; i = html.indexOf('<', i + 1)) tags++;
  if (tags <= limit) return false;
  let depth = 0;
  const parser = new Parser(
    {
      onopentag() {
        if (++depth > limit) throw new TooDeep();
      },
      onclosetag() {
        depth--;
      },
    },
    { decodeEntities: false },
  );
  try {
    parser.end(html);
  } catch (err) {
    if (err instanceof TooDeep) return true;
    throw err;
  }
  return false;
}
