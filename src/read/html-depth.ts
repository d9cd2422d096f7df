/**
 * How deep an HTML page's elements nest, found with htmlparser2's streaming parser (no tree, no
 * recursion, linear time). A page nested deeper than any form is refused before the tree is built:
 * parse5 takes quadratic time on deep nesting (10,000 levels: seconds; 100,000: minutes).
 */
import { Parser } from 'htmlparser2';

/** Deeper than this no form nests (Chromium's HTML parser stops nesting at 512 as well). */
export const MAX_HTML_DEPTH = 512;

class TooDeep extends Error {}

/** Whether the elements of `html` nest deeper than `limit`; stops reading at the first element past it. */
export function htmlNestsDeeperThan(html: string, limit = MAX_HTML_DEPTH): boolean {
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
