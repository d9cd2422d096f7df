/** Text PDFs: pdf.js text layer and ruling lines; pages without a usable text layer go to the scan reader. */
import { pdfToRows, readPdf } from '../src/pdf/read-pdf.js';
import type { Stage } from '../src/pipeline.js';
import { formStages } from './common.js';

export const pdfPipeline: readonly Stage[] = [readPdf, pdfToRows, ...formStages];
