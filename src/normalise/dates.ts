/** Dates as forms write them (2018/1/1, 2018. 1. 1, 2018年1月1日, 2018-01-01, 20180101) → `YYYY-MM-DD`. */

const pad = (n: number) => String(n).padStart(2, '0');

/** Whether year, month, day make a real calendar date. */
function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** The ISO date a text names, or null when it names none (or an impossible one). */
export function parseDate(text: string): string | null {
  const s = text.normalize('NFKC').replace(/\s+/g, '').replace(/[号]$/, '日');
  let m = /^(\d{4})[./\-年](\d{1,2})[./\-月](\d{1,2})日?$/.exec(s);
  m ??= /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : null;
}
