/**
 * Turning command-line paths into inputs: folders walked recursively (sorted, so runs are
 * repeatable), and the page images of one scanned form (`NAME-1.jpg`, `NAME-2.jpg`, or
 * `NAME.scan-1.jpg` …) grouped into one input.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { InputGroup } from './read-input.js';

const IMAGE_EXT = /\.(png|jpe?g|tiff?|gif|bmp|webp)$/i;
/** `STEM-3.jpg`, `STEM_3.png`, `STEM.scan-3.tif`: a page number after the last `-` or `_`. */
const PAGE_IMAGE = /^(.+)[-_](\d{1,4})\.(png|jpe?g|tiff?|gif|bmp|webp)$/i;

/** Files that are never forms: hidden files, our own database, editor backups. */
const IGNORED = /^\.|\.(sqlite|sqlite-wal|sqlite-shm|db|json|md)$|~$/i;

export interface CollectedInputs {
  groups: InputGroup[];
  /** Paths that could not be walked, each with a reason. */
  errors: { path: string; message: string }[];
}

async function walk(path: string, out: string[], errors: CollectedInputs['errors'], top: boolean): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    errors.push({ path, message: `${path}: ${code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${code})`}` });
    return;
  }
  if (info.isDirectory()) {
    let names: string[];
    try {
      names = (await readdir(path)).sort();
    } catch (err) {
      errors.push({ path, message: `${path}: folder cannot be read (${(err as NodeJS.ErrnoException).code})` });
      return;
    }
    for (const name of names) {
      if (IGNORED.test(name)) continue;
      await walk(join(path, name), out, errors, false);
    }
  } else if (top || !IGNORED.test(basename(path))) {
    out.push(path);
  }
}

/** Groups page images that share a stem and differ only in their page number; keeps order. */
export function pathsToGroups(paths: readonly string[]): InputGroup[] {
  const byStem = new Map<string, { page: number; path: string }[]>();
  const order: (string | { stem: string })[] = [];
  for (const path of paths) {
    const m = PAGE_IMAGE.exec(basename(path));
    if (!m || !IMAGE_EXT.test(path)) {
      order.push(path);
      continue;
    }
    const stem = join(dirname(path), m[1]!);
    let pages = byStem.get(stem);
    if (!pages) {
      byStem.set(stem, (pages = []));
      order.push({ stem });
    }
    pages.push({ page: Number(m[2]), path });
  }
  return order.map((entry) => {
    if (typeof entry === 'string') return { path: entry, parts: [entry] };
    const pages = byStem.get(entry.stem)!.sort((a, b) => a.page - b.page);
    return { path: pages[0]!.path, parts: pages.map((p) => p.path) };
  });
}

/** Every input under the given paths, page images grouped, with the paths that failed. */
export async function collectInputs(paths: readonly string[]): Promise<CollectedInputs> {
  const files: string[] = [];
  const errors: CollectedInputs['errors'] = [];
  for (const p of paths) await walk(p, files, errors, true);
  return { groups: pathsToGroups(files), errors };
}
