/** Stages shared by every scanned input: the page images become rows (see src/scan/). */
export { readImages } from '../src/scan/read-images.js';
export { readScannedPdfPages } from '../src/scan/scanned-pdf.js';
