/**
 * The simple reader of export cells (`simpleFragmentToText`) must give exactly the text that
 * htmlparser2's tree gives, for every fragment it accepts; the rest goes to htmlparser2.
 */
import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { htmlFragmentToText, nodeToText, simpleFragmentToText } from '../src/read/html-text.js';

const byTree = (fragment: string) => nodeToText(parseDocument(fragment, { xmlMode: false, decodeEntities: true }));

/** Pieces of cells as exports write them, and pieces that break the simple rules. */
const PIECES = [
  '项目', '绩效目标', 'abc', '2018', ' ', '  ', '\n', '\r\n', '\t', '\u00a0', '\u3000', '。', '>', '=', '"', "'", '/',
  '&nbsp;', '&amp;', '&lt;', '&ldquo;', '&rdquo;', '&hellip;', '&', '&bogus;', '&amp', '&#20013;', '&AMP;',
  '<p>', '</p>', '<P>', '</P >', '<p/>', '<p class="x">', '<span>', '</span>', '<span style="color: red">', '<b>', '</b>', '<font size=3>', '</font>',
  '<br>', '<br/>', '</br>', '<BR />', '<div>', '</div>', '<td>', '<!-- note -->', '<', '< p>', '<=0.5%', '<9', '<?x', '</>', '<!x>', '</ p>', '<span/>',
  '<input type="checkbox"/>', '<input checked="" type="checkbox"/>', '<input type="checkbox" checked>', '<INPUT TYPE="checkbox" CHECKED>',
  '<input checked type="checkbox" disabled/>', '<input type=checkbox>', '<input type=checkbox/>', '<input type="radio" checked="checked">',
  '<input type="text" checked>', '<input type="checkbox" type="text" checked>', '<input type = "checkbox" >', '</input>', '<input checked type="checkbox"',
];

describe('simpleFragmentToText', () => {
  it('reads the cells of the seed export without htmlparser2', () => {
    for (const cell of [
      '市委市政府已确定的新增项目 <input type="checkbox"/> 结转项目 <input checked="" type="checkbox"/>',
      '<p>第一段。</p> <p>第二段&nbsp;“引文”。</p>',
      '<=0.5%',
      'a < b',
    ])
      expect(simpleFragmentToText(cell)).not.toBeNull();
  });

  it('gives the text of the htmlparser2 tree for every fragment it reads', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 10 }), (pieces) => {
        const fragment = pieces.join('');
        const simple = simpleFragmentToText(fragment);
        if (simple !== null) {
          read++;
          expect(simple).toBe(byTree(fragment));
        }
        expect(htmlFragmentToText(fragment)).toBe(byTree(fragment));
      }),
      { numRuns: 5_000 },
    );
    // Enough fragments took the simple path for the comparison to mean something.
    expect(read).toBeGreaterThan(500);
  });

  it('leaves fragments outside its rules to htmlparser2', () => {
    for (const fragment of ['<div>a</div>', 'a &copy b', '<!-- x -->a', '<input type=checkbox/>', 'a </ b>', 'a <? b'])
      expect(simpleFragmentToText(fragment)).toBeNull();
  });
});
