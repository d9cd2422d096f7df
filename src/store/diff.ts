/** What changed between two versions of a record, field by field (for reextract's report). */
import type { DeclarationRecord } from '../model.js';

/** One changed value: SPEC field path (e.g. `overview`, `indicators[2].target`), old and new. */
export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

/**
 * Flattens a record into SPEC field paths and leaf values (source left out: it says where, not
 * what). Arrays (budget items, indicators, issues) give `name[i].part`; targetParsed stays one value.
 */
export function recordToFlat(record: DeclarationRecord): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(record)) {
    if (key === 'source') continue;
    if (Array.isArray(value)) {
      out.set(`${key}.length`, value.length);
      value.forEach((item: Record<string, unknown>, i) => {
        for (const [part, v] of Object.entries(item)) out.set(`${key}[${i}].${part}`, v);
      });
      continue;
    }
    out.set(key, value);
  }
  return out;
}

/** The fields whose values differ between two records, in the order of the new record. */
export function recordsToChanges(before: DeclarationRecord, after: DeclarationRecord): FieldChange[] {
  const a = recordToFlat(before);
  const b = recordToFlat(after);
  const changes: FieldChange[] = [];
  const same = (x: unknown, y: unknown): boolean => JSON.stringify(x ?? null) === JSON.stringify(y ?? null);
  for (const [field, value] of b) if (!same(a.get(field), value)) changes.push({ field, old: a.get(field) ?? null, new: value });
  for (const [field, value] of a) if (!b.has(field)) changes.push({ field, old: value, new: null });
  return changes;
}
