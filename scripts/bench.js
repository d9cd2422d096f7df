#!/usr/bin/env node
// `npm run bench`: speed and peak memory of declx, beside the tools a user would pick instead.
//
//   node scripts/bench.js [--quick] [--runs N] [--forms N] [--text-budget-s S] [--ocr-pages N]
//                         [--pdf-passes N] [--ocr-engines paddle,tesseract] [--only text,import,pdf,scan]
//                         [--out FILE] [--markdown]
//
// The import section (--only import) imports 250 exports of 4 forms each into a new database,
// interleaved with the floor reader over the same files and the floor reader plus an insert.
// The text section measures on 10,000 generated forms, or on fewer when 3 runs of extract and
// import on 10,000 would not fit its time budget (300 s) at the speed a short probe measures;
// `--forms N` insists on N (--quick: 500 forms in 30 s; the whole bench should take under two
// minutes on an idle machine). It then runs `declx extract` on one export of 4,000 forms (1,000 with
// --quick) as a whole process, interleaved with scripts/floor-reader.js, a minimal one-pass
// reader of the same file, and reports the ratio of their times (wall and CPU).
//
// Every run is a separate child process (peak RSS per run); each measurement is repeated (3 by
// default) and reported as median [min–max]. Peers (pdftotext, tesseract) run interleaved with
// ours on the same inputs, so their ratio comes from the same minutes of the same machine. A
// section whose piece or peer is missing is skipped with a line saying so. Runs from dist/
// (`npm run bench` builds first). Environment: BENCH_QUICK=1, BENCH_SCANS=img1,img2 (page images
// to OCR instead of the fixtures'), BENCH_PDFS=a.pdf,b.pdf (text PDFs instead of the fixtures').
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine, fmt, formatTable, normaliseForCer, runChild, runPeer, summarise, which } from './bench-lib.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'fixtures');
const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;

// ---------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const quick = argv.includes('--quick') || process.env.BENCH_QUICK === '1';
  const opts = {
    quick,
    runs: 3,
    forms: quick ? 500 : 10_000,
    /** Forms in the one large export measured beside the floor reader. */
    exportForms: quick ? 1000 : 4000,
    ocrPages: quick ? 1 : 4,
    pdfPasses: quick ? 1 : 5,
    /** Seconds the text section's measured runs may take in all (the corpus shrinks to fit). */
    textBudgetS: quick ? 30 : 300,
    formsGiven: false,
    /** OCR engines to measure (default: the default engine, then the others). */
    ocrEngines: null,
    only: null,
    out: join(ROOT, 'output', 'bench.json'),
    markdown: argv.includes('--markdown'),
  };
  for (let i = 0; i < argv.length; i++) {
    const next = () => argv[++i];
    switch (argv[i]) {
      case '--runs':
        opts.runs = Math.max(1, Number(next()));
        break;
      case '--forms':
        opts.forms = Math.max(1, Number(next()));
        opts.formsGiven = true;
        break;
      case '--text-budget-s':
        opts.textBudgetS = Math.max(10, Number(next()));
        break;
      case '--ocr-pages':
        opts.ocrPages = Math.max(1, Number(next()));
        break;
      case '--pdf-passes':
        opts.pdfPasses = Math.max(1, Number(next()));
        break;
      case '--ocr-engines':
        opts.ocrEngines = next().split(',').filter(Boolean);
        break;
      case '--only':
        opts.only = new Set(next().split(','));
        break;
      case '--out':
        opts.out = resolve(next());
        break;
      case '--quick':
      case '--markdown':
        break;
      default:
        process.stderr.write(`bench: unknown option ${argv[i]}\n`);
        process.exit(2);
    }
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const wants = (section) => !opts.only || opts.only.has(section);
const log = (line) => process.stderr.write(`${line}\n`);

if (!existsSync(fileURLToPath(dist('src/extract.js')))) {
  log('bench: not built yet; run `npm run build` (npm run bench builds first)');
  process.exit(2);
}
const { characterErrorRate } = await import(dist('testkit/cer.js'));

/** Files under a folder, recursively, sorted. */
function walk(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

/** Whether a module of ours is built (a piece being built elsewhere may not have landed yet). */
const built = (path) => existsSync(fileURLToPath(dist(path)));

const KiB_PER_MiB = 1024;
const rssMiB = (runs) => summarise(runs.map((r) => (r.maxRssKiB ? r.maxRssKiB / KiB_PER_MiB : null)));

/** One line of the results: a measurement over runs, with its peak RSS. */
function result(section, what, unit, values, runs, extra = {}) {
  const raw = runs.map(({ elapsedMs, units, cpuMs, maxRssKiB, initMs }) => ({ elapsedMs, units, cpuMs, maxRssKiB, initMs }));
  return { section, what, unit, stats: summarise(values), rssMiB: rssMiB(runs), values, raw, ...extra };
}

const results = [];
const skipped = [];
const skip = (section, why) => {
  skipped.push({ section, why });
  log(`skipped: ${section}: ${why}`);
};

// ---------------------------------------------------------------------------------------------
// Text exports: extract and import, on generated forms

async function benchText(work) {
  if (!built('testkit/synth/write-corpus.js') || !built('src/cli/extract.js')) return skip('text', 'the generator or the extract command is not built');
  const { writeCorpus } = await import(dist('testkit/synth/write-corpus.js'));
  const canImport = built('src/cli/import.js') && built('src/store/open.js');
  if (!canImport) skip('text import', 'the store (src/store, src/cli/import.ts) is not built yet');
  let forms = opts.forms;
  if (!opts.formsGiven) {
    // Calibrate on a few hundred forms: if the runs on the full corpus would not fit the time
    // budget at this speed, measure on fewer forms (forms/s hardly depends on the count).
    const probeDir = join(work, 'probe');
    await writeCorpus(probeDir, { count: 300, seed: 'bench-probe', kinds: ['text'], multiFormProbability: 0, withExpected: false });
    const e = await runChild('extract', { dir: probeDir });
    const i = canImport ? await runChild('import', { dir: probeDir, db: join(work, 'probe.sqlite'), concurrency: 1 }) : null;
    rmSync(probeDir, { recursive: true, force: true });
    const secondsPerForm = e.elapsedMs / 1000 / e.units + (i ? i.elapsedMs / 1000 / i.units : 0);
    const fits = Math.floor((opts.textBudgetS / opts.runs / secondsPerForm) / 500) * 500;
    if (fits < forms) {
      log(`text: ${fmt(forms)} forms × ${opts.runs} runs would take about ${fmt((forms * opts.runs * secondsPerForm) / 60, 1)} min at this speed; measuring on ${fmt(Math.max(500, fits))} forms (--forms ${forms} insists)`);
      forms = Math.max(500, fits);
    }
  }
  const corpus = join(work, 'corpus');
  log(`text: writing ${forms} generated forms (text exports, one form per file) to a temporary folder…`);
  const t0 = performance.now();
  await writeCorpus(corpus, { count: forms, seed: 'bench', kinds: ['text'], multiFormProbability: 0, withExpected: false });
  log(`text: corpus written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const extractRuns = [];
  const importRuns = [];
  for (let r = 0; r < opts.runs; r++) {
    const e = await runChild('extract', { dir: corpus });
    extractRuns.push(e);
    log(`text extract run ${r + 1}/${opts.runs}: ${e.units} forms in ${(e.elapsedMs / 1000).toFixed(2)} s (${fmt((e.units * 1000) / e.elapsedMs)} forms/s), peak RSS ${fmt(e.maxRssKiB / 1024)} MiB${e.failed ? `, ${e.failed} failed` : ''}`);
    if (canImport) {
      const db = join(work, `import-${r}.sqlite`);
      const i = await runChild('import', { dir: corpus, db, concurrency: 1 });
      importRuns.push(i);
      log(`text import  run ${r + 1}/${opts.runs}: ${i.units} forms in ${(i.elapsedMs / 1000).toFixed(2)} s (${fmt((i.units * 1000) / i.elapsedMs)} forms/s), peak RSS ${fmt(i.maxRssKiB / 1024)} MiB${i.exitCode ? ` (exit ${i.exitCode})` : ''}`);
      rmSync(db, { force: true });
      rmSync(`${db}-wal`, { force: true });
      rmSync(`${db}-shm`, { force: true });
    }
  }
  const perSec = (runs) => runs.map((x) => (x.units * 1000) / x.elapsedMs);
  results.push(
    result('text', `extract, ${fmt(forms)} generated forms, 1 core`, 'forms/s', perSec(extractRuns), extractRuns, {
      target: { op: '>=', value: 5000 },
      failed: extractRuns[0]?.failed ?? 0,
    }),
  );
  if (importRuns.length)
    results.push(
      result('text', `import into a fresh database, --concurrency 1`, 'forms/s', perSec(importRuns), importRuns, {
        target: { op: '>=', value: 2000 },
        summary: importRuns[0]?.summary,
      }),
    );
  rmSync(corpus, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// One large text export: `declx extract` as a whole process vs the floor reader

/**
 * `declx extract FILE --format jsonl` on one export of many forms against scripts/floor-reader.js
 * on the same file (the least work any reader must do), interleaved, both as whole processes with
 * their output discarded. The ratio is the floor's time over ours: 1 would be as fast as the floor.
 */
async function benchTextExport(work) {
  if (!built('testkit/synth/write-corpus.js')) return skip('text export', 'the generator is not built');
  const { writeTextExport } = await import(dist('testkit/synth/write-corpus.js'));
  const forms = opts.exportForms;
  const file = join(work, 'export.txt');
  const { bytes } = await writeTextExport(file, { count: forms, seed: 'bench' });
  log(`text export: one file of ${fmt(forms)} forms (${fmt(bytes / 2 ** 20, 1)} MiB)`);
  const declx = join(ROOT, 'bin', 'declx.js');
  const floor = join(ROOT, 'scripts', 'floor-reader.js');
  const ours = [];
  const theirs = [];
  for (let r = 0; r < opts.runs; r++) {
    const o = { ...(await runPeer(process.execPath, [declx, 'extract', file, '--format', 'jsonl'])), units: forms };
    const f = { ...(await runPeer(process.execPath, [floor, file])), units: forms };
    ours.push(o);
    theirs.push(f);
    const cpu = (x) => (x.cpuMs === null ? '' : `, ${fmt(x.cpuMs / 1000, 2)} s CPU`);
    log(`text export run ${r + 1}/${opts.runs}: declx ${(o.elapsedMs / 1000).toFixed(2)} s${cpu(o)}, peak RSS ${fmt(o.maxRssKiB / 1024)} MiB; floor ${(f.elapsedMs / 1000).toFixed(2)} s${cpu(f)}`);
  }
  const perSec = (runs) => runs.map((x) => (x.units * 1000) / x.elapsedMs);
  const ratioBy = (key) => (ours.every((o, i) => o[key] && theirs[i][key]) ? summarise(ours.map((o, i) => theirs[i][key] / o[key])) : null);
  const cpuRatio = ratioBy('cpuMs');
  results.push(
    result('text', `extract one ${fmt(forms)}-form export (whole process)`, 'forms/s', perSec(ours), ours, {
      ratioToPeer: ratioBy('elapsedMs'),
      peer: 'floor reader',
      ...(cpuRatio ? { cpuRatioToPeer: cpuRatio } : {}),
      target: { op: '>=', value: 0.6, of: 'ratioToPeer' },
    }),
  );
  results.push(result('text', `floor reader, the same export (scripts/floor-reader.js)`, 'forms/s', perSec(theirs), theirs, { peerOf: 'text export' }));
}

// ---------------------------------------------------------------------------------------------
// Import of many small exports: `declx import` vs the floor reader, and the floor plus an insert

/**
 * `declx import DIR --db NEW --concurrency 1` on 250 exports of 4 forms (50 × 4 with --quick),
 * interleaved with scripts/floor-reader.js over the same files (the issue's yardstick: import at
 * ≥ 0.4× its speed) and scripts/floor-import.js (the floor reader plus a one-transaction insert
 * into the same schema), all as whole processes, each import into a new database.
 */
async function benchImport(work) {
  if (!built('testkit/synth/write-corpus.js') || !built('src/cli/import.js')) return skip('import', 'the generator or the import command is not built');
  const { writeTextExport } = await import(dist('testkit/synth/write-corpus.js'));
  const files = opts.quick ? 50 : 250;
  const perFile = 4;
  const dir = join(work, 'import-corpus');
  mkdirSync(dir, { recursive: true });
  const paths = [];
  for (let i = 0; i < files; i++) {
    const path = join(dir, `${String(i).padStart(4, '0')}.txt`);
    await writeTextExport(path, { count: perFile, seed: `import:${i}` });
    paths.push(path);
  }
  const forms = files * perFile;
  log(`import: ${files} text exports of ${perFile} forms`);
  const declx = join(ROOT, 'bin', 'declx.js');
  const freshDb = (name) => {
    const db = join(work, `${name}.sqlite`);
    for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
    return db;
  };
  // One core, as the target is worded: the import's extraction thread shares it with the main thread.
  const taskset = which('taskset');
  const oneCore = (args) => (taskset ? [taskset, ['-c', '0', process.execPath, ...args]] : [process.execPath, args]);
  if (!taskset) log('import: taskset not found; the processes may use more than one core');
  const ours = [];
  const floor = [];
  const floorInsert = [];
  for (let r = 0; r < opts.runs; r++) {
    const o = { ...(await runPeer(...oneCore([declx, 'import', dir, '--db', freshDb('import'), '--concurrency', '1']))), units: forms };
    const f = { ...(await runPeer(...oneCore([join(ROOT, 'scripts', 'floor-reader.js'), ...paths]))), units: forms };
    const fi = { ...(await runPeer(...oneCore([join(ROOT, 'scripts', 'floor-import.js'), dir, freshDb('floor')]))), units: forms };
    ours.push(o);
    floor.push(f);
    floorInsert.push(fi);
    const cpu = (x) => (x.cpuMs === null ? '' : ` (${fmt(x.cpuMs / 1000, 2)} s CPU)`);
    log(`import run ${r + 1}/${opts.runs}: declx ${(o.elapsedMs / 1000).toFixed(2)} s${cpu(o)}, peak RSS ${fmt(o.maxRssKiB / 1024)} MiB; floor reader ${(f.elapsedMs / 1000).toFixed(2)} s${cpu(f)}; floor + insert ${(fi.elapsedMs / 1000).toFixed(2)} s${cpu(fi)}`);
  }
  const perSec = (runs) => runs.map((x) => (x.units * 1000) / x.elapsedMs);
  const ratio = (peer, key) => (ours.every((o, i) => o[key] && peer[i][key]) ? summarise(ours.map((o, i) => peer[i][key] / o[key])) : null);
  const cpuRatio = ratio(floor, 'cpuMs');
  results.push(
    result('import', `import ${files} files × ${perFile} forms into a new database (whole process)`, 'forms/s', perSec(ours), ours, {
      ratioToPeer: ratio(floor, 'elapsedMs'),
      peer: 'floor reader',
      ...(cpuRatio ? { cpuRatioToPeer: cpuRatio } : {}),
      ratioToFloorInsert: ratio(floorInsert, 'elapsedMs'),
      target: { op: '>=', value: 0.4, of: 'ratioToPeer' },
    }),
  );
  results.push(result('import', `floor reader, the same files (scripts/floor-reader.js)`, 'forms/s', perSec(floor), floor, { peerOf: 'import' }));
  results.push(result('import', `floor reader + one-transaction insert (scripts/floor-import.js)`, 'forms/s', perSec(floorInsert), floorInsert, { peerOf: 'import' }));
}

// ---------------------------------------------------------------------------------------------
// Text PDFs: our pipeline vs pdftotext -layout

async function benchPdf() {
  if (!built('src/pdf/read-pdf.js')) return skip('pdf', 'the PDF reader (src/pdf) is not built yet');
  const candidates = process.env.BENCH_PDFS
    ? process.env.BENCH_PDFS.split(',').map((p) => resolve(p))
    : walk(FIXTURES).filter((p) => /\.pdf$/i.test(p) && !/scan/i.test(p));
  if (candidates.length === 0) return skip('pdf', 'no text PDF among the fixtures (set BENCH_PDFS=a.pdf,b.pdf)');
  // A first pass (not counted) keeps the PDFs our pipeline reads; corrupt fixtures drop out.
  const probe = await runChild('pdf', { files: candidates, passes: 1 });
  const files = probe.perFile.filter((f) => !f.error && f.pages > 0).map((f) => f.path);
  const pages = probe.perFile.filter((f) => !f.error).reduce((n, f) => n + f.pages, 0);
  if (files.length === 0) return skip('pdf', `none of ${candidates.length} PDFs among the fixtures is a readable text PDF (set BENCH_PDFS=a.pdf,b.pdf)`);
  log(`pdf: ${files.length} text PDFs, ${pages} pages, ${opts.pdfPasses} passes per run: ${files.map((f) => relative(ROOT, f)).join(', ')}`);
  const pdftotext = which('pdftotext');
  if (!pdftotext) skip('pdf peer', 'pdftotext (poppler-utils) is not installed');
  const ours = [];
  const theirs = [];
  for (let r = 0; r < opts.runs; r++) {
    const o = await runChild('pdf', { files, passes: opts.pdfPasses });
    ours.push(o);
    log(`pdf ours run ${r + 1}/${opts.runs}: ${o.units} pages in ${(o.elapsedMs / 1000).toFixed(2)} s, peak RSS ${fmt(o.maxRssKiB / 1024)} MiB`);
    if (pdftotext) {
      // One pdftotext process per file and pass, as a user's loop would run it.
      let ms = 0;
      let peak = 0;
      let peakKnown = true;
      for (let pass = 0; pass < opts.pdfPasses; pass++) {
        for (const f of files) {
          const p = await runPeer(pdftotext, ['-layout', '-enc', 'UTF-8', f, '-']);
          ms += p.elapsedMs;
          if (p.maxRssKiB === null) peakKnown = false;
          else peak = Math.max(peak, p.maxRssKiB);
        }
      }
      theirs.push({ elapsedMs: ms, units: pages * opts.pdfPasses, maxRssKiB: peakKnown ? peak : null });
      log(`pdf pdftotext run ${r + 1}/${opts.runs}: ${pages * opts.pdfPasses} pages in ${(ms / 1000).toFixed(2)} s`);
    }
  }
  const perSec = (runs) => runs.map((x) => (x.units * 1000) / x.elapsedMs);
  const ratios = theirs.length ? ours.map((o, i) => (o.units / o.elapsedMs) / (theirs[i].units / theirs[i].elapsedMs)) : [];
  results.push(
    result('pdf', `declx extract, ${pages} pages × ${opts.pdfPasses} passes`, 'pages/s', perSec(ours), ours, {
      files: files.map((f) => relative(ROOT, f)),
      ...(theirs.length ? { ratioToPeer: summarise(ratios), peer: 'pdftotext -layout' } : {}),
    }),
  );
  if (theirs.length) results.push(result('pdf', 'pdftotext -layout (one process per file)', 'pages/s', perSec(theirs), theirs, { peerOf: 'pdf' }));
}

// ---------------------------------------------------------------------------------------------
// Scans: our OCR path with 1 and 2 workers vs the tesseract CLI

/** Forms of the text fixtures: `{record, text}` pairs, the text being the form's rows as exported. */
function textFixtureForms() {
  const out = [];
  for (const name of existsSync(FIXTURES) ? readdirSync(FIXTURES) : []) {
    const input = join(FIXTURES, name, 'input.txt');
    const expected = join(FIXTURES, name, 'expected.json');
    if (!existsSync(input) || !existsSync(expected) || name.startsWith('synth-')) continue;
    const records = JSON.parse(readFileSync(expected, 'utf8'));
    const text = readFileSync(input, 'utf8').replace(/\r\n/g, '\n');
    // Forms start at their title line; the text export's rows are the form's printed text.
    const starts = [...text.matchAll(/^上海市财政支出项目绩效目标申报表\s*$/gm)].map((m) => m.index);
    if (starts.length !== records.length) continue;
    starts.forEach((s, i) => out.push({ record: records[i], text: text.slice(s, starts[i + 1] ?? text.length).replace(/^----\t--$/gm, ''), from: name }));
  }
  return out;
}

/** The four 300 dpi scanned pages of the shared samples (one per seed form), where they are. */
const SAMPLE_PAGES = ['pages/seed1.scan-1.jpg', 'seed2.scan-1.jpg', 'pages/seed3.scan-1.jpg', 'pages/seed4.scan-1.jpg'].map((p) => join(ROOT, '..', 'shared', 'samples', p));

/**
 * Page images to read: BENCH_SCANS, else the shared samples' 300 dpi pages, else full-page images
 * among the fixtures (portrait pages at least 1000 px wide).
 */
async function pageImages() {
  if (process.env.BENCH_SCANS) return process.env.BENCH_SCANS.split(',').map((p) => resolve(p));
  if (SAMPLE_PAGES.every((p) => existsSync(p))) return SAMPLE_PAGES;
  const sharp = (await import('sharp')).default;
  const out = [];
  for (const path of walk(FIXTURES).filter((p) => /\.(jpe?g|png|tiff?)$/i.test(p))) {
    try {
      const { width, height } = await sharp(path).metadata();
      if (width >= 1000 && height / width > 1.25 && height / width < 1.6) out.push(path);
    } catch {
      /* not an image sharp reads: not a page */
    }
  }
  return out;
}

/**
 * The truth text of a page: the text-fixture form whose project name (or unit name) is closest to
 * what our pipeline read on the page. With only a few forms, a half-read name still finds its form.
 */
function truthFor(records, forms) {
  const read = records?.[0];
  if (!read || forms.length === 0) return null;
  const distance = (ours, truth) => (ours && truth ? characterErrorRate(ours, truth) : 1);
  let best = null;
  for (const f of forms) {
    const d = Math.min(distance(read.projectName, f.record.projectName), distance(read.unitName, f.record.unitName));
    if (!best || d < best.d) best = { ...f, d };
  }
  return best && best.d < 0.5 ? best : null;
}

async function benchScans() {
  if (!built('src/scan/read-images.js') || !built('src/ocr/create-engine.js')) return skip('scan', 'the scan reader or the OCR engine is not built yet');
  const images = (await pageImages()).slice(0, opts.ocrPages);
  if (images.length === 0) return skip('scan', 'no full-page scan image among the fixtures (set BENCH_SCANS=page1.jpg,page2.jpg)');
  log(`scan: ${images.length} page image(s): ${images.map((f) => relative(ROOT, f)).join(', ')}`);
  const tesseract = which('tesseract');
  let nativeOk = Boolean(tesseract);
  if (!tesseract) skip('scan peer', 'the tesseract CLI is not installed');
  else {
    const langs = await runPeer(tesseract, ['--list-langs'], { captureStdout: true }).catch(() => ({ stdout: '' }));
    if (!/^chi_sim$/m.test(langs.stdout)) {
      nativeOk = false;
      skip('scan peer', 'the tesseract CLI has no chi_sim language data (tesseract-ocr-chi-sim)');
    }
  }
  const forms = textFixtureForms();
  // Our engines, the default first: each with 1 and with 2 workers.
  const { DEFAULT_OCR_ENGINE } = await import(dist('src/ocr/create-engine.js'));
  // --quick measures the default engine only, once: OCR is what makes the bench long.
  const engines = opts.ocrEngines ?? (opts.quick ? [DEFAULT_OCR_ENGINE] : [...new Set([DEFAULT_OCR_ENGINE, 'paddle', 'tesseract'])]);
  const scanRuns = opts.quick ? 1 : opts.runs;
  const ours = new Map(engines.flatMap((e) => [1, 2].map((w) => [`${e}/${w}`, { engine: e, workers: w, runs: [], cers: [] }])));
  // The cost of the second reading of key values: the default engine once more without it.
  if (engines.includes(DEFAULT_OCR_ENGINE)) ours.set(`${DEFAULT_OCR_ENGINE}/1/once`, { engine: DEFAULT_OCR_ENGINE, workers: 1, secondReading: false, runs: [], cers: [] });
  const native = [];
  const nativeCers = [];
  let truths = null;
  const cerOf = (texts) => {
    // Whole documents: every page's OCR text against the truth text of its form.
    const pairs = texts.map((t, i) => [truths?.[i]?.text, t]).filter(([truth]) => truth);
    if (!pairs.length) return null;
    const values = pairs.map(([truth, t]) => characterErrorRate(normaliseForCer(t), normaliseForCer(truth)));
    return values.reduce((a, b) => a + b, 0) / values.length;
  };
  for (let r = 0; r < scanRuns; r++) {
    for (const [key, m] of [...ours]) {
      try {
        const o = await runChild('ocr', { images, workers: m.workers, engine: m.engine, secondReading: m.secondReading !== false });
        truths ??= o.results.map((x) => truthFor(x.records, forms));
        m.runs.push(o);
        const c = cerOf(o.results.map((x) => x.text));
        m.cers.push(c);
        log(`scan ours ${m.engine} ${m.workers} worker${m.workers > 1 ? 's' : ''}${m.secondReading === false ? ' (read once)' : ''} run ${r + 1}/${scanRuns}: ${o.units} page(s) in ${(o.elapsedMs / 1000).toFixed(2)} s (+${(o.initMs / 1000).toFixed(2)} s start), ${fmt(o.cpuMs / 1000, 2)} s CPU, CER ${c === null ? '—' : c.toFixed(3)}, peak RSS ${fmt(o.maxRssKiB / 1024)} MiB`);
      } catch (err) {
        skip(`scan ${m.engine} ${m.workers}`, `failed: ${String(err.message).split('\n')[0].slice(0, 200)}`);
        ours.delete(key);
      }
    }
    if (nativeOk) {
      let ms = 0;
      let cpuMs = 0;
      let peak = 0;
      const texts = [];
      for (const img of images) {
        const p = await runPeer(tesseract, [img, 'stdout', '-l', 'chi_sim', '--psm', '3'], { env: { OMP_THREAD_LIMIT: '1' }, captureStdout: true });
        ms += p.elapsedMs;
        cpuMs = p.cpuMs === null || cpuMs === null ? null : cpuMs + p.cpuMs;
        peak = Math.max(peak, p.maxRssKiB ?? 0);
        texts.push(p.stdout);
      }
      native.push({ elapsedMs: ms, cpuMs, units: images.length, maxRssKiB: peak || null });
      const c = truths ? cerOf(texts) : null;
      nativeCers.push(c);
      log(`scan tesseract CLI run ${r + 1}/${scanRuns}: ${images.length} page(s) in ${(ms / 1000).toFixed(2)} s, ${fmt(cpuMs / 1000, 2)} s CPU, CER ${c === null ? '—' : c.toFixed(3)}`);
    }
  }
  const sPerPage = (runs) => runs.map((x) => x.elapsedMs / 1000 / x.units);
  const truthNote = truths?.map((t, i) => ({ image: relative(ROOT, images[i]), truth: t ? `${t.from} (${t.record.projectName})` : null }));
  // Time per page over the CLI's, wall and CPU (the CPU ratio holds on a machine others share).
  const vsNative = (runs) =>
    native.length === runs.length && native.length
      ? {
          ratioToPeer: summarise(runs.map((o, i) => (o.elapsedMs / o.units) / (native[i].elapsedMs / native[i].units))),
          ...(runs.every((o, i) => o.cpuMs && native[i].cpuMs) ? { cpuRatioToPeer: summarise(runs.map((o, i) => (o.cpuMs / o.units) / (native[i].cpuMs / native[i].units))) } : {}),
          peer: 'tesseract CLI',
        }
      : {};
  for (const engine of engines) {
    const one = ours.get(`${engine}/1`);
    const two = ours.get(`${engine}/2`);
    const isDefault = engine === DEFAULT_OCR_ENGINE;
    const name = `declx --ocr ${engine}${isDefault ? ' (default)' : ''}`;
    if (one?.runs.length) {
      results.push(
        result('scan', `${name}, 1 worker, ${images.length} page(s)`, 's/page', sPerPage(one.runs), one.runs, {
          engine,
          workers: 1,
          defaultEngine: isDefault,
          cer: summarise(one.cers),
          startS: summarise(one.runs.map((o) => o.initMs / 1000)),
          truth: truthNote,
          ...vsNative(one.runs),
        }),
      );
    }
    if (two?.runs.length) {
      const speedups = two.runs.map((t, i) => (one?.runs[i] ? one.runs[i].elapsedMs / t.elapsedMs : null));
      results.push(
        result('scan', `${name}, 2 workers`, 's/page', sPerPage(two.runs), two.runs, {
          engine,
          workers: 2,
          defaultEngine: isDefault,
          cer: summarise(two.cers),
          startS: summarise(two.runs.map((o) => o.initMs / 1000)),
          speedupOverOne: summarise(speedups),
          target: { op: '>=', value: 1.8, of: 'speedupOverOne' },
          ...vsNative(two.runs),
        }),
      );
    }
  }
  const once = ours.get(`${DEFAULT_OCR_ENGINE}/1/once`);
  const withSecond = ours.get(`${DEFAULT_OCR_ENGINE}/1`);
  if (once?.runs.length) {
    const perPage = (o) => o.elapsedMs / 1000 / o.units;
    const pairs = once.runs.map((o, i) => [withSecond?.runs[i], o]).filter(([w]) => w);
    results.push(
      result('scan', `declx --ocr ${DEFAULT_OCR_ENGINE} (default), 1 worker, key values read once`, 's/page', sPerPage(once.runs), once.runs, {
        engine: DEFAULT_OCR_ENGINE,
        workers: 1,
        once: true,
        cer: summarise(once.cers),
        // What the second reading of key values costs: seconds per page with it minus without, per run.
        ...(pairs.length ? { secondReadingCostS: summarise(pairs.map(([w, o]) => perPage(w) - perPage(o))), secondReadingRatio: summarise(pairs.map(([w, o]) => perPage(w) / perPage(o))) } : {}),
      }),
    );
  }
  if (native.length) results.push(result('scan', 'tesseract CLI, chi_sim, --psm 3, OMP_THREAD_LIMIT=1', 's/page', sPerPage(native), native, { cer: summarise(nativeCers), peerOf: 'scan' }));
}

// ---------------------------------------------------------------------------------------------
// Report

function tableRows() {
  return results.map((r) => {
    const s = r.stats;
    const digits = !s ? 0 : s.median < 10 ? 2 : s.median < 100 ? 1 : 0;
    const notes = [];
    if (r.ratioToPeer) notes.push(`${r.unit === 's/page' ? 'time' : 'speed'} ${fmt(r.ratioToPeer.median, 2)}× ${r.peer}`);
    if (r.cpuRatioToPeer) notes.push(`CPU ${r.unit === 's/page' ? 'time ' : ''}${fmt(r.cpuRatioToPeer.median, 2)}× ${r.peer}`);
    if (r.ratioToFloorInsert) notes.push(`speed ${fmt(r.ratioToFloorInsert.median, 2)}× floor + insert`);
    if (r.speedupOverOne) notes.push(`${fmt(r.speedupOverOne.median, 2)}× one worker`);
    if (r.secondReadingCostS) notes.push(`the second reading adds ${fmt(r.secondReadingCostS.median, 2)} s/page (${fmt(r.secondReadingRatio.median, 2)}×)`);
    if (r.cer) notes.push(`CER ${fmt(r.cer.median, 3)}`);
    if (r.failed) notes.push(`${r.failed} failed`);
    return [
      r.section,
      r.what,
      r.unit,
      s ? fmt(s.median, digits) : '—',
      s ? `${fmt(s.min, digits)}–${fmt(s.max, digits)}` : '—',
      r.rssMiB ? fmt(r.rssMiB.median) : '—',
      notes.join('; '),
    ];
  });
}

/** Where we stand against the targets of the issue. */
function targets() {
  const out = [];
  const ex = results.find((r) => r.section === 'text' && r.what.startsWith('extract,'));
  const im = results.find((r) => r.section === 'text' && r.what.startsWith('import'));
  if (ex?.stats) out.push(['text extract ≥ 5,000 forms/s on one core', `${fmt(ex.stats.median)} forms/s`, ex.stats.median >= 5000]);
  if (im?.stats) out.push(['import ≥ 2,000 forms/s on one core', `${fmt(im.stats.median)} forms/s`, im.stats.median >= 2000]);
  const exp = results.find((r) => r.section === 'text' && r.peer === 'floor reader');
  if (exp?.ratioToPeer) out.push([`extract of one export ≥ 0.6× the floor reader (whole process)`, `${fmt(exp.ratioToPeer.median, 2)}×`, exp.ratioToPeer.median >= 0.6]);
  if (exp?.rssMiB) out.push([`peak memory of that extract ≤ 300 MiB`, `${fmt(exp.rssMiB.median)} MiB`, exp.rssMiB.median <= 300]);
  const imp = results.find((r) => r.section === 'import' && r.peer === 'floor reader');
  if (imp?.ratioToPeer) out.push([`import of 250 files × 4 forms ≥ 0.4× the floor reader (whole process)`, `${fmt(imp.ratioToPeer.median, 2)}×`, imp.ratioToPeer.median >= 0.4]);
  const scans = results.filter((r) => r.section === 'scan' && !r.peerOf && !r.once);
  const nat = results.find((r) => r.peerOf === 'scan');
  for (const engine of [...new Set(scans.map((r) => r.engine))]) {
    const one = scans.find((r) => r.engine === engine && r.workers === 1);
    const two = scans.find((r) => r.engine === engine && r.workers === 2);
    const tag = `${engine}${one?.defaultEngine ? ', the default' : ''}`;
    if (one?.ratioToPeer) out.push([`OCR per page no slower than native tesseract (${tag})`, `${fmt(one.ratioToPeer.median, 2)}× its time with 1 worker`, one.ratioToPeer.median <= 1]);
    if (one?.cpuRatioToPeer) out.push([`OCR CPU time per page no more than native tesseract's (${tag})`, `${fmt(one.cpuRatioToPeer.median, 2)}× with 1 worker`, one.cpuRatioToPeer.median <= 1]);
    if (one?.cer && nat?.cer) out.push([`OCR error rate lower than native tesseract (${tag})`, `CER ${fmt(one.cer.median, 3)} vs ${fmt(nat.cer.median, 3)}`, one.cer.median < nat.cer.median]);
    if (two?.speedupOverOne) out.push([`two workers ≥ 1.8× one (${tag})`, `${fmt(two.speedupOverOne.median, 2)}×`, two.speedupOverOne.median >= 1.8]);
  }
  return out;
}

const machine = describeMachine();
const date = new Date().toISOString();
const work = mkdtempSync(join(tmpdir(), 'declx-bench-'));
const started = performance.now();
log(`declx bench ${date} on ${machine.cpu}, ${machine.nproc ?? machine.cores} cores, ${machine.memTotalGiB} GiB, Node ${machine.node}${opts.quick ? ' (quick)' : ''}`);
try {
  for (const [section, run] of [
    ['text', () => benchText(work)],
    ['text', () => benchTextExport(work)],
    ['import', () => benchImport(work)],
    ['pdf', benchPdf],
    ['scan', benchScans],
  ]) {
    if (!wants(section)) continue;
    try {
      await run();
    } catch (err) {
      skip(section, `failed: ${String(err.message ?? err).split('\n')[0]}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const headers = ['section', 'what', 'unit', 'median', 'min–max', 'peak RSS MiB', 'beside the peer'];
const rows = tableRows();
const goal = targets();
const text = [
  `declx bench, ${date.slice(0, 16).replace('T', ' ')} UTC, ${machine.cpu}, ${machine.nproc ?? machine.cores} cores, ${machine.memTotalGiB} GiB RAM, Node ${machine.node}; ${opts.runs} runs each${opts.quick ? ' (--quick)' : ''}`,
  '',
  formatTable(headers, rows),
  ...skipped.map((s) => `skipped: ${s.section}: ${s.why}`),
  '',
  ...goal.map(([what, where, met]) => `${met ? 'met    ' : 'not met'}  ${what}: ${where}`),
].join('\n');
process.stdout.write(`\n${text}\n`);
if (opts.markdown) process.stdout.write(`\n${formatTable(headers, rows, { markdown: true })}\n`);

mkdirSync(dirname(opts.out), { recursive: true });
writeFileSync(
  opts.out,
  `${JSON.stringify(
    {
      date,
      machine,
      options: { runs: opts.runs, forms: opts.forms, ocrPages: opts.ocrPages, pdfPasses: opts.pdfPasses, quick: opts.quick },
      results,
      skipped,
      targets: goal.map(([what, where, met]) => ({ what, where, met })),
      markdown: formatTable(headers, rows, { markdown: true }),
    },
    null,
    2,
  )}\n`,
);
log(`written: ${relative(process.cwd(), opts.out) || opts.out}; the bench took ${fmt((performance.now() - started) / 1000)} s`);
