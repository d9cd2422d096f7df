/** The form's title and the year line under it. */

/** The form's full title, as printed. */
export const FORM_TITLE = '上海市财政支出项目绩效目标申报表';
/** The title line that starts every form (its distinctive part, blanks allowed between characters). */
export const TITLE_PATTERN = /绩\s*效\s*目\s*标\s*申\s*报\s*表/;
/** The year line under the title, "(2018年)". */
export const YEAR_PATTERN = /^[（(]?\s*(\d{4})\s*年\s*度?\s*[)）]?$/;
/** The year written in brackets inside the title line: "…申报表（2018年）". */
export const YEAR_IN_TITLE = /[（(]\s*(\d{4})\s*年?\s*[)）]/;
