/**
 * The review web app (hono): a queue of what needs a person, one declaration beside its source,
 * and typed corrections. Local and guarded: every request needs the session token (from the URL
 * or the cookie it sets), the Host header must name this server (no DNS rebinding), and writes
 * need the token in a header (no cross-site form posts). A correction made after the page loaded
 * the field is not silently overwritten: the write says what it saw and gets 409 when that changed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { UsageError } from '../errors.js';
import { ProjectCategory, FundUse, IndicatorCategory } from '../model.js';
import { activeCorrections } from '../store/corrections.js';
import type { Db } from '../store/open.js';
import { loadRecord } from '../store/read.js';
import { loadReviewedDetail } from '../store/reviewed.js';
import { correctField, StaleEditError } from './correct.js';
import { reviewQueue, type DoubtFilters } from './doubts.js';
import { textToFieldPath } from '../store/field-paths.js';
import { fieldPathToType, textToFieldValue } from './field-values.js';
import { createPageImageCache } from './page-images.js';
import { reviewPageHtml } from './page-html.js';
import { declarationToFields } from './review-fields.js';

export const TOKEN_COOKIE = 'declx_review';
export const TOKEN_HEADER = 'x-declx-token';

export interface ReviewAppOptions {
  db: Db;
  token: string;
  /** Host header values accepted (host:port), e.g. 127.0.0.1:8080 and localhost:8080. */
  allowedHosts: readonly string[];
  /** Who corrects through this server. */
  reviewer: string;
}

/** The compiled front end (dist/src/review/web/app.js), found from the compiled or the source module. */
function frontEndPath(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const compiled = `${here}web/app.js`;
  return existsSync(compiled) ? compiled : fileURLToPath(new URL('../../dist/src/review/web/app.js', import.meta.url));
}

const sameToken = (a: string | undefined, b: string): boolean => a !== undefined && a.length === b.length && Buffer.from(a).equals(Buffer.from(b));

/** The id in the URL, or a 404. */
function idParam(c: Context): number | null {
  const id = Number(c.req.param('id'));
  return Number.isInteger(id) && id > 0 ? id : null;
}

export function createReviewApp(options: ReviewAppOptions): Hono {
  const { db, token } = options;
  const app = new Hono();
  const pageImage = createPageImageCache();

  app.use('*', async (c, next) => {
    const host = c.req.header('host') ?? '';
    if (!options.allowedHosts.includes(host.toLowerCase())) return c.text('forbidden: unknown Host\n', 403);
    const fromUrl = c.req.query('token');
    const fromCookie = getCookie(c, TOKEN_COOKIE);
    if (!sameToken(fromUrl, token) && !sameToken(fromCookie, token)) return c.text('unauthorized: open the URL declx review printed\n', 401);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !sameToken(c.req.header(TOKEN_HEADER), token))
      return c.text(`forbidden: writes need the ${TOKEN_HEADER} header\n`, 403);
    if (sameToken(fromUrl, token)) setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });

  app.get('/', (c) => c.html(reviewPageHtml(token)));
  app.get('/app.js', (c) => c.body(readFileSync(frontEndPath(), 'utf8'), 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));

  app.get('/api/queue', (c) => {
    const filters: DoubtFilters = {};
    const unit = c.req.query('unit');
    const code = c.req.query('code');
    const category = c.req.query('category');
    if (unit) filters.unit = unit;
    if (code) filters.code = code;
    if (category && (ProjectCategory.options as readonly string[]).includes(category)) filters.category = category as ProjectCategory;
    const all = reviewQueue(db, {});
    const entries = unit || code || category ? reviewQueue(db, filters) : all;
    const codes = new Map<string, number>();
    for (const e of all) for (const k of e.codes) codes.set(k, (codes.get(k) ?? 0) + 1);
    return c.json({
      entries,
      counts: {
        shown: entries.length,
        errors: entries.filter((e) => e.errors > 0).length,
        warnings: entries.filter((e) => e.errors === 0 && e.warnings > 0).length,
        lowConfidence: entries.filter((e) => e.errors === 0 && e.warnings === 0).length,
      },
      codes: [...codes].sort().map(([code, count]) => ({ code, count })),
      categories: ProjectCategory.options,
      units: [...new Set(all.map((e) => e.unitName).filter((u): u is string => u !== null))].sort(),
    });
  });

  app.get('/api/declarations/:id', (c) => {
    const id = idParam(c);
    const detail = id === null ? null : loadReviewedDetail(db, id);
    if (!detail) return c.json({ error: `no declaration #${c.req.param('id')}` }, 404);
    const machine = loadRecord(db, detail.id)!;
    const source = db
      .prepare(`SELECT s.kind, s.pages FROM declarations d JOIN sources s ON s.id = d.source_id WHERE d.id = ?`)
      .get(detail.id) as { kind: string; pages: number };
    return c.json({
      id: detail.id,
      current: detail.current,
      record: detail.record,
      source: { ...detail.record.source, imagePages: source.kind === 'pdf' || source.kind === 'image' },
      fields: declarationToFields(detail, machine),
      corrections: detail.corrections,
      enums: { projectCategory: ProjectCategory.options, fundUse: FundUse.options, indicatorCategory: IndicatorCategory.options },
    });
  });

  app.get('/api/declarations/:id/pages/:page', async (c) => {
    const id = idParam(c);
    const page = Number(c.req.param('page'));
    const row = db
      .prepare(`SELECT s.sha256, s.kind, s.parts FROM declarations d JOIN sources s ON s.id = d.source_id WHERE d.id = ?`)
      .get(id ?? -1) as { sha256: string; kind: string; parts: string } | undefined;
    if (!row || !Number.isInteger(page)) return c.text('no such page\n', 404);
    try {
      const img = await pageImage(row.sha256, row.kind, JSON.parse(row.parts) as string[], page);
      if (c.req.query('size') !== undefined) return c.json({ widthPt: img.widthPt, heightPt: img.heightPt });
      return c.body(new Uint8Array(img.png), 200, { 'Content-Type': 'image/png' });
    } catch (err) {
      return c.text(`the page could not be rendered from the stored source (${(err as Error).message.split('\n')[0]})\n`, 404);
    }
  });

  // Live parsing for the editors: what a typed value becomes (or why it is refused).
  app.get('/api/parse', (c) => {
    try {
      const path = textToFieldPath(c.req.query('field') ?? '');
      return c.json({ ok: true, type: fieldPathToType(path), ...textToFieldValue(path, c.req.query('value') ?? '') });
    } catch (err) {
      if (err instanceof UsageError) return c.json({ ok: false, error: err.message });
      throw err;
    }
  });

  app.post('/api/declarations/:id/fields', async (c) => {
    const id = idParam(c);
    if (id === null) return c.json({ error: 'no such declaration' }, 404);
    let body: { field?: unknown; value?: unknown; confirm?: unknown; reason?: unknown; seen?: { declarationId?: unknown; correctionId?: unknown } };
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'the body must be JSON' }, 400);
    }
    if (typeof body.field !== 'string' || (body.confirm !== true && typeof body.value !== 'string') || !body.seen)
      return c.json({ error: 'field, value (or confirm: true) and seen are needed' }, 400);
    const seen = { declarationId: Number(body.seen.declarationId), correctionId: body.seen.correctionId === null ? null : Number(body.seen.correctionId) };
    try {
      const result = correctField(db, {
        id,
        field: body.field,
        ...(body.confirm === true ? {} : { text: body.value as string }),
        reason: typeof body.reason === 'string' ? body.reason : null,
        reviewer: options.reviewer,
        seen,
      });
      return c.json(result);
    } catch (err) {
      if (err instanceof StaleEditError) return c.json({ error: err.message }, 409);
      if (err instanceof UsageError) return c.json({ error: err.message }, 400);
      throw err;
    }
  });

  app.get('/api/declarations/:id/state', (c) => {
    // The corrections in force, for a page that wants to know whether it is stale.
    const id = idParam(c);
    const lineage = db.prepare(`SELECT lineage_id FROM declarations WHERE id = ?`).pluck().get(id ?? -1) as number | undefined;
    if (lineage === undefined) return c.json({ error: 'no such declaration' }, 404);
    return c.json(activeCorrections(db, [lineage]).get(lineage) ?? []);
  });

  return app;
}
