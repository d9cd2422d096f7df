/** Stage: maps every form's rows to raw field values. */
import type { Doc, Form } from '../model.js';
import type { Stage } from '../pipeline.js';
import { rowsToFields } from './map-fields.js';

/** One form's rows mapped to raw field values, the units its labels name and its doubts. */
export function mapForm(form: Form): Form {
  const { fields, units, issues } = rowsToFields(form.rows);
  return { ...form, fields, amountUnits: units, issues: [...form.issues, ...issues] };
}

export const mapForms: Stage = (doc: Doc) => ({ ...doc, forms: doc.forms.map(mapForm) });
