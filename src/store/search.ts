/**
 * Full-text search over the Chinese text of the declarations. FTS5's trigram tokenizer finds
 * any substring of three characters or more; one- and two-character terms fall back to LIKE.
 */
import type { FundUse, ProjectCategory } from '../model.js';
import type { Db } from './open.js';
import { SEARCH_TEXT_COLUMNS } from './schema.js';

export interface SearchFilters {
  category?: ProjectCategory;
  fundUse?: FundUse;
  /** Part of the unit name (申报单位名称). */
  unit?: string;
  /** Bounds on the project's total budget (项目总预算), in yuan, inclusive. */
  minBudget?: number;
  maxBudget?: number;
  year?: number;
  /** Search earlier versions too (default: only the current version of each form). */
  allVersions?: boolean;
  /** At most this many hits (default: all). */
  limit?: number;
}

export interface SearchHit {
  id: number;
  year: number | null;
  unitName: string | null;
  projectName: string | null;
  projectCategory: ProjectCategory | null;
  fundUse: FundUse | null;
  totalBudget: number | null;
  version: number;
  /** The text around the first match, or null when only filters were given. */
  snippet: string | null;
}

/** The searched text split into terms at blanks; every term must occur. */
export function textToTerms(text: string): string[] {
  return text.split(/\s+/).filter((t) => t !== '');
}

/** A term as an FTS5 string (a phrase in double quotes, quotes doubled). */
export function termToFtsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/** A term as a LIKE pattern matching it anywhere, with `\` escaping LIKE's wildcards. */
export function termToLikePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Whether the trigram index can answer a term: it needs three characters or more. */
export function termUsesIndex(term: string): boolean {
  return [...term].length >= 3;
}

const FTS_COLUMNS = [...SEARCH_TEXT_COLUMNS, 'indicators', 'budget_items'];

/**
 * The SQL condition and parameters that select declarations (alias `d`, joined with
 * `declarations_fts` as `f`) matching text and filters; `ranked` when the index took part, so
 * that the hits can be ordered by bm25.
 */
export function searchToWhere(text: string, filters: SearchFilters): { where: string; params: unknown[]; ranked: boolean } {
  const conds: string[] = [];
  const params: unknown[] = [];
  const terms = textToTerms(text);
  const long = terms.filter(termUsesIndex);
  const short = terms.filter((t) => !termUsesIndex(t));
  if (long.length > 0) {
    conds.push(`f.declarations_fts MATCH ?`);
    params.push(long.map(termToFtsPhrase).join(' AND '));
  }
  for (const term of short) {
    conds.push(`d.id IN (SELECT rowid FROM declarations_fts f WHERE ${FTS_COLUMNS.map((c) => `f.${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    params.push(...FTS_COLUMNS.map(() => termToLikePattern(term)));
  }
  if (!filters.allVersions) conds.push('d.is_current = 1');
  const filter = (cond: string, value: unknown): void => {
    conds.push(cond);
    params.push(value);
  };
  if (filters.category !== undefined) filter('d.project_category = ?', filters.category);
  if (filters.fundUse !== undefined) filter('d.fund_use = ?', filters.fundUse);
  if (filters.unit !== undefined) filter(`d.unit_name LIKE ? ESCAPE '\\'`, termToLikePattern(filters.unit));
  if (filters.minBudget !== undefined) filter('d.total_budget >= ?', filters.minBudget);
  if (filters.maxBudget !== undefined) filter('d.total_budget <= ?', filters.maxBudget);
  if (filters.year !== undefined) filter('d.year = ?', filters.year);
  return { where: conds.length > 0 ? conds.join(' AND ') : '1', params, ranked: long.length > 0 };
}

/** A short piece of text around the first occurrence of any term (display columns, not bytes). */
export function textToSnippet(text: string, terms: readonly string[], radius = 20): string | null {
  let at = -1;
  let len = 0;
  for (const term of terms) {
    const k = text.toLowerCase().indexOf(term.toLowerCase());
    if (k >= 0 && (at < 0 || k < at)) [at, len] = [k, term.length];
  }
  if (at < 0) return null;
  const start = Math.max(0, at - radius);
  const end = Math.min(text.length, at + len + radius);
  return `${start > 0 ? '…' : ''}${text.slice(start, at)}【${text.slice(at, at + len)}】${text.slice(at + len, end)}${end < text.length ? '…' : ''}`.replace(/\n/g, ' ');
}

/** The declarations matching the text and the filters: best match first, else by year, unit and project. */
export function searchDeclarations(db: Db, text: string, filters: SearchFilters = {}): SearchHit[] {
  const { where, params, ranked } = searchToWhere(text, filters);
  const limit = filters.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(filters.limit))}` : '';
  const rows = db
    .prepare(
      `SELECT d.id, d.year, d.unit_name, d.project_name, d.project_category, d.fund_use, d.total_budget, d.version,
              ${FTS_COLUMNS.map((c) => `f.${c} AS fts_${c}`).join(', ')}
       FROM reviewed_declarations d JOIN declarations_fts f ON f.rowid = d.id
       WHERE ${where}
       ORDER BY ${ranked ? 'bm25(declarations_fts), ' : ''}d.year, d.unit_name, d.project_name, d.version${limit}`,
    )
    .all(...params) as Record<string, unknown>[];
  const terms = textToTerms(text);
  return rows.map((r) => {
    let snippet: string | null = null;
    for (const c of FTS_COLUMNS) {
      const value = r[`fts_${c}`];
      if (typeof value === 'string' && (snippet = textToSnippet(value, terms, 8)) !== null) break;
    }
    return {
      id: r.id as number,
      year: r.year as number | null,
      unitName: r.unit_name as string | null,
      projectName: r.project_name as string | null,
      projectCategory: r.project_category as ProjectCategory | null,
      fundUse: r.fund_use as FundUse | null,
      totalBudget: r.total_budget as number | null,
      version: r.version as number,
      snippet,
    };
  });
}
