/** Stage: maps every form's rows to raw field values. */
import type { Doc } from '../model.js';
import type { Stage } from '../pipeline.js';
import { rowsToFields } from './map-fields.js';

export const mapForms: Stage = (doc: Doc) => ({
  ...doc,
  forms: doc.forms.map((form) => {
    const { fields, units, issues } = rowsToFields(form.rows);
    return { ...form, fields, amountUnits: units, issues: [...form.issues, ...issues] };
  }),
});
