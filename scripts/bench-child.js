// One measured run of the bench, in its own process so that its peak RSS is its own. Started by
// scripts/bench.js as `node bench-child.js TASK JSON-ARGS` with an IPC channel; sends back
// `{elapsedMs, units, maxRssKiB, ...}` (or `{error}`) and exits. Runs from dist/.
import { Writable } from 'node:stream';

const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;

/** A stream that swallows what is written to it (the CLI's output goes nowhere, as to /dev/null). */
const sink = () => Object.assign(new Writable({ write: (_chunk, _enc, cb) => cb() }), { isTTY: false });

/** `declx extract DIR --format jsonl`, output discarded: forms per second on one core. */
async function extract({ dir }) {
  const { extractPaths } = await import(dist('src/app/extract.js'));
  const { createRecordWriter } = await import(dist('src/cli/extract.js'));
  const started = performance.now();
  const writer = createRecordWriter('jsonl', sink());
  let units = 0;
  const { failed } = await extractPaths([dir], { ocr: 'tesseract' }, { records: (r) => ((units += r.length), writer.write(r)), failure: () => undefined });
  writer.end();
  return { elapsedMs: performance.now() - started, units, failed };
}

/** `declx import DIR --db DB --concurrency N` into a fresh database: forms per second. */
async function importRun({ dir, db, concurrency }) {
  const { importPaths } = await import(dist('src/app/import.js'));
  const started = performance.now();
  const tally = await importPaths([dir], { db, concurrency, ocr: 'tesseract' });
  const elapsedMs = performance.now() - started;
  // Every form stored or compared: new, new versions, unchanged, superseded.
  const units = Object.values(tally.forms).reduce((n, k) => n + k, 0);
  const summary = `${tally.files} files: ${tally.stored} stored, ${tally.skipped} skipped, ${tally.failed} failed`;
  return { elapsedMs, units: units || null, exitCode: tally.failed > 0 ? 1 : 0, summary };
}

/** Text PDFs through our pipeline, `passes` times over the same files: pages per second. */
async function pdf({ files, passes }) {
  const { extractInput } = await import(dist('src/extract.js'));
  let pages = 0;
  const perFile = [];
  const started = performance.now();
  for (let pass = 0; pass < passes; pass++) {
    for (const path of files) {
      try {
        const doc = await extractInput({ path, parts: [path] });
        pages += doc.source.pages;
        if (pass === 0) perFile.push({ path, pages: doc.source.pages, forms: doc.forms.length });
      } catch (err) {
        if (pass === 0) perFile.push({ path, error: String(err.message).split('\n')[0] });
      }
    }
  }
  return { elapsedMs: performance.now() - started, units: pages, perFile };
}

/** Scanned pages through our image pipeline with an OCR engine and N workers: seconds per page. */
async function ocr({ images, workers, engine = 'tesseract', secondReading = true }) {
  const { extractInput } = await import(dist('src/extract.js'));
  const { makeOcrProvider } = await import(dist('src/app/ocr.js'));
  const provider = makeOcrProvider(engine, { workers });
  const initStarted = performance.now();
  await provider.get();
  const initMs = performance.now() - initStarted;
  const results = [];
  let pages = 0;
  const started = performance.now();
  try {
    for (const path of images) {
      const t0 = performance.now();
      const doc = await extractInput({ path, parts: [path] }, { ocr: provider, secondReading });
      pages += doc.source.pages;
      // The OCR'd text of the page in reading order: every cell of every row.
      const text = doc.rows.map((r) => r.cells.map((c) => c.text).join(' ')).join('\n');
      results.push({ path, ms: performance.now() - t0, text, records: doc.forms.map((f) => f.record) });
    }
  } finally {
    await provider.close();
  }
  return { elapsedMs: performance.now() - started, initMs, units: pages, results };
}

const TASKS = { extract, import: importRun, pdf, ocr };

const [task, json] = process.argv.slice(2);
try {
  const run = TASKS[task];
  if (!run) throw new Error(`unknown bench task ${task}`);
  const cpu0 = process.cpuUsage();
  const report = await run(JSON.parse(json ?? '{}'));
  const cpu = process.cpuUsage(cpu0);
  // maxRSS is in KiB on Linux: the peak resident set of this whole process (workers included).
  // cpuMs: user + system time of the run (module loading included), to tell a busy machine's
  // waiting from our own work.
  process.send({ ...report, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKiB: process.resourceUsage().maxRSS });
} catch (err) {
  process.send({ error: `${task}: ${err?.stack ?? err}` });
}
process.disconnect();
