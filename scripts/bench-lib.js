// Helpers for scripts/bench.js: statistics, the text CER compares, the machine's description,
// running a measured child (ours: a Node child reporting process.resourceUsage(); peers: an
// external command whose peak RSS comes from GNU time or from polling /proc/PID/status).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, freemem, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

/** Median, min and max of numbers (null when there are none). */
export function summarise(values) {
  const xs = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = Math.floor(xs.length / 2);
  const median = xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
  return { median, min: xs[0], max: xs[xs.length - 1], n: xs.length };
}

/** Text as CER compares it: NFKC, tags and entities gone, tick boxes gone, no whitespace. */
export function normaliseForCer(text) {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .normalize('NFKC')
    .replace(/[☑☐■□☒✓√]/g, '')
    .replace(/\s+/g, '');
}

/** The machine, for the table's header and bench.json. */
export function describeMachine() {
  const info = { node: process.version, platform: `${process.platform} ${process.arch}` };
  info.cores = cpus().length;
  try {
    const nproc = spawnSync('nproc', [], { encoding: 'utf8' });
    if (nproc.status === 0) info.nproc = Number(nproc.stdout.trim());
  } catch {
    /* nproc is optional */
  }
  info.cpu = cpus()[0]?.model?.trim() ?? 'unknown';
  if (existsSync('/proc/cpuinfo')) {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) info.cpu = m[1].trim();
  }
  info.memTotalGiB = Math.round((totalmem() / 2 ** 30) * 10) / 10;
  info.memFreeGiB = Math.round((freemem() / 2 ** 30) * 10) / 10;
  return info;
}

/** The full path of a command on PATH, or null. */
export function which(command) {
  const r = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

const CHILD = fileURLToPath(new URL('./bench-child.js', import.meta.url));

/**
 * Runs one measured task of ours in a fresh Node process (so its peak RSS is its own); resolves
 * to the child's report: `{elapsedMs, units, maxRssKiB, ...}`.
 */
export function runChild(task, args, { env = {}, timeoutMs = 15 * 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, task, JSON.stringify(args)], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, ...env },
    });
    let report = null;
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('message', (m) => (report = m));
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (report && !report.error) resolve(report);
      else reject(new Error(report?.error ?? `bench child ${task} exited with ${signal ?? code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

const GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0 ? '/usr/bin/time' : null;

/** Reads the peak RSS (VmHWM, KiB) of a running process, or null once it is gone. */
function readHwmKiB(pid) {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Runs an external command once; resolves to `{elapsedMs, maxRssKiB, cpuMs, stdout}`. Peak RSS
 * and CPU time (user + system) from GNU time when installed (`-f %M %U %S`; cpuMs is null
 * without it), peak RSS else by polling /proc/PID/status every few milliseconds (a very short run
 * may end before the first poll: then maxRssKiB is null).
 */
export function runPeer(command, args, { env = {}, captureStdout = false } = {}) {
  return new Promise((resolve, reject) => {
    const argv = GNU_TIME ? [GNU_TIME, '-f', '__PEAK_RSS_KIB=%M __CPU_S=%U+%S', command, ...args] : [command, ...args];
    const started = performance.now();
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', captureStdout ? 'pipe' : 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    let polled = null;
    const poll = GNU_TIME
      ? null
      : setInterval(() => {
          const v = readHwmKiB(child.pid);
          if (v !== null) polled = Math.max(polled ?? 0, v);
        }, 3);
    child.stdout?.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const elapsedMs = performance.now() - started;
      if (poll) clearInterval(poll);
      if (code !== 0) return reject(new Error(`${command} exited with ${code}: ${stderr.trim().split('\n').slice(-2).join(' | ')}`));
      const m = /__PEAK_RSS_KIB=(\d+)/.exec(stderr);
      const cpu = /__CPU_S=([\d.]+)\+([\d.]+)/.exec(stderr);
      resolve({ elapsedMs, maxRssKiB: m ? Number(m[1]) : polled, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null, stdout });
    });
  });
}

/** Number formatting for the table. */
export function fmt(x, digits = 0) {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Display width of a string (CJK and other wide characters count two columns). */
function width(s) {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

/** A plain-text table, columns padded (numbers right-aligned), as a Markdown table too. */
export function formatTable(headers, rows, { markdown = false } = {}) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ''))));
  const numeric = headers.map((_, i) => rows.every((r) => /^[—\d.,×x%-]*$/.test(String(r[i] ?? '').replace(/ /g, ''))));
  const pad = (s, i) => (numeric[i] ? ' '.repeat(widths[i] - width(s)) + s : s + ' '.repeat(widths[i] - width(s)));
  const line = (r) => (markdown ? `| ${r.map(pad).join(' | ')} |` : r.map(pad).join('  ').trimEnd());
  const out = [line(cells[0])];
  out.push(markdown ? `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|` : widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) out.push(line(r));
  return out.join('\n');
}
