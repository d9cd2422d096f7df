/**
 * Text PDFs: pdf.js text layer and ruling lines; pages without a usable text layer are read by
 * the scan reader (OCR), then every page becomes grid rows.
 */
import { ocrPagesWithoutText, pdfToRows, readPdfTextLayer } from '../src/pdf/read-pdf.js';
import type { Stage } from '../src/pipeline.js';
import { formStages } from './common.js';

export const pdfPipeline: readonly Stage[] = [readPdfTextLayer, ocrPagesWithoutText, pdfToRows, ...formStages];
