/** Text PDFs (pdf.js text layer and ruling lines); pages without text go to the scan stages. */
import { InputError } from '../src/errors.js';
import type { Stage } from '../src/pipeline.js';

const notYet: Stage = (doc) => {
  throw new InputError('unsupported', `${doc.source.path}: PDF input is not supported yet`);
};
export const pdfPipeline: readonly Stage[] = [notYet];
