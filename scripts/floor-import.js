#!/usr/bin/env node
// The floor of `import`: the floor reader (scripts/floor-reader.js) over every file of a folder,
// its records inserted into a new database of declx's own schema in one transaction, the
// full-text index included. No identity keys, versions, issues or provenance: a yardstick for
// `declx import` beside the plain floor reader, not an importer to use. Needs `npm run build`.
//
//   node scripts/floor-import.js DIR DB
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileToRecords } from './floor-reader.js';

const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;
const { openStoreForWriting } = await import(dist('src/store/open.js'));
const { SCALAR_COLUMNS, SEARCH_TEXT_COLUMNS } = await import(dist('src/store/schema.js'));
const { recordToSearchText } = await import(dist('src/store/write.js'));

const [dir, dbPath] = process.argv.slice(2);
const db = openStoreForWriting(dbPath);
const now = new Date().toISOString();
const runId = Number(db.prepare(`INSERT INTO runs (command, pipeline_version, options, started_at) VALUES ('import', 'floor', '{}', ?)`).run(now).lastInsertRowid);
const columns = ['lineage_id', 'version', 'is_current', 'source_id', 'form_index', 'form_pages', 'run_id', 'pipeline_version', 'confidence', 'created_at', ...SCALAR_COLUMNS.map(([, c]) => c)];
const insertSource = db.prepare(`INSERT INTO sources (sha256, path, parts, kind, bytes, pages, first_seen) VALUES (?, ?, ?, 'text', 0, 1, ?)`);
const insertLineage = db.prepare(`INSERT INTO lineages DEFAULT VALUES`);
const insertDeclaration = db.prepare(`INSERT INTO declarations (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
const insertItem = db.prepare(`INSERT INTO budget_items (declaration_id, position, name, amount) VALUES (?, ?, ?, ?)`);
const insertIndicator = db.prepare(`INSERT INTO indicators (declaration_id, position, category, name, target) VALUES (?, ?, ?, ?, ?)`);
const ftsColumns = [...SEARCH_TEXT_COLUMNS, 'indicators', 'budget_items'];
const insertFts = db.prepare(`INSERT INTO declarations_fts (rowid, ${ftsColumns.join(', ')}) VALUES (?, ${ftsColumns.map(() => '?').join(', ')})`);

db.transaction(() => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    let sourceId = null;
    fileToRecords(path, (r) => {
      sourceId ??= Number(insertSource.run(r.source.sha256, path, JSON.stringify([resolve(path)]), now).lastInsertRowid);
      const lineage = insertLineage.run().lastInsertRowid;
      const id = Number(
        insertDeclaration.run(lineage, 1, 1, sourceId, r.source.formIndex, '[1]', runId, 'floor', 1, now, ...SCALAR_COLUMNS.map(([f]) => r[f] ?? null)).lastInsertRowid,
      );
      r.budgetItems.forEach((b, i) => insertItem.run(id, i, b.name, b.amount ?? 0));
      r.indicators.forEach((x, i) => insertIndicator.run(id, i, x.category ?? 'output', x.name, x.target));
      insertFts.run(id, ...recordToSearchText(r));
    });
  }
})();
db.close();
