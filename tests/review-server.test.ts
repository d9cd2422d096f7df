import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runImport } from '../src/cli/import.js';
import { createReviewApp } from '../src/review/server.js';
import { openStoreForWriting, type Db } from '../src/store/open.js';
import { ROOT, tempDir } from './store-helpers.js';
import { Writable } from 'node:stream';

const TOKEN = 'test-token-0123456789abcdef';
const HOST = '127.0.0.1:9';
let dir: string;
let db: Db;
let app: ReturnType<typeof createReviewApp>;

const quiet = new Writable({ write: (_c, _e, cb) => cb() });
const request = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
  app.request(`http://${HOST}${path}`, { ...init, headers: { host: HOST, ...(init.headers ?? {}) } });
const authed = { cookie: `declx_review=${TOKEN}`, 'x-declx-token': TOKEN, 'content-type': 'application/json' };

beforeAll(async () => {
  dir = tempDir('declx-review-server-');
  copyFileSync(join(ROOT, 'fixtures', 'pdf-seed2', 'input.pdf'), join(dir, 'seed2.pdf'));
  const code = await runImport([join(dir, 'seed2.pdf')], { db: join(dir, 'd.sqlite'), concurrency: 1, ocr: 'tesseract' }, { stdout: quiet, stderr: quiet as never });
  expect(code).toBe(0);
  db = openStoreForWriting(join(dir, 'd.sqlite'));
  app = createReviewApp({ db, token: TOKEN, allowedHosts: [HOST], reviewer: 'tester' });
}, 120_000);
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('review server guards', () => {
  it('refuses requests without the token, with another Host, and writes without the header', async () => {
    expect((await request('/')).status).toBe(401);
    expect((await request('/api/queue', { headers: { cookie: 'declx_review=nope' } })).status).toBe(401);
    expect((await request(`/?token=${TOKEN}`, { headers: { host: 'evil.example' } })).status).toBe(403);
    const page = await request(`/?token=${TOKEN}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toMatch(/declx_review=.*HttpOnly.*SameSite=Strict/i);
    const post = await request('/api/declarations/1/fields', { method: 'POST', headers: { cookie: `declx_review=${TOKEN}` }, body: '{}' });
    expect(post.status).toBe(403);
  });

  it('saves a typed correction, refuses a bad value with 400 and a stale one with 409', async () => {
    const detail = (await (await request('/api/declarations/1', { headers: authed })).json()) as { fields: { path: string; seen: unknown; provenance: unknown }[] };
    const total = detail.fields.find((f) => f.path === 'totalBudget')!;
    expect(total.provenance).toMatchObject({ page: 1, via: 'pdf' });
    const save = (value: string) => request('/api/declarations/1/fields', { method: 'POST', headers: authed, body: JSON.stringify({ field: 'totalBudget', value, seen: total.seen }) });
    expect((await save('三十万')).status).toBe(400);
    const ok = await save('320,000');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ value: 320000, action: 'correct', reviewer: 'tester' });
    // the same page writing again on what it saw before its own save: someone else's edit would be lost
    expect((await save('330,000')).status).toBe(409);
  });

  it('renders the source page once and refuses it when the file changed on disk', async () => {
    const size = await request('/api/declarations/1/pages/1?size', { headers: authed });
    expect(await size.json()).toEqual({ widthPt: expect.closeTo(595, 0), heightPt: expect.closeTo(842, 0) });
    const png = await request('/api/declarations/1/pages/1', { headers: authed });
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    expect((await request('/api/declarations/1/pages/7', { headers: authed })).status).toBe(404);
    appendFileSync(join(dir, 'seed2.pdf'), '\n% changed\n');
    const fresh = createReviewApp({ db, token: TOKEN, allowedHosts: [HOST], reviewer: 'tester' });
    const changed = await fresh.request(`http://${HOST}/api/declarations/1/pages/1`, { headers: { host: HOST, ...authed } });
    expect(changed.status).toBe(404);
    expect(await changed.text()).toContain('has changed since it was read');
  });
});
