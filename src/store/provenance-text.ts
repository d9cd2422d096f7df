/**
 * Provenance without copies: a field's source text is stored only where it differs from the
 * value stored for that field (a scalar column, or a budget item's or indicator's part). Prose
 * and names, almost all of a form's text, are read as the value itself, so provenance holds the
 * page, box, reader and confidence, and points at the value instead of holding its text again.
 */
import type { DeclarationRecord } from '../model.js';
import { recordToValue, textToFieldPath } from './field-paths.js';

/** The text stored for the field's value, or undefined when the value is not text (or the field is none). */
function valueText(record: DeclarationRecord, field: string): string | undefined {
  let value: unknown;
  try {
    value = recordToValue(record, textToFieldPath(field));
  } catch {
    return undefined;
  }
  return typeof value === 'string' ? value : undefined;
}

/** What to store as a field's provenance text: null when it is exactly the field's stored value. */
export function provenanceTextToStored(record: DeclarationRecord, field: string, text: string): string | null {
  return valueText(record, field) === text ? null : text;
}

/** A field's provenance text from what was stored (null: the field's value, from the same record as stored). */
export function storedToProvenanceText(record: DeclarationRecord, field: string, stored: string | null): string {
  if (stored !== null) return stored;
  const text = valueText(record, field);
  // Written null only when equal to a text value, which is never changed in place.
  if (text === undefined) throw new Error(`provenance of ${field}: stored as its value, but the value is not text`);
  return text;
}
