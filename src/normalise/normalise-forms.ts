/** Stage: normalises every mapped form into its record. */
import type { Doc, Form, Issue } from '../model.js';
import type { Stage } from '../pipeline.js';
import { fieldsToRecord } from './fields-to-record.js';

/** The file's own issues that concern a form: those on one of its pages, and those of the whole file (no page). */
const docIssuesOfForm = (doc: Doc, form: Form): Issue[] => doc.issues.filter((i) => i.page === null || form.pages.includes(i.page));

/** One mapped form with its record and provenance (a form without fields is returned as it is). */
export function normaliseForm(doc: Doc, form: Form): Form {
  if (!form.fields) return form;
  const normalised = fieldsToRecord({ fields: form.fields, units: form.amountUnits ?? {}, issues: [] });
  const issues = [...docIssuesOfForm(doc, form), ...form.issues, ...normalised.issues];
  return {
    ...form,
    provenance: normalised.provenance,
    issues,
    record: {
      ...normalised.record,
      source: { path: doc.source.path, sha256: doc.source.sha256, kind: doc.source.kind, formIndex: form.formIndex, pages: form.pages },
      issues: recordIssues(issues),
    },
  };
}

export const normaliseForms: Stage = (doc: Doc) => ({ ...doc, forms: doc.forms.map((form) => normaliseForm(doc, form)) });

/** Issues as the record carries them (without page and bbox, which stay on the form). */
export const recordIssues = (issues: readonly Issue[]): NonNullable<Form['record']>['issues'] =>
  issues.map(({ field, code, severity, message }) => ({ field, code, severity, message }));
