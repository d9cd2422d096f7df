/**
 * Folding the look-alike code points some PDF producers emit back to ordinary ideographs.
 *
 * Chromium-printed PDFs map common characters (目 人 支 …) to Kangxi radicals (U+2F00–U+2FDF) and
 * some (页 门 见 民) to CJK Radicals Supplement code points (U+2E80–U+2EFF); pdf.js returns them as
 * they are. NFKC maps the Kangxi radicals and the compatibility ideographs back, but not the
 * supplement, so those come from a table (Unicode's EquivalentUnifiedIdeograph.txt). The rest of
 * the text only gets NFC: NFKC would turn the form's full-width punctuation （）：， into ASCII.
 */

/** CJK Radicals Supplement → the unified ideograph each one stands for (EquivalentUnifiedIdeograph.txt). */
const RADICALS_SUPPLEMENT: Record<string, string> = Object.fromEntries(
  [
    ['⺁', '厂'], ['⺄', '乙'], ['⺅', '亻'], ['⺆', '冂'], ['⺇', '几'], ['⺉', '刂'], ['⺊', '卜'],
    ['⺋', '㔾'], ['⺌', '小'], ['⺍', '小'], ['⺎', '兀'], ['⺏', '尢'], ['⺐', '尢'], ['⺑', '尢'],
    ['⺒', '巳'], ['⺓', '幺'], ['⺔', '彑'], ['⺕', '彐'], ['⺖', '忄'], ['⺗', '心'], ['⺘', '扌'],
    ['⺙', '攵'], ['⺛', '旡'], ['⺜', '日'], ['⺝', '月'], ['⺞', '歹'], ['⺟', '母'], ['⺠', '民'],
    ['⺡', '氵'], ['⺢', '氵'], ['⺣', '灬'], ['⺤', '爫'], ['⺥', '爫'], ['⺦', '丬'], ['⺧', '牛'],
    ['⺨', '犭'], ['⺩', '王'], ['⺪', '疋'], ['⺫', '目'], ['⺬', '示'], ['⺭', '礻'], ['⺮', '竹'],
    ['⺯', '糸'], ['⺰', '纟'], ['⺱', '罒'], ['⺲', '罒'], ['⺳', '罒'], ['⺴', '罒'], ['⺵', '罒'],
    ['⺶', '羊'], ['⺷', '羊'], ['⺸', '羊'], ['⺹', '耂'], ['⺺', '肀'], ['⺻', '聿'], ['⺼', '月'],
    ['⺽', '臼'], ['⺾', '艹'], ['⺿', '艹'], ['⻀', '艹'], ['⻁', '虎'], ['⻂', '衤'], ['⻃', '覀'],
    ['⻄', '西'], ['⻅', '见'], ['⻆', '角'], ['⻇', '角'], ['⻈', '讠'], ['⻉', '贝'], ['⻊', '足'],
    ['⻋', '车'], ['⻌', '辶'], ['⻍', '辶'], ['⻎', '辶'], ['⻏', '阝'], ['⻐', '钅'], ['⻑', '長'],
    ['⻒', '镸'], ['⻓', '长'], ['⻔', '门'], ['⻕', '阜'], ['⻖', '阝'], ['⻗', '雨'], ['⻘', '青'],
    ['⻙', '韦'], ['⻚', '页'], ['⻛', '风'], ['⻜', '飞'], ['⻝', '食'], ['⻟', '飠'], ['⻠', '饣'],
    ['⻡', '首'], ['⻢', '马'], ['⻣', '骨'], ['⻤', '鬼'], ['⻥', '鱼'], ['⻦', '鸟'], ['⻧', '卤'],
    ['⻨', '麦'], ['⻩', '黄'], ['⻪', '黾'], ['⻫', '斉'], ['⻬', '齐'], ['⻭', '歯'], ['⻮', '齿'],
    ['⻯', '竜'], ['⻰', '龙'], ['⻱', '龜'], ['⻲', '亀'], ['⻳', '龟'],
  ],
);

/**
 * Kangxi radicals whose NFKC target is a traditional form while simplified-Chinese fonts draw (and
 * map) the simplified one: ⼾ is 户 in an SC font, not 戶.
 */
const KANGXI_SIMPLIFIED: Record<string, string> = { '⼾': '户', '⾭': '青' };

/** Kangxi radicals and CJK compatibility ideographs (NFKC folds these to unified ideographs). */
const NFKC_RANGES = /[\u2F00-\u2FDF\uF900-\uFAFF]/gu;
const SUPPLEMENT_RANGE = /[\u2E80-\u2EFF]/gu;

/** Text of a PDF text item with radical and compatibility look-alikes folded to the ideographs they stand for. */
export function foldPdfText(text: string): string {
  return text
    .normalize('NFC')
    .replace(NFKC_RANGES, (ch) => KANGXI_SIMPLIFIED[ch] ?? ch.normalize('NFKC'))
    .replace(SUPPLEMENT_RANGE, (ch) => RADICALS_SUPPLEMENT[ch] ?? ch);
}

/** Check-box and tick characters of Wingdings, by character code (Word writes its boxes with them). */
const WINGDINGS: Record<number, string> = { 0xa8: '□', 0x6f: '□', 0x71: '□', 0xfe: '☑', 0xfd: '☒', 0x78: '☒', 0xfc: '√', 0xfb: '×', 0x6e: '■' };
/** The same in Wingdings 2. */
const WINGDINGS_2: Record<number, string> = { 0xa3: '□', 0x52: '☑', 0x54: '☒', 0x50: '√', 0x4f: '×' };

/**
 * Text of a run in a symbol font, as the characters it draws: a Wingdings box or tick comes out of
 * pdf.js as its character code (þ, R) or that code in the private-use area (U+F0FE), since such
 * fonts carry no Unicode map. Text in other fonts is returned as it is.
 */
export function symbolFontText(text: string, fontName: string | null | undefined): string {
  if (!fontName || !/wingdings/i.test(fontName)) return text;
  const table = /wingdings\W*2/i.test(fontName) ? WINGDINGS_2 : /wingdings\W*3/i.test(fontName) ? {} : WINGDINGS;
  return [...text]
    .map((ch) => {
      const cp = ch.codePointAt(0)!;
      const code = cp >= 0xf000 && cp <= 0xf0ff ? cp - 0xf000 : cp;
      return table[code] ?? ch;
    })
    .join('');
}
