/** Page images (PNG, JPEG, TIFF): table structure from pixels, OCR per cell, ticks from pixels. */
import { InputError } from '../src/errors.js';
import type { Stage } from '../src/pipeline.js';

const notYet: Stage = (doc) => {
  throw new InputError('unsupported', `${doc.source.path}: image input is not supported yet`);
};
export const imagePipeline: readonly Stage[] = [notYet];
