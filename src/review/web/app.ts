/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The review page's front end (compiled by the project's build, served by `declx review`; no
 * framework, nothing from the network). Left: the queue. Middle: the declaration's fields, doubted
 * ones highlighted, typed editors. Right: the source page with each field's box, or the source
 * text of each field for text and HTML sources. Keyboard: j/k next/previous doubt, a accept,
 * e edit, Ctrl+Enter save, Esc cancel.
 */

// Types only: erased by the build, so the page loads no server module.
import type { QueueEntry } from '../doubts.js';

interface Queue {
  entries: QueueEntry[];
  counts: { shown: number; errors: number; warnings: number; lowConfidence: number };
  codes: { code: string; count: number }[];
  categories: string[];
  units: string[];
}
interface BBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface Field {
  path: string;
  type: string;
  value: unknown;
  machineValue: unknown;
  state: 'fine' | 'doubted' | 'corrected' | 'confirmed' | 'conflict';
  issues: { field: string | null; code: string; severity: string; message: string }[];
  provenance: { text: string; page: number; bbox?: BBox; via: string } | null;
  seen: { declarationId: number; correctionId: number | null };
  reviewer: string | null;
}
interface Declaration {
  id: number;
  current: boolean;
  source: { path: string; kind: string; pages: number[]; imagePages: boolean };
  fields: Field[];
  enums: Record<string, string[]>;
  record: { issues: { field: string | null; code: string; severity: string; message: string }[] };
}

const token = document.querySelector<HTMLMetaElement>('meta[name="declx-token"]')!.content;
const $ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document): T => root.querySelector<T>(sel)!;

/** An element with attributes and children. */
function el(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}
const SVG = 'http://www.w3.org/2000/svg';

async function api<T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(path, { ...init, headers: { 'Content-Type': 'application/json', 'X-Declx-Token': token, ...(init.headers ?? {}) } });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: (type.includes('json') ? await res.json() : await res.text()) as T };
}

const state = {
  filters: { unit: '', code: '', category: '' },
  queue: null as Queue | null,
  decl: null as Declaration | null,
  selected: -1,
  editing: false,
};

function status(text: string): void {
  $('#status').textContent = text;
}

const show = (v: unknown): string => (v === null || v === undefined ? '—' : String(v));

// ------------------------------------------------------------------------------------------
// Queue

async function loadQueue(): Promise<void> {
  const q = new URLSearchParams(Object.entries(state.filters).filter(([, v]) => v !== ''));
  state.queue = (await api<Queue>(`/api/queue?${q}`)).body;
  renderQueue();
}

function select(name: keyof typeof state.filters, label: string, options: [string, string][]): HTMLElement {
  const s = el('select', { name, 'aria-label': label }, el('option', { value: '' }, `${label}: all`), ...options.map(([v, t]) => el('option', { value: v }, t))) as HTMLSelectElement;
  s.value = state.filters[name];
  s.addEventListener('change', () => {
    state.filters[name] = s.value;
    void loadQueue();
  });
  return s;
}

function renderQueue(): void {
  const q = state.queue!;
  $('#queue .filters').replaceChildren(
    select('unit', 'unit', q.units.map((u) => [u, u])),
    select('code', 'issue', q.codes.map((c) => [c.code, `${c.code} (${c.count})`])),
    select('category', 'category', q.categories.map((c) => [c, c])),
  );
  $('#queue .counts').textContent = `${q.counts.shown} to review: ${q.counts.errors} with errors, ${q.counts.warnings} with warnings, ${q.counts.lowConfidence} low confidence or reviewed`;
  $('#queue .list').replaceChildren(
    ...q.entries.map((e) => {
      const cls = e.errors ? 'error' : e.warnings ? 'warning' : 'low';
      const item = el(
        'div',
        { class: `q ${cls}${state.decl?.id === e.id ? ' active' : ''}`, 'data-id': String(e.id) },
        el('b', {}, `#${e.id} `),
        `${e.projectName ?? '—'}`,
        el('br'),
        el('small', {}, `${e.unitName ?? '—'} · ${e.errors}E ${e.warnings}W · conf ${e.confidence.toFixed(2)}${e.reviewed ? ` · ${e.reviewed} reviewed` : ''}`),
      );
      item.addEventListener('click', () => void openDeclaration(e.id));
      return item;
    }),
  );
}

// ------------------------------------------------------------------------------------------
// Declaration

async function openDeclaration(id: number, keepPath?: string): Promise<void> {
  const r = await api<Declaration>(`/api/declarations/${id}`);
  if (r.status !== 200) return status(`#${id}: ${JSON.stringify(r.body)}`);
  state.decl = r.body;
  state.editing = false;
  const keep = keepPath ? r.body.fields.findIndex((f) => f.path === keepPath) : -1;
  state.selected = keep >= 0 ? keep : r.body.fields.findIndex(isDoubt);
  location.hash = `#${id}`;
  renderFields();
  renderSource();
  if (state.queue) renderQueue();
  const doubts = r.body.fields.filter(isDoubt).length;
  status(`#${id}: ${doubts} doubted field${doubts === 1 ? '' : 's'}${r.body.current ? '' : ' (an earlier version: read only)'}`);
}

const isDoubt = (f: Field): boolean => f.state === 'doubted' || f.state === 'conflict';

function renderFields(): void {
  const d = state.decl!;
  // An issue listed under a field (a target's parse is listed under its target) is not the form's.
  const formIssues = d.record.issues.filter((i) => i.field === null || !d.fields.some((f) => f.issues.some((x) => x.field === i.field && x.code === i.code)));
  $('#fields h2').textContent = `Declaration #${d.id} · ${d.source.path} (${d.source.kind})`;
  $('#fields .list').replaceChildren(
    ...formIssues.map((i) => el('div', { class: 'f doubted' }, el('span', { class: 'path' }, i.field ?? 'form'), el('span', { class: 'issue' }, `${i.code}: ${i.message}`))),
    ...d.fields.map((f, k) => {
      const row = el(
        'div',
        { class: `f ${f.state}${k === state.selected ? ' selected' : ''}`, 'data-path': f.path, 'data-state': f.state, tabindex: '-1' },
        el('span', { class: 'path' }, f.path),
        el('span', { class: 'value' }, show(f.value), f.reviewer ? el('small', {}, ` (${f.state} by ${f.reviewer})`) : ''),
        ...f.issues.map((i) => el('span', { class: 'issue' }, `${i.code}: ${i.message}`)),
      );
      row.addEventListener('click', () => selectField(k));
      if (k === state.selected && state.editing) row.append(editorFor(f));
      return row;
    }),
  );
  $('.f.selected')?.scrollIntoView({ block: 'nearest' });
}

function selectField(k: number): void {
  if (state.editing && k === state.selected) return;
  state.selected = k;
  state.editing = false;
  renderFields();
  highlightSource();
}

/** The editor of a field: enum choices, a date picker, or text with the parsed value shown live. */
function editorFor(f: Field): HTMLElement {
  const d = state.decl!;
  let input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
  const enumValues = f.type === 'projectCategory' || f.type === 'fundUse' || f.type === 'indicatorCategory' ? d.enums[f.type] : undefined;
  if (enumValues) {
    input = el('select', {}, ...(f.type === 'indicatorCategory' ? [] : [el('option', { value: '' }, '— (empty)')]), ...enumValues.map((v) => el('option', { value: v }, v))) as HTMLSelectElement;
  } else if (f.type === 'date') {
    input = el('input', { type: 'date' }) as HTMLInputElement;
  } else if (f.type === 'prose') {
    input = el('textarea', { rows: '6' }) as HTMLTextAreaElement;
  } else {
    input = el('input', { type: 'text', inputmode: f.type === 'amount' || f.type === 'year' ? 'decimal' : 'text' }) as HTMLInputElement;
  }
  input.value = f.value === null ? '' : String(f.value);
  input.className = 'edit-value';
  const parsed = el('div', { class: 'parsed' });
  const reason = el('input', { type: 'text', placeholder: 'reason (optional)', class: 'edit-reason' }) as HTMLInputElement;
  let timer: number | undefined;
  const check = (): void => {
    clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const r = await api<{ ok: boolean; value?: unknown; targetParsed?: unknown; error?: string }>(`/api/parse?${new URLSearchParams({ field: f.path, value: input.value })}`);
      parsed.className = `parsed${r.body.ok ? '' : ' bad'}`;
      parsed.textContent = r.body.ok
        ? `→ ${JSON.stringify(r.body.value)}${'targetParsed' in r.body ? `  parsed: ${r.body.targetParsed ? JSON.stringify(r.body.targetParsed) : 'words only'}` : ''}`
        : r.body.error ?? 'refused';
    }, 150);
  };
  input.addEventListener('input', check);
  input.addEventListener('change', check);
  check();
  const box = el('div', { class: 'editor' }, input, parsed, reason, el('small', {}, 'Ctrl+Enter save · Esc cancel'));
  setTimeout(() => input.focus(), 0);
  return box;
}

async function save(confirm: boolean): Promise<void> {
  const d = state.decl;
  const f = d?.fields[state.selected];
  if (!d || !f) return;
  if (!d.current) return status('an earlier version cannot be corrected; open the current one');
  const body: Record<string, unknown> = { field: f.path, seen: f.seen };
  if (confirm) body.confirm = true;
  else {
    body.value = ($('.editor .edit-value') as HTMLInputElement).value;
    body.reason = ($('.editor .edit-reason') as HTMLInputElement).value;
  }
  const r = await api<{ error?: string; field?: string; value?: unknown; action?: string }>(`/api/declarations/${d.id}/fields`, { method: 'POST', body: JSON.stringify(body) });
  if (r.status === 409) {
    await openDeclaration(d.id, f.path);
    return status(`not saved: ${r.body.error ?? 'changed meanwhile'} (reloaded)`);
  }
  if (r.status !== 200) return status(`not saved: ${r.body.error ?? r.status}`);
  await openDeclaration(d.id, f.path);
  await loadQueue();
  status(`saved: ${f.path} ${r.body.action === 'confirm' ? 'confirmed' : `= ${JSON.stringify(r.body.value)}`}`);
}

// ------------------------------------------------------------------------------------------
// Source

function renderSource(): void {
  const d = state.decl!;
  const pages = $('#source .pages');
  pages.replaceChildren();
  if (!d.source.imagePages) {
    // Text and HTML sources: the text each field was read from.
    for (const [k, f] of d.fields.entries()) {
      if (!f.provenance) continue;
      const row = el('div', { class: `rowtext ${f.state}`, 'data-path': f.path }, el('b', {}, `${f.path} · page ${f.provenance.page}\n`), f.provenance.text);
      row.addEventListener('click', () => selectField(k));
      pages.append(row);
    }
    highlightSource();
    return;
  }
  for (const page of d.source.pages) {
    const wrap = el('div', { class: 'pagewrap', 'data-page': String(page) });
    const img = el('img', { alt: `page ${page}`, src: `/api/declarations/${d.id}/pages/${page}` });
    wrap.append(img);
    pages.append(el('div', {}, `page ${page}`), wrap);
    void api<{ widthPt: number; heightPt: number }>(`/api/declarations/${d.id}/pages/${page}?size`).then((r) => {
      if (r.status !== 200) return wrap.replaceChildren(el('div', { class: 'rowtext' }, String(r.body)));
      const svg = document.createElementNS(SVG, 'svg');
      svg.setAttribute('viewBox', `0 0 ${r.body.widthPt} ${r.body.heightPt}`);
      svg.setAttribute('preserveAspectRatio', 'none');
      for (const [k, f] of d.fields.entries()) {
        const b = f.provenance?.bbox;
        if (!b || f.provenance!.page !== page) continue;
        const rect = document.createElementNS(SVG, 'rect');
        for (const [a, v] of Object.entries({ x: b.x0, y: b.y0, width: b.x1 - b.x0, height: b.y1 - b.y0 })) rect.setAttribute(a, String(v));
        rect.setAttribute('class', f.state);
        rect.dataset.path = f.path;
        rect.addEventListener('click', () => selectField(k));
        rect.append(Object.assign(document.createElementNS(SVG, 'title'), { textContent: `${f.path}: ${show(f.value)}` }));
        svg.append(rect);
      }
      wrap.append(svg);
      highlightSource();
    });
  }
}

function highlightSource(): void {
  const path = state.decl?.fields[state.selected]?.path;
  for (const e of document.querySelectorAll('#source [data-path]')) {
    const on = e.getAttribute('data-path') === path;
    e.classList.toggle('selected', on);
    if (on) e.scrollIntoView({ block: 'nearest' });
  }
}

// ------------------------------------------------------------------------------------------
// Keyboard

function moveToDoubt(step: 1 | -1): void {
  const fields = state.decl?.fields ?? [];
  for (let k = state.selected + step; k >= 0 && k < fields.length; k += step)
    if (isDoubt(fields[k]!)) return selectField(k);
  status('no more doubts this way');
}

document.addEventListener('keydown', (ev) => {
  if (!state.decl) return;
  if (state.editing) {
    if (ev.key === 'Escape') {
      state.editing = false;
      renderFields();
    } else if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey || !(ev.target instanceof HTMLTextAreaElement))) {
      ev.preventDefault();
      void save(false);
    }
    return;
  }
  if (ev.target instanceof HTMLSelectElement || ev.target instanceof HTMLInputElement) return;
  if (ev.key === 'j' || ev.key === 'ArrowDown') moveToDoubt(1);
  else if (ev.key === 'k' || ev.key === 'ArrowUp') moveToDoubt(-1);
  else if (ev.key === 'a') void save(true);
  else if (ev.key === 'e' || ev.key === 'Enter') {
    if (state.selected < 0) return;
    ev.preventDefault();
    state.editing = true;
    renderFields();
  } else return;
  ev.preventDefault();
});

// ------------------------------------------------------------------------------------------

void (async () => {
  await loadQueue();
  const fromHash = Number(location.hash.slice(1));
  const first = Number.isInteger(fromHash) && fromHash > 0 ? fromHash : state.queue?.entries[0]?.id;
  if (first) await openDeclaration(first);
  else status('nothing to review');
  document.body.dataset.ready = 'true';
})();
