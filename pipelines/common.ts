/** The stages every pipeline ends with, once a reader has filled `doc.rows`. */
import { mapForms } from '../src/map/map-forms.js';
import { normaliseForms } from '../src/normalise/normalise-forms.js';
import type { Stage } from '../src/pipeline.js';
import { splitForms } from '../src/segment/split-forms.js';
import { validateForms } from '../src/validate/validate-forms.js';

export const formStages: readonly Stage[] = [splitForms, mapForms, normaliseForms, validateForms];
