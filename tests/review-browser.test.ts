/**
 * The review page in a real browser: Debian's headless Chromium driven by playwright-core opens
 * `declx review` on a fixture database, corrects a doubted field with the keyboard, and `export`
 * gives the correction; a re-extraction with a changed machine value then shows the conflict.
 * Skipped only when /usr/bin/chromium is missing (CI installs it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { DeclarationRecord } from '../src/model.js';
import { BIN, buildCli, declxAsync, ROOT, SEED_TEXT, tempDir } from './store-helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`review-browser: skipped, ${CHROMIUM} is missing (apt-get install chromium)`);
const SLOW = { timeout: 180_000 };
// The seed's third form has cut-off prose fields: its overview is the first doubt.
const NEW_OVERVIEW = '为全市领导干部公开选拔、竞争上岗考试与测评工作提供专业服务。';

let dir: string;
let dbPath: string;
let server: ChildProcess | undefined;
let url: string;
let context: BrowserContext | undefined;
let page: Page;

/** Runs the built CLI on the test's database. */
const cli = (...args: string[]) => declxAsync([...args, '--db', dbPath], dir);

const exported = async (): Promise<DeclarationRecord[]> => JSON.parse((await cli('export', '--format', 'json')).stdout) as DeclarationRecord[];

describe.skipIf(!HAVE_CHROMIUM)('declx review in headless Chromium', () => {
  beforeAll(async () => {
    await buildCli();
    dir = tempDir('declx-review-web-');
    dbPath = join(dir, 'd.sqlite');
    copyFileSync(SEED_TEXT, join(dir, 'forms.txt'));
    copyFileSync(join(ROOT, 'fixtures', 'pdf-seed2', 'input.pdf'), join(dir, 'seed2.pdf'));
    expect((await cli('import', 'forms.txt', 'seed2.pdf')).code).toBe(0);
    server = spawn(process.execPath, [BIN, 'review', '--db', dbPath, '--port', '0', '--reviewer', 'auditor'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
    url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: server!.stdout! }).once('line', resolve);
      server!.once('exit', (code) => reject(new Error(`declx review exited with ${code}`)));
    });
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'declx-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1600, height: 1000 },
    });
    page = context.pages()[0] ?? (await context.newPage());
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    server?.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints its URL with a token first; requests without the token, with another Host or writes without the header are refused', SLOW, async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    const origin = new URL(url).origin;
    expect((await fetch(`${origin}/`)).status).toBe(401);
    expect((await fetch(`${origin}/api/queue`)).status).toBe(401);
    expect((await fetch(`${origin}/?token=wrong`)).status).toBe(401);
    const withToken = await fetch(url);
    expect(withToken.status).toBe(200);
    const cookie = withToken.headers.get('set-cookie')!.split(';')[0]!;
    // a write with the cookie alone (what a cross-site form post would carry) is refused
    const post = await fetch(`${origin}/api/declarations/1/fields`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(403);
    // DNS rebinding: the token is right but the Host is not this server
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) =>
      request(url, { headers: { host: 'attacker.example:80' } }, (res) => resolve(res.statusCode ?? 0)).end(),
    );
    expect(status).toBe(403);
  });

  it('corrects a doubted field with the keyboard; export gives the correction', SLOW, async () => {
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]');
    // the queue starts with the form that has warnings; the first doubt is selected
    await expect.poll(() => page.locator('#queue .q').count()).toBeGreaterThan(0);
    const selected = page.locator('#fields .f.selected');
    await expect.poll(() => selected.getAttribute('data-path')).toBe('overview');
    expect(await selected.getAttribute('data-state')).toBe('doubted');
    await page.keyboard.press('j');
    await expect.poll(() => selected.getAttribute('data-path')).toBe('basis');
    await page.keyboard.press('k');
    await expect.poll(() => selected.getAttribute('data-path')).toBe('overview');
    await page.keyboard.press('e');
    const editor = page.locator('.editor .edit-value');
    await editor.waitFor();
    await editor.fill(NEW_OVERVIEW);
    await expect.poll(() => page.locator('.editor .parsed').textContent()).toContain('→');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.locator('#fields .f[data-path="overview"]').getAttribute('data-state')).toBe('corrected');
    // accept the next doubt as read
    await page.keyboard.press('j');
    await expect.poll(() => selected.getAttribute('data-path')).toBe('basis');
    await page.keyboard.press('a');
    await expect.poll(() => page.locator('#fields .f[data-path="basis"]').getAttribute('data-state')).toBe('confirmed');

    const form = (await exported()).find((r) => r.overview === NEW_OVERVIEW);
    expect(form).toBeDefined();
    expect(form!.issues.filter((i) => i.field === 'overview' || i.field === 'basis')).toEqual([]);
    const show = JSON.parse((await cli('show', String(Number(new URL(page.url()).hash.slice(1))), '--format', 'json')).stdout);
    expect(show.provenance.overview).toMatchObject({ via: 'review', reviewer: 'auditor' });
  });

  it('a write on a field changed since the page loaded gets 409 and the page reloads it', SLOW, async () => {
    const id = Number(new URL(page.url()).hash.slice(1));
    expect((await cli('correct', String(id), 'necessity', '另一位审核人改过。', '--reviewer', 'other')).code).toBe(0);
    await page.locator('#fields .f[data-path="necessity"]').click();
    await page.keyboard.press('e');
    await page.locator('.editor .edit-value').fill('我的修改。');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.locator('#status').textContent()).toContain('not saved');
    expect((await exported()).find((r) => r.overview === NEW_OVERVIEW)!.necessity).toBe('另一位审核人改过。');
  });

  it('shows a PDF page with each field boxed; a re-extraction with a changed machine value shows the conflict', SLOW, async () => {
    const pdfId = Number(JSON.parse((await cli('query', "SELECT id FROM current_declarations WHERE source_path = 'seed2.pdf'", '--format', 'json')).stdout)[0].id);
    expect((await cli('correct', String(pdfId), 'totalBudget', '320,000.00', '--reason', 'the printed copy says 320,000')).code).toBe(0);
    await page.goto(`${url}#${pdfId}`);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('#source svg rect');
    expect(await page.locator('#source svg rect').count()).toBeGreaterThan(10);
    await page.locator('#source svg rect[data-path="projectName"]').click();
    await expect.poll(() => page.locator('#fields .f.selected').getAttribute('data-path')).toBe('projectName');
    expect(await page.locator('#source svg rect.corrected').count()).toBeGreaterThan(0);
    // the screenshot shows an open editor: an indicator target with its parsed form
    await page.locator('#source svg rect[data-path="indicators[1].target"]').click();
    await page.keyboard.press('e');
    await expect.poll(() => page.locator('.editor .parsed').textContent()).toContain('"op":">="');
    // docs/review.png (the README's picture) is refreshed on purpose only: UPDATE_SCREENSHOTS=1 npx vitest run tests/review-browser.test.ts
    const shot = process.env.UPDATE_SCREENSHOTS ? join(ROOT, 'docs', 'review.png') : join(dir, 'review.png');
    mkdirSync(join(shot, '..'), { recursive: true });
    await page.screenshot({ path: shot });
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    await page.keyboard.press('Escape');

    // a new export of the text forms, where the third form's overview reads differently again
    const text = readFileSync(join(dir, 'forms.txt'), 'utf8');
    const form = (await exported()).find((r) => r.overview === NEW_OVERVIEW)!;
    const machine = (JSON.parse((await cli('export', '--format', 'json', '--machine')).stdout) as DeclarationRecord[]).find((r) => r.projectName === form.projectName)!;
    const head = machine.overview!.slice(0, 30);
    expect(text).toContain(head);
    writeFileSync(join(dir, 'forms-v2.txt'), text.replace(head, `${head}（第二次扫描）`));
    expect((await cli('import', 'forms-v2.txt')).code).toBe(0);
    const id = Number(JSON.parse((await cli('query', `SELECT id FROM current_declarations WHERE project_name = '${form.projectName}'`, '--format', 'json')).stdout)[0].id);
    await page.goto(`${url}#${id}`);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    const overview = page.locator('#fields .f[data-path="overview"]');
    await expect.poll(() => overview.getAttribute('data-state')).toBe('conflict');
    expect(await overview.textContent()).toContain('review.conflict');
    expect(await overview.textContent()).toContain(NEW_OVERVIEW);
    expect((await exported()).find((r) => r.projectName === form.projectName)!.overview).toBe(NEW_OVERVIEW);
  });
});
