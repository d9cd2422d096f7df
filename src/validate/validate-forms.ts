/** Stage: validates every normalised form's record and adds what it doubts to the form's issues. */
import type { Doc, Form } from '../model.js';
import { recordIssues } from '../normalise/normalise-forms.js';
import type { Stage } from '../pipeline.js';
import { validateRecord } from './validate-record.js';

/** One normalised form with what validation doubts added to its issues and its record's. */
export function validateForm(form: Form): Form {
  if (!form.record) return form;
  const issues = [...form.issues, ...validateRecord({ record: form.record, provenance: form.provenance ?? {}, issues: form.issues })];
  return { ...form, issues, record: { ...form.record, issues: recordIssues(issues) } };
}

export const validateForms: Stage = (doc: Doc) => ({ ...doc, forms: doc.forms.map(validateForm) });
