/**
 * Where stored sources are on disk: an archive that moved is told its new place (`relocate`), and
 * an import that meets stored content at a new place while the old one is gone updates it.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Db } from './open.js';

/** `path` moved from under `from` to under `to` (absolute folders), or null when it is not under `from`. */
export function pathToMoved(path: string, from: string, to: string): string | null {
  if (path === from) return to;
  const prefix = from.endsWith(sep) ? from : from + sep;
  return path.startsWith(prefix) ? resolve(to, path.slice(prefix.length)) : null;
}

/** The path to show for a moved file: relative if the stored one was, from the current folder. */
function displayPath(stored: string, movedAbsolute: string): string {
  return isAbsolute(stored) ? movedAbsolute : relative(process.cwd(), movedAbsolute) || '.';
}

/** What a relocation did: sources moved, and sources under the old folder not found under the new one (left as they were). */
export interface RelocateOutcome {
  moved: { id: number; from: string; to: string }[];
  notFound: { id: number; path: string; missing: string }[];
}

/** Points every source stored under folder `from` at the same place under `to`, if its files are there. */
export function relocateSources(db: Db, from: string, to: string): RelocateOutcome {
  const fromAbs = resolve(from);
  const toAbs = resolve(to);
  const outcome: RelocateOutcome = { moved: [], notFound: [] };
  const rows = db.prepare(`SELECT id, path, parts FROM sources ORDER BY path, id`).all() as { id: number; path: string; parts: string }[];
  const update = db.prepare(`UPDATE sources SET path = ?, parts = ? WHERE id = ?`);
  db.transaction(() => {
    for (const row of rows) {
      const parts = JSON.parse(row.parts) as string[];
      const moved = parts.map((p) => pathToMoved(p, fromAbs, toAbs));
      if (moved.some((p) => p === null)) continue;
      const missing = (moved as string[]).find((p) => !existsSync(p));
      if (missing !== undefined) {
        outcome.notFound.push({ id: row.id, path: row.path, missing });
        continue;
      }
      const movedPath = pathToMoved(resolve(row.path), fromAbs, toAbs);
      const path = movedPath === null ? row.path : displayPath(row.path, movedPath);
      update.run(path, JSON.stringify(moved), row.id);
      outcome.moved.push({ id: row.id, from: row.path, to: path });
    }
  }).immediate();
  return outcome;
}

/**
 * Content already stored met again at `path`: when none of its stored files is where it was
 * stored from (the archive moved) and this place holds it, the source now points here. A copy,
 * whose first place still exists, changes nothing. Returns true when the place was updated.
 */
export function updateMovedSource(db: Db, sha256: string, path: string, parts: readonly string[]): boolean {
  const row = db.prepare(`SELECT id, parts FROM sources WHERE sha256 = ?`).get(sha256) as { id: number; parts: string } | undefined;
  if (!row) return false;
  const stored = JSON.parse(row.parts) as string[];
  if (JSON.stringify(stored) === JSON.stringify(parts) || stored.some((p) => existsSync(p))) return false;
  db.prepare(`UPDATE sources SET path = ?, parts = ? WHERE id = ?`).run(path, JSON.stringify(parts), row.id);
  return true;
}
