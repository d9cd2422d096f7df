/**
 * CSV that a spreadsheet opens as data. A cell starting with `=`, `+`, `-`, `@`, tab or carriage
 * return is run as a formula by Excel, LibreOffice and Google Sheets (a project name
 * `=HYPERLINK("http://…","点击")` becomes a live link), so such a text gets a leading single
 * quote, as OWASP's "CSV Injection" page advises; the quote shows that the cell was changed.
 * Numbers, and texts that are plainly a number such as `-5` or `+3.5`, stay as they are.
 */

/** Characters that make a spreadsheet read a cell as a formula when they come first. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain signed decimal number: a spreadsheet reads it as that number, never as a formula. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** A text cell as a spreadsheet will read it as text: prefixed with `'` when it would start a formula. */
export function textToSafeCsvCell(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** The UTF-8 byte order mark, which makes Excel read a CSV file as UTF-8 rather than the local code page. */
export const UTF8_BOM = '\uFEFF';
