/**
 * Turning command-line paths into inputs: folders walked recursively (sorted, so runs are
 * repeatable; each real file and folder visited once, so symlink loops and two links to one file
 * do no harm), and the page images of one scanned form grouped into one input.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { InputGroup } from './read-input.js';

/**
 * `STEM-2.jpg`, `STEM_2.png`, `STEM.scan-2.tif`: a page number after the last `-` or `_`, without
 * leading zeros (a camera's `IMG_0001.jpg` is a counter, not a page number).
 */
const PAGE_IMAGE = /^(.+)[-_]([1-9]\d{0,2})\.(png|jpe?g|tiff?|gif|bmp|webp)$/i;

/** Files that are never forms: hidden files, our own database, editor backups. */
const IGNORED = /^\.|\.(sqlite|sqlite-wal|sqlite-shm|db|json|md)$|~$/i;

export interface CollectedInputs {
  groups: InputGroup[];
  /** Paths that could not be walked, each with a reason. */
  errors: { path: string; message: string }[];
}

interface Walk {
  files: string[];
  errors: CollectedInputs['errors'];
  /** Real paths already visited: a folder reached twice (a symlink loop) or a file linked twice is taken once. */
  seen: Set<string>;
}

async function walk(path: string, state: Walk, top: boolean): Promise<void> {
  let info;
  let real;
  try {
    info = await stat(path);
    real = await realpath(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file or folder' : code === 'ELOOP' ? 'symbolic link loop' : `cannot be read (${code})`;
    state.errors.push({ path, message: `${path}: ${reason}` });
    return;
  }
  if (state.seen.has(real)) return;
  state.seen.add(real);
  if (info.isDirectory()) {
    let names: string[];
    try {
      names = (await readdir(path)).sort();
    } catch (err) {
      state.errors.push({ path, message: `${path}: folder cannot be read (${(err as NodeJS.ErrnoException).code})` });
      return;
    }
    for (const name of names) {
      if (IGNORED.test(name)) continue;
      await walk(join(path, name), state, false);
    }
  } else if (top || !IGNORED.test(basename(path))) {
    state.files.push(path);
  }
}

/** A path read as a page image: its stem (folder included), page number and extension. */
function pathToPage(path: string): { stem: string; page: number; ext: string } | null {
  const m = PAGE_IMAGE.exec(basename(path));
  return m ? { stem: join(dirname(path), m[1]!), page: Number(m[2]), ext: m[3]!.toLowerCase().replace('jpeg', 'jpg').replace('tiff', 'tif') } : null;
}

/**
 * Groups page images that are plainly the pages of one document: the same stem and extension,
 * numbered 1, 2, … N with none missing and none twice, N ≥ 2. Anything else (`budget_2017.png`
 * beside `budget_2018.png`, pages 1, 2 and 4) stays one input per file. Keeps the input order,
 * a group standing where its first page was.
 */
export function pathsToGroups(paths: readonly string[]): InputGroup[] {
  const byStem = new Map<string, { page: number; path: string }[]>();
  for (const path of paths) {
    const p = pathToPage(path);
    if (!p) continue;
    const key = `${p.stem}\u0000${p.ext}`;
    byStem.set(key, [...(byStem.get(key) ?? []), { page: p.page, path }]);
  }
  const groupOf = new Map<string, string[]>();
  for (const pages of byStem.values()) {
    const sorted = [...pages].sort((a, b) => a.page - b.page);
    const plain = sorted.length >= 2 && sorted.every((p, i) => p.page === i + 1);
    if (plain) for (const p of sorted) groupOf.set(p.path, sorted.map((q) => q.path));
  }
  const out: InputGroup[] = [];
  const placed = new Set<string>();
  for (const path of paths) {
    const parts = groupOf.get(path);
    if (!parts) out.push({ path, parts: [path] });
    else if (!placed.has(parts[0]!)) {
      placed.add(parts[0]!);
      out.push({ path: parts[0]!, parts });
    }
  }
  return out;
}

/** Every input under the given paths, page images grouped, with the paths that failed. */
export async function collectInputs(paths: readonly string[]): Promise<CollectedInputs> {
  const state: Walk = { files: [], errors: [], seen: new Set() };
  for (const p of paths) await walk(p, state, true);
  return { groups: pathsToGroups(state.files), errors: state.errors };
}
