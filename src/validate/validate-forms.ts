/** Stage: validates every normalised form's record and adds what it doubts to the form's issues. */
import type { Doc } from '../model.js';
import { recordIssues } from '../normalise/normalise-forms.js';
import type { Stage } from '../pipeline.js';
import { validateRecord } from './validate-record.js';

export const validateForms: Stage = (doc: Doc) => ({
  ...doc,
  forms: doc.forms.map((form) => {
    if (!form.record) return form;
    const issues = [...form.issues, ...validateRecord({ record: form.record, provenance: form.provenance ?? {}, issues: [] })];
    return { ...form, issues, record: { ...form.record, issues: recordIssues(issues) } };
  }),
});
