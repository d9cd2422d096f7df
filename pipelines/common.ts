/** The stages every pipeline ends with, once a reader has filled `doc.rows`. */
import { mapForm, mapForms } from '../src/map/map-forms.js';
import type { Doc, Form, Row } from '../src/model.js';
import { normaliseForm, normaliseForms } from '../src/normalise/normalise-forms.js';
import type { Stage } from '../src/pipeline.js';
import { rowsToFormStream, splitForms } from '../src/segment/split-forms.js';
import { validateForm, validateForms } from '../src/validate/validate-forms.js';

export const formStages: readonly Stage[] = [splitForms, mapForms, normaliseForms, validateForms];

/**
 * The same stages a form at a time, over rows a reader yields one by one: each form is mapped,
 * normalised and validated as soon as its rows are read, and its rows are then dropped (nothing
 * after the validation reads them), so a long export is never held whole as rows. `readError`
 * turns an error of the reader into the file's InputError.
 */
/** Forms read between two pauses of `formByForm` for the event loop. */
const FORMS_BETWEEN_PAUSES = 50;

export const formByForm =
  (readRows: (doc: Doc) => Iterable<Row>, readError: (doc: Doc, err: unknown) => unknown): Stage =>
  async (doc, ctx) => {
    const forms: Form[] = [];
    let pages = 0;
    function* counted(rows: Iterable<Row>): Generator<Row> {
      for (const row of rows) {
        pages = row.page;
        yield row;
      }
    }
    try {
      for (const form of rowsToFormStream(counted(readRows(doc)))) {
        // Now and then timers run (a file's time limit, Ctrl-C), also when this runs on the main thread.
        if (forms.length % FORMS_BETWEEN_PAUSES === FORMS_BETWEEN_PAUSES - 1) await new Promise((resolve) => setImmediate(resolve));
        ctx.signal?.throwIfAborted();
        forms.push({ ...validateForm(normaliseForm(doc, mapForm(form))), rows: [] });
      }
    } catch (err) {
      throw readError(doc, err);
    }
    return { ...doc, forms, source: { ...doc.source, pages } };
  };
