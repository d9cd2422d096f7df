/** The review page's HTML shell: styles inline, the compiled front end as a module, nothing from the network. */

const CSS = `
:root { --err: #c62828; --warn: #ef6c00; --ok: #2e7d32; --fix: #1565c0; --conf: #6a1b9a; font-family: system-ui, "Noto Sans CJK SC", sans-serif; font-size: 14px; }
body { margin: 0; display: grid; grid-template-columns: 300px 1fr 1fr; height: 100vh; }
#queue, #fields, #source { overflow: auto; padding: 8px; border-right: 1px solid #ddd; }
#queue h2, #fields h2, #source h2 { font-size: 15px; margin: 4px 0 8px; }
.filters select, .filters input { width: 100%; margin-bottom: 4px; }
.counts { color: #555; margin: 6px 0; }
.q { padding: 4px 6px; border-left: 4px solid #ccc; margin-bottom: 3px; cursor: pointer; }
.q.error { border-color: var(--err); } .q.warning { border-color: var(--warn); } .q.low { border-color: #999; }
.q.active { background: #e3f2fd; }
.f { display: grid; grid-template-columns: 190px 1fr; gap: 4px; padding: 3px 4px; border-left: 4px solid transparent; }
.f.doubted { border-color: var(--warn); background: #fff3e0; } .f.corrected { border-color: var(--fix); } .f.confirmed { border-color: var(--conf); }
.f.conflict { border-color: var(--err); background: #ffebee; }
.f.selected { outline: 2px solid #1976d2; }
.f .path { font-family: monospace; font-size: 12px; color: #333; }
.f .value { white-space: pre-wrap; word-break: break-all; }
.f .issue { grid-column: 2; color: var(--warn); font-size: 12px; }
.f.conflict .issue { color: var(--err); }
.editor { grid-column: 1 / 3; background: #f5f5f5; padding: 6px; }
.editor textarea, .editor input, .editor select { width: 100%; box-sizing: border-box; }
.parsed { font-family: monospace; font-size: 12px; margin-top: 3px; }
.parsed.bad { color: var(--err); }
#status { position: fixed; bottom: 0; left: 300px; right: 0; background: #263238; color: #fff; padding: 4px 8px; font-size: 12px; }
.pagewrap { position: relative; display: inline-block; width: 100%; }
.pagewrap img { width: 100%; display: block; }
.pagewrap svg { position: absolute; inset: 0; width: 100%; height: 100%; }
svg rect { fill: transparent; stroke-width: 1.5; cursor: pointer; }
rect.fine { stroke: var(--ok); } rect.doubted { stroke: var(--warn); stroke-width: 2.5; } rect.corrected { stroke: var(--fix); stroke-width: 2.5; }
rect.confirmed { stroke: var(--conf); } rect.conflict { stroke: var(--err); stroke-width: 3; } rect.selected { fill: rgba(25, 118, 210, 0.25); }
.rowtext { font-family: monospace; white-space: pre-wrap; background: #fafafa; padding: 4px; border-left: 3px solid #ccc; margin-bottom: 4px; }
.rowtext.selected { border-color: #1976d2; background: #e3f2fd; }
kbd { border: 1px solid #999; border-radius: 3px; padding: 0 3px; font-size: 11px; }
`;

/** The page; the token is given to the script for the write header (the page is only served to token holders). */
export function reviewPageHtml(token: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>declx review</title>
<meta name="declx-token" content="${token.replace(/[^A-Za-z0-9_-]/g, '')}">
<style>${CSS}</style></head>
<body>
<section id="queue"><h2>Queue</h2><div class="filters"></div><div class="counts"></div><div class="list"></div></section>
<section id="fields"><h2>Declaration</h2><div class="help"><kbd>j</kbd>/<kbd>k</kbd> next/previous doubt · <kbd>a</kbd> accept · <kbd>e</kbd> edit · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> save · <kbd>Esc</kbd> cancel</div><div class="list"></div></section>
<section id="source"><h2>Source</h2><div class="pages"></div></section>
<div id="status">loading…</div>
<script type="module" src="/app.js"></script>
</body></html>
`;
}
